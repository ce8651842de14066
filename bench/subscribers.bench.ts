// Prints what SUBSCRIBERS (default 1,000) concurrent buildLogs subscribers to one build cost a
// real server process, half over graphql-ws and half over SSE: whether every subscriber got
// every line in order, the latency from a line leaving the engine (read off its stream by the
// runner: the line's createdAt) to reaching a subscriber, and the server's memory per idle
// subscriber. The build waits at a gate while the subscribers connect, then prints LINES lines
// (default 120), one every LINE_INTERVAL_MS (default 250). Targets: p99 under 100 ms, under 50 KB
// per idle subscriber. The subscribers run in this process, on the same cores as the server:
// their CPU is printed too. The server runs from the sources (tsx), with UNTHROTTLED buckets;
// it has no cap on subscriptions or connections of its own.
// Run: npm run bench:subscribers   (SUBSCRIBERS=100 LINES=100 for a short run; DATABASE=postgres;
// BENCH_PROFILE=1 for a CPU profile of the server; TRANSPORTS=ws or sse for one transport only;
// HEAP_SNAPSHOT_DIR=<dir> for heap snapshots at the memory readings)
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createClient } from 'graphql-ws'
import WebSocket from 'ws'
import { dockerFromHost } from '../src/docker/engine.js'
import { graphql } from '../test/gql/index.js'
import { ADMIN_TOKEN } from '../test/support/admin-token.js'
import { openGate, waitAtGate } from '../test/support/build-gate.js'
import { BASE_IMAGE, startPrivateEngine } from '../test/support/engine-setup.js'
import { createScratchDatabase } from '../test/support/postgres.js'
import { postTo, startServer, type Running } from '../test/support/processes.js'
import { summariseProfile } from './support/cpu-profile.js'
import { cpuMsOf, percentile, positiveEnv, rssBytesOf } from './support/measure.js'

const SUBSCRIBERS = positiveEnv('SUBSCRIBERS', 1_000)
const LINES = positiveEnv('LINES', 120)
/**
 * A steady build's pace, slow enough that each line is fanned out to every subscriber before
 * the next comes, so that the latency measured is a line's, not a queue's: the CPU per line
 * delivered (printed) says what pace the server can follow.
 */
const LINE_INTERVAL_MS = positiveEnv('LINE_INTERVAL_MS', 250)
/** TRANSPORTS=ws or sse: every subscriber over that one, to tell their costs apart. */
const TRANSPORTS = process.env.TRANSPORTS === 'ws' || process.env.TRANSPORTS === 'sse' ? process.env.TRANSPORTS : 'both'
const transportOf = (n: number): 'ws' | 'sse' => (TRANSPORTS === 'both' ? (n % 2 === 0 ? 'ws' : 'sse') : TRANSPORTS)
const DATABASE = process.env.DATABASE === 'postgres' ? 'postgres' : 'sqlite'
/** BENCH_PROFILE=1: a CPU profile of the server process, summarised at the end. */
const PROFILE = process.env.BENCH_PROFILE === '1'
const P99_TARGET_MS = 100
const IDLE_TARGET_BYTES = 50 * 1024
/** Subscribers that connect at once: a real crowd arrives over a few seconds, not in one tick. */
const CONNECTING_AT_ONCE = 50

const SubscribersCreateImage = graphql(`
  mutation SubscribersCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id } }
  }
`)
const SubscribersBuild = graphql(`
  mutation SubscribersBuild($input: BuildImageInput!) {
    buildImage(input: $input) { build { id } }
  }
`)
const SubscribersLogs = graphql(`
  subscription SubscribersLogs($buildId: ID!) {
    buildLogs(buildId: $buildId, fromLine: 0) { lineNo text createdAt }
  }
`)
const SubscribersStored = graphql(`
  query SubscribersStored($id: ID!) {
    build(id: $id) { state logLines(first: 1) { totalCount } }
  }
`)

interface Line {
  lineNo: number
  text: string
  createdAt: string
}

/** What one subscriber saw: lines in the order they came, when each came, and how it ended. */
class Subscriber {
  readonly lineNos: number[] = []
  readonly delays: number[] = []
  private firstLine!: () => void
  readonly connected = new Promise<void>((resolve) => (this.firstLine = resolve))
  private finish!: (error?: Error) => void
  readonly done = new Promise<void>((resolve, reject) => (this.finish = (error) => (error ? reject(error) : resolve())))
  close: () => void = () => {}

  constructor(readonly transport: 'ws' | 'sse') {
    // Failures are read once all are done; one that comes earlier is not unhandled.
    this.done.catch(() => {})
  }

  receive(line: Line) {
    const now = Date.now()
    this.lineNos.push(line.lineNo)
    if (line.text.startsWith('line ')) this.delays.push(now - new Date(line.createdAt).getTime())
    this.firstLine()
  }

  end(error?: Error) {
    this.finish(error)
  }
}

