// What pulls and pushes share: a job queue on the engine, leases that fail the jobs of dead
// processes, and per-layer progress kept in memory and published as the engine reports it.
import type Docker from 'dockerode'
import type { Db } from '../db/client.js'
import { followEngineStream } from '../docker/follow.js'
import type { EventBus, TransferProgressEvent, TransferTopic } from '../events/bus.js'
import type { Logger } from '../logger.js'
import { noInstruments, reportJobEnd, type Instruments } from '../observability/instruments.js'
import { JobQueue } from '../work/job-queue.js'
import { ACTIVE_STATES, INTERRUPTED, Leases, orphanFilter } from '../work/leases.js'
import { ProgressTracker, type DockerProgressEvent, type LayerState } from './progress.js'

export type TransferKind = 'pull' | 'push'

export interface LiveProgress {
  layers: LayerState[]
  fraction: number
}

const CONCURRENCY = 3
const TERMINAL_STATES = ['SUCCEEDED', 'FAILED']

export const isOver = (state: string) => TERMINAL_STATES.includes(state)

export class TransferJobs {
  /** Per-layer progress of the transfers running on this instance. */
  private readonly progress = new Map<number, ProgressTracker>()
  private readonly jobs: JobQueue
  readonly leases: Leases

  constructor(
    private readonly kind: TransferKind,
    db: Db,
    private readonly bus: EventBus,
    run: (id: number, progress: ProgressTracker, signal: AbortSignal) => Promise<void>,
    logger: Logger,
    instruments: Instruments = noInstruments,
  ) {
    // Both tables have the same lease columns; the delegate differs only in its type.
    const table = (kind === 'pull' ? db.pull : db.push) as unknown as typeof db.pull
    this.jobs = new JobQueue(kind, CONCURRENCY, (id, signal) => {
      const progress = new ProgressTracker()
      this.progress.set(id, progress)
      return run(id, progress, signal)
    }, logger, (id) => {
      this.progress.delete(id)
      // After the outcome is stored (or storing it failed), so a subscriber reads the final state.
      this.bus.publish(this.topic(id), { end: true })
      return reportJobEnd(instruments, kind, () => table.findUnique({ where: { id }, select: { state: true, startedAt: true, finishedAt: true } }))
    })
    this.leases = new Leases(kind, {
      heartbeat: (runnerId, now) => table.updateMany({ where: { runnerId, state: { in: ACTIVE_STATES } }, data: { heartbeatAt: now } }),
      orphans: async (runnerId, staleBefore) =>
        (await table.findMany({ where: orphanFilter(runnerId, staleBefore, ACTIVE_STATES), select: { id: true } })).map((row) => row.id),
      interrupt: async (id) => {
        await table.update({ where: { id }, data: { state: 'FAILED', errorMessage: INTERRUPTED, finishedAt: new Date() } })
        this.bus.publish(this.topic(id), { end: true })
      },
    }, logger)
  }

  topic(id: number): TransferTopic {
    return `${this.kind}/${id}`
  }

  /** Recovers what dead processes left behind; see Leases. */
  start(options: { singleInstance: boolean }): Promise<void> {
    return this.leases.start(options)
  }

  /** Transfers waiting for a turn and running, on this instance. */
  get depth() {
    return this.jobs.depth
  }

  enqueue(id: number): void {
    this.jobs.add(id)
  }

  /** The latest state of each layer while the transfer runs on this instance; null otherwise. */
  live(id: number): LiveProgress | null {
    const progress = this.progress.get(id)
    return progress ? { layers: [...progress.layers.values()], fraction: progress.fraction } : null
  }

  /** Stops what runs and waits for it to settle; its jobs stay active, for the next start (or another instance) to recover. */
  async stop(): Promise<void> {
    this.leases.stop()
    await this.jobs.stop()
    await this.leases.release()
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
