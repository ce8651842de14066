// Prints what a production start costs: spawn to first answered query on an existing (migrated,
// seeded) database, the server's RSS idle after start, and its RSS after the catalog benchmark's
// load (bench/nested-query.bench.ts's pages, sent over HTTP), on SQLite and on PostgreSQL.
// "after" is `node dist/server.js` (run `npm run build` first; `npm run bench:startup` does);
// "before" is main's commit 599a7d6 run the old way, through tsx, from a `git archive` of it
// (skip it with BENCH_BEFORE=0). Targets: start < 1.5 s, idle < 150 MB, after load < 250 MB.
// The CPU time the server used until its first answer is printed beside the wall-clock time:
// on a machine that other work loads, it is the figure that stays comparable.
import { spawn, execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { createDb } from '../src/db/client.js'
import { loadConfig } from '../src/config.js'
import { CatalogPage, seedCatalog } from '../test/support/catalog-seed.js'
import { freePort, stopProcess } from '../test/support/processes.js'
import { createScratchDatabase, isPostgresUp } from '../test/support/postgres.js'
import { cpuMsOf as cpuMs } from './support/measure.js'

const BEFORE_COMMIT = '599a7d6'
const TOKEN = 'icat_bench-admin-token-0123456789'
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const IMAGES = 500
const LOAD_ROUNDS = 10
const root = path.resolve(import.meta.dirname, '..')
const scratch = await mkdtemp(path.join(tmpdir(), 'icat-startup-'))

interface Variant {
  label: string
  cwd: string
  args: string[]
}

const after: Variant = { label: 'after  (node dist/server.js)', cwd: root, args: ['dist/server.js'] }

/** main's code at BEFORE_COMMIT, with this checkout's packages and generated clients (same model file). */
function beforeVariant(): Variant {
  const cwd = path.join(scratch, 'before')
  mkdirSync(cwd)
  execFileSync('sh', ['-c', `git archive ${BEFORE_COMMIT} | tar -x -C ${JSON.stringify(cwd)}`], { cwd: root })
  symlinkSync(path.join(root, 'node_modules'), path.join(cwd, 'node_modules'))
  cpSync(path.join(root, 'src/db/generated'), path.join(cwd, 'src/db/generated'), { recursive: true })
  return { label: `before (${BEFORE_COMMIT}, tsx src/server.ts)`, cwd, args: ['--import', 'tsx', 'src/server.ts'] }
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1])
  return kb / 1024
}

async function ask(url: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query, variables }),
  })
  const body = (await response.json()) as { errors?: unknown }
  if (!response.ok || body.errors) throw new Error(`${response.status} ${JSON.stringify(body.errors)}`)
}

/** Spawns the server and times until its first answered query; the caller stops it. */
async function start(variant: Variant, env: Record<string, string>) {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}/graphql`
  const began = performance.now()
  const child = spawn(process.execPath, variant.args, {
    cwd: variant.cwd,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', ADMIN_TOKEN: TOKEN, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stderr!.on('data', (chunk) => (output += chunk))
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk
      if (output.includes('is serving GraphQL')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`${variant.label} exited with ${code}:\n${output}`)))
  })
  await ask(url, '{ images(first: 1) { totalCount } }')
  return { child, url, startMs: performance.now() - began, startCpuMs: cpuMs(child.pid!) }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const stats = (values: number[], unit: string, digits = 0) =>
  `median ${median(values).toFixed(digits)} ${unit}, max ${Math.max(...values).toFixed(digits)} ${unit}`

async function measure(variant: Variant, env: Record<string, string>, runs: number) {
  const starts: number[] = []
  const cpu: number[] = []
  const idle: number[] = []
  const loaded: number[] = []
  for (let run = 0; run < runs; run++) {
    const { child, url, startMs, startCpuMs } = await start(variant, env)
    try {
      starts.push(startMs)
      cpu.push(startCpuMs)
      // Idle: what start-up left behind once the first answer is out and the start's garbage can go.
      await new Promise((resolve) => setTimeout(resolve, 1000))
      idle.push(rssMb(child.pid!))
      for (const first of [5, 50, 100]) for (let round = 0; round < LOAD_ROUNDS; round++) await ask(url, CatalogPage.toString(), { first })
      loaded.push(rssMb(child.pid!))
    } finally {
      await stopProcess(child)
    }
  }
  console.log(`  ${variant.label.padEnd(40)} start: ${stats(starts, 'ms')} (CPU ${stats(cpu, 'ms')}); RSS idle: ${stats(idle, 'MB')}; RSS after load: ${stats(loaded, 'MB')}  (${runs} runs)`)
}

/** Migrates the database with one start, then fills it as the catalog benchmark does. */
async function prepare(env: Record<string, string>) {
  const { child } = await start(after, env)
  await stopProcess(child)
  const config = loadConfig({ ...env, ADMIN_TOKEN: TOKEN })
  const db = createDb(config.database)
  await seedCatalog(db, IMAGES)
  await db.$disconnect()
}

if (!existsSync(path.join(root, 'dist/server.js'))) throw new Error('dist/server.js is missing: run `npm run build` first')
const before = process.env.BENCH_BEFORE === '0' ? undefined : beforeVariant()
const databases: Array<{ name: string; env: () => Promise<{ env: Record<string, string>; drop(): Promise<void> }> }> = [
  { name: 'SQLite', env: async () => ({ env: { DATA_DIR: path.join(scratch, 'sqlite') }, drop: async () => {} }) },
]
if (await isPostgresUp()) {
  databases.push({
    name: 'PostgreSQL',
    env: async () => {
      const database = await createScratchDatabase()
      return { env: { DATA_DIR: path.join(scratch, 'pg'), DATABASE_URL: database.url }, drop: database.drop }
    },
  })
} else console.log('PostgreSQL is not reachable (TEST_POSTGRES_ADMIN_URL): measuring SQLite only')

console.log(`Existing database: ${IMAGES} seeded images; load: CatalogPage first 5/50/100, ${LOAD_ROUNDS} rounds each, over HTTP`)
try {
  for (const database of databases) {
    const { env, drop } = await database.env()
    try {
      await prepare(env)
      console.log(`${database.name}:`)
      if (before) await measure(before, env, Math.min(RUNS, 3))
      await measure(after, env, RUNS)
    } finally {
      await drop()
    }
  }
} finally {
  await rm(scratch, { recursive: true, force: true })
}
