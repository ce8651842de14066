// pushImage on the real engine to real registries (htpasswd basic auth and a bearer-token
// challenge), followed with pushProgress; the pushed digest on the Tag agrees with what the
// registry serves and with remoteInspect; Tag.updateCheck notices when the registry moves on.
// Error paths: bad credentials, a registry that is down, one that never answers, a read-only
// one, no engine, and callers who may not push.
import { createServer, type Server, type Socket } from 'node:net'
import { decodeGlobalID } from '@pothos/plugin-relay'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { dockerFromHost } from '../../src/docker/engine.js'
import { graphql } from '../gql/index.js'
import { freePort } from '../support/processes.js'
import { registryFetch, startRegistry, type TestRegistry } from '../support/registries.js'
import { collectSubscription } from '../support/sse.js'
import { createWorld, gid, type World } from '../support/world.js'

const PushAddRegistry = graphql(`
  mutation PushAddRegistry($input: AddRegistryInput!) {
    addRegistry(input: $input) { registry { id } userErrors { code } }
  }
`)
const PushImport = graphql(`
  mutation PushImport($input: ImportLocalImageInput!) {
    importLocalImage(input: $input) { image { id name } tag { id name digest } userErrors { code message } }
  }
`)
const PushStart = graphql(`
  mutation PushStart($input: PushImageInput!) {
    pushImage(input: $input) {
      push { id reference state registry { name } requestedBy { name } tag { name } }
      userErrors { field message code }
    }
  }
`)
const PushFollow = graphql(`
  subscription PushFollow($pushId: ID!) {
    pushProgress(pushId: $pushId) {
      layer status current total fraction
      push { state digest errorMessage progress finishedAt tag { name pushedDigest pushedAt pushedRegistry { name } } }
    }
  }
`)
const PushPull = graphql(`
  mutation PushPull($input: PullImageInput!) {
    pullImage(input: $input) { pull { id registry { name } } userErrors { code message } }
  }
`)
const PushPullFollow = graphql(`
  subscription PushPullFollow($pullId: ID!) {
    pullProgress(pullId: $pullId) { status pull { state errorMessage tag { id digest } } }
  }
`)
const PushRead = graphql(`
  query PushRead($id: ID!) {
    push(id: $id) { id state digest errorMessage }
    pushes(first: 50) { totalCount nodes { id } }
  }
`)
const PushInspect = graphql(`
  query PushInspect($reference: String!) {
    remoteInspect(reference: $reference) { digest mediaType image { digest layers { digest } } }
  }
`)
const PushUpdateCheck = graphql(`
  query PushUpdateCheck($id: ID!, $maxAge: Int) {
    node(id: $id) {
      ... on Tag {
        updateAvailable
        updateCheck(maxAgeSeconds: $maxAge) { registry { name } localDigest remoteDigest updateAvailable comparedAt errorCode errorMessage }
      }
    }
  }
`)

const BASE = 'icat-test/busybox:latest'
let docker: Docker
let world: World
const registries: Record<string, TestRegistry> = {}
const registryIds: Record<string, string> = {}
const engineRefs: string[] = []
const cleanups: (() => Promise<unknown>)[] = []
let sequence = 0
const dbId = (globalId: string) => Number(decodeGlobalID(globalId).id)

/** A catalog image with tag 1.0 whose engine image is new content (so every push uploads a layer). */
/** An engine image imported into the catalog: as the admin under push/..., or as `owner` into `catalogName`. */
async function localImage(owner?: string, catalogName?: string) {
  const name = `push/app${++sequence}`
  // A unique layer: a container commit of the base image with one file written.
  const container = await docker.createContainer({ Image: BASE, Cmd: ['sh', '-c', `echo ${name} ${Date.now()} > /marker`], NetworkDisabled: true })
  await container.start()
  await container.wait()
  await container.commit({ repo: name, tag: '1.0' })
  await container.remove()
  engineRefs.push(`${name}:1.0`)
  const { importLocalImage } = await world.ok(PushImport, { input: { reference: `${name}:1.0`, name: catalogName } }, owner ? { token: owner } : {})
  expect(importLocalImage.userErrors).toEqual([])
  return { name, tagId: importLocalImage.tag!.id, imageId: importLocalImage.image!.id }
}

