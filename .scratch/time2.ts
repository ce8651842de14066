import { openSchemaEngine } from '../src/db/schema-engine.js'
let t = Date.now()
const s = await openSchemaEngine({ provider: 'sqlite', url: 'file:/tmp/t2.db' })
console.log(await s.engine.applyMigrations({ migrationsList: { baseDir: '/x', lockfile: { path: 'migration_lock.toml', content: null }, shadowDbInitScript: '', migrationDirectories: [] }, filters: { externalTables: [], externalEnums: [] } }))
await s.close()
console.log('done', Date.now() - t); t = Date.now()
process.on('exit', () => console.log('exit after', Date.now() - t))
