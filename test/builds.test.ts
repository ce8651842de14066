// Builds as records: build(id:), the Build type with its paged log, and Image.builds.
// Builds are made as fixtures in the database: running them arrives with the Docker engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { graphql } from './gql/index.js'
import { openSubscription } from './support/sse.js'
import { createWorld, type World, gid } from './support/world.js'
import { runLogger } from './support/run-log.js'

const BuildsBuild = graphql(`
  query BuildsBuild($id: ID!) {
    build(id: $id) {
      id
      state
      targetTag
      dockerfilePath
      errorMessage
      createdAt
      startedAt
      finishedAt
      image { id name }
      version { id version }
      requestedBy { id name }
      logLines(first: 2) { totalCount nodes { lineNo } }
    }
  }
`)

const BuildsLog = graphql(`
  query BuildsLog($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    build(id: $id) {
      logLines(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        edges { cursor node { lineNo stream text createdAt } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }
`)

const BuildsNode = graphql(`
  query BuildsNode($id: ID!) {
    node(id: $id) { id ... on Build { targetTag } }
  }
`)

const BuildsOfImage = graphql(`
  query BuildsOfImage($id: ID!, $first: Int, $after: String) {
    image(id: $id) {
      builds(first: $first, after: $after) {
        totalCount
        nodes { targetTag state version { version } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`)

const BuildsCancel = graphql(`
  mutation BuildsCancel($input: CancelBuildInput!) {
    cancelBuild(input: $input) { build { id state finishedAt image { state } } userErrors { field message code } }
  }
`)

const BuildsUpdated = graphql(`
  subscription BuildsUpdated($buildId: ID!) {
    buildUpdated(buildId: $buildId) { state }
  }
`)

let world: World
let alice: { id: number; token: string }
let bob: { id: number; token: string }
let imageCount = 0

beforeAll(async () => {
  world = await createWorld()
  alice = await world.createUser('alice')
  bob = await world.createUser('bob')
})
afterAll(() => world?.dispose())

async function imageOf(ownerId: number, options: { isPrivate?: boolean } = {}) {
  const image = await world.app.db.image.create({ data: { name: `builds/img-${++imageCount}`, ownerId, isPrivate: options.isPrivate ?? false } })
  return { ...image, gid: gid('Image', image.id) }
}

async function versionOf(imageId: number, version: string) {
  return world.app.db.version.create({
    data: { imageId, version, sourceSha256: 'e'.repeat(64), sourceSizeBytes: 1536, sourceFilename: 'src.tar', sourceFormat: 'tar' },
  })
}

/** `count` log lines, inserted in a scrambled order so that row ids do not follow line numbers. */
async function logOf(buildId: number, count: number) {
  const lineNos = Array.from({ length: count }, (_, i) => i)
  const scrambled = [...lineNos.filter((n) => n % 3 === 2), ...lineNos.filter((n) => n % 3 === 0).reverse(), ...lineNos.filter((n) => n % 3 === 1)]
  await world.app.db.buildLogLine.createMany({
    data: scrambled.map((lineNo) => ({ buildId, lineNo, stream: lineNo % 10 === 9 ? 'stderr' : 'stdout', text: `line ${lineNo}` })),
  })
}

