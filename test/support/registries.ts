// Real registries (Debian's docker-registry, distribution 2.8) for tests that need auth:
// open, behind htpasswd basic auth, or behind a token server that lives in the test process.
// Each call gets its own process, port and folder, so tests can PUT and DELETE freely.
import { execFile, spawn } from 'node:child_process'
import { createSign, randomUUID, X509Certificate } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, get as httpGet, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { get as httpsGet } from 'node:https'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import bcrypt from 'bcryptjs'
import { freePort, stopProcess } from './processes.js'

export interface TestRegistry {
  url: string // http://127.0.0.1:PORT
  host: string // 127.0.0.1:PORT
  username: string // 'ci' for htpasswd/token, '' for open
  password: string // 's3cret'
  /**
   * token kind only: how many token requests the token endpoint answered, by outcome.
   * Counts every caller, registryFetch included; take a snapshot before the code under test runs.
   */
  tokenRequests: { granted: number; refused: number; scopes: string[] }
  stop(): Promise<void>
}

export type RegistryKind = 'open' | 'htpasswd' | 'token'

const USERNAME = 'ci'
const PASSWORD = 's3cret'
export const TOKEN_SERVICE = 'icat-test-registry'
export const TOKEN_ISSUER = 'icat-test-issuer'

const run = promisify(execFile)

export interface RegistryOptions {
  tokenTtlSeconds?: number
  /** distribution's maintenance mode: reads work, every push is refused. */
  readOnly?: boolean
  /** Serve HTTPS with a certificate nobody signed. */
  tls?: boolean
  /** false: manifest and blob DELETEs are refused (405), as by default in distribution. */
  deletes?: boolean
}

export async function startRegistry(kind: RegistryKind, options: RegistryOptions = {}): Promise<TestRegistry> {
  const dir = await mkdtemp(path.join(tmpdir(), `icat-registry-${kind}-`))
  const port = await freePort()
  const host = `127.0.0.1:${port}`
  const tokenRequests = { granted: 0, refused: 0, scopes: [] as string[] }
  let tokenServer: Server | undefined
  let child: ReturnType<typeof spawn> | undefined
  const stop = async () => {
    await stopProcess(child)
    if (tokenServer) await new Promise<void>((resolve) => tokenServer!.close(() => resolve()))
    await rm(dir, { recursive: true, force: true })
  }

  try {
    let auth = ''
    if (kind === 'htpasswd') {
      // distribution only accepts bcrypt entries in htpasswd files.
      await writeFile(path.join(dir, 'htpasswd'), `${USERNAME}:${bcrypt.hashSync(PASSWORD, 10)}\n`)
      auth = `auth:\n  htpasswd:\n    realm: icat-test\n    path: ${dir}/htpasswd\n`
    } else if (kind === 'token') {
      const signer = await makeSigningCert(dir)
      const tokenPort = await freePort()
      tokenServer = createServer((req, res) => answerTokenRequest(req, res, signer, tokenRequests, options.tokenTtlSeconds ?? 300))
      await new Promise<void>((resolve) => tokenServer!.listen(tokenPort, '127.0.0.1', resolve))
      auth =
        `auth:\n  token:\n    realm: http://127.0.0.1:${tokenPort}/token\n    service: ${TOKEN_SERVICE}\n` +
        `    issuer: ${TOKEN_ISSUER}\n    rootcertbundle: ${dir}/token.crt\n`
    }
    const config = path.join(dir, 'config.yml')
    await writeFile(
      config,
      `version: 0.1\nlog:\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\n  delete:\n    enabled: ${options.deletes ?? true}\n` +
        (options.readOnly ? `  maintenance:\n    readonly:\n      enabled: true\n` : '') +
        `http:\n  addr: ${host}\n  secret: icat-test-secret\n` +
        (options.tls ? `  tls:\n    certificate: ${await selfSignedCert(dir)}\n    key: ${dir}/tls.key\n` : '') +
        auth,
    )

    child = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] })
    // Its log is only read when it fails to come up; keep the tail so the pipe never fills.
    let log = ''
    child.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)))
    const exited = new Promise<never>((_resolve, reject) =>
      child!.once('exit', (code) => reject(new Error(`docker-registry (${kind}) exited with ${code}:\n${log}`))),
    )
    exited.catch(() => {}) // only awaited while starting
    const expected = kind === 'open' ? 200 : 401
    const deadline = Date.now() + 30_000
    while ((await statusOf(`${options.tls ? 'https' : 'http'}://${host}/v2/`)) !== expected) {
      if (Date.now() > deadline) throw new Error(`docker-registry (${kind}) did not answer /v2/ with ${expected} within 30 s:\n${log}`)
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 100))])
    }
  } catch (error) {
    await stop()
    throw error
  }

  return {
    url: `${options.tls ? 'https' : 'http'}://${host}`,
    host,
    username: kind === 'open' ? '' : USERNAME,
    password: PASSWORD,
    tokenRequests,
    stop,
  }
}

