// The queue of a single instance (SQLite): jobs wait in memory, `concurrency` of each kind run
// at once. Nothing is lost when the process stops: each job's row is still QUEUED (or RUNNING),
// and the next start queues it again (see leases.ts).
import type { Context } from '@opentelemetry/api'
import type { Logger } from '../logger.js'
import { otelContext } from '../observability/tracing.js'
import { parseSchedule, scheduledAt } from './schedule.js'
import { RunningJobs, type Job, type JobKind, type Worker, type WorkQueue } from './work-queue.js'

interface Waiting {
  job: Job
  /** The trace of the request that queued the job: its run is a span of that trace. */
  origin: Context
}

export class InProcessQueue implements WorkQueue {
  readonly shared = false
  private readonly workers = new Map<JobKind, Worker>()
  private readonly queues = new Map<JobKind, Waiting[]>()
  private readonly delayed = new Set<NodeJS.Timeout>()
  private readonly jobs: RunningJobs
  private started = false
  private stopping = false

  constructor(logger: Logger) {
    this.jobs = new RunningJobs(logger)
  }

  serve(worker: Worker): void {
    this.workers.set(worker.kind, worker)
    this.queues.set(worker.kind, [])
  }

  async start(): Promise<void> {
    this.started = true
    for (const kind of this.workers.keys()) this.pump(kind)
    for (const worker of this.workers.values()) if (worker.schedule) this.follow(worker.kind, parseSchedule(worker.kind, worker.schedule))
  }

  /** Queues the kind's job at the start of every minute its schedule names. */
  private follow(kind: JobKind, schedule: ReturnType<typeof parseSchedule>) {
    const next = () => {
      const timer = setTimeout(() => {
        this.delayed.delete(timer)
        if (this.stopping) return
        // The minute this timer was set for, even if it fires a moment early or late.
        const minute = new Date(Math.round(Date.now() / 60_000) * 60_000)
        if (scheduledAt(schedule, minute)) this.enqueue(kind, { job: { id: 0, attempt: 1 }, origin: otelContext.active() })
        next()
      }, 60_000 - (Date.now() % 60_000))
      timer.unref()
      this.delayed.add(timer)
    }
    if (!this.stopping) next()
  }

  async add(kind: JobKind, job: Job, options: { delayMs?: number } = {}): Promise<void> {
    if (this.stopping) return
    const origin = otelContext.active()
    if (options.delayMs) {
      const timer = setTimeout(() => {
        this.delayed.delete(timer)
        this.enqueue(kind, { job, origin })
      }, options.delayMs)
      timer.unref()
      this.delayed.add(timer)
      return
    }
    this.enqueue(kind, { job, origin })
  }

  abort(kind: JobKind, id: number, reason?: string): boolean {
    return this.jobs.abort(kind, id, reason)
  }

  running(kind: JobKind): number {
    return this.jobs.count(kind)
  }

  waiting(kind: JobKind): number {
    return this.queues.get(kind)?.length ?? 0
  }

  async stop(): Promise<void> {
    this.stopping = true
    for (const timer of this.delayed) clearTimeout(timer)
    this.delayed.clear()
    for (const queue of this.queues.values()) queue.splice(0)
    await this.jobs.stopAll()
  }

  private enqueue(kind: JobKind, waiting: Waiting) {
    const queue = this.queues.get(kind)
    if (!queue) throw new Error(`no worker serves ${kind} jobs`)
    // The same job queued twice (a retry racing a sweep) runs once; its claim would refuse the second anyway.
    if (queue.some((each) => each.job.id === waiting.job.id && each.job.attempt === waiting.job.attempt)) return
    queue.push(waiting)
    this.pump(kind)
  }

  private pump(kind: JobKind) {
    if (!this.started || this.stopping) return
    const worker = this.workers.get(kind)!
    const queue = this.queues.get(kind)!
    while (this.jobs.count(kind) < worker.concurrency && queue.length > 0) {
      const { job, origin } = queue.shift()!
      void this.jobs.run(worker, job, origin).then(() => this.pump(kind))
    }
  }
}
