// No secret reaches the log: a server process at LOG_LEVEL=trace goes through every kind of
// secret the service handles (API tokens made and used, bad tokens, registry passwords,
// credentials in registry and build-source URLs, webhook secrets, the admin token), and its
// whole output is searched for each value.
import { createHmac } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.js'
import { createScratchDatabase } from './support/postgres.js'
import { freePort, startServer, type Running } from './support/processes.js'
import { ADMIN_TOKEN, databaseKind } from './support/world.js'

const SecretsCreateUser = graphql(`
  mutation SecretsCreateUser($input: CreateUserInput!) {
    createUser(input: $input) { token user { id } }
  }
`)
const SecretsCreateToken = graphql(`
  mutation SecretsCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) { token }
  }
`)
const SecretsViewer = graphql(`
  query SecretsViewer { viewer { name } }
`)
const SecretsAddRegistry = graphql(`
  mutation SecretsAddRegistry($input: AddRegistryInput!) {
    addRegistry(input: $input) { registry { id } userErrors { code } }
  }
`)
const SecretsPing = graphql(`
  query SecretsPing($url: String, $id: ID) {
    pingRegistry(url: $url, id: $id) { reachable }
  }
`)
const SecretsRemoteTags = graphql(`
  query SecretsRemoteTags($reference: String!, $registryId: ID) {
    remoteTags(reference: $reference, registryId: $registryId, first: 5) { nodes { name } }
  }
`)
const SecretsCreateImage = graphql(`
  mutation SecretsCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id name } }
  }
`)
const SecretsSetSource = graphql(`
  mutation SecretsSetSource($input: SetBuildSourceInput!) {
    setBuildSource(input: $input) { webhookSecret userErrors { code } }
  }
`)

type Answer = { status: number; body: { data?: Record<string, any> | null; errors?: unknown[] } }

