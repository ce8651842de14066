// The read-path benchmark of issue 11: the nested catalog page, side by side with its strongest
// peer and with a floor, on the same data, interleaved in one run.
//
// It writes the data set (bench/read-path/data.ts) into a scratch PostgreSQL database and a
// SQLite file, both migrated by the service's own migrations; starts four processes on loopback:
// image-catalog on PostgreSQL and on SQLite (`node dist/server.js`), PostGraphile 5 on the same
// PostgreSQL database (bench/peers/postgraphile.ts) and the floor, node:http + pg answering with
// one SQL statement (bench/peers/floor.ts); checks that all four answer the same page; then loads
// them in turn, A B C D A B C D ..., at concurrency 1 and 10, and prints per server req/s, p50,
// p99, its process's CPU per request (/proc/<pid>/stat), the CPU per request of the PostgreSQL
// backends serving it, its RSS after the load (/proc/<pid>/status), and the ratios between the
// servers taken within each round. It also counts the SQL statements the service sends for the
// page, in-process through the Prisma client's query events (as the N+1 test does), so that the
// measured processes log nothing extra.
//
// Run: npm run bench:read (it builds dist/ first). Env: BENCH_IMAGES (default 10000),
// BENCH_SECONDS per server and round (default 12), BENCH_ROUNDS (default 3), BENCH_PROFILE (0 leaves
// out the closing CPU profile of the service on each database); PostgreSQL at
// TEST_POSTGRES_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres). At the
// defaults the run takes about six minutes on a 2-core machine. Everything it starts or makes
// (processes, the scratch database, the temp folder, dist/bench-peers/) is gone when it ends,
// also when it fails or is interrupted.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { build } from 'esbuild'
import pg from 'pg'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { migrateDatabase } from '../src/db/migrate.js'
import { startNodeProcess, startServer, type Running } from '../test/support/processes.js'
import { createScratchDatabase, isPostgresUp, POSTGRES_ADMIN_URL } from '../test/support/postgres.js'
import { UNTHROTTLED } from '../test/support/world.js'
import { fillPostgres, fillSqlite } from './read-path/data.js'
import { summariseProfile } from './support/cpu-profile.js'
import { cpuMsOf as cpuMs, percentile as percentileOfSorted, positiveEnv } from './support/measure.js'
import { firstDifference, fromPostGraphileAnswer, fromServiceAnswer, POSTGRAPHILE_PAGE, SERVICE_PAGE, type PageImage } from './read-path/pages.js'

const IMAGES = positiveEnv('BENCH_IMAGES', 10_000)
const SECONDS = positiveEnv('BENCH_SECONDS', 12)
const ROUNDS = positiveEnv('BENCH_ROUNDS', 3)
/** BENCH_PROFILE=0 leaves out the CPU profile of the service at the end. */
const PROFILE = process.env.BENCH_PROFILE !== '0'
const WARMUP_SECONDS = Math.min(SECONDS, 3)
const CONCURRENCIES = [1, 10]
const PAGE_SIZE = 100
const TOKEN = 'icat_bench-read-path-admin-token-0123456789'
const root = path.resolve(import.meta.dirname, '..')
const peersDir = path.join(root, 'dist/bench-peers')

/** Ctrl-C ends the load and goes through the clean-up, rather than leaving servers and databases behind. */
const interrupted = new AbortController()
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => interrupted.abort(new Error(`interrupted by ${signal}`)))

interface Server {
  label: string
  running: Running
  query: string
  normalise: (answer: never) => PageImage[]
  /** Whether its data is in PostgreSQL, whose backends' CPU is then counted as well. */
  postgres: boolean
  agent: Agent
}

/** Resident memory now (VmRSS) and at its highest so far (VmHWM), in MB. */
function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const mb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]) / 1024
  return { rss: mb('VmRSS'), peak: mb('VmHWM') }
}

/**
 * The CPU the PostgreSQL backends of the benchmark's database have used, by backend pid. Only
 * one server is loaded at a time, so what they use during its slot is what it made the database do.
 */
