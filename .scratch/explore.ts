import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'

const wasmPath = fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg')).replace(/\.js$/, '.wasm')
const inst = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmPath)), { './schema_engine_bg.js': bg as any })
;(bg as any).__wbg_set_wasm(inst.exports); (inst.exports as any).__wbindgen_start()
console.log('version', bg.version())
const sqliteSchema = readFileSync('prisma/schema.prisma', 'utf8')
const filters = { externalTables: [], externalEnums: [] }
const t0 = Date.now()
const factory = bindMigrationAwareSqlAdapterFactory(new PrismaBetterSqlite3({ url: 'file:/tmp/explore.db' }))
const logs: string[] = []
const engine = await bg.SchemaEngine.new({ datamodels: [['schema.prisma', sqliteSchema]] }, (m: string) => logs.push(m), factory)
const emptyList = { baseDir: '/tmp/none', lockfile: { path: 'migration_lock.toml', content: null }, shadowDbInitScript: '', migrationDirectories: [] }
try {
  const r = await engine.diff({ from: { tag: 'migrations', ...emptyList }, to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: sqliteSchema }] }, script: true, exitCode: null, filters })
  console.log('sqlite diff from migrations ok', r.stdout?.slice(0, 200), Date.now() - t0)
} catch (e) { console.log('sqlite diff err', e, typeof e, Object.keys(e as any)) }
try {
  const r = await engine.diff({ from: { tag: 'url', url: 'file:/tmp/explore.db' }, to: { tag: 'empty' }, script: true, exitCode: null, filters })
  console.log('sqlite diff from url ok', r)
} catch (e) { console.log('sqlite diff url err', e) }
try {
  const r = await engine.diff({ from: { tag: 'schemaDatasource', files: [{ path: 'schema.prisma', content: sqliteSchema }], configDir: '/tmp' }, to: { tag: 'empty' }, script: true, exitCode: null, filters })
  console.log('sqlite diff from schemaDatasource ok', r)
} catch (e) { console.log('sqlite diff schemaDatasource err', e) }
engine.free()
console.log(logs.slice(0, 5))