describe('a whole server run at LOG_LEVEL=trace', () => {
  let dataDir: string
  let server: Running
  let registry: Server
  let registryPort: number
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | null = null
  // Registry and git requests that carried credentials, as the far end saw them.
  const authorizations: string[] = []

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'icat-log-secrets-'))
    scratch = databaseKind === 'postgres' ? await createScratchDatabase() : null
    registryPort = await freePort()
    // A registry that wants credentials and refuses them: the service sends them, and logs its failure.
    registry = createServer((req, res) => {
      if (req.headers.authorization) authorizations.push(req.headers.authorization)
      res.writeHead(401, { 'www-authenticate': 'Basic realm="test"', 'content-type': 'application/json' })
      res.end('{"errors":[{"code":"UNAUTHORIZED"}]}')
    })
    await new Promise<void>((resolve) => registry.listen(registryPort, '127.0.0.1', resolve))
    server = await startServer({
      DATA_DIR: dataDir,
      ADMIN_TOKEN,
      LOG_LEVEL: 'trace',
      LOG_QUERIES: '1',
      ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    })
  })
  afterAll(async () => {
    await server?.stop()
    await new Promise((resolve) => registry?.close(resolve))
    await scratch?.drop()
    await rm(dataDir, { recursive: true, force: true })
  })

  async function post(document: { toString(): string }, variables: object, token: string | null = ADMIN_TOKEN, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query: document.toString(), variables }),
    })
    return { status: response.status, body: (await response.json()) as Answer['body'] }
  }

  it('writes none of them, while it logs every request', { timeout: 120_000 }, async () => {
    const secrets: Record<string, string> = { adminToken: ADMIN_TOKEN }

    // API tokens, made and used.
    const made = await post(SecretsCreateUser, { input: { name: 'log-secrets-user' } })
    secrets.userToken = made.body.data!.createUser.token
    expect((await post(SecretsViewer, {}, secrets.userToken)).body.data).toEqual({ viewer: { name: 'log-secrets-user' } })
    const second = await post(SecretsCreateToken, { input: { name: 'second' } }, secrets.userToken)
    secrets.secondToken = second.body.data!.createApiToken.token
    expect((await post(SecretsViewer, {}, secrets.secondToken)).status).toBe(200)

    // Bad tokens: unknown, malformed, and a cookie and a basic credential in headers.
    secrets.unknownToken = 'icat_this-token-was-never-issued-0123456789'
    expect((await post(SecretsViewer, {}, secrets.unknownToken)).status).toBe(401)
    secrets.basicCredential = Buffer.from('someone:basic-do-not-log').toString('base64')
    secrets.cookie = 'session-cookie-do-not-log'
    const malformed = await post(SecretsViewer, {}, null, { authorization: `Basic ${secrets.basicCredential}`, cookie: `s=${secrets.cookie}` })
    expect(malformed.status).toBe(401)

    // Registry passwords: stored, sent to a registry that refuses them, and refused in URLs.
    secrets.registryPassword = 'registry-password-do-not-log'
    const added = await post(SecretsAddRegistry, { input: { name: 'refusing', url: `http://127.0.0.1:${registryPort}`, username: 'robot', password: secrets.registryPassword } })
    const registryId = added.body.data!.addRegistry.registry.id as string
    await post(SecretsPing, { id: registryId })
    expect((await post(SecretsRemoteTags, { reference: `127.0.0.1:${registryPort}/some/repo`, registryId })).body.errors).toBeDefined()
    secrets.registryUrlPassword = 'url-password-do-not-log'
    const inUrl = await post(SecretsAddRegistry, { input: { name: 'in-url', url: `http://robot:${secrets.registryUrlPassword}@127.0.0.1:${registryPort}` } })
    expect(inUrl.body.data!.addRegistry.userErrors).not.toEqual([])
    secrets.pingUrlPassword = 'ping-url-password-do-not-log'
    await post(SecretsPing, { url: `http://robot:${secrets.pingUrlPassword}@127.0.0.1:${registryPort}` })

    // A build source with a password in its URL, and its webhook secret, made and used.
    const image = (await post(SecretsCreateImage, { input: { name: 'secrets/app' } })).body.data!.createImage.image
    secrets.gitPassword = 'git-password-do-not-log'
    const source = await post(SecretsSetSource, {
      input: { imageId: image.id, repositoryUrl: `https://git:${secrets.gitPassword}@127.0.0.1:${registryPort}/app.git`, buildSettings: [{ branch: 'main', tag: 'latest' }] },
    })
    expect(source.body.data!.setBuildSource.userErrors).toEqual([])
    secrets.webhookSecret = source.body.data!.setBuildSource.webhookSecret
    const event = JSON.stringify({ zen: 'ping' })
    const hook = (signature: string) =>
      fetch(server.url.replace(/\/graphql$/, `/hooks/git/${encodeURIComponent(image.name)}`), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': 'ping', 'x-hub-signature-256': signature },
        body: event,
      })
    expect((await hook(`sha256=${createHmac('sha256', secrets.webhookSecret!).update(event).digest('hex')}`)).status).toBe(200)
    expect((await hook('sha256=0000')).status).toBe(401)

    await server.stop()
    const output = server.output()
    // The run was logged: each GraphQL request has its line, the registry saw the password.
    const lines = output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>)
    const requests = lines.filter((line) => line.msg === 'request')
    expect(requests.filter((line) => line.path === '/graphql')).toHaveLength(13)
    expect(requests.filter((line) => String(line.path).startsWith('/hooks/git/')).map((line) => line.status)).toEqual([200, 401])
    expect(lines.some((line) => line.level === 10 || line.level === 20)).toBe(true)
    expect(authorizations).toContain(`Basic ${Buffer.from(`robot:${secrets.registryPassword}`).toString('base64')}`)
    for (const [kind, value] of Object.entries(secrets)) {
      expect(value, kind).toBeTruthy()
      expect(output.includes(value), `${kind} is in the log`).toBe(false)
    }
  })

  // A second server process, started on a fresh database: slower than a request.
  it("shows a minted first administrator's token once, outside the JSON log", { timeout: 120_000 }, async () => {
    const fresh = await mkdtemp(path.join(tmpdir(), 'icat-log-minted-'))
    const db = databaseKind === 'postgres' ? await createScratchDatabase() : null
    try {
      const minting = await startServer({ DATA_DIR: fresh, LOG_LEVEL: 'trace', ...(db ? { DATABASE_URL: db.url } : {}) })
      await minting.stop()
      const output = minting.output()
      const token = /shown only this once:\n\s+(icat_\S+)/.exec(output)?.[1]
      expect(token).toMatch(/^icat_[A-Za-z0-9_-]{43}$/)
      expect(output.split(token!)).toHaveLength(2)
      const jsonLines = output.split('\n').filter((line) => line.startsWith('{'))
      expect(jsonLines.some((line) => line.includes('"created the first administrator')), 'the log says where the token went').toBe(true)
      expect(jsonLines.filter((line) => line.includes(token!))).toEqual([])
    } finally {
      await db?.drop()
      await rm(fresh, { recursive: true, force: true })
    }
  })
})