/** A status code, from any certificate; 0 when nothing answers yet. */
function statusOf(url: string): Promise<number> {
  return new Promise((resolve) => {
    const request = (url.startsWith('https') ? httpsGet : httpGet)(url, { rejectUnauthorized: false }, (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    request.on('error', () => resolve(0))
  })
}

/** The registry's TLS certificate, made for this run and signed by no one. */
async function selfSignedCert(dir: string): Promise<string> {
  const certFile = path.join(dir, 'tls.crt')
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', path.join(dir, 'tls.key'), '-out', certFile])
  return certFile
}

interface Signer {
  key: string // PEM private key
  x5c: string // the self-signed cert, base64 DER
}

/** A key and its self-signed cert; the cert is both the registry's rootcertbundle and the token's x5c chain. */
async function makeSigningCert(dir: string): Promise<Signer> {
  const keyFile = path.join(dir, 'token.key')
  const certFile = path.join(dir, 'token.crt')
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=icat-test-token', '-keyout', keyFile, '-out', certFile])
  const cert = new X509Certificate(await readFile(certFile))
  return { key: await readFile(keyFile, 'utf8'), x5c: cert.raw.toString('base64') }
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url')

function signJwt(signer: Signer, claims: Record<string, unknown>): string {
  // distribution 2.8 verifies an x5c chain against the rootcertbundle, so no libtrust kid is needed.
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [signer.x5c] }))
  const payload = base64url(JSON.stringify(claims))
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(signer.key)
  return `${header}.${payload}.${base64url(signature)}`
}

/** `type:name:actions`; the name may itself hold colons (a registry host with a port), the type and actions never do. */
function parseScope(scope: string): { type: string; name: string; actions: string[] } | undefined {
  const first = scope.indexOf(':')
  const last = scope.lastIndexOf(':')
  if (first < 0 || last === first) return undefined
  return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions: scope.slice(last + 1).split(',').filter(Boolean) }
}

function basicCredentials(header: string | undefined): { username: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '')
  if (!match) return undefined
  const decoded = Buffer.from(match[1]!, 'base64').toString()
  const colon = decoded.indexOf(':')
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

/** The Docker token spec's GET /token: Basic credentials in, a signed JWT granting every requested scope out. */
function answerTokenRequest(req: IncomingMessage, res: ServerResponse, signer: Signer, counts: TestRegistry['tokenRequests'], ttlSeconds: number) {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  if (req.method !== 'GET' || url.pathname !== '/token') return json(404, { errors: [{ code: 'NOT_FOUND', message: 'only GET /token' }] })

  // Clients may send several scope parameters, or several scopes space-separated in one.
  const scopes = url.searchParams.getAll('scope').flatMap((s) => s.split(' ')).filter(Boolean)
  counts.scopes.push(...scopes)
  const credentials = basicCredentials(req.headers.authorization)
  if (credentials?.username !== USERNAME || credentials.password !== PASSWORD) {
    counts.refused++
    return json(401, { errors: [{ code: 'UNAUTHORIZED', message: 'bad or missing credentials' }] }, { 'www-authenticate': 'Basic realm="icat-test-token"' })
  }

  const now = Math.floor(Date.now() / 1000)
  const access = scopes.flatMap((scope) => parseScope(scope) ?? [])
  const token = signJwt(signer, {
    iss: TOKEN_ISSUER, sub: credentials.username, aud: TOKEN_SERVICE,
    exp: now + ttlSeconds, nbf: now, iat: now, jti: randomUUID(), access,
  })
  counts.granted++
  json(200, { token, access_token: token, expires_in: ttlSeconds, issued_at: new Date(now * 1000).toISOString() })
}

/** The parameters of a `WWW-Authenticate` challenge: `Bearer realm="..",service="..",scope=".."`. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const space = header.indexOf(' ')
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase()
  const params: Record<string, string> = {}
  for (const [, key, quoted, bare] of header.slice(space + 1).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) params[key!.toLowerCase()] = quoted ?? bare ?? ''
  return { scheme, params }
}

/**
 * A fetch to the registry that answers its auth challenge itself: basic, or bearer through the
 * token endpoint for the scope the challenge names. The body must be replayable (a string or bytes),
 * since the first attempt is sent without credentials.
 */
export async function registryFetch(
  registry: TestRegistry,
  pathname: string,
  init: Omit<RequestInit, 'body'> & { body?: string | Uint8Array<ArrayBuffer> } = {},
): Promise<Response> {
  const url = `${registry.url}${pathname}`
  const first = await fetch(url, init)
  const challenge = first.headers.get('www-authenticate')
  if (first.status !== 401 || !challenge || !registry.username) return first
  await first.arrayBuffer() // let the connection be reused

  const basic = `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`
  const { scheme, params } = parseChallenge(challenge)
  let authorization = basic
  if (scheme === 'bearer') {
    const tokenUrl = new URL(params.realm!)
    if (params.service) tokenUrl.searchParams.set('service', params.service)
    for (const scope of (params.scope ?? '').split(' ').filter(Boolean)) tokenUrl.searchParams.append('scope', scope)
    const answer = await fetch(tokenUrl, { headers: { authorization: basic } })
    if (!answer.ok) throw new Error(`token endpoint refused (${answer.status}): ${await answer.text()}`)
    authorization = `Bearer ${((await answer.json()) as { token: string }).token}`
  }
  const headers = new Headers(init.headers)
  headers.set('authorization', authorization)
  return fetch(url, { ...init, headers })
}
