// The queue long-running engine work goes through (builds, pulls, pushes, webhook clones,
// scheduled retention runs).
// Two backends, one interface: on SQLite one process owns the database and its jobs wait in
// memory (in-process-queue.ts); on PostgreSQL they wait in the database, in graphile-worker's
// tables, and any instance with a free slot takes the next one (postgres-queue.ts).
// The job's own row (Build, Pull, ...) says what the job is and where it stands; a queued job
// is only "run job <kind> <id>, attempt <n>". Whoever runs it first claims the row (QUEUED and
// the same attempt), so a job delivered twice, or after it was cancelled or retried, does nothing.
import type { Context } from '@opentelemetry/api'
import type { Logger } from '../logger.js'
import { inSpan, otelContext } from '../observability/tracing.js'

export type JobKind = 'build' | 'pull' | 'push' | 'clone' | 'retention'
export const JOB_KINDS: readonly JobKind[] = ['build', 'pull', 'push', 'clone', 'retention']

export interface Job {
  id: number
  /** 1 for the first run; a job restarted after its process or engine died carries the next number. */
  attempt: number
}

export interface Worker {
  kind: JobKind
  /** How many of these jobs this instance runs at once. */
  concurrency: number
  run(job: Job, signal: AbortSignal): Promise<void>
  /**
   * A cron schedule (five fields, UTC) on which a job of this kind is queued by itself, once per
   * matching minute however many instances run: { id: 0, attempt: 1 }.
   */
  schedule?: string
  /** Called once a job has settled, whatever its outcome; stop() waits for what it returns. */
  afterEach?(job: Job): void | Promise<void>
}

export interface WorkQueue {
  /** True when other instances take jobs from the same queue. */
  readonly shared: boolean
  /** Runs jobs of worker.kind here from start() on. */
  serve(worker: Worker): void
  start(): Promise<void>
  /** Queues a job; delayMs holds it back that long (a job waiting for an engine with room). */
  add(kind: JobKind, job: Job, options?: { delayMs?: number }): Promise<void>
  /** Aborts the job if it runs here (its signal carries `reason`); false otherwise. */
  abort(kind: JobKind, id: number, reason?: string): boolean
  /** Jobs of the kind running here. */
  running(kind: JobKind): number
  /** Jobs of the kind waiting in this instance's own queue: 0 on a shared queue, where they wait for any instance (see icat_jobs). */
  waiting(kind: JobKind): number
  /** Stops taking jobs, aborts the running ones (PROCESS_STOPPING) and waits for them to settle. */
  stop(): Promise<void>
}

/**
 * The reason a job's signal carries when the process stops: its engine work is stopped but its
 * outcome is not recorded, so its row stays active for the next start (or another instance) to
 * recover (see leases.ts).
 */
export const PROCESS_STOPPING = 'process stopping'
export const stoppedByProcess = (signal: AbortSignal) => signal.aborted && signal.reason === PROCESS_STOPPING

/** The jobs running in this process, by kind and id, each with the controller that aborts it. */
export class RunningJobs {
  private readonly byKind = new Map<JobKind, Map<number, AbortController>>()
  private readonly settled = new Set<Promise<void>>()

  constructor(private readonly logger: Logger) {}

  count(kind: JobKind): number {
    return this.byKind.get(kind)?.size ?? 0
  }

  abort(kind: JobKind, id: number, reason?: unknown): boolean {
    const controller = this.byKind.get(kind)?.get(id)
    controller?.abort(reason)
    return controller !== undefined
  }

  /**
   * Runs the job in a span of the trace that queued it; a failure outside the job's own error
   * handling is logged, never thrown: the queue must go on whatever one job does.
   */
  run(worker: Worker, job: Job, origin: Context | undefined): Promise<void> {
    const controller = new AbortController()
    let jobs = this.byKind.get(worker.kind)
    if (!jobs) this.byKind.set(worker.kind, (jobs = new Map()))
    jobs.set(job.id, controller)
    const attributes = { 'icat.job.kind': worker.kind, 'icat.job.id': job.id, 'icat.job.attempt': job.attempt }
    const settled = inSpan(`${worker.kind} run`, attributes, origin ?? otelContext.active(), () => worker.run(job, controller.signal))
      .catch((error: unknown) => this.logger.error({ err: error, job: worker.kind, jobId: job.id }, `${worker.kind} ${job.id} failed outside its own error handling`))
      .finally(async () => {
        jobs.delete(job.id)
        this.settled.delete(settled)
        await Promise.resolve(worker.afterEach?.(job)).catch((error: unknown) =>
          this.logger.error({ err: error, job: worker.kind, jobId: job.id }, `${worker.kind} ${job.id} bookkeeping failed`),
        )
      })
    this.settled.add(settled)
    return settled
  }

  /** Aborts every running job with PROCESS_STOPPING and waits for all to settle. */
  async stopAll(): Promise<void> {
    for (const jobs of this.byKind.values()) for (const controller of jobs.values()) controller.abort(PROCESS_STOPPING)
    await Promise.allSettled([...this.settled])
  }
}