describe('build(id:)', () => {
  it('finds a build with its fields', async () => {
    const image = await imageOf(alice.id)
    const version = await versionOf(image.id, '1.2')
    const createdAt = new Date('2030-01-02T03:04:05.000Z')
    const startedAt = new Date('2030-01-02T03:04:06.000Z')
    const finishedAt = new Date('2030-01-02T03:05:00.000Z')
    const build = await world.app.db.build.create({
      data: {
        imageId: image.id,
        versionId: version.id,
        requestedById: alice.id,
        targetTag: '1.2',
        dockerfilePath: 'docker/Dockerfile',
        state: 'FAILED',
        errorMessage: 'step 3/7: exit code 1',
        createdAt,
        startedAt,
        finishedAt,
      },
    })
    await logOf(build.id, 5)

    const data = await world.ok(BuildsBuild, { id: gid('Build', build.id) }, { token: null })
    expect(data.build).toEqual({
      id: gid('Build', build.id),
      state: 'FAILED',
      targetTag: '1.2',
      dockerfilePath: 'docker/Dockerfile',
      errorMessage: 'step 3/7: exit code 1',
      createdAt: createdAt.toISOString(),
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      image: { id: image.gid, name: image.name },
      version: { id: gid('Version', version.id), version: '1.2' },
      requestedBy: { id: gid('User', alice.id), name: 'alice' },
      logLines: { totalCount: 5, nodes: [{ lineNo: 0 }, { lineNo: 1 }] },
    })
    expect((await world.ok(BuildsNode, { id: gid('Build', build.id) })).node).toEqual({ id: gid('Build', build.id), targetTag: '1.2' })
  })

  it('a queued build without version or requester has nulls and an empty log', async () => {
    const image = await imageOf(alice.id)
    const build = await world.app.db.build.create({ data: { imageId: image.id, targetTag: 'latest' } })
    const data = await world.ok(BuildsBuild, { id: gid('Build', build.id) })
    expect(data.build).toMatchObject({
      state: 'QUEUED',
      dockerfilePath: null,
      errorMessage: null,
      startedAt: null,
      finishedAt: null,
      version: null,
      requestedBy: null,
      logLines: { totalCount: 0, nodes: [] },
    })
    expect(data.build!.createdAt).toBe(build.createdAt.toISOString())
  })

  it('forgets who requested a build when that user goes', async () => {
    const carol = await world.createUser('carol')
    const image = await imageOf(alice.id)
    const build = await world.app.db.build.create({ data: { imageId: image.id, targetTag: 'x', requestedById: carol.id } })
    await world.app.db.apiToken.deleteMany({ where: { userId: carol.id } })
    await world.app.db.user.delete({ where: { id: carol.id } })
    expect((await world.ok(BuildsBuild, { id: gid('Build', build.id) })).build!.requestedBy).toBeNull()
  })

  it('is null when missing, and for another user\'s private image, to them and to anonymous callers', async () => {
    const image = await imageOf(bob.id, { isPrivate: true })
    const build = await world.app.db.build.create({ data: { imageId: image.id, targetTag: 'secret' } })
    const id = gid('Build', build.id)
    expect((await world.ok(BuildsBuild, { id: gid('Build', 999_999) })).build).toBeNull()
    expect((await world.ok(BuildsBuild, { id }, { token: alice.token })).build).toBeNull()
    expect((await world.ok(BuildsBuild, { id }, { token: null })).build).toBeNull()
    expect((await world.ok(BuildsBuild, { id })).build).toBeNull() // admins too: private is the owner's alone
    expect((await world.ok(BuildsNode, { id }, { token: alice.token })).node).toBeNull()
    expect((await world.ok(BuildsBuild, { id }, { token: bob.token })).build).toMatchObject({ targetTag: 'secret' })
  })

  it('a malformed or foreign ID is BAD_USER_INPUT with reason INVALID_ID', async () => {
    const image = await imageOf(alice.id)
    for (const id of ['$$$', image.gid, gid('Build', 0), gid('Build', 1.5)]) {
      const result = await world.run(BuildsBuild, { id })
      expect(result.data).toEqual({ build: null })
      expect(result.errors).toMatchObject([{ path: ['build'], extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_ID', field: ['id'] } }])
    }
  })
})

describe('Build.logLines', () => {
  let buildGid: string

  beforeAll(async () => {
    const image = await imageOf(alice.id)
    const build = await world.app.db.build.create({ data: { imageId: image.id, targetTag: 'log', state: 'RUNNING' } })
    await logOf(build.id, 250)
    // Another build's log must not leak into this one.
    const other = await world.app.db.build.create({ data: { imageId: image.id, targetTag: 'other' } })
    await logOf(other.id, 7)
    buildGid = gid('Build', build.id)
  })

  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i)

  it('pages through 250 lines in line order with first/after', async () => {
    const seen: number[] = []
    let after: string | null | undefined
    const pageSizes: number[] = []
    for (;;) {
      const data = await world.ok(BuildsLog, { id: buildGid, first: 100, after })
      const log = data.build!.logLines
      expect(log.totalCount).toBe(250)
      pageSizes.push(log.edges.length)
      seen.push(...log.edges.map((e) => e.node.lineNo))
      expect(log.pageInfo.startCursor).toBe(log.edges[0]?.cursor ?? null)
      expect(log.pageInfo.endCursor).toBe(log.edges.at(-1)?.cursor ?? null)
      if (!log.pageInfo.hasNextPage) break
      after = log.pageInfo.endCursor
    }
    expect(pageSizes).toEqual([100, 100, 50])
    expect(seen).toEqual(range(0, 250))
  })

  it('shows each line\'s stream, text and time', async () => {
    const data = await world.ok(BuildsLog, { id: buildGid, first: 3, after: null })
    const log = data.build!.logLines
    expect(log.edges.map((e) => e.node)).toEqual([
      { lineNo: 0, stream: 'stdout', text: 'line 0', createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) },
      { lineNo: 1, stream: 'stdout', text: 'line 1', createdAt: expect.any(String) },
      { lineNo: 2, stream: 'stdout', text: 'line 2', createdAt: expect.any(String) },
    ])
    expect(log.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false })
    const at9 = await world.ok(BuildsLog, { id: buildGid, first: 1, after: log.edges[2]!.cursor })
    expect(at9.build!.logLines.edges[0]!.node).toMatchObject({ lineNo: 3 })
    const stderr = await world.ok(BuildsLog, { id: buildGid, first: 10 })
    expect(stderr.build!.logLines.edges[9]!.node).toMatchObject({ lineNo: 9, stream: 'stderr', text: 'line 9' })
  })

  it('resumes after a cursor in the middle and pages backwards with last/before', async () => {
    const page1 = await world.ok(BuildsLog, { id: buildGid, first: 100 })
    const page2 = await world.ok(BuildsLog, { id: buildGid, first: 20, after: page1.build!.logLines.pageInfo.endCursor })
    const cursorOf119 = page2.build!.logLines.edges[19]!.cursor
    expect(page2.build!.logLines.edges[19]!.node.lineNo).toBe(119)
    const next = await world.ok(BuildsLog, { id: buildGid, first: 5, after: cursorOf119 })
    expect(next.build!.logLines.edges.map((e) => e.node.lineNo)).toEqual([120, 121, 122, 123, 124])
    expect(next.build!.logLines.pageInfo.hasPreviousPage).toBe(true)

    const tail = await world.ok(BuildsLog, { id: buildGid, last: 3 })
    expect(tail.build!.logLines.edges.map((e) => e.node.lineNo)).toEqual([247, 248, 249])
    const before = await world.ok(BuildsLog, { id: buildGid, last: 4, before: cursorOf119 })
    expect(before.build!.logLines.edges.map((e) => e.node.lineNo)).toEqual([115, 116, 117, 118])
  })

  it('defaults to 20 lines, gives at most 100 per page, and refuses bad arguments', async () => {
    const byDefault = await world.ok(BuildsLog, { id: buildGid })
    expect(byDefault.build!.logLines.edges.map((e) => e.node.lineNo)).toEqual(range(0, 20))
    const tooMany = await world.ok(BuildsLog, { id: buildGid, first: 250 })
    expect(tooMany.build!.logLines.edges.map((e) => e.node.lineNo)).toEqual(range(0, 100))
    expect(tooMany.build!.logLines.pageInfo.hasNextPage).toBe(true)
    // Paging arguments are planned with the parent's query, so the error sits on `build`.
    const negative = await world.run(BuildsLog, { id: buildGid, first: -1 })
    expect(negative.data).toEqual({ build: null })
    expect(negative.errors).toMatchObject([{ path: ['build'], message: 'Argument "first" must be a non-negative integer', extensions: { code: 'BAD_USER_INPUT' } }])
    const badCursor = await world.run(BuildsLog, { id: buildGid, first: 5, after: 'not a cursor' })
    expect(badCursor.status).toBe(400)
    expect(badCursor.data).toBeUndefined()
    expect(badCursor.errors).toEqual([{ message: 'Invalid cursor: not a cursor', extensions: { code: 'BAD_USER_INPUT' } }])
  })
})

