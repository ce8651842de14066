import { openSchemaEngine } from '../src/db/schema-engine.js'
import pg from 'pg'
const admin = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres' }); await admin.connect()
await admin.query('DROP DATABASE IF EXISTS t1'); await admin.query('CREATE DATABASE t1')
let t = Date.now()
const s = await openSchemaEngine({ provider: 'postgresql', url: 'postgresql://postgres@127.0.0.1:5432/t1' })
console.log('open', Date.now() - t); t = Date.now()
console.log(await s.engine.applyMigrations({ migrationsList: { baseDir: '/x', lockfile: { path: 'migration_lock.toml', content: null }, shadowDbInitScript: '', migrationDirectories: [] }, filters: { externalTables: [], externalEnums: [] } }))
console.log('apply', Date.now() - t); t = Date.now()
await s.close()
console.log('close', Date.now() - t); t = Date.now()
await admin.query('DROP DATABASE t1 WITH (FORCE)'); await admin.end()
console.log('drop', Date.now() - t)
process.on('exit', () => console.log('exit', Date.now() - t))
