// Builds on the real engine: queued at once, run with no network, every log line stored
// and streamed, the tag recorded; failures, cancellation and a missing engine.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { graphql } from '../gql/index.js'
import { dockerFromHost } from '../../src/docker/engine.js'
import { openGate, waitAtGate } from '../support/build-gate.js'
import { collectSubscription, openSubscription } from '../support/sse.js'
import { createWorld, gid, type World } from '../support/world.js'

const EngineCreateImage = graphql(`
  mutation EngineCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id } userErrors { code } }
  }
`)
const EngineBuild = graphql(`
  mutation EngineBuild($input: BuildImageInput!) {
    buildImage(input: $input) {
      build { id state targetTag createdAt }
      userErrors { field message code }
    }
  }
`)
const EngineCancel = graphql(`
  mutation EngineCancel($input: CancelBuildInput!) {
    cancelBuild(input: $input) { build { id state } userErrors { field message code } }
  }
`)
const EngineBuildLogs = graphql(`
  subscription EngineBuildLogs($buildId: ID!, $fromLine: Int!) {
    buildLogs(buildId: $buildId, fromLine: $fromLine) { lineNo stream text }
  }
`)
const EngineChattyLogs = graphql(`
  subscription EngineChattyLogs($buildId: ID!, $fromLine: Int!) {
    buildLogs(buildId: $buildId, fromLine: $fromLine) { lineNo stream text createdAt }
  }
`)
const EngineBuildUpdated = graphql(`
  subscription EngineBuildUpdated($buildId: ID!) {
    buildUpdated(buildId: $buildId) { state }
  }
`)
const EngineImageUpdated = graphql(`
  subscription EngineImageUpdated($imageId: ID!) {
    imageUpdated(imageId: $imageId) { name state tags { nodes { name } } }
  }
`)
const EngineBuildResult = graphql(`
  query EngineBuildResult($id: ID!) {
    build(id: $id) {
      state errorMessage startedAt finishedAt targetTag
      logLines(first: 100) { totalCount nodes { lineNo text } }
      image { state lastBuildDate tags { nodes { name digest sizeBytes build { id } } } }
    }
  }
`)

const BASE = 'FROM icat-test/busybox:latest\n'