async function addRegistry(name: string, url: string, credentials?: { username: string; password: string }) {
  const { addRegistry } = await world.ok(PushAddRegistry, { input: { name, url, ...credentials } })
  expect(addRegistry.userErrors).toEqual([])
  registryIds[name] = addRegistry.registry!.id
  return addRegistry.registry!.id
}

async function pushAndFollow(tagId: string, registry: string) {
  const { pushImage } = await world.ok(PushStart, { input: { tagId, registryId: registryIds[registry]! } })
  expect(pushImage.userErrors).toEqual([])
  const { events, completed } = await collectSubscription(world, PushFollow, { pushId: pushImage.push!.id }, { timeoutMs: 120_000 })
  expect(completed).toBe(true)
  return { push: pushImage.push!, updates: events.map((e) => e.data!.pushProgress) }
}

beforeAll(async () => {
  docker = dockerFromHost(inject('dockerHost'))
  world = await createWorld({ DOCKER_HOST: inject('dockerHost'), REGISTRY_TIMEOUT_MS: '700' })
  for (const kind of ['htpasswd', 'token'] as const) {
    registries[kind] = await startRegistry(kind)
    cleanups.push(() => registries[kind]!.stop())
    await addRegistry(kind, registries[kind]!.url, { username: 'ci', password: 's3cret' })
  }
  registries.readonly = await startRegistry('open', { readOnly: true })
  cleanups.push(() => registries.readonly!.stop())
  await addRegistry('readonly', registries.readonly.url)
  await addRegistry('htpasswd-wrong', registries.htpasswd!.url, { username: 'ci', password: 'wrong' })
  await addRegistry('token-wrong', registries.token!.url, { username: 'ci', password: 'wrong' })
  await addRegistry('htpasswd-anonymous', registries.htpasswd!.url)
  await addRegistry('down', 'http://127.0.0.1:1')
  // Accepts connections and never answers.
  const held: Socket[] = []
  const slow: Server = createServer((socket) => held.push(socket))
  const slowPort = await freePort()
  await new Promise<void>((resolve) => slow.listen(slowPort, '127.0.0.1', resolve))
  cleanups.push(() => new Promise((resolve) => { held.forEach((s) => s.destroy()); slow.close(resolve) }))
  await addRegistry('slow', `http://127.0.0.1:${slowPort}`)
}, 120_000)

afterAll(async () => {
  await world?.dispose()
  for (const ref of engineRefs) await docker.getImage(ref).remove({ force: true }).catch(() => {})
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {})
})

describe.each(['htpasswd', 'token'])('pushImage to a registry behind %s auth', (kind) => {
  it('streams per-layer progress and records the digest the registry serves', async () => {
    const { name, tagId } = await localImage()
    const tokensBefore = registries.token!.tokenRequests.granted
    const { push, updates } = await pushAndFollow(tagId, kind)
    const host = registries[kind]!.host
    expect(push).toMatchObject({ reference: `${host}/${name}:1.0`, registry: { name: kind }, requestedBy: { name: 'admin' }, tag: { name: '1.0' } })

    // Layer lines as the engine reports them, a fraction that never falls and ends at 1.
    expect(updates.some((u) => u.layer && u.status === 'Pushed')).toBe(true)
    const fractions = updates.map((u) => u.fraction)
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
    const last = updates.at(-1)!
    expect(last).toMatchObject({ layer: null, status: 'SUCCEEDED', fraction: 1 })
    const digest = last.push.digest!
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(last.push).toMatchObject({ state: 'SUCCEEDED', errorMessage: null, progress: 1, tag: { name: '1.0', pushedDigest: digest, pushedRegistry: { name: kind } } })
    expect(last.push.tag!.pushedAt).not.toBeNull()

    // The registry, asked directly, serves that digest; remoteInspect agrees.
    const head = await registryFetch(registries[kind]!, `/v2/${name}/manifests/1.0`, {
      method: 'HEAD',
      headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json' },
    })
    expect(head.headers.get('docker-content-digest')).toBe(digest)
    const { remoteInspect } = await world.ok(PushInspect, { reference: `${host}/${name}:1.0` })
    expect(remoteInspect.digest).toBe(digest)
    expect(remoteInspect.image!.digest).toBe(digest)

    // The engine lost the registry's name for the image again; the catalog's own name stays.
    expect(await docker.getImage(`${host}/${name}:1.0`).inspect().then(() => true, () => false)).toBe(false)
    expect(await docker.getImage(`${name}:1.0`).inspect().then(() => true, () => false)).toBe(true)
    if (kind === 'token') expect(registries.token!.tokenRequests.granted).toBeGreaterThan(tokensBefore)
  })
})

