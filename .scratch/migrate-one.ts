import { migrateDatabase } from '../src/db/migrate.js'
const t = performance.now()
const r = await migrateDatabase({ provider: 'postgresql', url: process.argv[2]! })
console.log(`pid ${process.pid}: applied ${JSON.stringify(r.applied)} in ${(performance.now() - t).toFixed(0)} ms`)
