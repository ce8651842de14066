// The queue shared by every instance on one PostgreSQL database: graphile-worker. Jobs wait in
// its tables (schema graphile_worker) and are announced with LISTEN/NOTIFY, so a free slot on
// any instance takes the next job at once. Each kind has its own runner, so that
// BUILD_CONCURRENCY and its siblings hold per instance and per kind.
//
// graphile-worker frees the jobs of a worker that died only after four hours; that is not how a
// dead instance's work is recovered here. Liveness is the job row's lease (leases.ts): a
// job whose instance stopped beating is restarted with the next attempt number, as a new
// queued job. The dead worker's job keeps its lock until graphile-worker frees it, and then
// finds its row no longer QUEUED at that attempt, and does nothing.
import pg from 'pg'
import { Logger as WorkerLogger, makeWorkerUtils, run, runMigrations, type Runner, type WorkerUtils } from 'graphile-worker'
import type { Logger } from '../logger.js'
import { parseSchedule } from './schedule.js'
import { otelContext } from '../observability/tracing.js'
import { RunningJobs, type Job, type JobKind, type Worker, type WorkQueue } from './work-queue.js'

const SCHEMA = 'graphile_worker'
/** How often a runner looks for jobs that were held back (delayMs); new jobs arrive by NOTIFY. */
const POLL_INTERVAL_MS = 1_000

export class PostgresQueue implements WorkQueue {
  readonly shared = true
  private readonly workers: Worker[] = []
  private readonly pool: pg.Pool
  private readonly jobs: RunningJobs
  private readonly workerLogger: WorkerLogger
  private utils: WorkerUtils | undefined
  private runners: Runner[] = []

  constructor(
    connectionString: string,
    private readonly logger: Logger,
  ) {
    this.jobs = new RunningJobs(logger)
    // One runner per kind, each with its LISTEN connection and up to its concurrency in jobs being fetched.
    this.pool = new pg.Pool({ connectionString, max: 12 })
    this.pool.on('error', (error) => logger.warn({ err: error }, 'a job queue connection failed'))
    this.workerLogger = new WorkerLogger((scope) => (level, message, meta) => {
      const fields = { ...scope, ...meta, queue: 'graphile-worker' }
      if (level === 'error') logger.error(fields, message)
      else if (level === 'warning') logger.warn(fields, message)
      else logger.debug(fields, message)
    })
  }

  serve(worker: Worker): void {
    this.workers.push(worker)
  }

  async start(): Promise<void> {
    const shared = { pgPool: this.pool, schema: SCHEMA, logger: this.workerLogger }
    // Several instances starting at once: graphile-worker serialises its own migrations.
    await runMigrations(shared)
    this.utils = await makeWorkerUtils(shared)
    for (const worker of this.workers) {
      this.runners.push(
        await run({
          ...shared,
          concurrency: worker.concurrency,
          noHandleSignals: true,
          pollInterval: POLL_INTERVAL_MS,
          // Every instance's runner knows the schedule; graphile-worker queues one job per matching minute for all of them.
          ...(worker.schedule ? { parsedCronItems: [parseSchedule(worker.kind, worker.schedule)] } : {}),
          taskList: { [worker.kind]: (payload) => this.jobs.run(worker, readJob(payload), otelContext.active()) },
        }),
      )
    }
  }

  async add(kind: JobKind, job: Job, options: { delayMs?: number } = {}): Promise<void> {
    if (!this.utils) throw new Error('the job queue has not started')
    await this.utils.addJob(kind, { id: job.id, attempt: job.attempt }, {
      // One queued job per attempt: queuing it again (a sweep, a job waiting for an engine) replaces it.
      jobKey: `${kind}:${job.id}:${job.attempt}`,
      jobKeyMode: 'replace',
      // A job records its own outcome and never throws; attempts are counted on its row.
      maxAttempts: 1,
      ...(options.delayMs ? { runAt: new Date(Date.now() + options.delayMs) } : {}),
    })
  }

  abort(kind: JobKind, id: number, reason?: string): boolean {
    return this.jobs.abort(kind, id, reason)
  }

  running(kind: JobKind): number {
    return this.jobs.count(kind)
  }

  waiting(): number {
    return 0
  }

  async stop(): Promise<void> {
    // Aborted first, so the runners' graceful stop does not wait for builds to end on their own.
    const settled = this.jobs.stopAll()
    await Promise.allSettled(this.runners.map((runner) => runner.stop()))
    await settled
    this.runners = []
    await this.utils?.release()
    this.utils = undefined
    await this.pool.end()
  }
}

function readJob(payload: unknown): Job {
  const { id, attempt } = (payload ?? {}) as { id?: unknown; attempt?: unknown }
  if (!Number.isSafeInteger(id) || !Number.isSafeInteger(attempt)) throw new Error(`not a job payload: ${JSON.stringify(payload)}`)
  return { id: id as number, attempt: attempt as number }
}