function overWebSocket(url: string, buildId: string): Subscriber {
  const subscriber = new Subscriber('ws')
  const client = createClient({ url: url.replace('http:', 'ws:'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${ADMIN_TOKEN}` } })
  client.subscribe(
    { query: SubscribersLogs.toString(), variables: { buildId } },
    {
      next: ({ data, errors }) => (errors ? subscriber.end(new Error(JSON.stringify(errors))) : subscriber.receive((data as { buildLogs: Line }).buildLogs)),
      error: (error) => subscriber.end(error instanceof Error ? error : new Error(String((error as { reason?: string }).reason ?? error))),
      complete: () => subscriber.end(),
    },
  )
  subscriber.close = () => void client.dispose()
  return subscriber
}

function overSse(url: string, buildId: string): Subscriber {
  const subscriber = new Subscriber('sse')
  const body = JSON.stringify({ query: SubscribersLogs.toString(), variables: { buildId } })
  const req = request(url, {
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${ADMIN_TOKEN}`, 'content-length': Buffer.byteLength(body) },
  })
  req.once('response', (res) => {
    if (res.statusCode !== 200) return subscriber.end(new Error(`SSE answered ${res.statusCode}`))
    res.setEncoding('utf8')
    let buffer = ''
    res.on('data', (chunk: string) => {
      buffer += chunk
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        if (message.startsWith('event: complete')) return subscriber.end()
        const data = /^data: (.*)$/m.exec(message)?.[1]
        if (!data) continue
        const payload = JSON.parse(data) as { data?: { buildLogs: Line }; errors?: unknown }
        if (payload.errors) return subscriber.end(new Error(JSON.stringify(payload.errors)))
        subscriber.receive(payload.data!.buildLogs)
      }
    })
    res.once('end', () => subscriber.end(new Error('SSE stream ended without completing')))
  })
  req.once('error', (error) => subscriber.end(error))
  req.end(body)
  subscriber.close = () => req.destroy()
  return subscriber
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The server's memory after a full collection (bench/support/memory-probe.mjs), in bytes. */
async function memoryOf(server: Running): Promise<{ rss: number; heapUsed: number }> {
  const seen = server.output().length
  process.kill(server.pid, 'SIGUSR2')
  for (;;) {
    const report = /memory-probe (\{.*\})/.exec(server.output().slice(seen))
    if (report) return JSON.parse(report[1]!) as { rss: number; heapUsed: number }
    await settle(50)
  }
}

async function connect(count: number, url: string, buildId: string): Promise<Subscriber[]> {
  const subscribers: Subscriber[] = []
  for (let i = 0; i < count; i += CONNECTING_AT_ONCE) {
    const wave = Array.from({ length: Math.min(CONNECTING_AT_ONCE, count - i) }, (_, j) => (transportOf(i + j) === 'ws' ? overWebSocket(url, buildId) : overSse(url, buildId)))
    // Connected: the stored first line has come, so the server holds the subscription.
    await Promise.race([Promise.all(wave.map((s) => s.connected)), Promise.all(wave.map((s) => s.done)).then(() => Promise.reject(new Error('a subscriber ended before its first line')))])
    subscribers.push(...wave)
  }
  return subscribers
}

