import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import { PrismaPg } from '@prisma/adapter-pg'

const wasmPath = fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg')).replace(/\.js$/, '.wasm')
const inst = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmPath)), { './schema_engine_bg.js': bg as any })
;(bg as any).__wbg_set_wasm(inst.exports); (inst.exports as any).__wbindgen_start()
const pgSchema = readFileSync('src/db/generated/postgresql.prisma', 'utf8')
const filters = { externalTables: [], externalEnums: [] }
const admin = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres' }); await admin.connect()
await admin.query('DROP DATABASE IF EXISTS explore4'); await admin.query('CREATE DATABASE explore4')
const url = 'postgresql://postgres@127.0.0.1:5432/explore4'
const locker = new pg.Client({ connectionString: url }); await locker.connect(); await locker.query('SELECT pg_advisory_lock(72707369)')
const pool = new pg.Pool({ connectionString: url, max: 1 })
const inner = new PrismaPg(pool)
const factory = { adapterName: inner.adapterName, provider: inner.provider, connect: async () => { const a = await inner.connect(); const d = a.dispose.bind(a); a.dispose = async () => { console.log('dispose called'); return d() }; return a }, connectToShadowDb: () => inner.connectToShadowDb() }
const engine = await bg.SchemaEngine.new({ datamodels: [['schema.prisma', pgSchema]] }, () => {}, bindMigrationAwareSqlAdapterFactory(factory as any))
const list = { baseDir: '/tmp/x', lockfile: { path: 'migration_lock.toml', content: 'provider = "postgresql"\n' }, shadowDbInitScript: '', migrationDirectories: [{ path: '20260101000000_init', migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: 'CREATE TABLE a (id int);' } } }] }
const t = Date.now()
setTimeout(() => { console.log('releasing lock at', Date.now() - t); locker.query('SELECT pg_advisory_unlock(72707369)') }, Number(process.argv[2] ?? 3000))
try { console.log(await engine.applyMigrations({ migrationsList: list, filters }), Date.now() - t) } catch (e: any) { console.log('apply err', e.message, Date.now() - t) }
engine.free()
console.log('freed'); await new Promise(r => setTimeout(r, 200))
console.log('pool total', pool.totalCount)
await pool.end(); await locker.end()
await admin.query('DROP DATABASE explore4 WITH (FORCE)'); await admin.end()
