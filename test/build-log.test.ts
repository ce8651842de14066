// A build's log as the runner writes it (BuildLogWriter, driven directly: running builds
// arrives with the Docker engine): lines stored in batches, in order, numbered without gaps,
// each batch published once stored; buildLogs followers from any line get exactly the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BuildLogWriter, MAX_LINES_PER_WRITE } from '../src/builds/build-log.js'
import type { Db } from '../src/db/client.js'
import { graphql } from './gql/index.js'
import { collectSubscription, openSubscription } from './support/sse.js'
import { ADMIN_TOKEN, createWorld, gid, type World } from './support/world.js'

const BuildLogFollow = graphql(`
  subscription BuildLogFollow($buildId: ID!, $fromLine: Int!) {
    buildLogs(buildId: $buildId, fromLine: $fromLine) { lineNo stream text createdAt }
  }
`)

let world: World
let imageId: number
let buildCount = 0

beforeAll(async () => {
  world = await createWorld()
  const admin = await world.app.services.users.authenticate(ADMIN_TOKEN)
  imageId = (await world.app.db.image.create({ data: { name: 'build-log/app', ownerId: admin!.id } })).id
})
afterAll(() => world?.dispose())

async function runningBuild() {
  // Held by this instance, as the runner holds a build it runs: a RUNNING row without a live
  // lease is an orphan that the leases' sweep restarts, and the restart writes a line of its own.
  const build = await world.app.db.build.create({
    data: { imageId, targetTag: `t${++buildCount}`, state: 'RUNNING', startedAt: new Date(), runnerId: world.app.services.leases.runnerId, heartbeatAt: new Date() },
  })
  return { id: build.id, gid: gid('Build', build.id), writer: new BuildLogWriter(world.app.db, world.app.services.bus, build.id) }
}

/** Ends the build as the runner does: the log is stored, the state recorded, then the end published. */
async function finish(build: { id: number; writer: BuildLogWriter }) {
  await build.writer.flushed()
  await world.app.db.build.update({ where: { id: build.id }, data: { state: 'SUCCEEDED', finishedAt: new Date() } })
  world.app.services.bus.publish(`build/${build.id}/log`, { end: 'SUCCEEDED' })
}

/** The text of `count * perChunk` lines numbered from `from`, cut in `count` chunks anywhere (mid-line too), as the engine sends it. */
function chunks(from: number, count: number, perChunk: number): string[] {
  const text = Array.from({ length: count * perChunk }, (_, i) => `line-${from + i}\n`).join('')
  const size = Math.ceil(text.length / count)
  return Array.from({ length: count }, (_, i) => text.slice(i * size, (i + 1) * size))
}

/**
 * The database, with its first write held until the test lets it go: what the writer does
 * while a write is in flight is then the test's to arrange, not the machine's speed.
 */
function holdFirstWrite(db: Db) {
  let release = () => {}
  const gate = new Promise<void>((resolve) => (release = resolve))
  let enter = () => {}
  const entered = new Promise<void>((resolve) => (enter = resolve))
  const executeRaw = async (...args: Parameters<Db['$executeRaw']>) => {
    enter()
    await gate
    return db.$executeRaw(...args)
  }
  return {
    db: new Proxy(db, { get: (target, key) => (key === '$executeRaw' ? executeRaw : Reflect.get(target, key)) }),
    entered,
    release,
  }
}

/** Listens on the build's log topic; `sizes()` stops and gives the sizes of the batches published until then. */
function publishedBatches(buildId: number) {
  const topic = world.app.services.bus.subscribe(`build/${buildId}/log`)
  const read = (async () => {
    const sizes: number[] = []
    for await (const event of topic) if ('lines' in event) sizes.push(event.lines.length)
    return sizes
  })()
  return {
    sizes: () => {
      topic.close()
      return read
    },
  }
}

const insertsOfLines = () => world.statements.filter((sql) => /^\s*INSERT INTO\s+\S*BuildLogLine/i.test(sql)).length

const expected = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => ({ lineNo: from + i, stream: 'stdout', text: `line-${from + i}` }))

async function storedLog(buildId: number) {
  return world.app.db.buildLogLine.findMany({ where: { buildId }, orderBy: { lineNo: 'asc' }, select: { lineNo: true, stream: true, text: true } })
}