// Every build test runs on BuildKit (the default) and on the classic builder (BUILDER=classic).
describe.each(['BUILDKIT', 'CLASSIC'] as const)('buildImage on a real engine, with %s', (builder) => {
  let world: World
  let imageCount = 0
  // Each builder's images in a namespace of their own: both runs share the engine.
  const namespace = builder === 'BUILDKIT' ? 'engine' : 'classic'
  beforeAll(async () => {
    world = await createWorld({ DOCKER_HOST: inject('dockerHost'), BUILDER: builder.toLowerCase() })
  })
  afterAll(() => world?.dispose())

  /** An image in the engine/ namespace (the admin's), or in `owner`'s own namespace as `token`. */
  async function newImage(options: { token?: string; owner?: string; isPrivate?: boolean } = {}) {
    const name = `${options.owner ?? namespace}/app-${imageCount++}`
    const { createImage } = await world.ok(EngineCreateImage, { input: { name, isPrivate: options.isPrivate } }, { token: options.token })
    return createImage.image!.id
  }

  async function build(imageId: string, dockerfile: string, tag = 'latest') {
    const { buildImage } = await world.ok(EngineBuild, { input: { imageId, dockerfile, tag } })
    expect(buildImage.userErrors).toEqual([])
    return buildImage.build!
  }

  it('queues at once, streams every line live, and records the tag with digest and size', async () => {
    const imageId = await newImage()
    const queued = await build(imageId, `${BASE}RUN echo hello-from-build && echo second-line\n`)
    expect(['QUEUED', 'RUNNING']).toContain(queued.state)

    const { events, completed } = await collectSubscription(world, EngineBuildLogs, { buildId: queued.id, fromLine: 0 })
    expect(completed).toBe(true)
    const lines = events.map((e) => e.data!.buildLogs)
    expect(lines.map((l) => l.lineNo)).toEqual(lines.map((_, i) => i))
    const texts = lines.map((l) => l.text)
    expect(texts[0]).toBe(`Building ${namespace}/app-0:latest`)
    expect(texts).toContain('hello-from-build')
    expect(texts).toContain('second-line')

    const { build: done } = await world.ok(EngineBuildResult, { id: queued.id })
    expect(done).toMatchObject({ state: 'SUCCEEDED', errorMessage: null, targetTag: 'latest' })
    expect(new Date(done!.finishedAt!).getTime()).toBeGreaterThanOrEqual(new Date(done!.startedAt!).getTime())
    // Stored and streamed are the same lines.
    expect(done!.logLines.nodes.map((l) => l.text)).toEqual(texts)
    const [tag] = done!.image.tags.nodes
    expect(tag).toMatchObject({ name: 'latest', build: { id: queued.id } })
    expect(tag!.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(tag!.sizeBytes).toBeGreaterThan(1_000_000)
    expect(done!.image.state).toBe('SUCCESS')
    expect(done!.image.lastBuildDate).toBe(done!.finishedAt)
  })

  it('streams the image as its state follows a build: EMPTY, BUILDING, then SUCCESS with the tag', async () => {
    const imageId = await newImage()
    // The build starts once the first event (the image as it is) has arrived, so it cannot overtake the subscription.
    let started: Promise<unknown> | undefined
    const { events } = await collectSubscription(world, EngineImageUpdated, { imageId }, {
      until: (seen) => {
        started ??= build(imageId, `${BASE}RUN echo watched\n`)
        return seen.some((e) => e.data?.imageUpdated.state === 'SUCCESS')
      },
    })
    await started
    const states = events.map((e) => e.data!.imageUpdated.state)
    expect(states[0]).toBe('EMPTY')
    expect(states).toContain('BUILDING')
    expect(states.at(-1)).toBe('SUCCESS')
    expect(events.at(-1)!.data!.imageUpdated.tags.nodes).toEqual([{ name: 'latest' }])
  })

  it("hides another user's private image from imageUpdated", async () => {
    const alice = await world.createUser('carol')
    const imageId = await newImage({ token: alice.token, owner: 'carol', isPrivate: true })
    const peek = await collectSubscription(world, EngineImageUpdated, { imageId }, { token: null, timeoutMs: 5_000 })
    expect(peek.events).toEqual([expect.objectContaining({ errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })] })])
  })

  it('replays from any line to a late subscriber, then completes, with nothing twice', async () => {
    const imageId = await newImage()
    const queued = await build(imageId, `${BASE}RUN echo one && echo two && echo three\n`)
    const all = await collectSubscription(world, EngineBuildLogs, { buildId: queued.id, fromLine: 0 })
    const late = await collectSubscription(world, EngineBuildLogs, { buildId: queued.id, fromLine: 2 })
    expect(late.completed).toBe(true)
    expect(late.events.map((e) => e.data!.buildLogs)).toEqual(all.events.slice(2).map((e) => e.data!.buildLogs))
  })

  it("stores a chatty build's 5,000 lines in a few INSERTs, in order, and gives a follower from the middle exactly the rest", async () => {
    const imageId = await newImage()
    const queued = await build(imageId, `${BASE}RUN ${waitAtGate('chatty')} && awk 'BEGIN { for (i = 0; i < 5000; i++) print "chatty " i }'\n`)
    // Attached before the lines come (its first line is stored before the step waits): it gets them live.
    const live = await openSubscription(world, EngineChattyLogs, { buildId: queued.id, fromLine: 0 })
    expect((await live.next())?.data?.buildLogs.lineNo).toBe(0)
    world.statements.length = 0
    await openGate(dockerFromHost(inject('dockerHost')), 'chatty')
    // Joining while the lines come, or after: either way it must get exactly the rest.
    const middle = collectSubscription(world, EngineChattyLogs, { buildId: queued.id, fromLine: 2_500 })
    const received = []
    for (let event = await live.next(); event; event = await live.next()) received.push(event.data!.buildLogs)

    const stored = (await world.app.db.buildLogLine.findMany({
      where: { buildId: Number(Buffer.from(queued.id, 'base64').toString().split(':')[1]) },
      orderBy: { lineNo: 'asc' },
      select: { lineNo: true, stream: true, text: true, createdAt: true },
    })).map((line) => ({ ...line, createdAt: line.createdAt.toISOString() }))
    expect(stored.map((line) => line.lineNo)).toEqual(stored.map((_, i) => i))
    const printed = stored.filter((line) => line.text.startsWith('chatty '))
    expect(printed.map((line) => line.text)).toEqual(Array.from({ length: 5_000 }, (_, i) => `chatty ${i}`))
    expect(received).toEqual(stored.slice(1))
    expect(await middle).toEqual({ events: stored.slice(2_500).map((line) => ({ data: { buildLogs: line } })), completed: true })
    // The engine hands over hundreds of lines at a time, and each batch is one INSERT.
    const inserts = world.statements.filter((sql) => /^\s*INSERT INTO\s+\S*BuildLogLine/i.test(sql)).length
    expect(inserts).toBeGreaterThan(0)
    expect(inserts).toBeLessThan(5_000 / 50)
  })

  it('fails with the engine error, keeps the log, and marks the image FAILED', async () => {
    const imageId = await newImage()
    const queued = await build(imageId, `${BASE}RUN echo about-to-fail && exit 3\n`)
    const states = await collectSubscription(world, EngineBuildUpdated, { buildId: queued.id })
    expect(states.completed).toBe(true)
    expect(states.events.at(-1)!.data!.buildUpdated.state).toBe('FAILED')
    const { build: done } = await world.ok(EngineBuildResult, { id: queued.id })
    // BuildKit names the step that failed.
    if (builder === 'BUILDKIT') expect(done!.errorMessage).toBe('step [2/2] RUN echo about-to-fail && exit 3 failed with exit code 3')
    else expect(done!.errorMessage).toMatch(/returned a non-zero code: 3/)
    expect(done!.logLines.nodes.map((l) => l.text)).toContain('about-to-fail')
    expect(done!.image.tags.nodes).toEqual([])
    expect(done!.image.state).toBe('FAILED')
  })

  it('cancels a running build: the answer is CANCELLING (or already CANCELLED), never RUNNING, and it ends CANCELLED', async () => {
    const imageId = await newImage()
    const queued = await build(imageId, `${BASE}RUN echo started && sleep 60\n`)
    await collectSubscription(world, EngineBuildLogs, { buildId: queued.id, fromLine: 0 }, { until: (events) => events.some((e) => e.data?.buildLogs.text === 'started') })
    const updates = await openSubscription(world, EngineBuildUpdated, { buildId: queued.id })
    expect((await updates.next())?.data?.buildUpdated.state).toBe('RUNNING')
    const { cancelBuild } = await world.ok(EngineCancel, { input: { id: queued.id } })
    expect(cancelBuild.userErrors).toEqual([])
    // The engine needs a moment to stop; the answer says where the build is now.
    expect(['CANCELLING', 'CANCELLED']).toContain(cancelBuild.build!.state)
    const after: string[] = []
    for (let event = await updates.next(); event; event = await updates.next()) after.push(event.data!.buildUpdated.state)
    expect(after.at(-1)).toBe('CANCELLED')
    expect(after.every((s) => s === 'CANCELLING' || s === 'CANCELLED')).toBe(true)
    const { build: done } = await world.ok(EngineBuildResult, { id: queued.id })
    expect(done).toMatchObject({ state: 'CANCELLED', errorMessage: null, image: { state: 'EMPTY', tags: { nodes: [] } } })
    const again = await world.ok(EngineCancel, { input: { id: queued.id } })
    expect(again.cancelBuild.userErrors).toEqual([{ field: ['input', 'id'], code: 'INVALID', message: expect.stringContaining('already over (CANCELLED)') }])
  })

  it('refuses bad input and writes nothing', async () => {
    const imageId = await newImage()
    const refused = async (input: Record<string, unknown>) => (await world.ok(EngineBuild, { input: { imageId, ...input } as never })).buildImage.userErrors
    expect(await refused({})).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'versionId'] })])
    expect(await refused({ dockerfile: BASE, versionId: gid('Version', 1) })).toEqual([expect.objectContaining({ code: 'INVALID' })])
    expect(await refused({ dockerfile: BASE, tag: '-bad' })).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'tag'] })])
    expect(await refused({ dockerfile: BASE, buildArgs: [{ name: '1x', value: 'v' }] })).toEqual([
      expect.objectContaining({ code: 'INVALID', field: ['input', 'buildArgs', '0', 'name'] }),
    ])
    expect(await refused({ versionId: gid('Version', 99999) })).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'versionId'] })])
    expect(await world.app.db.build.count({ where: { image: { name: { startsWith: `${namespace}/` } }, imageId: Number(Buffer.from(imageId, 'base64').toString().split(':')[1]) } })).toBe(0)
  })

  it("hides another user's private build: its logs are NOT_FOUND", async () => {
    const alice = await world.createUser('alice')
    const imageId = await newImage({ token: alice.token, owner: 'alice', isPrivate: true })
    const { buildImage } = await world.ok(EngineBuild, { input: { imageId, dockerfile: `${BASE}RUN true\n` } }, { token: alice.token })
    const bob = await world.createUser('bob')
    const peek = await collectSubscription(world, EngineBuildLogs, { buildId: buildImage.build!.id, fromLine: 0 }, { token: bob.token })
    expect(peek.events).toEqual([expect.objectContaining({ errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })] })])
    const own = await collectSubscription(world, EngineBuildLogs, { buildId: buildImage.build!.id, fromLine: 0 }, { token: alice.token })
    expect(own.completed).toBe(true)
    expect(own.events.length).toBeGreaterThan(0)
  })
})

