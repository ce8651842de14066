// Prints what the nested catalog query costs: SQL statements and latency, for pages of
// 5, 50 and 100 images out of 500. Run: npm run bench (BENCH_DATABASE_URL=postgresql://...
// to measure PostgreSQL; the database must be empty and is left with the seeded rows).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { CatalogPage, seedCatalog } from '../test/support/catalog-seed.js'

const TOKEN = 'icat_bench-admin-token'
const ROUNDS = 30
const dataDir = await mkdtemp(path.join(tmpdir(), 'icat-bench-'))
const statements: string[] = []
const app = await buildApp(
  loadConfig({ DATA_DIR: dataDir, ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'warn', ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}) }),
  { onQuery: (sql) => statements.push(sql), log: () => {} },
)
await seedCatalog(app.db, 500)

async function query(first: number) {
  const response = await app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query: CatalogPage.toString(), variables: { first } }),
  })
  const body = (await response.json()) as { errors?: unknown }
  if (body.errors) throw new Error(JSON.stringify(body.errors))
}

console.log(`database: ${app.config.database.provider}; 500 images, each with 2 tags, 2 categories, 1 version, 1 build, 4 log lines, a build source with 2 settings, 1 retention rule`)
await query(1)
for (const first of [5, 50, 100]) {
  statements.length = 0
  await query(first)
  const perQuery = statements.length
  const times: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now()
    await query(first)
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1)
  console.log(`first: ${String(first).padStart(3)}  statements: ${perQuery}  p50: ${pct(0.5)} ms  p95: ${pct(0.95)} ms  (${ROUNDS} rounds)`)
}

await app.stop()
await rm(dataDir, { recursive: true, force: true })
