// A second, read-only connection to the SQLite file, in a worker thread: better-sqlite3 runs a
// statement synchronously, so on the main thread the compiled read path's statement (several
// milliseconds for a page of 100 images) held up every other request, and a 2-core machine
// used one core. In the worker it runs beside the main thread. Only reads go there: writes stay
// on Prisma's connection, and a read never sees a transaction before it commits. Started on
// first use, so a process that never reads that way never starts the worker.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

// Plain CommonJS evaluated in the worker: no file of its own to find beside the bundle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: workerData.busyTimeoutMs })
const statements = new Map()
parentPort.on('message', ({ id, sql, params }) => {
  try {
    let statement = statements.get(sql)
    if (!statement) {
      if (statements.size >= 64) statements.delete(statements.keys().next().value)
      statement = db.prepare(sql).pluck()
      statements.set(sql, statement)
    }
    parentPort.postMessage({ id, value: statement.get(...params) })
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } })
  }
})
`

interface Waiting {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

export class SqliteReader {
  private worker: Worker | undefined
  private nextId = 0
  private readonly waiting = new Map<number, Waiting>()

  constructor(
    private readonly file: string,
    private readonly busyTimeoutMs: number,
    private readonly onQuery?: (sql: string) => void,
  ) {}

  /** The first column of the first row the statement returns. */
  value(sql: string, params: unknown[]): Promise<unknown> {
    this.onQuery?.(sql)
    const worker = (this.worker ??= this.start())
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      worker.postMessage({ id, sql, params })
    })
  }

  async close(): Promise<void> {
    const worker = this.worker
    this.worker = undefined
    await worker?.terminate()
  }

  private start(): Worker {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3')
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file: this.file, busyTimeoutMs: this.busyTimeoutMs } })
    // Idle, it must not keep the process alive; each read in flight waits on its own promise.
    worker.unref()
    worker.on('message', ({ id, value, error }: { id: number; value?: unknown; error?: { message: string; code?: string } }) => {
      const waiting = this.waiting.get(id)
      this.waiting.delete(id)
      if (!waiting) return
      if (error) waiting.reject(Object.assign(new Error(error.message), { code: error.code }))
      else waiting.resolve(value)
    })
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined
      for (const waiting of this.waiting.values()) waiting.reject(error)
      this.waiting.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`the SQLite reader stopped (exit code ${code})`)))
    return worker
  }
}
