// One Prisma client type for both databases: the PostgreSQL client is generated from the
// same model file as the SQLite one (scripts/prisma-generate.mjs), so their APIs match.
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import type { DatabaseConfig } from '../config.js'
import { ServiceBusyError } from '../errors.js'
import { PrismaClient as SqliteClient } from './generated/sqlite/client.js'
import { PrismaClient as PostgresClient } from './generated/postgresql/client.js'
import { sqliteAdapter } from './sqlite.js'
import { SqliteReader } from './sqlite-reader.js'

export type Db = SqliteClient
export type { Build, Prisma, Registry, Tag } from './generated/sqlite/client.js'

export interface DbOptions {
  /** Called once per SQL statement; the N+1 tests and benchmarks count with it. */
  onQuery?: (sql: string) => void
  /** PostgreSQL connections at most (config.databasePoolSize). */
  poolSize?: number
  /** config.databaseBusyTimeoutMs. */
  busyTimeoutMs?: number
}

const POOL_TIMEOUT = 'timeout exceeded when trying to connect'
const busyIfPoolTimeout = (error: Error | undefined) => (error?.message === POOL_TIMEOUT ? new ServiceBusyError() : error)

/** pg's pool reports waiting out connectionTimeoutMillis as a plain Error; here it is SERVICE_BUSY. */
class BusyAwarePool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void
  override connect(callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void) {
    if (callback) return super.connect((err, client, done) => callback(busyIfPoolTimeout(err), client, done))
    return super.connect().catch((error: Error) => Promise.reject(busyIfPoolTimeout(error)))
  }
}

/** How the connections are used now: PostgreSQL's pool, or SQLite's one connection and its turn lock. */
export interface PoolUse {
  total: number
  idle: number
  waiting: number
}

const poolUses = new WeakMap<Db, () => PoolUse>()
// Properties of the client rather than WeakMap entries, so that a wrapper (a test's Proxy) has them too.
const DIALECT = Symbol('dialect')
const READER = Symbol('sqliteReader')

/** SQLite's read-only connection in a worker thread (sqlite-reader.ts); none on PostgreSQL. */
export function sqliteReaderOf(db: Db): SqliteReader | undefined {
  return (db as unknown as { [READER]?: SqliteReader })[READER]
}

/** Closes the client and, on SQLite, its reader. */
export async function closeDb(db: Db): Promise<void> {
  await sqliteReaderOf(db)?.close()
  await db.$disconnect()
}

/** Which database a client talks to, for the few statements written by hand for each. */
export function dialectOf(db: Db): DatabaseConfig['provider'] {
  const dialect = (db as unknown as { [DIALECT]?: DatabaseConfig['provider'] })[DIALECT]
  if (!dialect) throw new Error('dialectOf: not a client made by createDb')
  return dialect
}

export function poolUse(db: Db): PoolUse {
  return poolUses.get(db)?.() ?? { total: 0, idle: 0, waiting: 0 }
}

export function createDb(database: DatabaseConfig, options: DbOptions = {}): Db {
  const log = options.onQuery ? [{ level: 'query' as const, emit: 'event' as const }] : []
  const busyTimeoutMs = options.busyTimeoutMs ?? 30_000
  // Prisma's own defaults (2 s to start, 5 s to finish) start counting before the transaction
  // has its connection: under load they failed transactions that were merely queued behind
  // plain queries. Every wait has the one budget instead, and a transaction waits in the same
  // line as everything else.
  const transactionOptions = { maxWait: busyTimeoutMs, timeout: busyTimeoutMs }
  let client: Db
  let use: () => PoolUse
  if (database.provider === 'sqlite') {
    mkdirSync(path.dirname(database.file), { recursive: true })
    const adapter = sqliteAdapter(database.url, busyTimeoutMs)
    client = new SqliteClient({ adapter, log, transactionOptions })
    use = () => ({ total: 1, idle: adapter.turns.use.held ? 0 : 1, waiting: adapter.turns.use.waiting })
  } else {
    const pool = new BusyAwarePool({ connectionString: database.url, max: options.poolSize ?? 10, connectionTimeoutMillis: busyTimeoutMs })
    const adapter = new PrismaPg(pool, { disposeExternalPool: true })
    client = new PostgresClient({ adapter, log, transactionOptions }) as unknown as Db
    use = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount })
  }
  poolUses.set(client, use)
  Object.defineProperty(client, DIALECT, { value: database.provider })
  if (database.provider === 'sqlite') Object.defineProperty(client, READER, { value: new SqliteReader(database.file, busyTimeoutMs, options.onQuery) })
  if (options.onQuery) {
    const onQuery = options.onQuery
    ;(client as unknown as { $on(event: 'query', cb: (e: { query: string }) => void): void }).$on('query', (e) => onQuery(e.query))
  }
  return client
}

/** Sets a JSON column to SQL NULL; the marker is the same object in both generated clients. */
export { DbNull } from './generated/sqlite/internal/prismaNamespace.js'

/**
 * Raw SQL with bound values (`sql`) and comma-separated lists of it (`join`), for the statements
 * Prisma's query builder makes too slow; both clients share the runtime these come from, and
 * each adapter writes the placeholders its database wants.
 */
export { join, sql } from './generated/sqlite/internal/prismaNamespace.js'