const engine = await startPrivateEngine()
const dataDir = await mkdtemp(path.join(tmpdir(), 'icat-bench-subscribers-'))
const profileFile = path.join(dataDir, 'server.cpuprofile')
const scratch = DATABASE === 'postgres' ? await createScratchDatabase() : null
let server: Running | undefined
try {
  server = await startServer({
    DATA_DIR: dataDir,
    ADMIN_TOKEN,
    DOCKER_HOST: engine.dockerHost,
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    ...(process.env.HEAP_SNAPSHOT_DIR ? { HEAP_SNAPSHOT_DIR: process.env.HEAP_SNAPSHOT_DIR } : {}),
    NODE_OPTIONS: `--expose-gc --import ${path.join(import.meta.dirname, 'support/memory-probe.mjs')}`,
    ...(PROFILE ? { CPU_PROFILE_FILE: profileFile } : {}),
  })
  const { createImage } = await postTo(server, SubscribersCreateImage, { input: { name: 'bench/subscribers' } })
  const printing = `i=0; while [ $i -lt ${LINES} ]; do echo "line $i"; i=$((i+1)); usleep ${LINE_INTERVAL_MS * 1000}; done`
  const dockerfile = `FROM ${BASE_IMAGE}\nRUN echo ${randomUUID()} && ${waitAtGate('subscribers')} && ${printing}\n`
  const { buildImage } = await postTo(server, SubscribersBuild, { input: { imageId: createImage.image!.id, dockerfile } })
  const buildId = buildImage.build!.id

  // Both transports once, so that what they load on first use is not counted per subscriber.
  const warmUp = await connect(2, server.url, buildId)
  for (const subscriber of warmUp) subscriber.close()
  await settle(1_000)
  const rssBefore = rssBytesOf(server.pid)
  const before = await memoryOf(server)

  const connectStarted = Date.now()
  const subscribers = await connect(SUBSCRIBERS, server.url, buildId)
  const connectMs = Date.now() - connectStarted
  await settle(1_000)
  const rssIdle = rssBytesOf(server.pid)
  const idle = await memoryOf(server)
  const perIdle = (idle.rss - before.rss) / SUBSCRIBERS

  const cpuBefore = cpuMsOf(server.pid)
  const clientCpuBefore = process.cpuUsage()
  const streamStarted = Date.now()
  await openGate(dockerFromHost(engine.dockerHost), 'subscribers')
  const outcomes = await Promise.allSettled(subscribers.map((s) => s.done))
  const streamMs = Date.now() - streamStarted
  const cpuMs = cpuMsOf(server.pid) - cpuBefore

  const { build } = await postTo(server, SubscribersStored, { id: buildId })
  const stored = build!.logLines.totalCount
  const failed = outcomes.filter((o) => o.status === 'rejected')
  const complete = subscribers.filter((s, i) => outcomes[i]!.status === 'fulfilled' && s.lineNos.length === stored && s.lineNos.every((n, j) => n === j))
  const printedEach = subscribers.map((s) => s.delays.length)
  const delays = subscribers.flatMap((s) => s.delays).sort((a, b) => a - b)
  const p99 = percentile(delays, 0.99)

  const deliveries = subscribers.reduce((sum, s) => sum + s.lineNos.length, 0)
  const cpuPerDelivery = (cpuMs * 1000) / deliveries
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
  const met = (ok: boolean, target: string) => (ok ? `(target ${target} met)` : `(target ${target} missed)`)
  const overWs = subscribers.filter((s) => s.transport === 'ws').length
  console.log(`${SUBSCRIBERS.toLocaleString('en')} subscribers to one build's buildLogs (${overWs} graphql-ws, ${SUBSCRIBERS - overWs} SSE), server process on ${DATABASE}:`)
  console.log(`  connected in ${connectMs} ms, ${CONNECTING_AT_ONCE} at a time`)
  console.log(`  build: ${build!.state}, ${stored} lines stored (${LINES} printed, one every ${LINE_INTERVAL_MS} ms), streamed in ${streamMs} ms`)
  console.log(`  every line, in order, to every subscriber: ${complete.length === SUBSCRIBERS ? 'yes' : `NO: ${complete.length} of ${SUBSCRIBERS} complete, ${failed.length} failed${failed[0] ? ` (${(failed[0] as PromiseRejectedResult).reason})` : ''}`}`)
  if (Math.min(...printedEach) !== LINES) console.log(`  printed lines per subscriber: min ${Math.min(...printedEach)}, max ${Math.max(...printedEach)}`)
  console.log(`  latency, line read off the engine -> subscriber, over ${delays.length.toLocaleString('en')} deliveries: p50 ${percentile(delays, 0.5)} ms  p95 ${percentile(delays, 0.95)} ms  p99 ${p99} ms  max ${delays.at(-1)} ms  ${met(p99 < P99_TARGET_MS, '< 100 ms')}`)
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`
  const perIdleAsItIs = (rssIdle - rssBefore) / SUBSCRIBERS
  console.log(`  server RSS as it is: ${mb(rssBefore)} before, ${mb(rssIdle)} with the subscribers idle: ${kb(perIdleAsItIs)} per idle subscriber ${met(perIdleAsItIs < IDLE_TARGET_BYTES, '< 50 KB')}`)
  console.log(`  server RSS after a full GC: ${mb(before.rss)} before, ${mb(idle.rss)} with the subscribers idle: ${kb(perIdle)} per idle subscriber ${met(perIdle < IDLE_TARGET_BYTES, '< 50 KB')}`)
  console.log(`  of which live JS objects (V8 heap used after a full GC): ${kb((idle.heapUsed - before.heapUsed) / SUBSCRIBERS)} per idle subscriber`)
  console.log(`  server CPU while streaming: ${Math.round(cpuMs)} ms, ${cpuPerDelivery.toFixed(0)} µs a line to one subscriber (storing included): one core fans out at most ${Math.floor(1e6 / cpuPerDelivery / SUBSCRIBERS)} lines/s to ${SUBSCRIBERS.toLocaleString('en')}`)
  console.log(`  subscribers' CPU (this process) meanwhile: ${Math.round((process.cpuUsage(clientCpuBefore).user + process.cpuUsage(clientCpuBefore).system) / 1000)} ms`)
  for (const subscriber of subscribers) subscriber.close()
} finally {
  await server?.stop()
  if (PROFILE && existsSync(profileFile)) {
    const kept = path.join(tmpdir(), 'image-catalog-subscribers.cpuprofile')
    await copyFile(profileFile, kept)
    console.log(`Where the server's CPU went from the idle reading to the end, streaming included (BENCH_PROFILE=1; the profile: ${kept}):\n${summariseProfile(profileFile)}`)
  }
  await engine.stop()
  await scratch?.drop()
  await rm(dataDir, { recursive: true, force: true })
}