describe('BuildLogWriter', () => {
  it('stores the lines given in one go in statements of at most MAX_LINES_PER_WRITE lines', async () => {
    const build = await runningBuild()
    world.statements.length = 0
    for (const chunk of chunks(0, 100, 50)) build.writer.text(chunk)
    await build.writer.flushed()
    expect(insertsOfLines()).toBe(5_000 / MAX_LINES_PER_WRITE)
    expect(await storedLog(build.id)).toEqual(expected(0, 5_000))
  })

  it('puts every line that arrives while a write is in flight into the next write, keeping numbers and order exact', async () => {
    const build = await runningBuild()
    const held = holdFirstWrite(world.app.db)
    const writer = new BuildLogWriter(held.db, world.app.services.bus, build.id)
    const batches = publishedBatches(build.id)
    world.statements.length = 0
    const [first, ...rest] = chunks(0, 500, 20)
    writer.text(first!)
    await held.entered
    // 499 chunks arrive while the first write waits: they go in the next writes, MAX_LINES_PER_WRITE lines each.
    for (const chunk of rest) writer.text(chunk)
    writer.system('done')
    held.release()
    await writer.flushed()
    const sizes = await batches.sizes()
    const stored = await storedLog(build.id)
    expect(stored).toEqual([...expected(0, 10_000), { lineNo: 10_000, stream: 'system', text: 'done' }])
    const inFirst = first!.split('\n').length - 1
    const afterFirst = 10_001 - inFirst
    expect(sizes).toEqual([inFirst, ...Array(Math.floor(afterFirst / MAX_LINES_PER_WRITE)).fill(MAX_LINES_PER_WRITE), afterFirst % MAX_LINES_PER_WRITE])
    expect(insertsOfLines()).toBe(sizes.length)
  })

  it('keeps a line without its newline until the stream ends', async () => {
    const build = await runningBuild()
    build.writer.text('first\nsec')
    build.writer.text('ond\r\nthi')
    build.writer.end()
    build.writer.system('after', 'stderr')
    await build.writer.flushed()
    expect(await storedLog(build.id)).toEqual([
      { lineNo: 0, stream: 'stdout', text: 'first' },
      { lineNo: 1, stream: 'stdout', text: 'second' },
      { lineNo: 2, stream: 'stdout', text: 'thi' },
      { lineNo: 3, stream: 'stderr', text: 'after' },
    ])
  })

  it('reports a failed write from flushed(), and takes no more lines after it', async () => {
    const build = await runningBuild()
    // A second writer of the same build numbers from 0 again: its write breaks the log's unique (build, line).
    build.writer.text('first\n')
    await build.writer.flushed()
    const clash = new BuildLogWriter(world.app.db, world.app.services.bus, build.id)
    clash.text('clash\n')
    await expect(clash.flushed()).rejects.toThrow()
    clash.text('after\n')
    await expect(clash.flushed()).rejects.toThrow()
    expect(await storedLog(build.id)).toEqual([{ lineNo: 0, stream: 'stdout', text: 'first' }])
  })

  it('keeps a failed write for flushed() to report, not as an unhandled rejection (which ends the process)', async () => {
    const build = await runningBuild()
    let failed = () => {}
    const wrote = new Promise<void>((resolve) => (failed = resolve))
    const failing = new Proxy(world.app.db, {
      get: (target, key) =>
        key === '$executeRaw'
          ? () => {
              // A turn of the event loop after the rejection: Node has looked for its handler by then.
              setImmediate(failed)
              return Promise.reject(new Error('disk I/O error'))
            }
          : Reflect.get(target, key),
    })
    const unhandled: unknown[] = []
    const listener = (reason: unknown) => void unhandled.push(reason)
    process.on('unhandledRejection', listener)
    try {
      const writer = new BuildLogWriter(failing, world.app.services.bus, build.id)
      writer.text('lost\n')
      await wrote
      await new Promise((resolve) => setImmediate(resolve))
      expect(unhandled).toEqual([])
      await expect(writer.flushed()).rejects.toThrow('disk I/O error')
    } finally {
      process.off('unhandledRejection', listener)
    }
  })
})

