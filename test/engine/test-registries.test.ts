// The test registries themselves (test/support/registries.ts): each kind challenges as a real
// registry would, the token endpoint grants and refuses, the private dockerd can push to the
// authenticated ones, and registryFetch can write and read manifests behind either kind of auth.
import { createHash } from 'node:crypto'
import Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { BASE_IMAGE } from '../support/engine-setup.js'
import { parseChallenge, registryFetch, startRegistry, TOKEN_ISSUER, TOKEN_SERVICE, type TestRegistry } from '../support/registries.js'

const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json'
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`

function jwtPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>
}

describe('test registries', () => {
  const registries = {} as Record<'open' | 'htpasswd' | 'token', TestRegistry>
  let docker: Docker
  const tagged: string[] = []

  beforeAll(async () => {
    const [open, htpasswd, token] = await Promise.all([startRegistry('open'), startRegistry('htpasswd'), startRegistry('token')])
    Object.assign(registries, { open, htpasswd, token })
    docker = new Docker({ socketPath: inject('dockerHost').replace(/^unix:\/\//, '') })
  })
  afterAll(async () => {
    // The tags live in the engine shared by the whole engine project.
    for (const name of tagged) await docker.getImage(name).remove().catch(() => {})
    await Promise.all(Object.values(registries).map((registry) => registry.stop()))
  })

  it('answers /v2/ as each kind should', async () => {
    expect((await fetch(`${registries.open.url}/v2/`)).status).toBe(200)

    const htpasswd = await fetch(`${registries.htpasswd.url}/v2/`)
    expect(htpasswd.status).toBe(401)
    expect(parseChallenge(htpasswd.headers.get('www-authenticate')!).scheme).toBe('basic')

    const token = await fetch(`${registries.token.url}/v2/`)
    expect(token.status).toBe(401)
    const challenge = parseChallenge(token.headers.get('www-authenticate')!)
    expect(challenge.scheme).toBe('bearer')
    expect(challenge.params).toMatchObject({ realm: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/token$/), service: TOKEN_SERVICE })
  })

  it('grants tokens for good credentials only, and the registry accepts them', async () => {
    const registry = registries.token
    const realm = parseChallenge((await fetch(`${registry.url}/v2/`)).headers.get('www-authenticate')!).params.realm!
    const before = { ...registry.tokenRequests, scopes: [...registry.tokenRequests.scopes] }
    const ask = (authorization?: string) =>
      fetch(`${realm}?service=${TOKEN_SERVICE}&scope=${encodeURIComponent('repository:x/y:pull,push')}`, { headers: authorization ? { authorization } : {} })

    const granted = await ask(basic('ci', 's3cret'))
    expect(granted.status).toBe(200)
    const body = (await granted.json()) as { token: string; access_token: string; expires_in: number; issued_at: string }
    expect(body).toMatchObject({ access_token: body.token, expires_in: 300, issued_at: expect.any(String) })
    expect(jwtPayload(body.token)).toMatchObject({
      iss: TOKEN_ISSUER, sub: 'ci', aud: TOKEN_SERVICE,
      access: [{ type: 'repository', name: 'x/y', actions: ['pull', 'push'] }],
    })

    for (const refused of [await ask(basic('ci', 'wrong')), await ask()]) {
      expect(refused.status).toBe(401)
      expect(await refused.json()).toMatchObject({ errors: [{ code: 'UNAUTHORIZED' }] })
    }
    expect(registry.tokenRequests).toEqual({
      granted: before.granted + 1,
      refused: before.refused + 2,
      scopes: [...before.scopes, 'repository:x/y:pull,push', 'repository:x/y:pull,push', 'repository:x/y:pull,push'],
    })

    expect((await fetch(`${registry.url}/v2/`, { headers: { authorization: `Bearer ${body.token}` } })).status).toBe(200)
    expect((await fetch(`${registry.url}/v2/`, { headers: { authorization: 'Bearer not-a-token' } })).status).toBe(401)
  })

  describe.each(['htpasswd', 'token'] as const)('behind %s auth', (kind) => {
    let manifestDigest: string
    let manifestSize: number

    it('takes a push from the real dockerd, with the credentials in the authconfig', async () => {
      const registry = registries[kind]
      const name = `${registry.host}/ci/busybox:t1`
      await docker.getImage(BASE_IMAGE).tag({ repo: `${registry.host}/ci/busybox`, tag: 't1' })
      tagged.push(name)
      const stream = await docker.getImage(name).push({ authconfig: { username: registry.username, password: registry.password, serveraddress: registry.host } })
      const events = await new Promise<{ error?: string; errorDetail?: unknown }[]>((resolve, reject) =>
        docker.modem.followProgress(stream, (error, output) => (error ? reject(error) : resolve(output))),
      )
      expect(events.filter((event) => event.error || event.errorDetail)).toEqual([])

      const manifest = await registryFetch(registry, '/v2/ci/busybox/manifests/t1', { headers: { accept: DOCKER_MANIFEST } })
      expect(manifest.status).toBe(200)
      manifestDigest = manifest.headers.get('docker-content-digest')!
      expect(manifestDigest).toMatch(/^sha256:[0-9a-f]{64}$/)
      manifestSize = (await manifest.arrayBuffer()).byteLength
      // dockerd asked the token endpoint itself, in its own action order.
      if (kind === 'token') expect(registry.tokenRequests.scopes).toContain('repository:ci/busybox:push,pull')
    })

    it('lets registryFetch PUT an OCI index over the pushed manifest and read it back', async () => {
      const registry = registries[kind]
      const index = JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: ['amd64', 'arm64'].map((architecture) => ({
          mediaType: DOCKER_MANIFEST, digest: manifestDigest, size: manifestSize, platform: { architecture, os: 'linux' },
        })),
      })
      const digest = `sha256:${createHash('sha256').update(index).digest('hex')}`
      const put = await registryFetch(registry, '/v2/ci/busybox/manifests/multi', { method: 'PUT', headers: { 'content-type': OCI_INDEX }, body: index })
      expect(put.status, await put.clone().text()).toBe(201)
      expect(put.headers.get('docker-content-digest')).toBe(digest)

      const back = await registryFetch(registry, '/v2/ci/busybox/manifests/multi', { headers: { accept: OCI_INDEX } })
      expect(back.status).toBe(200)
      expect(back.headers.get('content-type')).toBe(OCI_INDEX)
      expect(back.headers.get('docker-content-digest')).toBe(digest)
      expect(await back.text()).toBe(index)
    })
  })
})