describe('Image.builds', () => {
  it('lists the image\'s builds newest first and pages with first/after', async () => {
    const image = await imageOf(alice.id)
    const version = await versionOf(image.id, '3.0')
    const states = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'RUNNING', 'QUEUED'] as const
    for (const [i, state] of states.entries()) {
      await world.app.db.build.create({ data: { imageId: image.id, versionId: i % 2 === 0 ? version.id : null, targetTag: `t${i}`, state } })
    }
    const elsewhere = await imageOf(alice.id)
    await world.app.db.build.create({ data: { imageId: elsewhere.id, targetTag: 'elsewhere' } })

    const page1 = await world.ok(BuildsOfImage, { id: image.gid, first: 3 }, { token: null })
    expect(page1.image!.builds).toMatchObject({
      totalCount: 5,
      nodes: [
        { targetTag: 't4', state: 'QUEUED', version: { version: '3.0' } },
        { targetTag: 't3', state: 'RUNNING', version: null },
        { targetTag: 't2', state: 'CANCELLED', version: { version: '3.0' } },
      ],
      pageInfo: { hasNextPage: true },
    })
    const page2 = await world.ok(BuildsOfImage, { id: image.gid, first: 3, after: page1.image!.builds.pageInfo.endCursor }, { token: null })
    expect(page2.image!.builds).toMatchObject({
      totalCount: 5,
      nodes: [{ targetTag: 't1', state: 'FAILED' }, { targetTag: 't0', state: 'SUCCEEDED' }],
      pageInfo: { hasNextPage: false },
    })
  })
})

