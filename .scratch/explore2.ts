import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'

const wasmPath = fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg')).replace(/\.js$/, '.wasm')
let t = Date.now()
const inst = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmPath)), { './schema_engine_bg.js': bg as any })
;(bg as any).__wbg_set_wasm(inst.exports); (inst.exports as any).__wbindgen_start()
console.log('wasm load ms', Date.now() - t)
const sqliteSchema = readFileSync('prisma/schema.prisma', 'utf8')
const pgSchema = readFileSync('src/db/generated/postgresql.prisma', 'utf8')
const filters = { externalTables: [], externalEnums: [] }
for (const [prov, schema, adapter] of [['sqlite', sqliteSchema, new PrismaBetterSqlite3({ url: 'file:/tmp/explore.db' })], ['postgresql', pgSchema, new PrismaPg({ connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres' })]] as const) {
  t = Date.now()
  const engine = await bg.SchemaEngine.new({ datamodels: [['schema.prisma', schema]] }, () => {}, bindMigrationAwareSqlAdapterFactory(adapter as any))
  const list = { baseDir: '/tmp/none', lockfile: { path: 'migration_lock.toml', content: `provider = "${prov}"\n` }, shadowDbInitScript: '', migrationDirectories: [] }
  try {
    const r = await engine.diff({ from: { tag: 'migrations', ...list }, to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] }, script: true, exitCode: null, filters })
    console.log(prov, 'diff from migrations ok ms', Date.now() - t, r.stdout?.length, r.stdout?.slice(0, 300))
  } catch (e: any) { console.log(prov, 'diff err', e.name, JSON.stringify(e.message), Object.entries(e)) }
  engine.free()
}