async function backendCpu(admin: pg.Client, database: string): Promise<Map<number, number> | null> {
  const { rows } = await admin.query<{ pid: number }>(`select pid from pg_stat_activity where datname = $1 and backend_type = 'client backend'`, [database])
  const cpu = new Map<number, number>()
  for (const { pid } of rows) {
    try {
      cpu.set(pid, cpuMs(pid))
    } catch {
      // Gone since the query listed it, or not ours to read (the cluster runs as another user elsewhere).
      if (existsSync(`/proc/${pid}`)) return null
    }
  }
  return cpu
}

function cpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let used = 0
  for (const [pid, ms] of after) used += ms - (before.get(pid) ?? 0)
  return used
}

/** POSTs the page and returns the answer's text; a failed or erroneous answer fails the benchmark. */
function ask(server: Server): Promise<string> {
  const url = new URL(server.running.url)
  const body = JSON.stringify({ query: server.query, variables: { first: PAGE_SIZE } })
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent: server.agent,
        headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', reject)
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          if (res.statusCode !== 200 || text.includes('"errors":')) reject(new Error(`${server.label} answered ${res.statusCode}: ${text.slice(0, 2000)}`))
          else resolve(text)
        })
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

interface Slot {
  requests: number
  seconds: number
  latencies: number[]
  cpuMs: number
  dbCpuMs: number | null
}

/** Keeps `concurrency` requests in flight for `seconds`, and measures what the server used meanwhile. */
async function load(server: Server, concurrency: number, seconds: number, admin: pg.Client, database: string): Promise<Slot> {
  const dbBefore = server.postgres ? await backendCpu(admin, database) : null
  const cpuBefore = cpuMs(server.running.pid)
  const latencies: number[] = []
  const began = performance.now()
  const deadline = began + seconds * 1000
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline && !interrupted.signal.aborted) {
        const sent = performance.now()
        try {
          await ask(server)
        } catch (error) {
          // Interrupted: the servers got the signal too, and what they were answering is cut off.
          if (interrupted.signal.aborted) break
          throw error
        }
        latencies.push(performance.now() - sent)
      }
    }),
  )
  const elapsed = (performance.now() - began) / 1000
  const cpuUsed = cpuMs(server.running.pid) - cpuBefore
  const dbAfter = dbBefore ? await backendCpu(admin, database) : null
  interrupted.signal.throwIfAborted()
  return { requests: latencies.length, seconds: elapsed, latencies, cpuMs: cpuUsed, dbCpuMs: dbBefore && dbAfter ? cpuSince(dbBefore, dbAfter) : null }
}

/** The statements the service sends for one page of `first` images, counted in its own process' query events. */
async function countStatements(env: Record<string, string>): Promise<Map<number, string[][]>> {
  const statements: string[] = []
  const app = await buildApp(loadConfig({ ...UNTHROTTLED, ...env, ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'warn' }), { onQuery: (sql) => statements.push(sql), log: () => {} })
  const counted = new Map<number, string[][]>()
  try {
    for (const first of [5, PAGE_SIZE]) {
      const runs: string[][] = []
      // Three counted runs, so that a background job's statement (a lease sweep) shows as a difference.
      for (let run = 0; run < 4; run++) {
        statements.length = 0
        const response = await app.yoga.fetch('http://localhost/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ query: SERVICE_PAGE, variables: { first } }),
        })
        const answer = (await response.json()) as { errors?: unknown }
        if (answer.errors) throw new Error(`image-catalog answered the page with errors: ${JSON.stringify(answer.errors)}`)
        // The first run warms caches up (the schema's, the client's) and is not counted.
        if (run > 0) runs.push([...statements])
      }
      counted.set(first, runs)
    }
  } finally {
    await app.stop()
  }
  return counted
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
const percentile = (values: number[], p: number) => percentileOfSorted([...values].sort((a, b) => a - b), p)
const fixed = (value: number, digits = 1) => value.toFixed(digits)

function describeCounts(counted: Map<number, string[][]>): string {
  return [...counted].map(([first, runs]) => `first ${first}: ${[...new Set(runs.map((r) => r.length))].join(' or ')}`).join(', ')
}

