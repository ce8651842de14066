// The job queue's contract, on the backend of each database: SQLite's in-process queue and
// PostgreSQL's graphile-worker queue behave alike, so one code path serves both. On PostgreSQL
// a second queue on the same database stands for a second instance.
import pg from 'pg'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { InProcessQueue } from '../src/work/in-process-queue.js'
import { PostgresQueue } from '../src/work/postgres-queue.js'
import { PROCESS_STOPPING, type Job, type JobKind, type WorkQueue } from '../src/work/work-queue.js'
import { createScratchDatabase } from './support/postgres.js'
import { runLogger } from './support/run-log.js'
import { databaseKind } from './support/world.js'

/** A job run that lasts until the test lets it go, and tells when it began. */
class HeldRuns {
  readonly started: Job[] = []
  readonly finished: Job[] = []
  readonly signals = new Map<number, AbortSignal>()
  private readonly releases = new Map<number, () => void>()
  private readonly waiters: (() => void)[] = []

  run = async (job: Job, signal: AbortSignal) => {
    this.started.push(job)
    this.signals.set(job.id, signal)
    for (const wake of this.waiters.splice(0)) wake()
    await new Promise<void>((resolve) => {
      this.releases.set(job.id, resolve)
      signal.addEventListener('abort', () => resolve(), { once: true })
    })
    this.finished.push(job)
  }

  /** Resolves once `count` runs have begun. */
  async untilStarted(count: number): Promise<void> {
    while (this.started.length < count) await new Promise<void>((resolve) => this.waiters.push(resolve))
  }

  release(id: number) {
    this.releases.get(id)!()
  }
}

