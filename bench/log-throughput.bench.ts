// Prints how fast a chatty build's log is stored and streamed. Target: 20,000 lines/s or more.
//
// 1. A real server process (`src/server.ts` through tsx) runs a build on the private engine
//    that prints LINES lines (default 100,000) in one RUN step, with one buildLogs subscriber
//    over SSE attached before the step starts (it waits at a gate until then). A line reaches
//    the subscriber only once it is stored, so the streamed rate bounds the stored one from
//    below. Afterwards a replay from the middle must give exactly what the live subscriber got.
// 2. The log writer alone, in-process, with the same lines handed over as fast as it takes them:
//    what storing costs without the engine, the build, GraphQL or a subscriber, and how many
//    INSERTs it took; then a replay from the middle, checked against the lines written.
//
// Both on SQLite and on PostgreSQL (a scratch database). Starts its own private engine like
// the test suite does (root, Debian packages).
// Run: npm run bench:log-throughput   (LINES=10000 for a short run; DATABASES=sqlite for one;
// BENCH_PROFILE=1 for a CPU profile of the server)
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildApp } from '../src/app.js'
import { BuildLogWriter } from '../src/builds/build-log.js'
import { loadConfig } from '../src/config.js'
import { dockerFromHost } from '../src/docker/engine.js'
import { graphql } from '../test/gql/index.js'
import { ADMIN_TOKEN } from '../test/support/admin-token.js'
import { openGate, waitAtGate } from '../test/support/build-gate.js'
import { BASE_IMAGE, startPrivateEngine } from '../test/support/engine-setup.js'
import { createScratchDatabase } from '../test/support/postgres.js'
import { postTo, startServer } from '../test/support/processes.js'
import { nextPayloads } from '../test/support/sse.js'
import { summariseProfile } from './support/cpu-profile.js'
import { cpuMsOf, perSecond, positiveEnv } from './support/measure.js'

/** BENCH_PROFILE=1: a CPU profile of each server process, summarised after its run. */
const PROFILE = process.env.BENCH_PROFILE === '1'

const LINES = positiveEnv('LINES', 100_000)
const DATABASES = (process.env.DATABASES ?? 'sqlite,postgres').split(',') as Database[]
const TARGET = 20_000
/** What a chatty compiler's line is like: some 70 characters. */
const LINE_TAIL = 'of a build that talks a lot, about as long as a compiler line'
const lineText = (i: number) => `line ${i} ${LINE_TAIL}`

type Database = 'sqlite' | 'postgres'

const ThroughputCreateImage = graphql(`
  mutation ThroughputCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id } }
  }
`)
const ThroughputBuild = graphql(`
  mutation ThroughputBuild($input: BuildImageInput!) {
    buildImage(input: $input) { build { id } }
  }
`)
const ThroughputLogs = graphql(`
  subscription ThroughputLogs($buildId: ID!, $fromLine: Int!) {
    buildLogs(buildId: $buildId, fromLine: $fromLine) { lineNo stream text createdAt }
  }
`)

interface Line {
  lineNo: number
  stream: string
  text: string
  createdAt: string
}

/** A buildLogs subscription over SSE: each line as it arrives, with when it did (ms since the epoch). */
type Post = (init: RequestInit) => Promise<Response> | Response

async function* follow(post: Post, buildId: string, fromLine: number): AsyncGenerator<{ line: Line; at: number }> {
  const response = await post({
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ query: ThroughputLogs.toString(), variables: { buildId, fromLine } }),
  })
  for await (const event of nextPayloads<{ buildLogs: Line }>(response)) {
    if (!event.data) throw new Error(JSON.stringify(event.errors))
    yield { line: event.data.buildLogs, at: Date.now() }
  }
}

async function collect(lines: AsyncIterable<{ line: Line }>): Promise<Line[]> {
  const all: Line[] = []
  for await (const { line } of lines) all.push(line)
  return all
}

const verdict = (rate: number) => `${rate.toLocaleString('en')} lines/s ${rate >= TARGET ? '(target met)' : `(target ${TARGET.toLocaleString('en')} missed)`}`
const same = (a: Line[], b: Line[]) => a.length === b.length && a.every((line, i) => JSON.stringify(line) === JSON.stringify(b[i]))

