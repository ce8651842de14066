// Which instance runs a job, and whether it is still alive. A job's row carries the id of the
// instance that claimed it (runnerId) and that instance's last heartbeat. When the heartbeat
// goes stale (the instance crashed, was killed, lost its machine), the next instance to sweep
// takes the row over and restarts the job from the start as its next attempt, or ends it as
// "interrupted" once its retries are spent. The bound from a death to the restart is
// JOB_RECOVERY_SECONDS: the heartbeat goes stale after half of it, and every instance sweeps
// six times in it.
import type { Logger } from '../logger.js'
import type { JobKind, WorkQueue } from './work-queue.js'

export const INTERRUPTED = 'interrupted'

/** What every job table has for its lease (Build, Pull, Push, HookDelivery). */
export interface LeaseRow {
  id: number
  state: string
  runnerId: string | null
  heartbeatAt: Date | null
  attempt: number
}

const leaseColumns = { id: true, state: true, runnerId: true, heartbeatAt: true, attempt: true } as const

/** The part of a Prisma delegate the leases use; the tables differ only in their types. */
export interface LeaseTable {
  findMany(args: { where: object; select: typeof leaseColumns }): Promise<LeaseRow[]>
  updateMany(args: { where: object; data: object }): Promise<{ count: number }>
}

export const leaseTable = (delegate: unknown) => delegate as LeaseTable

export interface LeasedKind {
  kind: JobKind
  table: LeaseTable
  /** States in which an instance runs the job (RUNNING, and CANCELLING for builds). */
  running: readonly string[]
  /** Columns a restarted job clears besides its lease (the engine it ran on, when it started). */
  restartData?: object
  /** Tells the job's watchers that it starts over (a build's log gets a mark); the row is QUEUED again. */
  restarted?(row: LeaseRow, reason: string): Promise<void>
  /** Ends a job taken over from a dead instance that is not restarted (its row is ours now). */
  interrupt(row: LeaseRow): Promise<void>
  /** Called at every heartbeat, after this instance's rows were marked alive. */
  onBeat?(): Promise<void>
}

export interface LeaseTiming {
  /** From an instance's death to its jobs being taken over, at most. */
  recoveryMs: number
  /** How many times a job whose instance or engine died starts over; 0 fails it as interrupted. */
  retries: number
}

export class Leases {
  private readonly kinds = new Map<JobKind, LeasedKind>()
  private timers: NodeJS.Timeout[] = []

  constructor(
    /** This instance: the runnerId its claimed rows carry. */
    readonly runnerId: string,
    private readonly queue: WorkQueue,
    readonly timing: LeaseTiming,
    private readonly logger: Logger,
  ) {}

  register(kind: LeasedKind): void {
    this.kinds.set(kind.kind, kind)
  }

  private get beatMs() {
    return Math.max(100, Math.floor(this.timing.recoveryMs / 6))
  }

  private get staleAfterMs() {
    return Math.floor(this.timing.recoveryMs / 2)
  }