describe('cancelBuild', () => {
  // Builds another server instance runs: this one can only mark them, so they stay CANCELLING
  // until their owner (its next heartbeat) or, if it died, the instance taking them over ends them.
  const elsewhere = (alive: boolean) => ({ runnerId: 'another-instance', heartbeatAt: new Date(Date.now() - (alive ? 0 : 10 * 60_000)) })

  it('answers CANCELLING for a running build, streams it, and answers the same when asked again', async () => {
    const image = await imageOf(alice.id)
    const build = await world.app.db.build.create({ data: { imageId: image.id, targetTag: '1.0', state: 'RUNNING', ...elsewhere(true) } })
    const updates = await openSubscription(world, BuildsUpdated, { buildId: gid('Build', build.id) }, { token: alice.token })
    expect((await updates.next())?.data?.buildUpdated).toEqual({ state: 'RUNNING' })
    const { cancelBuild } = await world.ok(BuildsCancel, { input: { id: gid('Build', build.id) } }, { token: alice.token })
    expect(cancelBuild).toEqual({ build: { id: gid('Build', build.id), state: 'CANCELLING', finishedAt: null, image: { state: 'BUILDING' } }, userErrors: [] })
    expect((await updates.next())?.data?.buildUpdated).toEqual({ state: 'CANCELLING' })
    const again = await world.ok(BuildsCancel, { input: { id: gid('Build', build.id) } }, { token: alice.token })
    expect(again.cancelBuild).toMatchObject({ build: { state: 'CANCELLING' }, userErrors: [] })
    updates.close()
  })

  it('ends a queued build as CANCELLED at once, whichever instance would have run it', async () => {
    const image = await imageOf(alice.id)
    const build = await world.app.db.build.create({ data: { imageId: image.id, targetTag: '1.0', state: 'QUEUED' } })
    const { cancelBuild } = await world.ok(BuildsCancel, { input: { id: gid('Build', build.id) } }, { token: alice.token })
    expect(cancelBuild).toMatchObject({ build: { state: 'CANCELLED', finishedAt: expect.any(String) }, userErrors: [] })
    expect(await world.app.db.build.findUniqueOrThrow({ where: { id: build.id } })).toMatchObject({ state: 'CANCELLED', runnerId: null, startedAt: null, finishedAt: expect.any(Date) })
  })

  it('is INVALID for a build already over, naming its state, and changes nothing', async () => {
    const image = await imageOf(alice.id)
    const build = await world.app.db.build.create({ data: { imageId: image.id, targetTag: '1.0', state: 'SUCCEEDED', finishedAt: new Date() } })
    const { cancelBuild } = await world.ok(BuildsCancel, { input: { id: gid('Build', build.id) } }, { token: alice.token })
    expect(cancelBuild).toEqual({ build: null, userErrors: [{ field: ['input', 'id'], code: 'INVALID', message: expect.stringContaining('already over (SUCCEEDED)') }] })
    expect((await world.app.db.build.findUniqueOrThrow({ where: { id: build.id } })).state).toBe('SUCCEEDED')
  })

  it("is NOT_FOUND for another user's private build, and FORBIDDEN for another user's public one", async () => {
    const hidden = await imageOf(alice.id, { isPrivate: true })
    const shown = await imageOf(alice.id)
    const [a, b] = await Promise.all([hidden, shown].map((image) => world.app.db.build.create({ data: { imageId: image.id, targetTag: '1.0', state: 'RUNNING', ...elsewhere(true) } })))
    const notFound = await world.ok(BuildsCancel, { input: { id: gid('Build', a!.id) } }, { token: bob.token })
    expect(notFound.cancelBuild.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] })])
    const forbidden = await world.run(BuildsCancel, { input: { id: gid('Build', b!.id) } }, { token: bob.token })
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect(await world.app.db.build.count({ where: { id: { in: [a!.id, b!.id] }, state: 'RUNNING' } })).toBe(2)
  })

  it('ends a CANCELLING build whose server died as CANCELLED (not interrupted) at the next start', async () => {
    const image = await imageOf(alice.id)
    const cancelling = await world.app.db.build.create({ data: { imageId: image.id, targetTag: '1.0', state: 'RUNNING', ...elsewhere(true) } })
    const running = await world.app.db.build.create({ data: { imageId: image.id, targetTag: '2.0', state: 'RUNNING', ...elsewhere(false) } })
    expect((await world.ok(BuildsCancel, { input: { id: gid('Build', cancelling.id) } }, { token: alice.token })).cancelBuild.build?.state).toBe('CANCELLING')
    // Its owner stops beating.
    await world.app.db.build.updateMany({ where: { id: cancelling.id }, data: elsewhere(false) })
    // Retrying off, so that the running one ends at once (leases.test.ts has the restarts).
    const next = await buildApp({ ...world.app.config, jobRetries: 0 }, { log: () => {}, logger: runLogger() })
    try {
      expect(await world.app.db.build.findUniqueOrThrow({ where: { id: cancelling.id } })).toMatchObject({ state: 'CANCELLED', errorMessage: null, finishedAt: expect.any(Date) })
      expect(await world.app.db.build.findUniqueOrThrow({ where: { id: running.id } })).toMatchObject({ state: 'FAILED', errorMessage: 'interrupted' })
    } finally {
      await next.stop()
    }
  })
})