describe('buildLogs while the log is written in batches', () => {
  it('gives followers from the start, the middle and the end every remaining line once, in order', async () => {
    const build = await runningBuild()
    build.writer.text('line-0\n')
    await build.writer.flushed()
    // Listening (its first line has come) before the rest is written: it gets the rest live.
    const live = await openSubscription(world, BuildLogFollow, { buildId: build.gid, fromLine: 0 })
    expect((await live.next())?.data?.buildLogs).toMatchObject(expected(0, 1)[0]!)

    const written = chunks(1, 400, 25)
    for (const chunk of written.slice(0, 200)) build.writer.text(chunk)
    // Followers that start mid-write: their replay of stored lines meets batches published meanwhile.
    const followers = [1, 2_500, 4_999].map((fromLine) => ({ fromLine, collected: collectSubscription(world, BuildLogFollow, { buildId: build.gid, fromLine }) }))
    for (const chunk of written.slice(200)) {
      build.writer.text(chunk)
      await new Promise((resolve) => setImmediate(resolve))
    }
    build.writer.end()
    await finish(build)

    const total = 1 + 400 * 25
    // What was stored, as the API gives it: live lines must be the same, createdAt included.
    const stored = (await world.app.db.buildLogLine.findMany({ where: { buildId: build.id }, orderBy: { lineNo: 'asc' }, select: { lineNo: true, stream: true, text: true, createdAt: true } })).map(
      (line) => ({ ...line, createdAt: line.createdAt.toISOString() }),
    )
    expect(stored.map(({ createdAt: _, ...line }) => line)).toEqual(expected(0, total))
    const rest: unknown[] = []
    for (let event = await live.next(); event; event = await live.next()) rest.push(event.data!.buildLogs)
    expect(rest).toEqual(stored.slice(1))
    for (const { fromLine, collected } of followers) {
      const { events, completed } = await collected
      expect(completed).toBe(true)
      expect(events.map((event) => event.data!.buildLogs), `from line ${fromLine}`).toEqual(stored.slice(fromLine))
    }
    // And once it is over, a replay from the middle reads only the store.
    const late = await collectSubscription(world, BuildLogFollow, { buildId: build.gid, fromLine: 7_777 })
    expect(late).toEqual({ events: stored.slice(7_777).map((line) => ({ data: { buildLogs: line } })), completed: true })
  })
})

describe('buildLogs through the compiled subscription (src/read-path/events.ts)', () => {
  // The executor's answer, for comparison: the same document with a directive the plan leaves to it.
  const follow = (directive: string) =>
    ({ toString: () => `subscription Follow($buildId: ID!, $fromLine: Int!) { lines: buildLogs(buildId: $buildId, fromLine: $fromLine) ${directive} { __typename n: lineNo text stream createdAt } }` }) as typeof BuildLogFollow

  it('answers as the executor does: aliases, __typename, a replay, and the refusals', async () => {
    const build = await runningBuild()
    build.writer.text('first\nsecond\nthird\n')
    await finish(build)
    const admin = await world.app.services.users.authenticate(ADMIN_TOKEN)
    const hidden = await world.app.db.image.create({ data: { name: 'build-log/private', ownerId: admin!.id, isPrivate: true } })
    const hiddenBuild = await world.app.db.build.create({ data: { imageId: hidden.id, targetTag: 'x', state: 'SUCCEEDED' } })
    const cases: Array<[{ buildId: string; fromLine: number }, string | null | undefined]> = [
      [{ buildId: build.gid, fromLine: 0 }, undefined],
      [{ buildId: build.gid, fromLine: 2 }, null],
      [{ buildId: gid('Build', hiddenBuild.id), fromLine: 0 }, null],
      [{ buildId: 'not an id', fromLine: 0 }, undefined],
    ]
    for (const [variables, token] of cases) {
      const compiled = await collectSubscription(world, follow(''), variables, { token })
      const ordinary = await collectSubscription(world, follow('@include(if: true)'), variables, { token })
      expect(compiled).toEqual(ordinary)
    }
    const replay = await collectSubscription(world, follow(''), { buildId: build.gid, fromLine: 1 })
    expect(replay.events.map((event) => event.data)).toMatchObject([
      { lines: { __typename: 'BuildLogLine', n: 1, text: 'second', stream: 'stdout' } },
      { lines: { __typename: 'BuildLogLine', n: 2, text: 'third', stream: 'stdout' } },
    ])
    const refused = await collectSubscription(world, follow(''), { buildId: gid('Build', hiddenBuild.id), fromLine: 0 }, { token: null })
    expect(refused.events[0]?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND')
  })
})
