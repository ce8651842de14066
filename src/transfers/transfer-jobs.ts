// What pulls and pushes share: their jobs on the work queue, claimed with an engine, leases
// that restart (or fail) the jobs of dead instances, and per-layer progress kept in memory and
// published as the engine reports it.
import type Docker from 'dockerode'
import type { Db, Prisma } from '../db/client.js'
import { followEngineStream } from '../docker/follow.js'
import type { EngineRow, EnginePool } from '../engines/engine-pool.js'
import type { EventBus, TransferProgressEvent, TransferTopic } from '../events/bus.js'
import { noInstruments, reportJobEnd, type Instruments } from '../observability/instruments.js'
import { INTERRUPTED, leaseTable, type Leases } from '../work/leases.js'
import type { Job, WorkQueue } from '../work/work-queue.js'
import { ProgressTracker, type DockerProgressEvent, type LayerState } from './progress.js'

export type TransferKind = 'pull' | 'push'

export interface LiveProgress {
  layers: LayerState[]
  fraction: number
}

const TERMINAL_STATES = ['SUCCEEDED', 'FAILED']
/** How long a transfer waits before it looks again for an engine with room. */
const ENGINE_WAIT_MS = 1_000

export const isOver = (state: string) => TERMINAL_STATES.includes(state)

export class TransferJobs {
  /** Per-layer progress of the transfers running on this instance. */
  private readonly progress = new Map<number, ProgressTracker>()
  private readonly table: typeof this.db.pull

  constructor(
    private readonly kind: TransferKind,
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly queue: WorkQueue,
    readonly leases: Leases,
    private readonly engines: EnginePool,
    run: (job: Job, progress: ProgressTracker, signal: AbortSignal) => Promise<void>,
    /** How many of these this instance runs at once (PULL_CONCURRENCY, PUSH_CONCURRENCY). */
    concurrency: number,
    instruments: Instruments = noInstruments,
  ) {
    // Both tables have the same lease columns; the delegate differs only in its type.
    this.table = (kind === 'pull' ? db.pull : db.push) as unknown as typeof db.pull
    const table = this.table
    queue.serve({
      kind,
      concurrency,
      run: (job, signal) => {
        const progress = new ProgressTracker()
        this.progress.set(job.id, progress)
        return run(job, progress, signal)
      },
      afterEach: ({ id }) => {
        this.progress.delete(id)
        // After the outcome is stored (or storing it failed), so a subscriber reads the final state.
        this.bus.publish(this.topic(id), { end: true })
        return reportJobEnd(instruments, kind, () => table.findUnique({ where: { id }, select: { state: true, startedAt: true, finishedAt: true } }))
      },
    })
    leases.register({
      kind,
      table: leaseTable(table),
      running: ['RUNNING'],
      restartData: { engineId: null, startedAt: null, progress: 0 },
      interrupt: async (row) => {
        await table.updateMany({ where: leases.mine(row.id, row.attempt), data: { state: 'FAILED', errorMessage: INTERRUPTED, finishedAt: new Date() } })
        this.bus.publish(this.topic(row.id), { end: true })
      },
    })
  }

  /**
   * Claims the job's row with an engine (`only`: the one that must run it, e.g. the engine
   * that holds a tag being pushed). Null when it is not to run now: it was taken, cancelled or
   * restarted since it was queued, it waits for room (queued again), or no engine can ever run
   * it (failed, with why).
   */
  async claim(job: Job, only?: number | null): Promise<EngineRow | null> {
    const startedAt = new Date()
    const delegate = (tx: Prisma.TransactionClient) => (this.kind === 'pull' ? tx.pull : tx.push) as unknown as Prisma.TransactionClient['pull']
    const claim = await this.engines.claim(only === undefined ? {} : { only }, async (tx, engineId) => {
      const { count } = await delegate(tx).updateMany({
        where: { id: job.id, state: 'QUEUED', attempt: job.attempt },
        data: { state: 'RUNNING', startedAt, engineId, runnerId: this.leases.runnerId, heartbeatAt: startedAt },
      })
      return count === 1
    })
    if ('engine' in claim) return claim.engine
    if ('busy' in claim) await this.queue.add(this.kind, job, { delayMs: ENGINE_WAIT_MS })
    if ('noEngine' in claim) {
      await this.table.updateMany({ where: { id: job.id, state: 'QUEUED', attempt: job.attempt }, data: { state: 'FAILED', errorMessage: `No engine can run it: ${claim.noEngine}`, finishedAt: new Date() } })
    }
    return null
  }

  /**
   * After a failure: when the engine stopped answering, the transfer starts over (on another
   * engine, if it may) as long as it has retries; true when it did.
   */
  async retryIfEngineLost(job: Job, engine: EngineRow): Promise<boolean> {
    if (await this.engines.checkOne(engine.id)) return false
    return this.leases.retry(this.kind, job, `the Docker engine ${engine.name} stopped answering`)
  }

  topic(id: number): TransferTopic {
    return `${this.kind}/${id}`
  }

  /** Transfers waiting in this instance's own queue (SQLite) and running here. */
  get depth() {
    return { waiting: this.queue.waiting(this.kind), running: this.queue.running(this.kind) }
  }

  /** Queues a transfer whose row was just made (QUEUED, attempt 1). */
  enqueue(id: number): Promise<void> {
    return this.queue.add(this.kind, { id, attempt: 1 })
  }

  /** The latest state of each layer while the transfer runs on this instance; null otherwise. */
  live(id: number): LiveProgress | null {
    const progress = this.progress.get(id)
    return progress ? { layers: [...progress.layers.values()], fraction: progress.fraction } : null
  }

  /** Reads the engine's progress stream to its end, publishing as it goes; returns the engine's error, if any. */
  follow(docker: Docker, id: number, stream: NodeJS.ReadableStream, progress: ProgressTracker, signal: AbortSignal): Promise<string | null> {
    return followEngineStream<DockerProgressEvent>(docker, stream, signal, (event) => {
      const published = progress.apply(event)
      if (published) this.bus.publish(this.topic(id), { progress: published })
    })
  }

  /**
   * The transfer's progress as it happens, then one final event (layer null, status the final
   * state) once the outcome is stored. Subscribes before reading, so the end cannot be missed.
   * `load` reads the row as the caller may see it; null means it is not there for them.
   */
  async *watch(id: number, load: () => Promise<{ state: string; progress: number } | null>, missing: () => Error): AsyncGenerator<TransferProgressEvent> {
    const events = this.bus.subscribe(this.topic(id))
    try {
      const row = await load()
      if (!row) throw missing()
      if (!isOver(row.state)) {
        // A client that joins late starts from where the layers stand.
        const live = this.live(id)
        for (const layer of live?.layers ?? []) yield { ...layer, fraction: live!.fraction }
        for await (const event of events) {
          if ('end' in event) break
          yield event.progress
        }
      }
      const final = (await load()) ?? row
      yield { layer: null, status: final.state, current: null, total: null, fraction: final.progress }
    } finally {
      events.close()
    }
  }
}
