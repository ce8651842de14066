import pg from 'pg'
import Database from 'better-sqlite3'
import { migrateDatabase } from '../src/db/migrate.js'
const admin = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres' }); await admin.connect()
await admin.query('DROP DATABASE IF EXISTS verify_err WITH (FORCE)'); await admin.query('CREATE DATABASE verify_err')
const url = 'postgresql://postgres@127.0.0.1:5432/verify_err'
const c = new pg.Client({ connectionString: url }); await c.connect(); await c.query('CREATE TABLE "User" (id int)')
const show = (e: any) => console.log(`${e.constructor.name} code=${e.code}\n  message: ${e.message}\n  cause: ${e.cause?.name}`)
try { await migrateDatabase({ provider: 'postgresql', url }) } catch (e) { show(e) }
await c.query('DROP TABLE "User"')
await migrateDatabase({ provider: 'postgresql', url })
await c.query('DELETE FROM _prisma_migrations')
try { await migrateDatabase({ provider: 'postgresql', url }) } catch (e) { show(e) }
try { await migrateDatabase({ provider: 'postgresql', url }) } catch (e) { show(e) }
// lock held elsewhere for 12 s: should wait, then succeed
await c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public')
await c.query('SELECT pg_advisory_lock(72707369)')
setTimeout(() => c.query('SELECT pg_advisory_unlock(72707369)'), 12000)
let t = Date.now()
console.log('after waiting for lock:', await migrateDatabase({ provider: 'postgresql', url }), Date.now() - t, 'ms')
await c.end()
await admin.query('DROP DATABASE verify_err WITH (FORCE)')
try { await migrateDatabase({ provider: 'postgresql', url: 'postgresql://postgres@127.0.0.1:5432/does_not_exist' }) } catch (e) { show(e) }
try { await migrateDatabase({ provider: 'postgresql', url: 'postgresql://postgres@127.0.0.1:5999/x' }) } catch (e) { show(e) }
await admin.end()
const db = new Database('/tmp/verify_err.db'); db.exec('DROP TABLE IF EXISTS _prisma_migrations; DROP TABLE IF EXISTS "Image"; CREATE TABLE "Image" (id int)'); db.close()
try { await migrateDatabase({ provider: 'sqlite', url: 'file:/tmp/verify_err.db' }) } catch (e) { show(e) }
{ const d = new Database('/tmp/verify_err.db'); d.exec('DROP TABLE "Image"'); d.close() }
await migrateDatabase({ provider: 'sqlite', url: 'file:/tmp/verify_err.db' })
{ const d = new Database('/tmp/verify_err.db'); d.exec('DELETE FROM _prisma_migrations'); d.close() }
try { await migrateDatabase({ provider: 'sqlite', url: 'file:/tmp/verify_err.db' }) } catch (e) { show(e) }
try { await migrateDatabase({ provider: 'sqlite', url: 'file:/proc/nope/x.db' }) } catch (e) { show(e) }
