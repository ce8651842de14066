// Long-running engine jobs (builds, pulls) by id: `concurrency` at a time, each with an
// AbortSignal, none of them able to take the server down when its own bookkeeping fails.
/**
 * The reason a job's signal carries when the process stops: its engine work is stopped but its
 * outcome is not recorded, so it stays active for the next start (or another instance) to
 * recover as interrupted (see leases.ts).
 */
export const PROCESS_STOPPING = 'process stopping'
export const stoppedByProcess = (signal: AbortSignal) => signal.aborted && signal.reason === PROCESS_STOPPING

export class JobQueue {
  private readonly waiting: number[] = []
  private readonly running = new Map<number, AbortController>()
  private readonly settled = new Set<Promise<void>>()

  constructor(
    private readonly name: string,
    private readonly concurrency: number,
    private readonly run: (id: number, signal: AbortSignal) => Promise<void>,
    /** Called once a job has settled, whatever its outcome. */
    private readonly afterEach: (id: number) => void = () => {},
  ) {}

  add(id: number): void {
    this.waiting.push(id)
    this.pump()
  }

  /** Takes a job that has not started off the queue; false when it is not waiting. */
  removeWaiting(id: number): boolean {
    const index = this.waiting.indexOf(id)
    if (index < 0) return false
    this.waiting.splice(index, 1)
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
    for (const controller of this.running.values()) controller.abort(PROCESS_STOPPING)
    await Promise.allSettled([...this.settled])
    return dropped
  }

  private pump() {
    while (this.running.size < this.concurrency && this.waiting.length > 0) {
      const id = this.waiting.shift()!
      const controller = new AbortController()
      this.running.set(id, controller)
      const settled = this.run(id, controller.signal)
        .catch((error) => console.error(`${this.name} ${id}:`, error))
        .finally(() => {
          this.running.delete(id)
          this.settled.delete(settled)
          this.afterEach(id)
          this.pump()
        })
      this.settled.add(settled)
    }
  }
}