  /**
   * Recovers what dead instances left behind, now and from then on. A queue of one instance
   * (SQLite) lost its waiting jobs with its process, so at start every QUEUED row is queued
   * again and every running row not ours is recovered; a shared queue (PostgreSQL) still holds
   * its waiting jobs, and only stale heartbeats count.
   */
  async start(): Promise<void> {
    await this.sweep(this.queue.shared ? this.staleBefore() : null)
    const report = (what: string) => (error: unknown) => this.logger.error({ err: error }, `job lease ${what} failed`)
    const beat = setInterval(() => void this.beat(new Date()).catch(report('heartbeat')), this.beatMs)
    const sweep = setInterval(() => void this.sweep(this.staleBefore()).catch(report('sweep')), this.beatMs)
    this.timers = [beat, sweep]
    for (const timer of this.timers) timer.unref()
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer)
    this.timers = []
  }

  /**
   * Gives up this instance's running jobs when it stops: without a heartbeat they are stale at
   * once, so another instance's next sweep restarts them without waiting for the bound.
   */
  async release(): Promise<void> {
    // Without a database to tell, the heartbeat goes stale on its own.
    await this.beat(null).catch((error: unknown) => this.logger.error({ err: error }, 'job lease release failed'))
  }

  /** The lease filter of a job this instance runs at `attempt`: every write of its outcome carries it. */
  mine(id: number, attempt: number) {
    return { id, attempt, runnerId: this.runnerId }
  }

  /**
   * Starts a job this instance holds over again as its next attempt, when it has retries left:
   * for a job whose engine stopped answering. False when it has none (the caller ends it).
   */
  async retry(kind: JobKind, row: { id: number; attempt: number }, reason: string): Promise<boolean> {
    if (row.attempt > this.timing.retries) return false
    const spec = this.kinds.get(kind)!
    return this.restart(spec, { ...row, state: 'RUNNING', runnerId: this.runnerId, heartbeatAt: null }, reason)
  }

  private staleBefore() {
    return new Date(Date.now() - this.staleAfterMs)
  }

  private async beat(now: Date | null) {
    for (const spec of this.kinds.values()) {
      await spec.table.updateMany({ where: { runnerId: this.runnerId, state: { in: [...spec.running] } }, data: { heartbeatAt: now } })
      if (now) await spec.onBeat?.()
    }
  }

  private async sweep(staleBefore: Date | null) {
    for (const spec of this.kinds.values()) {
      const stale = staleBefore === null ? {} : { OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: staleBefore } }] }
      const orphans = await spec.table.findMany({
        where: { state: { in: [...spec.running] }, AND: [{ OR: [{ runnerId: null }, { runnerId: { not: this.runnerId } }] }, stale] },
        select: leaseColumns,
      })
      for (const orphan of orphans) await this.recover(spec, orphan)
      await this.requeueWaiting(spec, staleBefore)
    }
  }

  /**
   * Queues QUEUED rows again: all of them on a queue of one instance after a start; on a shared
   * queue, those queued longer than the stale bound (their job may have been lost between the
   * row's insert and the queue's), marked so each is looked at once per bound. A job queued
   * twice runs once: the first run claims the row.
   */
  private async requeueWaiting(spec: LeasedKind, staleBefore: Date | null) {
    if (staleBefore !== null && !this.queue.shared) return
    const stale = staleBefore === null ? {} : { OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: staleBefore } }] }
    const waiting = await spec.table.findMany({ where: { state: 'QUEUED', ...stale }, select: leaseColumns })
    for (const row of waiting) {
      if (staleBefore !== null) {
        const { count } = await spec.table.updateMany({ where: { id: row.id, state: 'QUEUED', attempt: row.attempt, heartbeatAt: row.heartbeatAt }, data: { heartbeatAt: new Date() } })
        if (count === 0) continue
      }
      await this.queue.add(spec.kind, { id: row.id, attempt: row.attempt })
    }
  }

  /** Takes an orphan over (only one instance can: the update is conditional), then restarts or ends it. */
  private async recover(spec: LeasedKind, orphan: LeaseRow) {
    const { count } = await spec.table.updateMany({
      where: { id: orphan.id, state: orphan.state, attempt: orphan.attempt, runnerId: orphan.runnerId, heartbeatAt: orphan.heartbeatAt },
      data: { runnerId: this.runnerId, heartbeatAt: new Date() },
    })
    if (count === 0) return
    const row = { ...orphan, runnerId: this.runnerId }
    this.logger.warn({ job: spec.kind, jobId: orphan.id, attempt: orphan.attempt, formerRunner: orphan.runnerId }, `${spec.kind} ${orphan.id}: its instance stopped; taken over`)
    // A build being cancelled when its instance died ends as the user asked.
    if (orphan.state === 'RUNNING' && orphan.attempt <= this.timing.retries) {
      if (await this.restart(spec, row, 'the instance running it stopped')) return
    }
    await spec.interrupt(row)
  }

  private async restart(spec: LeasedKind, row: LeaseRow, reason: string): Promise<boolean> {
    const next = row.attempt + 1
    const { count } = await spec.table.updateMany({
      where: { id: row.id, attempt: row.attempt, runnerId: this.runnerId, state: { in: [...spec.running] } },
      data: { ...spec.restartData, state: 'QUEUED', attempt: next, runnerId: null, heartbeatAt: new Date() },
    })
    if (count === 0) return false
    await spec.restarted?.(row, reason)
    await this.queue.add(spec.kind, { id: row.id, attempt: next })
    return true
  }
}

/** States of a job that has not ended. */
export const ACTIVE_STATES = ['QUEUED' as const, 'RUNNING' as const]

/** A job's row was taken over by another instance (its heartbeat went stale here): this run's outcome is not its to record. */
export class LeaseLost extends Error {
  constructor(kind: JobKind, id: number) {
    super(`${kind} ${id} is no longer this instance's to finish`)
  }
}