async function withScratch<T>(database: Database, run: (env: Record<string, string>) => Promise<T>): Promise<T> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'icat-bench-throughput-'))
  const scratch = database === 'postgres' ? await createScratchDatabase() : null
  try {
    return await run({ DATA_DIR: dataDir, ADMIN_TOKEN, ...(scratch ? { DATABASE_URL: scratch.url } : {}) })
  } finally {
    await scratch?.drop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

async function engineBuild(database: Database, dockerHost: string) {
  await withScratch(database, async (env) => {
    const profileFile = path.join(tmpdir(), `icat-log-throughput-${randomUUID()}.cpuprofile`)
    const server = await startServer({
      ...env,
      DOCKER_HOST: dockerHost,
      ...(PROFILE ? { NODE_OPTIONS: `--import ${path.join(import.meta.dirname, 'support/memory-probe.mjs')}`, CPU_PROFILE_FILE: profileFile } : {}),
    })
    try {
      const post: Post = (init) => fetch(server.url, init)
      const { createImage } = await postTo(server, ThroughputCreateImage, { input: { name: 'bench/throughput' } })
      const print = `awk 'BEGIN { for (i = 0; i < ${LINES}; i++) print "line " i " ${LINE_TAIL}" }'`
      // Its own first command, or the engine would reuse the step of an earlier round instead of running it.
      const dockerfile = `FROM ${BASE_IMAGE}\nRUN echo ${randomUUID()} && ${waitAtGate('throughput')} && ${print}\n`
      const { buildImage } = await postTo(server, ThroughputBuild, { input: { imageId: createImage.image!.id, dockerfile } })
      const buildId = buildImage.build!.id
      const subscriber = follow(post, buildId, 0)
      // The build's first line is stored before the step waits: once it is here, the subscriber is attached.
      const live = [(await subscriber.next()).value!]
      const cpuBefore = cpuMsOf(server.pid)
      await openGate(dockerFromHost(dockerHost), 'throughput')
      for await (const received of subscriber) live.push(received)
      const cpuMs = cpuMsOf(server.pid) - cpuBefore

      const printed = live.filter(({ line }) => line.text.startsWith('line '))
      if (printed.length !== LINES || printed.some(({ line }, i) => line.text !== lineText(i))) throw new Error(`the subscriber got ${printed.length} of the ${LINES} printed lines, or not in order`)
      const readFirst = new Date(printed[0]!.line.createdAt).getTime()
      const readLast = new Date(printed.at(-1)!.line.createdAt).getTime()
      const lines = live.map(({ line }) => line)
      const from = Math.floor(lines.length / 2)
      const replayStarted = Date.now()
      const replayed = await collect(follow(post, buildId, from))
      const replayMs = Date.now() - replayStarted
      const numbered = lines.every((line, i) => line.lineNo === i)

      console.log(`\n[${database}] a build on the engine printing ${LINES.toLocaleString('en')} lines, server process, one SSE subscriber:`)
      console.log(`  read off the engine's stream: ${verdict(perSecond(LINES, readLast - readFirst))}  (the first printed line to the last)`)
      console.log(`  stored and streamed:          ${verdict(perSecond(LINES, printed.at(-1)!.at - readFirst))}  (the first printed line read to the last at the subscriber)`)
      console.log(`  server CPU while streaming: ${Math.round(cpuMs).toLocaleString('en')} ms, ${((cpuMs * 1000) / LINES).toFixed(0)} µs a line`)
      console.log(`  live: ${lines.length.toLocaleString('en')} lines numbered 0.. without gaps: ${numbered ? 'yes' : 'NO'}`)
      console.log(`  replay from line ${from.toLocaleString('en')} afterwards: ${same(replayed, lines.slice(from)) ? 'exact, the same lines as live' : `NOT exact (${replayed.length} lines, ${lines.length - from} expected)`}`)
      // Stored lines stream without the engine: what the server can send when nothing else holds it up.
      console.log(`  the replay streamed at ${perSecond(replayed.length, replayMs).toLocaleString('en')} lines/s (read back and sent by the server, without the engine)`)
    } finally {
      await server.stop()
      if (PROFILE && existsSync(profileFile)) {
        console.log(`  where the server's CPU went, start to end (BENCH_PROFILE=1):\n${summariseProfile(profileFile)}`)
        await rm(profileFile, { force: true })
      }
    }
  })
}

async function writerAlone(database: Database) {
  await withScratch(database, async (env) => {
    let inserts = 0
    const countInserts = (sql: string) => void (/^\s*INSERT INTO\s+\S*BuildLogLine/i.test(sql) && inserts++)
    const app = await buildApp(loadConfig({ ...env, LOG_LEVEL: 'warn' }), { log: () => {}, onQuery: countInserts })
    try {
      const owner = (await app.services.users.authenticate(ADMIN_TOKEN))!
      const image = await app.db.image.create({ data: { name: 'bench/writer', ownerId: owner.id } })
      /** The time to store `lines` lines for a new build, a chunk of 64 KiB a turn of the event loop, as they would come off a socket. */
      const store = async (lines: number, tag: string) => {
        const build = await app.db.build.create({ data: { imageId: image.id, targetTag: tag, state: 'RUNNING', startedAt: new Date() } })
        const writer = new BuildLogWriter(app.db, app.services.bus, build.id)
        const text = Array.from({ length: lines }, (_, i) => `${lineText(i)}\n`).join('')
        const started = performance.now()
        for (let offset = 0; offset < text.length; offset += 64 * 1024) {
          writer.text(text.slice(offset, offset + 64 * 1024))
          await new Promise((resolve) => setImmediate(resolve))
        }
        await writer.flushed()
        return { build, ms: performance.now() - started }
      }
      // Once before, so that the first statements' preparation and the JIT are not in the figure.
      await store(Math.min(LINES, 5_000), 'warm-up')
      inserts = 0
      const { build, ms: storedMs } = await store(LINES, 'latest')
      await app.db.build.update({ where: { id: build.id }, data: { state: 'SUCCEEDED', finishedAt: new Date() } })

      const gid = Buffer.from(`Build:${build.id}`).toString('base64')
      const post: Post = (init) => app.yoga.fetch('http://localhost/graphql', init)
      const from = Math.floor(LINES / 2)
      const replayed = await collect(follow(post, gid, from))
      const exact = replayed.length === LINES - from && replayed.every((line, i) => line.lineNo === from + i && line.text === lineText(from + i))

      console.log(`\n[${database}] the log writer alone, in-process, ${LINES.toLocaleString('en')} lines handed over as fast as it takes them:`)
      console.log(`  stored (and published): ${verdict(perSecond(LINES, storedMs))}, in ${inserts.toLocaleString('en')} INSERTs`)
      console.log(`  replay from line ${from.toLocaleString('en')} afterwards: ${exact ? 'exact' : `NOT exact (${replayed.length} lines, ${LINES - from} expected)`}`)
    } finally {
      await app.stop()
    }
  })
}

const engine = await startPrivateEngine()
try {
  for (const database of DATABASES) {
    await engineBuild(database, engine.dockerHost)
    await writerAlone(database)
  }
} finally {
  await engine.stop()
}