describe('Tag.updateCheck', () => {
  it('says no update right after a push, then sees the registry move on', async () => {
    const { name, tagId } = await localImage()
    const { updates } = await pushAndFollow(tagId, 'htpasswd')
    const pushed = updates.at(-1)!.push.digest!
    const first = (await world.ok(PushUpdateCheck, { id: tagId, maxAge: 0 })).node as { updateAvailable: boolean; updateCheck: Record<string, unknown> }
    expect(first.updateCheck).toMatchObject({ registry: { name: 'htpasswd' }, localDigest: pushed, remoteDigest: pushed, updateAvailable: false, errorCode: null })
    const comparedAt = first.updateCheck.comparedAt as string
    expect(Date.now() - Date.parse(comparedAt)).toBeLessThan(10_000)

    // Someone pushes other content to the same tag, behind the catalog's back.
    const other = await localImage()
    const host = registries.htpasswd!.host
    await docker.getImage(`${other.name}:1.0`).tag({ repo: `${host}/${name}`, tag: '1.0' })
    engineRefs.push(`${host}/${name}:1.0`)
    const stream = await docker.getImage(`${host}/${name}:1.0`).push({ tag: '1.0', authconfig: { username: 'ci', password: 's3cret', serveraddress: host } })
    await new Promise((resolve, reject) => docker.modem.followProgress(stream, (error) => (error ? reject(error) : resolve(null))))

    // A remembered answer is served while it is young enough, with the time it was made.
    const cached = (await world.ok(PushUpdateCheck, { id: tagId, maxAge: 3600 })).node as { updateCheck: Record<string, unknown> }
    expect(cached.updateCheck).toMatchObject({ updateAvailable: false, comparedAt })
    // An anonymous reader of the public tag cannot make the server ask the registry at will.
    const anonymous = (await world.ok(PushUpdateCheck, { id: tagId, maxAge: 0 }, { token: null })).node as { updateCheck: Record<string, unknown> }
    expect(anonymous.updateCheck).toMatchObject({ updateAvailable: false, comparedAt })
    const fresh = (await world.ok(PushUpdateCheck, { id: tagId, maxAge: 0 })).node as { updateCheck: Record<string, unknown> }
    expect(fresh.updateCheck).toMatchObject({ localDigest: pushed, updateAvailable: true, errorCode: null })
    expect(fresh.updateCheck.remoteDigest).not.toBe(pushed)
    expect(Date.parse(fresh.updateCheck.comparedAt as string)).toBeGreaterThan(Date.parse(comparedAt))
  })

  it("compares a pulled tag with the registry configured at the reference's host, whose credentials the pull used", async () => {
    const { name } = await localImage()
    const host = registries.htpasswd!.host
    const remote = `${host}/${name}-pulled`
    await docker.getImage(`${name}:1.0`).tag({ repo: remote, tag: '2.0' })
    const stream = await docker.getImage(`${remote}:2.0`).push({ tag: '2.0', authconfig: { username: 'ci', password: 's3cret', serveraddress: host } })
    await new Promise((resolve, reject) => docker.modem.followProgress(stream, (error) => (error ? reject(error) : resolve(null))))
    await docker.getImage(`${remote}:2.0`).remove()

    const { pullImage } = await world.ok(PushPull, { input: { reference: `${remote}:2.0` } })
    expect(pullImage.userErrors).toEqual([])
    expect(pullImage.pull!.registry).toEqual({ name: 'htpasswd' })
    engineRefs.push(`${remote}:2.0`)
    const { events } = await collectSubscription(world, PushPullFollow, { pullId: pullImage.pull!.id }, { timeoutMs: 60_000 })
    const done = events.at(-1)!.data!.pullProgress.pull
    expect(done).toMatchObject({ state: 'SUCCEEDED', errorMessage: null })
    const check = (await world.ok(PushUpdateCheck, { id: done.tag!.id, maxAge: 0 })).node as { updateAvailable: boolean | null; updateCheck: Record<string, unknown> }
    expect(check.updateCheck).toMatchObject({ registry: { name: 'htpasswd' }, localDigest: done.tag!.digest, remoteDigest: done.tag!.digest, updateAvailable: false, errorCode: null })
    expect(check.updateAvailable).toBe(false)
  })

  it('says nothing for a tag with no registry, and why for a registry it cannot ask', async () => {
    const { tagId, imageId } = await localImage()
    const none = (await world.ok(PushUpdateCheck, { id: tagId, maxAge: 0 })).node as { updateAvailable: boolean | null; updateCheck: Record<string, unknown> }
    expect(none.updateAvailable).toBeNull()
    expect(none.updateCheck).toMatchObject({ registry: null, remoteDigest: null, updateAvailable: null, comparedAt: null, errorCode: null })

    for (const [registry, code] of [['down', 'REGISTRY_UNREACHABLE'], ['slow', 'REGISTRY_TIMEOUT'], ['htpasswd-wrong', 'REGISTRY_UNAUTHORIZED']] as const) {
      await world.app.db.image.update({ where: { id: dbId(imageId) }, data: { registryId: dbId(registryIds[registry]!) } })
      const started = Date.now()
      const check = (await world.ok(PushUpdateCheck, { id: tagId, maxAge: 0 })).node as { updateCheck: Record<string, unknown> }
      expect(check.updateCheck).toMatchObject({ registry: { name: registry }, updateAvailable: null, remoteDigest: null, errorCode: code })
      expect(check.updateCheck.comparedAt).not.toBeNull()
      expect(Date.now() - started).toBeLessThan(5_000)
    }
  })
})

