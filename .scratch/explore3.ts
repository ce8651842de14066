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

class CharAsTextClient extends pg.Client {
  query(config: any, values?: any, callback?: any): any {
    const fix = (res: any) => { for (const r of Array.isArray(res) ? res : [res]) for (const f of r?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25; return res }
    if (typeof values === 'function') return super.query(config, (err: any, res: any) => values(err, err ? res : fix(res)))
    if (typeof callback === 'function') return super.query(config, values, (err: any, res: any) => callback(err, err ? res : fix(res)))
    if (typeof config?.submit === 'function') return super.query(config, values)
    return (super.query(config, values) as Promise<any>).then(fix)
  }
}
const admin = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres' }); await admin.connect()
await admin.query('DROP DATABASE IF EXISTS explore3'); await admin.query('CREATE DATABASE explore3')
const mode = process.argv[2]
const url = 'postgresql://postgres@127.0.0.1:5432/explore3'
const adapter = mode === 'fix' ? new PrismaPg({ connectionString: url, Client: CharAsTextClient } as any) : new PrismaPg({ connectionString: url })
const engine = await bg.SchemaEngine.new({ datamodels: [['schema.prisma', pgSchema]] }, () => {}, bindMigrationAwareSqlAdapterFactory(adapter))
const sql = (await engine.diff({ from: { tag: 'empty' }, to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: pgSchema }] }, script: true, exitCode: null, filters })).stdout!
const list = { baseDir: '/tmp/x', lockfile: { path: 'migration_lock.toml', content: 'provider = "postgresql"\n' }, shadowDbInitScript: '', migrationDirectories: [{ path: '20260101000000_init', migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: sql } } }] }
try { console.log(await engine.applyMigrations({ migrationsList: list, filters })) } catch (e: any) { console.log('apply err', e.message) }
try { console.log(await engine.applyMigrations({ migrationsList: list, filters })) } catch (e: any) { console.log('apply2 err', e.message) }
try { const r = await engine.diff({ from: { tag: 'schemaDatasource', files: [{ path: 'schema.prisma', content: pgSchema }], configDir: '/tmp' }, to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: pgSchema }] }, script: true, exitCode: null, filters }); console.log('diff db->dm', JSON.stringify(r)) } catch (e: any) { console.log('diff err', e.message) }
try { const r = await engine.diff({ from: { tag: 'schemaDatasource', files: [{ path: 'schema.prisma', content: pgSchema }], configDir: '/tmp' }, to: { tag: 'empty' }, script: true, exitCode: null, filters }); console.log('diff db->empty', r.stdout?.slice(0, 400)) } catch (e: any) { console.log('diff err', e.message) }
try { const r = await engine.diff({ from: { tag: 'migrations', ...list }, to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: pgSchema }] }, script: true, exitCode: null, filters }); console.log('diff migrations->dm', JSON.stringify(r)) } catch (e: any) { console.log('diff mig err', e.message) }
engine.free()
await admin.query('DROP DATABASE explore3 WITH (FORCE)'); 
console.log((await admin.query(`select datname from pg_database`)).rows.map(r => r.datname))
await admin.end()
