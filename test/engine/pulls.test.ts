// Pulls from the private registry on the real engine: started at once, followed layer by
// layer, recorded in the catalog; failures, bad input, visibility and a missing engine.
// The registry is reached through a throttling proxy, so a pull lasts long enough to be seen running.
import { createServer, connect, type Server, type Socket } from 'node:net'
import type Docker from 'dockerode'
import { pack } from 'tar-stream'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { dockerFromHost } from '../../src/docker/engine.js'
import { parseReference } from '../../src/pulls/reference.js'
import { graphql } from '../gql/index.js'
import { collectSubscription } from '../support/sse.js'
import { createWorld, gid, type World } from '../support/world.js'

const PullsStart = graphql(`
  mutation PullsStart($input: PullImageInput!) {
    pullImage(input: $input) {
      pull { id reference state progress registry { id } requestedBy { name } }
      userErrors { field message code }
    }
  }
`)
const PullsProgress = graphql(`
  subscription PullsProgress($pullId: ID!) {
    pullProgress(pullId: $pullId) {
      layer status current total fraction
      pull {
        state errorMessage progress
        image { name isPrivate owner { name } registry { id } tags { nodes { name digest sizeBytes } } }
        tag { name digest }
      }
    }
  }
`)
const PullsList = graphql(`
  query PullsList($first: Int, $after: String) {
    pulls(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id reference state progress errorMessage startedAt finishedAt layers { layer status current total } requestedBy { name } }
    }
  }
`)
const PullsOne = graphql(`
  query PullsOne($id: ID!) {
    pull(id: $id) { id state reference errorMessage image { name } tag { name } }
  }
`)
const PullsAddRegistry = graphql(`
  mutation PullsAddRegistry($input: AddRegistryInput!) {
    addRegistry(input: $input) { registry { id } userErrors { code } }
  }
`)
const PullsImageByName = graphql(`
  query PullsImageByName($name: String!) {
    image(name: $name) { id }
  }
`)
const PullsCreateImage = graphql(`
  mutation PullsCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id } userErrors { code } }
  }
`)

const BASE = 'icat-test/busybox:latest'
/** Enough random bytes that the layer takes seconds through the proxy and cannot be compressed away. */
const PAYLOAD_BYTES = 3 * 1024 * 1024
const PROXY_BYTES_PER_SECOND = 1024 * 1024

function follow(docker: Docker, stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) =>
    docker.modem.followProgress(stream, (error: Error | null, output: { error?: string }[]) => {
      const failed = output?.find((event) => event.error)
      if (error || failed) reject(error ?? new Error(failed!.error))
      else resolve()
    }),
  )
}

/**
 * Pushes an image of its own to the registry as `name:tag`, then removes it from the engine,
 * so pulling it back downloads a layer (busybox's own layers stay: other tests build on them).
 */
async function pushFreshImage(docker: Docker, registryHost: string, name: string, tag: string) {
  const reference = `${registryHost}/${name}:${tag}`
  const context = pack()
  context.entry({ name: 'Dockerfile' }, `FROM ${BASE}\nRUN head -c ${PAYLOAD_BYTES} /dev/urandom > /payload\n`)
  context.finalize()
  await follow(docker, await docker.buildImage(context as unknown as NodeJS.ReadableStream, { t: reference, networkmode: 'none' }))
  await follow(docker, await docker.getImage(`${registryHost}/${name}`).push({ tag, authconfig: { serveraddress: registryHost } }))
  await docker.getImage(reference).remove({ force: true })
}

