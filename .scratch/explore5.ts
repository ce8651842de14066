import { readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'

const wasmPath = fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg')).replace(/\.js$/, '.wasm')
const inst = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmPath)), { './schema_engine_bg.js': bg as any })
;(bg as any).__wbg_set_wasm(inst.exports); (inst.exports as any).__wbindgen_start()
const filters = { externalTables: [], externalEnums: [] }
rmSync('/tmp/explore5.db', { force: true })
const engine = await bg.SchemaEngine.new({ datamodels: undefined }, () => {}, bindMigrationAwareSqlAdapterFactory(new PrismaBetterSqlite3({ url: 'file:/tmp/explore5.db' })))
const mk = (lock: string, dirs: [string, string][]) => ({ baseDir: '/tmp/x', lockfile: { path: 'migration_lock.toml', content: lock }, shadowDbInitScript: '', migrationDirectories: dirs.map(([p, s]) => ({ path: p, migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: s } } })) })
const show = (e: any) => console.log('ERR name=', e?.name, 'ctor=', e?.constructor?.name, 'keys=', Object.keys(e ?? {}), '\nmsg=', JSON.stringify(e?.message))
try { console.log(await engine.applyMigrations({ migrationsList: mk('provider = "postgresql"\n', [['1_a', 'CREATE TABLE a (id int);']]), filters })) } catch (e) { show(e) }
try { console.log(await engine.applyMigrations({ migrationsList: mk('provider = "sqlite"\n', [['1_a', 'CREATE TABLE a (id int);'], ['2_b', 'CREATE TABLE b (id int);\nCREATE TABLE a (id int);']]), filters })) } catch (e) { show(e) }
try { console.log(await engine.applyMigrations({ migrationsList: mk('provider = "sqlite"\n', [['1_a', 'CREATE TABLE a (id int);'], ['2_b', 'CREATE TABLE b (id int);']]), filters })) } catch (e) { show(e) }
try { console.log(await engine.applyMigrations({ migrationsList: mk('provider = "sqlite"\n', [['1_a', 'CREATE TABLE a (id int); -- edited'], ['2_b', 'CREATE TABLE b (id int);']]), filters })) } catch (e) { show(e) }
engine.free()
