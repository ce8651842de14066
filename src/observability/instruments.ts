// What the domain code reports to the app's metrics: calls to the engine and to registries,
// and jobs that ended. One per app (see metrics.ts); the default records nothing.
export type CallTarget = 'engine' | 'registry'
export type JobKind = 'build' | 'pull' | 'push'

export interface Instruments {
  /** A call to the engine or a registry finished; `failure` says why it failed, when it did. */
  callEnded(target: CallTarget, operation: string, seconds: number, failure: string | null): void
  /** A build, pull or push ended in `state` after running `seconds` (0 when it never started). */
  jobEnded(kind: JobKind, state: string, seconds: number): void
}

export const noInstruments: Instruments = {
  callEnded: () => {},
  jobEnded: () => {},
}

/** Seconds a job ran, from its stored start to its end. */
export const ranFor = (startedAt: Date | null, finishedAt: Date): number => (startedAt ? Math.max(0, (finishedAt.getTime() - startedAt.getTime()) / 1000) : 0)

export interface JobRow {
  state: string
  startedAt: Date | null
  finishedAt: Date | null
}

/**
 * Reports a job that has settled from its stored row: the row, not the runner's memory, holds
 * the outcome every path (success, failure, cancel, a failed bookkeeping) ends in. A job whose
 * row is gone or not finished (left QUEUED by a stop) is not reported.
 */
export function reportJobEnd(instruments: Instruments, kind: JobKind, load: () => Promise<JobRow | null>): Promise<void> {
  if (instruments === noInstruments) return Promise.resolve()
  return load()
    .then((row) => void (row?.finishedAt && instruments.jobEnded(kind, row.state, ranFor(row.startedAt, row.finishedAt))))
    // A row that cannot be read (the database went away) is a missed sample, nothing worse.
    .catch(() => {})
}