/** A TCP proxy to the registry that sends the registry's answers at `bytesPerSecond`. */
async function throttlingProxy(target: string, bytesPerSecond: number): Promise<{ host: string; close(): Promise<void> }> {
  const [targetHost, targetPort] = target.split(':') as [string, string]
  const sockets = new Set<Socket>()
  const server: Server = createServer((client) => {
    const upstream = connect(Number(targetPort), targetHost)
    sockets.add(client).add(upstream)
    client.pipe(upstream)
    let allowedAt = Date.now()
    upstream.on('data', (chunk: Buffer) => {
      upstream.pause()
      allowedAt = Math.max(allowedAt, Date.now()) + (chunk.length / bytesPerSecond) * 1000
      setTimeout(() => {
        if (!client.destroyed) client.write(chunk)
        upstream.resume()
      }, allowedAt - Date.now())
    })
    upstream.on('end', () => setTimeout(() => client.end(), Math.max(0, allowedAt - Date.now())))
    const close = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on('error', close).on('close', close)
    upstream.on('error', close)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    host: `127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

describe('parseReference', () => {
  const field = ['input', 'reference']
  it("follows Docker's grammar: host only when it looks like one, tag and digest optional", () => {
    expect(parseReference('busybox', field)).toEqual({ domain: null, path: 'busybox', tag: null, digest: null })
    expect(parseReference('team/web:1.0', field)).toEqual({ domain: null, path: 'team/web', tag: '1.0', digest: null })
    expect(parseReference('127.0.0.1:5000/base/busybox:1.0', field)).toEqual({ domain: '127.0.0.1:5000', path: 'base/busybox', tag: '1.0', digest: null })
    expect(parseReference('localhost/app', field)).toMatchObject({ domain: 'localhost', path: 'app' })
    expect(parseReference('docker.io/library/busybox:1', field)).toMatchObject({ domain: null, path: 'busybox', tag: '1' })
    const digest = `sha256:${'a'.repeat(64)}`
    expect(parseReference(`reg.example.com/app:2@${digest}`, field)).toEqual({ domain: 'reg.example.com', path: 'app', tag: '2', digest })
  })
  it('refuses what Docker refuses', () => {
    for (const bad of ['', 'Busybox', 'a//b', 'app:', 'app:-x', 'app@sha256:abc', `app@sha256:${'A'.repeat(64)}`, '/app', 'app/', 'a:b:c', `${'a'.repeat(256)}`]) {
      expect(() => parseReference(bad, field), bad).toThrow(expect.objectContaining({ userErrors: [expect.objectContaining({ code: 'INVALID', field })] }))
    }
  })
})

describe('pullImage on a real engine', () => {
  let world: World
  let dead: World
  let docker: Docker
  let registryHost: string
  let proxy: Awaited<ReturnType<typeof throttlingProxy>>
  let registryId: string

  beforeAll(async () => {
    registryHost = inject('registryHost')
    docker = dockerFromHost(inject('dockerHost'))
    await pushFreshImage(docker, registryHost, 'base/busybox', '1.0')
    proxy = await throttlingProxy(registryHost, PROXY_BYTES_PER_SECOND)
    world = await createWorld({ DOCKER_HOST: inject('dockerHost') })
    dead = await createWorld({ DOCKER_HOST: 'unix:///nonexistent.sock' })
    const { addRegistry } = await world.ok(PullsAddRegistry, { input: { name: 'private', url: `http://${proxy.host}` } })
    registryId = addRegistry.registry!.id
  })
  afterAll(async () => {
    await world?.dispose()
    await dead?.dispose()
    await proxy?.close()
    await docker?.getImage(`${proxy?.host}/base/busybox:1.0`).remove({ force: true }).catch(() => {})
  })

  const pullCount = () => world.app.db.pull.count()

  async function start(input: { reference: string; registryId?: string | null }, token?: string) {
    const { pullImage } = await world.ok(PullsStart, { input }, { token })
    expect(pullImage.userErrors).toEqual([])
    return pullImage.pull!
  }

  it('pulls layer by layer, reaches 1, and records the image and tag with the registry digest', async () => {
    const pull = await start({ reference: 'base/busybox:1.0', registryId })
    expect(pull).toMatchObject({ reference: `${proxy.host}/base/busybox:1.0`, registry: { id: registryId }, requestedBy: { name: 'admin' } })
    expect(['QUEUED', 'RUNNING']).toContain(pull.state)

    // While it runs: the pulls query shows the layers as they stand.
    const early = await collectSubscription(world, PullsProgress, { pullId: pull.id }, {
      until: (events) => events.some((e) => e.data?.pullProgress.status === 'Downloading' && e.data.pullProgress.current! > 0),
    })
    expect(early.completed).toBe(false)
    const { pulls: running } = await world.ok(PullsList, { first: 5 })
    const listed = running.nodes.find((p) => p.id === pull.id)!
    expect(listed).toMatchObject({ state: 'RUNNING', errorMessage: null, finishedAt: null })
    expect(listed.startedAt).not.toBeNull()
    expect(listed.progress).toBeGreaterThan(0)
    expect(listed.progress).toBeLessThan(1)
    expect(listed.layers.some((l) => l.status === 'Downloading' && l.total! >= PAYLOAD_BYTES / 2 && l.current! <= l.total!)).toBe(true)

    // A second subscriber joins late: it starts from the layers as they stand and sees the rest.
    const { events, completed } = await collectSubscription(world, PullsProgress, { pullId: pull.id })
    expect(completed).toBe(true)
    const updates = events.map((e) => e.data!.pullProgress)
    const downloads = updates.filter((u) => u.layer && u.status === 'Downloading')
    expect(downloads.length).toBeGreaterThan(1)
    for (const d of downloads) {
      expect(d.total).toBeGreaterThan(0)
      expect(d.current).toBeGreaterThanOrEqual(0)
      expect(d.current).toBeLessThanOrEqual(d.total!)
    }
    expect(updates.some((u) => u.layer && u.status === 'Pull complete')).toBe(true)
    const fractions = updates.map((u) => u.fraction)
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
    expect(fractions.at(-2)).toBe(1)

    const final = updates.at(-1)!
    expect(final).toMatchObject({ layer: null, status: 'SUCCEEDED', current: null, total: null, fraction: 1 })
    const manifest = await fetch(`http://${registryHost}/v2/base/busybox/manifests/1.0`, {
      headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' },
    })
    const digest = manifest.headers.get('docker-content-digest')
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(final.pull).toMatchObject({
      state: 'SUCCEEDED',
      errorMessage: null,
      progress: 1,
      image: { name: 'base/busybox', isPrivate: false, owner: { name: 'admin' }, registry: { id: registryId }, tags: { nodes: [{ name: '1.0', digest }] } },
      tag: { name: '1.0', digest },
    })
    const inspected = await docker.getImage(`${proxy.host}/base/busybox:1.0`).inspect()
    expect(final.pull.image!.tags.nodes[0]!.sizeBytes).toBe(inspected.Size)
    const tag = await world.app.db.tag.findFirstOrThrow({ where: { name: '1.0', image: { name: 'base/busybox' } } })
    expect(tag.engineImageId).toBe(inspected.Id)

    // After: the stored outcome, no live layers.
    const { pulls: after } = await world.ok(PullsList, { first: 5 })
    expect(after.nodes[0]).toMatchObject({ id: pull.id, state: 'SUCCEEDED', progress: 1, errorMessage: null, layers: [] })
    const { pull: one } = await world.ok(PullsOne, { id: pull.id })
    expect(one).toMatchObject({ state: 'SUCCEEDED', image: { name: 'base/busybox' }, tag: { name: '1.0' } })

    // A late subscriber to a finished pull gets the final event and completion.
    const late = await collectSubscription(world, PullsProgress, { pullId: pull.id })
    expect(late.completed).toBe(true)
    expect(late.events.map((e) => e.data!.pullProgress)).toEqual([final])
  })

  it('pulls again into the same image and tag, and publishes the change on the image', async () => {
    const { image } = await world.ok(PullsImageByName, { name: 'base/busybox' })
    const imageId = Number(Buffer.from(image!.id, 'base64').toString().split(':')[1])
    const before = await world.app.db.tag.findFirstOrThrow({ where: { name: '1.0', imageId } })
    const changes = world.app.services.bus.subscribe(`image/${imageId}`)
    const pull = await start({ reference: `${proxy.host}/base/busybox:1.0`, registryId })
    const { events, completed } = await collectSubscription(world, PullsProgress, { pullId: pull.id })
    expect(completed).toBe(true)
    // Nothing to download: it may be over before the subscription starts, so only the outcome is certain.
    expect(events.at(-1)!.data!.pullProgress).toMatchObject({ status: 'SUCCEEDED', fraction: 1, pull: { tag: { name: '1.0', digest: before.digest } } })
    expect((await changes.next()).value).toEqual({ change: 'pulled' })
    changes.close()
    const tags = await world.app.db.tag.findMany({ where: { image: { name: 'base/busybox' } } })
    expect(tags).toEqual([expect.objectContaining({ id: before.id, digest: before.digest, engineImageId: before.engineImageId })])
    expect(await world.app.db.image.count({ where: { name: 'base/busybox' } })).toBe(1)
  })

  it('fails with the engine error for a tag the registry lacks, and records nothing in the catalog', async () => {
    const imagesBefore = await world.app.db.image.count()
    const pull = await start({ reference: 'base/nothing:missing', registryId })
    const { events, completed } = await collectSubscription(world, PullsProgress, { pullId: pull.id })
    expect(completed).toBe(true)
    const final = events.at(-1)!.data!.pullProgress
    expect(final).toMatchObject({ layer: null, status: 'FAILED', pull: { state: 'FAILED', image: null, tag: null } })
    // The engine's words, without dockerode's "(HTTP code 404) unexpected - ".
    expect(final.pull.errorMessage).toMatch(/^manifest for \S+ not found/)
    expect(final.pull.errorMessage).toContain(`${proxy.host}/base/nothing:missing`)
    expect(await world.app.db.image.count()).toBe(imagesBefore)
    const { pull: one } = await world.ok(PullsOne, { id: pull.id })
    expect(one).toMatchObject({ state: 'FAILED', errorMessage: final.pull.errorMessage })
  })

  it('pages pulls newest first', async () => {
    const { pulls: first } = await world.ok(PullsList, { first: 1 })
    expect(first.totalCount).toBe(await pullCount())
    expect(first.pageInfo.hasNextPage).toBe(true)
    const { pulls: rest } = await world.ok(PullsList, { first: 10, after: first.pageInfo.endCursor })
    const ids = [...first.nodes, ...rest.nodes].map((p) => Number(Buffer.from(p.id, 'base64').toString().split(':')[1]))
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
  })

  it('refuses a bad reference, an unknown or mismatched registry, and writes nothing', async () => {
    const before = await pullCount()
    const refused = async (input: { reference: string; registryId?: string }) => (await world.ok(PullsStart, { input })).pullImage
    for (const reference of ['', 'Base//busybox', 'busybox:', 'busy box', 'a:b:c', 'team__x/app']) {
      expect(await refused({ reference }), reference).toEqual({
        pull: null,
        userErrors: [{ field: ['input', 'reference'], code: 'INVALID', message: expect.any(String) }],
      })
    }
    expect(await refused({ reference: 'base/busybox:1.0', registryId: gid('Registry', 99999) })).toEqual({
      pull: null,
      userErrors: [{ field: ['input', 'registryId'], code: 'NOT_FOUND', message: 'Registry does not exist' }],
    })
    expect((await refused({ reference: 'base/busybox:1.0', registryId: gid('Image', 1) })).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'registryId'], code: 'INVALID_ID' }),
    ])
    // Its credentials would go to another host.
    expect((await refused({ reference: 'other.example.com/base/busybox:1.0', registryId })).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'reference'], code: 'INVALID', message: expect.stringContaining('other.example.com') }),
    ])
    expect(await pullCount()).toBe(before)
  })

  it('refuses anonymous callers', async () => {
    const before = await pullCount()
    const result = await world.run(PullsStart, { input: { reference: 'base/busybox:1.0', registryId } }, { token: null })
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    expect((await world.run(PullsList, {}, { token: null })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    const latest = await world.app.db.pull.findFirstOrThrow({ orderBy: { id: 'desc' } })
    expect((await world.ok(PullsOne, { id: gid('Pull', latest.id) }, { token: null })).pull).toBeNull()
    const peek = await collectSubscription(world, PullsProgress, { pullId: gid('Pull', latest.id) }, { token: null })
    expect(peek.events).toEqual([expect.objectContaining({ errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })] })])
    expect(await pullCount()).toBe(before)
  })

  it("refuses to pull into another user's image: FORBIDDEN when visible, and when private as any namespace the caller may not write", async () => {
    const carol = await world.createUser('carol')
    const before = await pullCount()
    const forbidden = await world.run(PullsStart, { input: { reference: 'base/busybox:1.0', registryId } }, { token: carol.token })
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    await world.ok(PullsCreateImage, { input: { name: 'secret/app', isPrivate: true } })
    const taken = await world.ok(PullsStart, { input: { reference: 'secret/app:1.0', registryId } }, { token: carol.token })
    const free = await world.ok(PullsStart, { input: { reference: 'secret/nothing:1.0', registryId } }, { token: carol.token })
    expect(taken.pullImage.userErrors).toEqual([{ field: ['input', 'reference'], code: 'NAMESPACE_NOT_WRITABLE', message: expect.stringContaining('"secret"') }])
    expect(free.pullImage.userErrors).toEqual(taken.pullImage.userErrors)
    expect(await pullCount()).toBe(before)
  })

  it("hides a user's pull from other users, not from its owner or administrators", async () => {
    const alice = await world.createUser('alice')
    const bob = await world.createUser('bob')
    const pull = await start({ reference: 'alice/app:nope', registryId }, alice.token)
    const own = await collectSubscription(world, PullsProgress, { pullId: pull.id }, { token: alice.token })
    expect(own.completed).toBe(true)
    expect(own.events.at(-1)!.data!.pullProgress.status).toBe('FAILED')

    expect((await world.ok(PullsOne, { id: pull.id }, { token: bob.token })).pull).toBeNull()
    expect((await world.ok(PullsList, { first: 100 }, { token: bob.token })).pulls).toMatchObject({ totalCount: 0, nodes: [] })
    const peek = await collectSubscription(world, PullsProgress, { pullId: pull.id }, { token: bob.token })
    expect(peek.events).toEqual([expect.objectContaining({ errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })] })])

    const mine = await world.ok(PullsList, { first: 100 }, { token: alice.token })
    expect(mine.pulls.nodes.map((p) => p.id)).toEqual([pull.id])
    expect(mine.pulls.nodes[0]!.requestedBy.name).toBe('alice')
    const all = await world.ok(PullsList, { first: 100 })
    expect(all.pulls.nodes.map((p) => p.id)).toContain(pull.id)
    expect((await world.ok(PullsOne, { id: pull.id })).pull).toMatchObject({ state: 'FAILED' })
  })

  it('answers DOCKER_UNAVAILABLE without an engine, and writes nothing', async () => {
    const { pullImage } = await dead.ok(PullsStart, { input: { reference: 'base/busybox:1.0' } })
    expect(pullImage).toEqual({
      pull: null,
      userErrors: [{ field: [], code: 'DOCKER_UNAVAILABLE', message: expect.stringContaining('unix:///nonexistent.sock') }],
    })
    expect(await dead.app.db.pull.count()).toBe(0)
  })
})
