import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { spawn } from 'node:child_process'
import assert from 'node:assert/strict'
import pg from 'pg'
import Database from 'better-sqlite3'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { migrateDatabase } from '../src/db/migrate.js'
import { PrismaClient as SqliteClient } from '../src/db/generated/sqlite/client.js'
import { PrismaClient as PgClient } from '../src/db/generated/postgresql/client.js'

const ADMIN = 'postgresql://postgres@127.0.0.1:5432/postgres'
const t0 = Date.now()
const timed = async <T>(label: string, fn: () => Promise<T>) => { const t = performance.now(); const r = await fn(); console.log(`${label}: ${(performance.now() - t).toFixed(0)} ms ->`, JSON.stringify(r)); return r }
const expectedChecksum = (provider: string) => {
  const dir = path.resolve('prisma/migrations', provider); const name = readdirSync(dir).find(n => /^\d{14}_/.test(n))!
  return { name, checksum: createHash('sha256').update(readFileSync(path.join(dir, name, 'migration.sql'))).digest('hex') }
}
function checkHistory(rows: any[], provider: string) {
  const exp = expectedChecksum(provider)
  assert.equal(rows.length, 1)
  assert.equal(rows[0].migration_name, exp.name)
  assert.equal(rows[0].checksum, exp.checksum)
  assert.ok(rows[0].finished_at); assert.equal(rows[0].rolled_back_at, null); assert.equal(Number(rows[0].applied_steps_count), 1)
}

// ---- SQLite
const dir = mkdtempSync(path.join(tmpdir(), 'verify-'))
const file = path.join(dir, 'nested', 'catalog.db')
const sqliteUrl = `file:${file}`
const first = await timed('sqlite fresh', () => migrateDatabase({ provider: 'sqlite', url: sqliteUrl }))
assert.deepEqual(first.applied, [expectedChecksum('sqlite').name])
const second = await timed('sqlite no-op', () => migrateDatabase({ provider: 'sqlite', url: sqliteUrl }))
assert.deepEqual(second.applied, [])
await timed('sqlite no-op again', () => migrateDatabase({ provider: 'sqlite', url: sqliteUrl }))
{
  const db = new Database(file)
  checkHistory(db.prepare('select * from _prisma_migrations').all(), 'sqlite')
  assert.ok(db.prepare(`select name from sqlite_master where type='table' and name='Image'`).get())
  console.log('sqlite history row:', db.prepare('select migration_name, checksum, started_at, finished_at, applied_steps_count from _prisma_migrations').get())
  db.close()
}
{
  const prisma = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: sqliteUrl }) })
  const u = await prisma.user.create({ data: { name: 'alice' } })
  const back = await prisma.user.findUniqueOrThrow({ where: { id: u.id } })
  const img = await prisma.image.create({ data: { name: 'busybox', ownerId: u.id, metadata: { a: 1 }, versions: { create: { version: '1', sourceSha256: 'x', sourceSizeBytes: 1, sourceFilename: 'a.tar', sourceFormat: 'tar', sizeBytes: 123n } } }, include: { versions: true } })
  console.log('sqlite client:', back, img.metadata, img.versions[0]!.state, img.versions[0]!.sizeBytes)
  assert.equal(back.name, 'alice'); assert.equal(back.isAdmin, false)
  await prisma.$disconnect()
}
rmSync(dir, { recursive: true, force: true })

// ---- PostgreSQL
const admin = new pg.Client({ connectionString: ADMIN }); await admin.connect()
const fresh = async (name: string) => { await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`); await admin.query(`CREATE DATABASE "${name}"`); const u = new URL(ADMIN); u.pathname = '/' + name; return u.toString() }
const drop = (name: string) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
const pgHistory = async (url: string) => { const c = new pg.Client({ connectionString: url }); await c.connect(); try { return { rows: (await c.query('select * from _prisma_migrations')).rows, image: (await c.query(`select to_regclass('public."Image"') as t`)).rows[0].t } } finally { await c.end() } }
try {
  const url = await fresh('verify_pg_one')
  const a = await timed('pg fresh', () => migrateDatabase({ provider: 'postgresql', url }))
  assert.deepEqual(a.applied, [expectedChecksum('postgresql').name])
  const b = await timed('pg no-op', () => migrateDatabase({ provider: 'postgresql', url }))
  assert.deepEqual(b.applied, [])
  await timed('pg no-op again', () => migrateDatabase({ provider: 'postgresql', url }))
  const h = await pgHistory(url); checkHistory(h.rows, 'postgresql'); assert.equal(h.image, '"Image"')
  console.log('pg history row:', (({ migration_name, checksum, started_at, finished_at, applied_steps_count }) => ({ migration_name, checksum, started_at, finished_at, applied_steps_count }))(h.rows[0]))

  const prisma = new PgClient({ adapter: new PrismaPg({ connectionString: url }) })
  const u = await prisma.user.create({ data: { name: 'bob' } })
  const back = await prisma.user.findUniqueOrThrow({ where: { id: u.id } })
  const img = await prisma.image.create({ data: { name: 'busybox', ownerId: u.id, metadata: { a: 1 }, categories: { create: { name: 'base' } } }, include: { categories: true } })
  console.log('pg client:', back, img.metadata, img.categories.map(c => c.name))
  assert.equal(back.name, 'bob')
  await prisma.$disconnect()
  await drop('verify_pg_one')

  // two concurrent calls in one process (separate pools = separate sessions)
  const url2 = await fresh('verify_pg_conc')
  const t = performance.now()
  const both = await Promise.all([migrateDatabase({ provider: 'postgresql', url: url2 }), migrateDatabase({ provider: 'postgresql', url: url2 })])
  console.log(`pg concurrent in-process: ${(performance.now() - t).toFixed(0)} ms ->`, JSON.stringify(both))
  assert.deepEqual(both.map(r => r.applied.length).sort(), [0, 1])
  checkHistory((await pgHistory(url2)).rows, 'postgresql')
  await drop('verify_pg_conc')

  // two separate processes started at once
  for (let round = 0; round < 3; round++) {
    const url3 = await fresh('verify_pg_procs')
    const run = () => new Promise<string>((resolve, reject) => {
      const p = spawn(process.execPath, ['--import', 'tsx', '.scratch/migrate-one.ts', url3], { stdio: ['ignore', 'pipe', 'pipe'] })
      let out = ''; p.stdout.on('data', d => (out += d)); p.stderr.on('data', d => (out += d))
      p.on('exit', code => (code === 0 ? resolve(out.trim()) : reject(new Error(`exit ${code}: ${out}`))))
    })
    const t2 = performance.now()
    const outs = await Promise.all([run(), run()])
    console.log(`pg two processes round ${round}: ${(performance.now() - t2).toFixed(0)} ms ->`, outs)
    checkHistory((await pgHistory(url3)).rows, 'postgresql')
    await drop('verify_pg_procs')
  }
} finally {
  await admin.end()
}
console.log('ALL OK in', Date.now() - t0, 'ms')
process.on('exit', () => console.log('process exit at', Date.now() - t0, 'ms'))