describe('pushImage refuses, before anything is queued,', () => {
  it.each([
    ['credentials the registry refuses (basic)', 'htpasswd-wrong', 'REGISTRY_UNAUTHORIZED'],
    ['credentials the token service refuses (bearer)', 'token-wrong', 'REGISTRY_UNAUTHORIZED'],
    ['a registry that wants credentials when none are stored', 'htpasswd-anonymous', 'REGISTRY_UNAUTHORIZED'],
    ['a registry that is down', 'down', 'REGISTRY_UNREACHABLE'],
    ['a registry that never answers', 'slow', 'REGISTRY_TIMEOUT'],
  ])('%s', async (_what, registry, code) => {
    const { tagId } = await localImage()
    const before = await world.app.db.push.count()
    const started = Date.now()
    const { pushImage } = await world.ok(PushStart, { input: { tagId, registryId: registryIds[registry]! } })
    expect(pushImage.push).toBeNull()
    expect(pushImage.userErrors).toEqual([{ field: ['input', 'registryId'], code, message: expect.any(String) }])
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(await world.app.db.push.count()).toBe(before)
  })

  it('bad ids, a tag with no engine image, and missing things', async () => {
    const { tagId } = await localImage()
    const errorsOf = async (input: { tagId: string; registryId: string }) => (await world.ok(PushStart, { input })).pushImage.userErrors
    expect(await errorsOf({ tagId: 'nope', registryId: registryIds.htpasswd! })).toMatchObject([{ field: ['input', 'tagId'], code: 'INVALID_ID' }])
    expect(await errorsOf({ tagId, registryId: gid('Image', 1) })).toMatchObject([{ field: ['input', 'registryId'], code: 'INVALID_ID' }])
    expect(await errorsOf({ tagId: gid('Tag', 999999), registryId: registryIds.htpasswd! })).toMatchObject([{ field: ['input', 'tagId'], code: 'NOT_FOUND' }])
    expect(await errorsOf({ tagId, registryId: gid('Registry', 999999) })).toMatchObject([{ field: ['input', 'registryId'], code: 'NOT_FOUND' }])
    const image = await world.app.db.image.create({ data: { name: `push/catalog-only${++sequence}`, ownerId: 1, tags: { create: { name: '1.0' } } }, include: { tags: true } })
    expect(await errorsOf({ tagId: gid('Tag', image.tags[0]!.id), registryId: registryIds.htpasswd! })).toMatchObject([
      { field: ['input', 'tagId'], code: 'INVALID', message: expect.stringContaining('no image in the engine') },
    ])
  })

  it("another user's tag: hidden when private, forbidden when public", async () => {
    const owner = await world.createUser(`push-owner${++sequence}`, { isAdmin: true })
    const stranger = await world.createUser(`push-stranger${sequence}`)
    const { tagId, imageId } = await localImage(owner.token, `push-owner${sequence}/app`)
    const asStranger = async () => world.run(PushStart, { input: { tagId, registryId: registryIds.htpasswd! } }, { token: stranger.token })
    expect((await asStranger()).errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    await world.app.db.image.update({ where: { id: dbId(imageId) }, data: { isPrivate: true } })
    expect((await asStranger()).data?.pushImage.userErrors).toMatchObject([{ field: ['input', 'tagId'], code: 'NOT_FOUND' }])
    expect((await world.run(PushStart, { input: { tagId, registryId: registryIds.htpasswd! } }, { token: null })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
  })
})

describe('a push the registry refuses midway', () => {
  it('ends FAILED with the engine\'s words, records no digest, and is visible to its requester only', async () => {
    const { tagId } = await localImage()
    const { push, updates } = await pushAndFollow(tagId, 'readonly')
    const last = updates.at(-1)!
    expect(last).toMatchObject({ layer: null, status: 'FAILED', push: { state: 'FAILED', digest: null, tag: { pushedDigest: null } } })
    expect(last.push.errorMessage).toMatch(/read.?only|denied|unsupported|405/i)
    const stranger = await world.createUser(`push-viewer${++sequence}`)
    const seen = await world.ok(PushRead, { id: push.id }, { token: stranger.token })
    expect(seen.push).toBeNull()
    expect(seen.pushes.nodes).toEqual([])
    const admin = await world.ok(PushRead, { id: push.id })
    expect(admin.push).toMatchObject({ id: push.id, state: 'FAILED' })
    expect(admin.pushes.nodes.map((p) => p.id)).toContain(push.id)
    const subscription = await collectSubscription(world, PushFollow, { pushId: push.id }, { token: stranger.token, timeoutMs: 5_000 })
    expect(subscription.events[0]?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND')
  })
})

describe('without an engine', () => {
  it('answers DOCKER_UNAVAILABLE and queues nothing', async () => {
    const { tagId } = await localImage()
    const offline = await createWorld({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' })
    try {
      const tag = await world.app.db.tag.findUniqueOrThrow({ where: { id: dbId(tagId) }, include: { image: true } })
      const image = await offline.app.db.image.create({ data: { name: tag.image.name, ownerId: 1, tags: { create: { name: '1.0', engineImageId: tag.engineImageId } } }, include: { tags: true } })
      const registry = await offline.app.db.registry.create({ data: { name: 'htpasswd', url: registries.htpasswd!.url } })
      const { pushImage } = await offline.ok(PushStart, { input: { tagId: gid('Tag', image.tags[0]!.id), registryId: gid('Registry', registry.id) } })
      expect(pushImage.userErrors).toMatchObject([{ code: 'DOCKER_UNAVAILABLE' }])
      expect(await offline.app.db.push.count()).toBe(0)
    } finally {
      await offline.dispose()
    }
  })
})
