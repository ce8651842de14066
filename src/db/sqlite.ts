// The embedded database: one better-sqlite3 connection for the whole process.
//
// Prisma's adapter runs a transaction on that same connection and only makes transactions
// wait for each other, so any query another request sends while a transaction is open runs
// inside it: it reads the transaction's uncommitted rows, and its write, already acknowledged,
// goes if that transaction rolls back. Here every statement outside a transaction and every
// transaction take turns on one first-come-first-served lock, which a transaction holds from
// BEGIN to COMMIT or ROLLBACK. Waiting for that lock longer than the busy timeout answers
// SERVICE_BUSY, as waiting for a pooled connection does on PostgreSQL.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from '@prisma/driver-adapter-utils'
import { ServiceBusyError } from '../errors.js'

/** better-sqlite3 waits for another process's lock synchronously, stalling every request: keep that short. */
const MAX_FILE_LOCK_WAIT_MS = 5_000

/** A first-come-first-served lock whose waiters give up after `timeoutMs`. */
export class TurnLock {
  private held = false
  private readonly waiting: { grant: () => void }[] = []

  constructor(private readonly timeoutMs: number) {}

  /** What the metrics report as the pool's use: one connection, held or not, and who waits for it. */
  get use(): { held: boolean; waiting: number } {
    return { held: this.held, waiting: this.waiting.length }
  }

  acquire(): Promise<() => void> {
    if (!this.held) {
      this.held = true
      return Promise.resolve(this.releaser())
    }
    return new Promise((resolve, reject) => {
      const waiter = { grant: () => (clearTimeout(timer), resolve(this.releaser())) }
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1)
        reject(new ServiceBusyError())
      }, this.timeoutMs)
      this.waiting.push(waiter)
    })
  }

  private releaser(): () => void {
    let released = false
    return () => {
      if (released) return
      released = true
      const next = this.waiting.shift()
      if (next) next.grant()
      else this.held = false
    }
  }
}

class TakingTurns implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter['provider']
  readonly adapterName: string

  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly lock: TurnLock,
  ) {
    this.provider = inner.provider
    this.adapterName = inner.adapterName
  }

  private async inTurn<T>(run: () => Promise<T>): Promise<T> {
    const release = await this.lock.acquire()
    try {
      return await run()
    } finally {
      release()
    }
  }

  queryRaw(query: SqlQuery) {
    return this.inTurn(() => this.inner.queryRaw(query))
  }

  executeRaw(query: SqlQuery) {
    return this.inTurn(() => this.inner.executeRaw(query))
  }

  executeScript(script: string) {
    return this.inTurn(() => this.inner.executeScript(script))
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const release = await this.lock.acquire()
    try {
      const tx = await this.inner.startTransaction(isolationLevel)
      // The turn ends with the transaction, however it ends.
      const ending = (finish: () => Promise<void>) => () => finish().finally(release)
      return {
        provider: tx.provider,
        adapterName: tx.adapterName,
        options: tx.options,
        queryRaw: (query) => tx.queryRaw(query),
        executeRaw: (query) => tx.executeRaw(query),
        createSavepoint: tx.createSavepoint && ((name) => tx.createSavepoint!(name)),
        rollbackToSavepoint: tx.rollbackToSavepoint && ((name) => tx.rollbackToSavepoint!(name)),
        releaseSavepoint: tx.releaseSavepoint && ((name) => tx.releaseSavepoint!(name)),
        commit: ending(() => tx.commit()),
        rollback: ending(() => tx.rollback()),
      }
    } catch (error) {
      release()
      throw error
    }
  }

  dispose() {
    return this.inner.dispose()
  }
}

/**
 * The adapter factory for a SQLite file. Its journal stays SQLite's default: WAL would make
 * commits far cheaper (no fsync per commit with synchronous=NORMAL), but the schema engine
 * migrates with locking_mode=EXCLUSIVE, which on a WAL file waits for every other connection
 * to close, so a second server could no longer start beside a running one.
 */
export function sqliteAdapter(url: string, busyTimeoutMs: number): SqlDriverAdapterFactory & { turns: TurnLock } {
  const factory = new PrismaBetterSqlite3({ url, timeout: Math.min(busyTimeoutMs, MAX_FILE_LOCK_WAIT_MS) })
  const turns = new TurnLock(busyTimeoutMs)
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    turns,
    async connect() {
      return new TakingTurns(await factory.connect(), turns)
    },
  }
}
