// pingRegistry against real registries (Debian's docker-registry): open, behind htpasswd,
// down, too slow, not a registry at all, and behind a certificate nobody signed.
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { createServer as createTcpServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { graphql } from '../gql/index.js'
import { freePort } from '../support/processes.js'
import { startRegistry, type TestRegistry } from '../support/registries.js'
import { createWorld, gid, type World } from '../support/world.js'

const PingByUrl = graphql(`
  query PingByUrl($url: String!, $trust: Boolean) {
    pingRegistry(url: $url, trustSelfSignedCert: $trust) { url reachable apiVersion authRequired authScheme authenticated errorCode errorMessage latencyMs }
  }
`)
const PingById = graphql(`
  query PingById($id: ID!) {
    pingRegistry(id: $id) { reachable authRequired authScheme authenticated errorCode errorMessage }
  }
`)
const PingBoth = graphql(`
  query PingBoth($id: ID!, $url: String!) {
    pingRegistry(id: $id, url: $url) { reachable }
  }
`)
const PingAddRegistry = graphql(`
  mutation PingAddRegistry($input: AddRegistryInput!) {
    addRegistry(input: $input) { registry { id } userErrors { code } }
  }
`)

async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return port
}

describe('pingRegistry', () => {
  let world: World
  let dir: string
  const cleanups: (() => Promise<unknown>)[] = []
  let protectedUrl: string
  let slowUrl: string
  let notRegistryUrl: string
  let selfSignedUrl: string
  let tokenRegistry: TestRegistry
  let webRequests = 0

  beforeAll(async () => {
    world = await createWorld({ DOCKER_HOST: inject('dockerHost'), REGISTRY_TIMEOUT_MS: '700' })
    dir = await mkdtemp(path.join(tmpdir(), 'icat-ping-'))
    cleanups.push(() => rm(dir, { recursive: true, force: true }))

    // A registry behind htpasswd basic auth.
    const protectedRegistry = await startRegistry('htpasswd')
    cleanups.push(() => protectedRegistry.stop())
    protectedUrl = protectedRegistry.url

    // A registry behind a bearer-token challenge, its token service in this process.
    tokenRegistry = await startRegistry('token')
    cleanups.push(() => tokenRegistry.stop())

    // Accepts connections and never answers.
    const held: Socket[] = []
    const slow = createTcpServer((socket) => held.push(socket))
    slowUrl = `http://127.0.0.1:${await listen(slow)}`
    cleanups.push(() => new Promise((resolve) => { held.forEach((s) => s.destroy()); slow.close(resolve) }))

    // An ordinary web server.
    const web = createHttpServer((_req, res) => {
      webRequests++
      res.end('<html>hello</html>')
    })
    notRegistryUrl = `http://127.0.0.1:${await listen(web)}`
    cleanups.push(() => new Promise((resolve) => web.close(resolve)))

    // A registry-like answer behind a self-signed certificate.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' })
    const tls = createHttpsServer({ key: await readFile(path.join(dir, 'key.pem')), cert: await readFile(path.join(dir, 'cert.pem')) }, (_req, res) => {
      res.setHeader('Docker-Distribution-Api-Version', 'registry/2.0')
      res.end('{}')
    })
    selfSignedUrl = `https://127.0.0.1:${await listen(tls)}`
    cleanups.push(() => new Promise((resolve) => tls.close(resolve)))
  })
  afterAll(async () => {
    await world?.dispose()
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {})
  })

  it('reports an open registry: reachable, its API version, no auth', async () => {
    const { pingRegistry } = await world.ok(PingByUrl, { url: `http://${inject('registryHost')}` })
    expect(pingRegistry).toMatchObject({ reachable: true, apiVersion: 'registry/2.0', authRequired: false, authScheme: 'NONE', authenticated: null, errorCode: null })
    expect(pingRegistry.latencyMs).toBeGreaterThanOrEqual(0)
  })

  it('reports that a registry needs basic auth, and whether the stored credentials work', async () => {
    expect((await world.ok(PingByUrl, { url: protectedUrl })).pingRegistry).toMatchObject({
      reachable: true, authRequired: true, authScheme: 'BASIC', authenticated: null, errorCode: null,
    })
    const add = async (name: string, password: string) =>
      (await world.ok(PingAddRegistry, { input: { name, url: protectedUrl, username: 'ci', password } })).addRegistry.registry!.id
    expect((await world.ok(PingById, { id: await add('htpasswd-good', 's3cret') })).pingRegistry).toEqual({
      reachable: true, authRequired: true, authScheme: 'BASIC', authenticated: true, errorCode: null, errorMessage: null,
    })
    expect((await world.ok(PingById, { id: await add('htpasswd-bad', 'wrong') })).pingRegistry).toMatchObject({
      reachable: true, authenticated: false, errorCode: 'UNAUTHORIZED', errorMessage: expect.stringContaining('401'),
    })
  })

  it('answers a bearer challenge through the token service, with good and bad credentials', async () => {
    expect((await world.ok(PingByUrl, { url: tokenRegistry.url })).pingRegistry).toMatchObject({
      reachable: true, apiVersion: 'registry/2.0', authRequired: true, authScheme: 'BEARER', authenticated: null, errorCode: null,
    })
    const add = async (name: string, password: string) =>
      (await world.ok(PingAddRegistry, { input: { name, url: tokenRegistry.url, username: 'ci', password } })).addRegistry.registry!.id
    const granted = tokenRegistry.tokenRequests.granted
    expect((await world.ok(PingById, { id: await add('token-good', 's3cret') })).pingRegistry).toEqual({
      reachable: true, authRequired: true, authScheme: 'BEARER', authenticated: true, errorCode: null, errorMessage: null,
    })
    expect(tokenRegistry.tokenRequests.granted).toBe(granted + 1)
    const refused = tokenRegistry.tokenRequests.refused
    expect((await world.ok(PingById, { id: await add('token-bad', 'wrong') })).pingRegistry).toMatchObject({
      reachable: true, authScheme: 'BEARER', authenticated: false, errorCode: 'UNAUTHORIZED', errorMessage: expect.stringContaining('token service'),
    })
    expect(tokenRegistry.tokenRequests.refused).toBe(refused + 1)
  })

  it.each([
    ['a registry that is down', () => `http://127.0.0.1:1`, 'CONNECTION_REFUSED', 'Nothing accepts connections'],
    ['a registry too slow to answer', () => slowUrl, 'TIMEOUT', 'did not answer within 700 ms'],
    ['a web server that is not a registry', () => notRegistryUrl, 'NOT_A_REGISTRY', 'not a registry'],
    ['a self-signed certificate not trusted', () => selfSignedUrl, 'TLS', 'trustSelfSignedCert'],
  ])('says why it cannot use %s', async (_what, url, code, message) => {
    const started = Date.now()
    const { pingRegistry } = await world.ok(PingByUrl, { url: url() })
    expect(pingRegistry).toMatchObject({ reachable: false, errorCode: code, errorMessage: expect.stringContaining(message) })
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('trusts a self-signed certificate when told to', async () => {
    const { pingRegistry } = await world.ok(PingByUrl, { url: selfSignedUrl, trust: true })
    expect(pingRegistry).toMatchObject({ reachable: true, apiVersion: 'registry/2.0', errorCode: null })
  })

  it('refuses a URL with credentials before sending anything, pointing to a registry with username and password', async () => {
    const before = webRequests
    for (const url of [protectedUrl.replace('://', '://ci:s3cret@'), notRegistryUrl.replace('://', '://ci:p@ss-do-not-leak@')]) {
      const result = await world.run(PingByUrl, { url })
      expect(result.data).toBeNull()
      expect(result.errors).toMatchObject([{ message: expect.stringMatching(/username and password/), extensions: { code: 'BAD_USER_INPUT', field: ['url'] } }])
      expect(JSON.stringify(result)).not.toMatch(/s3cret|do-not-leak/)
    }
    expect(webRequests).toBe(before)
  })

  it('refuses bad arguments and callers who are not administrators', async () => {
    // Never the default registry's id: that would send a request off this machine.
    const both = await world.run(PingBoth, { id: gid('Registry', 99999), url: notRegistryUrl })
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['id'] })
    const notUrl = await world.run(PingByUrl, { url: 'ftp://127.0.0.1/' })
    expect(notUrl.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['url'] })
    const missing = await world.run(PingById, { id: gid('Registry', 99999) })
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' })
    expect((await world.run(PingByUrl, { url: notRegistryUrl }, { token: null })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    const user = await world.createUser('pinger')
    expect((await world.run(PingByUrl, { url: notRegistryUrl }, { token: user.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
  })
})
