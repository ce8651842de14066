// Long-running engine jobs (builds, pulls) by id: `concurrency` at a time, each with an
// AbortSignal, none of them able to take the server down when its own bookkeeping fails.
import type { Context } from '@opentelemetry/api'
import type { Logger } from '../logger.js'
import { inSpan, otelContext } from '../observability/tracing.js'

/**
 * The reason a job's signal carries when the process stops: its engine work is stopped but its
 * outcome is not recorded, so it stays active for the next start (or another instance) to
 * recover as interrupted (see leases.ts).
 */
export const PROCESS_STOPPING = 'process stopping'
export const stoppedByProcess = (signal: AbortSignal) => signal.aborted && signal.reason === PROCESS_STOPPING

export class JobQueue {
  private readonly waiting: number[] = []
  /** The trace of the request that queued each job: its run is a span of that trace. */
  private readonly origins = new Map<number, Context>()
  private readonly running = new Map<number, AbortController>()
  private readonly settled = new Set<Promise<void>>()

  constructor(
    private readonly name: string,
    private readonly concurrency: number,
    private readonly run: (id: number, signal: AbortSignal) => Promise<void>,
    private readonly logger: Logger,
    /** Called once a job has settled, whatever its outcome; stop() waits for what it returns. */
    private readonly afterEach: (id: number) => void | Promise<void> = () => {},
  ) {}

  add(id: number): void {
    this.waiting.push(id)
    this.origins.set(id, otelContext.active())
    this.pump()
  }

  get depth(): { waiting: number; running: number } {
    return { waiting: this.waiting.length, running: this.running.size }
  }

  /** Takes a job that has not started off the queue; false when it is not waiting. */
  removeWaiting(id: number): boolean {
    const index = this.waiting.indexOf(id)
    if (index < 0) return false
    this.waiting.splice(index, 1)
    this.origins.delete(id)
    return true
  }

  /** Aborts a running job; false when it is not running here. */
  abort(id: number): boolean {
    const controller = this.running.get(id)
    controller?.abort()
    return controller !== undefined
  }

  /** Drops the waiting jobs (returned), aborts the running ones (see PROCESS_STOPPING) and waits for them to settle. */
  async stop(): Promise<number[]> {
    const dropped = this.waiting.splice(0)
    for (const id of dropped) this.origins.delete(id)
    for (const controller of this.running.values()) controller.abort(PROCESS_STOPPING)
    await Promise.allSettled([...this.settled])
    return dropped
  }

  private pump() {
    while (this.running.size < this.concurrency && this.waiting.length > 0) {
      const id = this.waiting.shift()!
      const controller = new AbortController()
      this.running.set(id, controller)
      const origin = this.origins.get(id) ?? otelContext.active()
      this.origins.delete(id)
      const settled = inSpan(`${this.name} run`, { 'icat.job.kind': this.name, 'icat.job.id': id }, origin, () => this.run(id, controller.signal))
        .catch((error: unknown) => this.logger.error({ err: error, job: this.name, jobId: id }, `${this.name} ${id} failed outside its own error handling`))
        .finally(async () => {
          this.running.delete(id)
          this.settled.delete(settled)
          const after = this.afterEach(id)
          this.pump()
          await after
        })
      this.settled.add(settled)
    }
  }
}