/** What a statement reads, in the terms of issue 11's goals: its table, how many columns, whether SQL cuts the page. */
function describeStatement(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ')
  // The compiled read path's statement (src/read-path/sql.ts) reads each table under an alias t0, t1, ...
  if (/ FROM "\w+" t0 /.test(flat)) return describeCompiled(flat)
  const table = /\bFROM ((?:"\w+"\.)?"(\w+)")/i.exec(flat)?.[2] ?? '?'
  const selectList = /^\s*SELECT (.*?) FROM /i.exec(flat)?.[1] ?? ''
  const columns = selectList ? selectList.split(/,\s*(?=["\w])/).length : 0
  return `${table}: ${columns} columns, ${/\bLIMIT\b/i.test(flat) ? 'LIMIT' : 'no LIMIT'}  (${flat.slice(0, 110)}...)`
}

function describeCompiled(flat: string): string {
  const reads = [...flat.matchAll(/FROM "(\w+)" (t\d+)\b/g)].map(([, table, alias]) => {
    const columns = new Set([...flat.matchAll(new RegExp(`\\b${alias}\\."(\\w+)"`, 'g'))].map((match) => match[1]))
    // The subquery this alias is read in: from its FROM to the LIMIT or key lookup that ends it.
    const rest = flat.slice(flat.indexOf(`"${table}" ${alias} `))
    const limit = new RegExp(`^[^()]*?ORDER BY [^()]*?LIMIT (\\d+)`).exec(rest)?.[1]
    const cut = alias === 't0' ? 'the page\'s ids' : limit ? `LIMIT ${limit} per parent` : 'one row by key'
    return `${table} ${columns.size} columns (${cut})`
  })
  return `one statement, every nested row as JSON: ${reads.join('; ')}`
}

if (!existsSync(path.join(root, 'dist/server.js'))) throw new Error('dist/server.js is missing: run `npm run build` first (`npm run bench:read` does)')
if (!(await isPostgresUp())) throw new Error(`PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL} (TEST_POSTGRES_ADMIN_URL): three of the four servers need it`)

const scratch = await mkdtemp(path.join(tmpdir(), 'icat-read-path-'))
const servers: Server[] = []
let database: Awaited<ReturnType<typeof createScratchDatabase>> | undefined
const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL })
try {
  await admin.connect()
  database = await createScratchDatabase()
  const databaseName = new URL(database.url).pathname.slice(1)
  const pgEnv = { DATA_DIR: path.join(scratch, 'pg'), DATABASE_URL: database.url }
  const sqliteEnv = { DATA_DIR: path.join(scratch, 'sqlite') }
  const pgTarget = loadConfig(pgEnv).database
  const sqliteTarget = loadConfig(sqliteEnv).database
  if (sqliteTarget.provider !== 'sqlite') throw new Error('DATA_DIR alone should mean SQLite')

  let started = performance.now()
  await migrateDatabase(pgTarget)
  const rows = await fillPostgres(database.url, IMAGES)
  const pgSeconds = (performance.now() - started) / 1000
  started = performance.now()
  await migrateDatabase(sqliteTarget)
  fillSqlite(sqliteTarget.file, IMAGES)
  const sqliteSeconds = (performance.now() - started) / 1000
  console.log(`Read-path benchmark (issue 11). Data set, the same rows in both databases: ${Object.entries(rows).map(([table, count]) => `${count} ${table}`).join(', ')}`)
  console.log(`  migrated and written in ${fixed(pgSeconds)} s (PostgreSQL, database ${databaseName}) and ${fixed(sqliteSeconds)} s (SQLite)`)

  const pgStatements = await countStatements(pgEnv)
  const sqliteStatements = await countStatements(sqliteEnv)
  console.log('image-catalog SQL statements for one page (counted in-process through the Prisma client\'s query events):')
  console.log(`  PostgreSQL: ${describeCounts(pgStatements)}; SQLite: ${describeCounts(sqliteStatements)}`)
  console.log(`  on PostgreSQL, first ${PAGE_SIZE}:`)
  for (const sql of pgStatements.get(PAGE_SIZE)![0]!) console.log(`    ${describeStatement(sql)}`)

  await build({
    absWorkingDir: root,
    entryPoints: ['bench/peers/postgraphile.ts', 'bench/peers/floor.ts'],
    outdir: peersDir,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  })
  const peer = (label: string, running: Running, query: string, normalise: Server['normalise']): Server => ({
    label,
    running,
    query,
    normalise,
    postgres: true,
    agent: new Agent({ keepAlive: true, maxSockets: Math.max(...CONCURRENCIES) }),
  })
  // One at a time: each start is CPU-heavy on two cores.
  // SERVICE_NODE_OPTIONS: V8 or Node flags for the service's two processes only (what a flag does to its memory, say).
  const serviceEnv = { ADMIN_TOKEN: TOKEN, ...(process.env.SERVICE_NODE_OPTIONS ? { NODE_OPTIONS: process.env.SERVICE_NODE_OPTIONS } : {}) }
  servers.push(peer('image-catalog, PostgreSQL', await startServer({ ...serviceEnv, ...pgEnv }, { entry: 'dist' }), SERVICE_PAGE, fromServiceAnswer))
  servers.push({ ...peer('image-catalog, SQLite', await startServer({ ...serviceEnv, ...sqliteEnv }, { entry: 'dist' }), SERVICE_PAGE, fromServiceAnswer), postgres: false })
  servers.push(peer('PostGraphile 5', await startNodeProcess([path.join(peersDir, 'postgraphile.js')], { DATABASE_URL: database.url, GRAPHILE_ENV: 'production' }), POSTGRAPHILE_PAGE, fromPostGraphileAnswer))
  servers.push(peer('floor (one SQL statement)', await startNodeProcess([path.join(peersDir, 'floor.js')], { DATABASE_URL: database.url }), SERVICE_PAGE, fromServiceAnswer))
  const [service, sqlite, postgraphile, floor] = servers as [Server, Server, Server, Server]

  const expected = service.normalise(JSON.parse(await ask(service)) as never)
  if (expected.length !== Math.min(PAGE_SIZE, IMAGES)) throw new Error(`image-catalog answered ${expected.length} images, not ${Math.min(PAGE_SIZE, IMAGES)}`)
  for (const server of servers.slice(1)) {
    const difference = firstDifference(expected, server.normalise(JSON.parse(await ask(server)) as never))
    if (difference) throw new Error(`${server.label} does not answer the page image-catalog answers: ${difference}`)
  }
  console.log(`All four answer the same page: ${expected.length} images, each with its tags, categories, registry, owner and last ${expected[0]!.versions.length} versions with their builds.`)

  for (const server of servers) await load(server, Math.max(...CONCURRENCIES), WARMUP_SECONDS, admin, databaseName)
  const slots = new Map<string, Slot[]>()
  const key = (server: Server, concurrency: number) => `${server.label}@${concurrency}`
  for (const concurrency of CONCURRENCIES) {
    for (let round = 0; round < ROUNDS; round++) {
      for (const server of servers) {
        const slot = await load(server, concurrency, SECONDS, admin, databaseName)
        slots.set(key(server, concurrency), [...(slots.get(key(server, concurrency)) ?? []), slot])
      }
    }
  }

  const rate = (slot: Slot) => slot.requests / slot.seconds
  console.log(`\nLoad: the page (images first ${PAGE_SIZE}), ${ROUNDS} rounds of ${SECONDS} s per server and concurrency, servers interleaved within each round; ${WARMUP_SECONDS} s warm-up each before.`)
  for (const concurrency of CONCURRENCIES) {
    console.log(`\nconcurrency ${concurrency}:`)
    console.log(`  ${'server'.padEnd(28)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'CPU ms/req'.padStart(11)} ${'DB CPU ms/req'.padStart(14)}  requests`)
    for (const server of servers) {
      const runs = slots.get(key(server, concurrency))!
      const requests = runs.reduce((sum, slot) => sum + slot.requests, 0)
      const seconds = runs.reduce((sum, slot) => sum + slot.seconds, 0)
      const latencies = runs.flatMap((slot) => slot.latencies)
      const cpu = runs.reduce((sum, slot) => sum + slot.cpuMs, 0) / requests
      const db = runs.every((slot) => slot.dbCpuMs !== null) ? fixed(runs.reduce((sum, slot) => sum + slot.dbCpuMs!, 0) / requests) : '-'
      console.log(
        `  ${server.label.padEnd(28)} ${fixed(requests / seconds).padStart(8)} ${fixed(percentile(latencies, 0.5)).padStart(8)} ${fixed(percentile(latencies, 0.99)).padStart(8)} ${fixed(cpu).padStart(11)} ${db.padStart(14)}  ${requests}`,
      )
    }
  }
  console.log('\nRSS after the load (highest while it ran):')
  for (const server of servers) {
    const { rss, peak } = memoryMb(server.running.pid)
    console.log(`  ${server.label.padEnd(28)} ${fixed(rss, 0).padStart(5)} MB (${fixed(peak, 0)} MB)`)
  }

  const ratios: Array<[string, Server, Server]> = [
    ['image-catalog / PostGraphile 5', service, postgraphile],
    ['image-catalog / floor', service, floor],
    ['SQLite / PostgreSQL (image-catalog)', sqlite, service],
  ]
  console.log(`\nThroughput ratios, taken within each round: median of the ${ROUNDS} rounds [lowest, highest]`)
  console.log(`  ${''.padEnd(36)} ${CONCURRENCIES.map((c) => `concurrency ${c}`.padEnd(22)).join('')}`)
  for (const [label, a, b] of ratios) {
    const cells = CONCURRENCIES.map((concurrency) => {
      const aRuns = slots.get(key(a, concurrency))!
      const bRuns = slots.get(key(b, concurrency))!
      const perRound = aRuns.map((slot, round) => rate(slot) / rate(bRuns[round]!))
      return `${fixed(median(perRound), 2)} [${fixed(Math.min(...perRound), 2)}, ${fixed(Math.max(...perRound), 2)}]`.padEnd(22)
    })
    console.log(`  ${label.padEnd(36)} ${cells.join('')}`)
  }
  const p50Ratio = CONCURRENCIES.map((concurrency) => {
    const p50 = (server: Server) => percentile(slots.get(key(server, concurrency))!.flatMap((slot) => slot.latencies), 0.5)
    return fixed(p50(service) / p50(postgraphile), 2).padEnd(22)
  })
  console.log(`  ${'p50 image-catalog / PostGraphile 5'.padEnd(36)} ${p50Ratio.join('')}`)

  if (PROFILE) {
    // Run from its sources, so that each frame of the profile names the package it is in.
    console.log(`\nWhere image-catalog's CPU goes: a V8 CPU profile (node --cpu-prof) of ${SECONDS} s at concurrency ${Math.max(...CONCURRENCIES)}, after ${WARMUP_SECONDS} s of warm-up`)
    for (const [label, env] of [['PostgreSQL', pgEnv], ['SQLite', sqliteEnv]] as const) {
      const profileDir = path.join(scratch, `profile-${label}`)
      const running = await startNodeProcess(['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--import', 'tsx', 'src/server.ts'], { ...UNTHROTTLED, ...serviceEnv, ...env })
      const profiled = { ...peer(`image-catalog, ${label} (profiled)`, running, SERVICE_PAGE, fromServiceAnswer), postgres: label === 'PostgreSQL' }
      try {
        await load(profiled, Math.max(...CONCURRENCIES), WARMUP_SECONDS, admin, databaseName)
        const slot = await load(profiled, Math.max(...CONCURRENCIES), SECONDS, admin, databaseName)
        console.log(`${label}: ${fixed(slot.requests / slot.seconds)} req/s while profiled`)
      } finally {
        profiled.agent.destroy()
        await running.stop()
      }
      const [file] = readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile'))
      if (file) console.log(summariseProfile(path.join(profileDir, file)))
    }
  }
} finally {
  for (const server of servers) server.agent.destroy()
  await Promise.all(servers.map((server) => server.running.stop()))
  await database?.drop()
  await admin.end().catch(() => {})
  await rm(scratch, { recursive: true, force: true })
  await rm(peersDir, { recursive: true, force: true })
}