describe(`the job queue (${databaseKind === 'postgres' ? 'graphile-worker' : 'in-process'})`, () => {
  const cleanups: (() => Promise<unknown>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  let database: { url: string; drop: () => Promise<void> } | undefined
  async function newQueue(): Promise<WorkQueue> {
    if (databaseKind === 'sqlite') return new InProcessQueue(runLogger())
    if (!database) {
      database = await createScratchDatabase()
      const scratch = database
      cleanups.push(async () => {
        await scratch.drop()
        database = undefined
      })
    }
    return new PostgresQueue(database.url, runLogger())
  }

  /** A started queue serving `kind` with the held runs. */
  async function serving(kind: JobKind, concurrency: number, runs = new HeldRuns()) {
    const queue = await newQueue()
    const settled: Job[] = []
    queue.serve({ kind, concurrency, run: runs.run, afterEach: (job) => void settled.push(job) })
    await queue.start()
    let stopped = false
    const stop = async () => {
      if (stopped) return
      stopped = true
      await queue.stop()
    }
    cleanups.push(stop)
    return { queue, runs, settled, stop }
  }

  it('runs as many jobs of a kind at once as its concurrency, and the next when one ends', async () => {
    const { queue, runs, settled } = await serving('build', 2)
    for (const id of [1, 2, 3]) await queue.add('build', { id, attempt: 1 })
    await runs.untilStarted(2)
    expect(queue.running('build')).toBe(2)
    expect(runs.started.map((job) => job.id).sort()).toEqual([1, 2])
    runs.release(1)
    await runs.untilStarted(3)
    expect(runs.started.map((job) => job.id)).toContain(3)
    runs.release(2)
    runs.release(3)
    await expect.poll(() => settled.length).toBe(3)
    expect(queue.running('build')).toBe(0)
    expect(runs.finished.map((job) => job.id).sort()).toEqual([1, 2, 3])
  })

  it('runs a job queued twice at the same attempt once, and each attempt of a job', async () => {
    const { queue, runs, settled } = await serving('pull', 1)
    // The slot is taken, so the next ones wait together.
    await queue.add('pull', { id: 1, attempt: 1 })
    await runs.untilStarted(1)
    await queue.add('pull', { id: 2, attempt: 1 })
    await queue.add('pull', { id: 2, attempt: 1 })
    await queue.add('pull', { id: 2, attempt: 2 })
    runs.release(1)
    await runs.untilStarted(2)
    runs.release(2)
    await runs.untilStarted(3)
    runs.release(2)
    await expect.poll(() => settled.length).toBe(3)
    expect(runs.started).toEqual([
      { id: 1, attempt: 1 },
      expect.objectContaining({ id: 2 }),
      expect.objectContaining({ id: 2 }),
    ])
    expect(runs.started.slice(1).map((job) => job.attempt).sort()).toEqual([1, 2])
  })

  it('holds a job back for its delay', async () => {
    const { queue, runs } = await serving('push', 1)
    const addedAt = Date.now()
    await queue.add('push', { id: 7, attempt: 1 }, { delayMs: 1_500 })
    await runs.untilStarted(1)
    // A lower bound only: how much later it starts depends on the machine.
    expect(Date.now() - addedAt).toBeGreaterThanOrEqual(1_400)
    runs.release(7)
  })

  it('aborts a job running here with the reason given, and answers false for one that does not', async () => {
    const { queue, runs, settled } = await serving('build', 1)
    await queue.add('build', { id: 5, attempt: 1 })
    await runs.untilStarted(1)
    expect(queue.abort('build', 6, 'cancelled')).toBe(false)
    expect(queue.abort('pull', 5, 'cancelled')).toBe(false)
    expect(queue.abort('build', 5, 'cancelled')).toBe(true)
    expect(runs.signals.get(5)!.reason).toBe('cancelled')
    await expect.poll(() => settled.length).toBe(1)
    expect(queue.running('build')).toBe(0)
  })

  it('goes on after a job that throws', async () => {
    const queue = await newQueue()
    const ran: number[] = []
    queue.serve({
      kind: 'clone',
      concurrency: 1,
      run: async (job) => {
        ran.push(job.id)
        if (job.id === 1) throw new Error('a job that fails outside its own error handling')
      },
    })
    await queue.start()
    cleanups.push(() => queue.stop())
    await queue.add('clone', { id: 1, attempt: 1 })
    await queue.add('clone', { id: 2, attempt: 1 })
    await expect.poll(() => ran.slice().sort()).toEqual([1, 2])
  })

  it('stops by aborting the running jobs as the process stopping, and waits for them to settle', async () => {
    const { queue, runs, settled, stop } = await serving('build', 2)
    await queue.add('build', { id: 1, attempt: 1 })
    await queue.add('build', { id: 2, attempt: 1 })
    await runs.untilStarted(2)
    await stop()
    // Settled by the time stop() returns, each told why.
    expect(settled.map((job) => job.id).sort()).toEqual([1, 2])
    for (const id of [1, 2]) expect(runs.signals.get(id)!.reason).toBe(PROCESS_STOPPING)
  })

  it.runIf(databaseKind === 'sqlite')('queues a scheduled job at each minute its schedule names, and at no other', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    cleanups.push(async () => void vi.useRealTimers())
    vi.setSystemTime(new Date('2026-12-03T02:58:30Z'))
    const queue = new InProcessQueue(runLogger())
    const ran: { job: Job; at: string }[] = []
    queue.serve({ kind: 'retention', concurrency: 1, schedule: '0 3 * * *', run: async (job) => void ran.push({ job, at: new Date().toISOString() }) })
    await queue.start()
    cleanups.push(() => queue.stop())
    await vi.advanceTimersByTimeAsync(60_000)
    expect(ran).toEqual([])
    await vi.advanceTimersByTimeAsync(60_000)
    expect(ran).toEqual([{ job: { id: 0, attempt: 1 }, at: '2026-12-03T03:00:00.000Z' }])
    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000)
    expect(ran.map((run) => run.at)).toEqual(['2026-12-03T03:00:00.000Z', '2026-12-04T03:00:00.000Z'])
  })

  it.runIf(databaseKind === 'postgres')('queues a scheduled job at the next minute it names, with two instances following the schedule', { timeout: 150_000 }, async () => {
    const ran: string[] = []
    for (const instance of ['first', 'second']) {
      const queue = await newQueue()
      queue.serve({ kind: 'retention', concurrency: 1, schedule: '* * * * *', run: async () => void ran.push(instance) })
      await queue.start()
      cleanups.push(() => queue.stop())
    }
    // graphile-worker queues it at the start of the next minute; which instance runs it is the queue's choice.
    await expect.poll(() => ran.length, { timeout: 120_000, interval: 500 }).toBeGreaterThan(0)
    expect(['first', 'second']).toContain(ran[0])
    // The minute is recorded once for the schedule, shared by both instances (so the other does not queue it again).
    const known = await new pg.Pool({ connectionString: database!.url, max: 1 })
    try {
      const { rows } = await known.query(`select identifier, last_execution from graphile_worker._private_known_crontabs`)
      expect(rows).toEqual([{ identifier: 'icat-retention', last_execution: expect.any(Date) }])
    } finally {
      await known.end()
    }
  })

  it.runIf(databaseKind === 'postgres')('hands a job to another instance when this one has no free slot', async () => {
    const first = await serving('build', 1)
    const second = await serving('build', 1)
    await first.queue.add('build', { id: 1, attempt: 1 })
    // Whichever took it, the other is free: the next job queued on the first runs there.
    await expect.poll(() => first.runs.started.length + second.runs.started.length).toBe(1)
    const [busy, free] = first.runs.started.length === 1 ? [first, second] : [second, first]
    await first.queue.add('build', { id: 2, attempt: 1 })
    await free.runs.untilStarted(1)
    expect(free.runs.started).toEqual([{ id: 2, attempt: 1 }])
    expect(busy.runs.started).toEqual([{ id: 1, attempt: 1 }])
    busy.runs.release(1)
    free.runs.release(2)
    await expect.poll(() => busy.settled.length + free.settled.length).toBe(2)
  })
})