describe('cancelBuild of a build waiting its turn', () => {
  let world: World
  beforeAll(async () => {
    world = await createWorld({ DOCKER_HOST: inject('dockerHost'), BUILD_CONCURRENCY: '1' })
  })
  afterAll(() => world?.dispose())

  it('answers CANCELLED at once, and the build never runs', async () => {
    const { createImage } = await world.ok(EngineCreateImage, { input: { name: 'engine/queue' } })
    const imageId = createImage.image!.id
    const start = async (dockerfile: string) => (await world.ok(EngineBuild, { input: { imageId, dockerfile } })).buildImage.build!
    // The only slot is taken until this one is cancelled.
    const blocker = await start(`${BASE}RUN echo started && sleep 60\n`)
    await collectSubscription(world, EngineBuildLogs, { buildId: blocker.id, fromLine: 0 }, { until: (events) => events.some((e) => e.data?.buildLogs.text === 'started') })
    const waiting = await start(`${BASE}RUN echo never\n`)
    expect(waiting.state).toBe('QUEUED')

    const { cancelBuild } = await world.ok(EngineCancel, { input: { id: waiting.id } })
    expect(cancelBuild).toEqual({ build: { id: waiting.id, state: 'CANCELLED' }, userErrors: [] })
    const states = await collectSubscription(world, EngineBuildUpdated, { buildId: waiting.id })
    expect(states).toEqual({ events: [{ data: { buildUpdated: { state: 'CANCELLED' } } }], completed: true })

    expect((await world.ok(EngineCancel, { input: { id: blocker.id } })).cancelBuild.userErrors).toEqual([])
    const blockerStates = await collectSubscription(world, EngineBuildUpdated, { buildId: blocker.id })
    expect(blockerStates.events.at(-1)!.data!.buildUpdated.state).toBe('CANCELLED')
    const { build: never } = await world.ok(EngineBuildResult, { id: waiting.id })
    expect(never).toMatchObject({ state: 'CANCELLED', startedAt: null, logLines: { totalCount: 0 } })
  })
})

describe('buildImage without an engine', () => {
  let world: World
  beforeAll(async () => {
    world = await createWorld({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' })
  })
  afterAll(() => world?.dispose())

  it('answers DOCKER_UNAVAILABLE, says how to fix it, and queues nothing', async () => {
    const { createImage } = await world.ok(EngineCreateImage, { input: { name: 'engine/offline' } })
    const { buildImage } = await world.ok(EngineBuild, { input: { imageId: createImage.image!.id, dockerfile: BASE } })
    expect(buildImage.build).toBeNull()
    expect(buildImage.userErrors).toEqual([{ field: [], code: 'DOCKER_UNAVAILABLE', message: expect.stringContaining('DOCKER_HOST') }])
    expect(await world.app.db.build.count()).toBe(0)
  })
})
