// Which server process owns a job, and whether it is still alive. Each process stamps its
// jobs with its id and beats a heartbeat; jobs whose process stopped (crashed, killed, lost
// its machine) are failed as "interrupted" by the next process that looks.
import { randomUUID } from 'node:crypto'
import type { Logger } from '../logger.js'

export const INTERRUPTED = 'interrupted'
const HEARTBEAT_MS = 10_000
/** A job whose process has not beaten for this long is taken to be interrupted. */
const STALE_AFTER_MS = 45_000

export interface LeasedJobs {
  /** Marks this process's active jobs as alive now; null gives them up (see Leases.release). */
  heartbeat(runnerId: string, now: Date | null): Promise<unknown>
  /** Active jobs of other processes (or of none) whose heartbeat is older than `staleBefore` (any, when null). */
  orphans(runnerId: string, staleBefore: Date | null): Promise<number[]>
  /** Ends one orphan as interrupted, telling its subscribers. */
  interrupt(id: number): Promise<void>
}

export class Leases {
  readonly runnerId = randomUUID()
  private timers: NodeJS.Timeout[] = []

  constructor(
    private readonly name: string,
    private readonly jobs: LeasedJobs,
    private readonly logger: Logger,
  ) {}

  /**
   * Fails the jobs no live process runs any more, now and from then on. With SQLite only one
   * process can own the database, so at start every job not ours is interrupted; with
   * PostgreSQL other instances may be running theirs, so only stale heartbeats count.
   */
  async start(options: { singleInstance: boolean }): Promise<void> {
    await this.sweep(options.singleInstance ? null : new Date(Date.now() - STALE_AFTER_MS))
    const report = (what: string) => (error: unknown) => this.logger.error({ err: error, job: this.name }, `${this.name} lease ${what} failed`)
    const beat = setInterval(() => void this.jobs.heartbeat(this.runnerId, new Date()).catch(report('heartbeat')), HEARTBEAT_MS)
    const sweep = setInterval(() => void this.sweep(new Date(Date.now() - STALE_AFTER_MS)).catch(report('sweep')), STALE_AFTER_MS)
    this.timers = [beat, sweep]
    for (const timer of this.timers) timer.unref()
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer)
    this.timers = []
  }

  /**
   * Gives up this process's jobs when it stops: without a heartbeat they count as stale at
   * once, so another instance's next sweep recovers them without waiting STALE_AFTER_MS.
   */
  async release(): Promise<void> {
    // Without a database to tell, the heartbeat goes stale on its own.
    await this.jobs.heartbeat(this.runnerId, null).catch((error: unknown) => this.logger.error({ err: error, job: this.name }, `${this.name} lease release failed`))
  }

  private async sweep(staleBefore: Date | null) {
    for (const id of await this.jobs.orphans(this.runnerId, staleBefore)) await this.jobs.interrupt(id)
  }
}

/** The Prisma filter for `orphans`, the same for every job table; `states` are the table's active ones. */
export function orphanFilter<S extends string>(runnerId: string, staleBefore: Date | null, states: readonly S[]) {
  return {
    state: { in: [...states] },
    AND: [
      { OR: [{ runnerId: null }, { runnerId: { not: runnerId } }] },
      staleBefore === null ? {} : { OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: staleBefore } }] },
    ],
  }
}

/** States of a job that has not ended, so a process must own it. */
export const ACTIVE_STATES = ['QUEUED' as const, 'RUNNING' as const]
