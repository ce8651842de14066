// A BuildKit build's steps (its vertexes), from the engine's status messages: each step is
// numbered as the build announces it, stored as it changes (BuildStep), and every change that
// matters to a reader (started, cached, done, failed) is a line of the log too, so the log is
// the one ordered, replayable record of the build's progress (see build-log.ts).
import type { Db } from '../db/client.js'
import type { BuildKitStatus, Vertex } from '../docker/buildkit.js'
import type { BuildLogWriter, StepRow } from './build-log.js'

const OVER: ReadonlySet<StepRow['state']> = new Set(['CACHED', 'DONE', 'FAILED'])
/** A step the build stopped under: its instance, its engine or a cancel ended the build first. */
const UNFINISHED = 'The build ended before this step did'

const seconds = (from: Date | null, to: Date | null) => (from && to ? `${(Math.max(0, to.getTime() - from.getTime()) / 1000).toFixed(1)}s` : null)

export class BuildSteps {
  private readonly byDigest = new Map<string, StepRow>()
  private failure: StepRow | null = null

  private constructor(
    private readonly log: BuildLogWriter,
    private readonly attempt: number,
    private nextNumber: number,
  ) {}

  /** Steps of this attempt, numbered after any an earlier attempt of the build announced. */
  static async of(db: Db, log: BuildLogWriter, buildId: number, attempt: number): Promise<BuildSteps> {
    const last = await db.buildStep.findFirst({ where: { buildId }, orderBy: { number: 'desc' }, select: { number: true } })
    return new BuildSteps(log, attempt, (last?.number ?? 0) + 1)
  }

  apply(status: BuildKitStatus): void {
    for (const vertex of status.vertexes) this.update(vertex)
    for (const entry of status.logs) {
      const step = this.byDigest.get(entry.vertex)
      this.log.text(entry.data.toString('utf8'), entry.stream === 2 ? 'stderr' : 'stdout', step?.number ?? null)
    }
  }

  /** The first step that failed, if one did. */
  get failed(): StepRow | null {
    return this.failure
  }

  /** The build is over: a step still running did not finish (the build was stopped, or the engine went). */
  end(): void {
    const at = new Date()
    for (const step of this.byDigest.values()) {
      this.log.endStep(step.number)
      if (step.state !== 'RUNNING') continue
      step.state = 'FAILED'
      step.finishedAt = at
      step.errorMessage = UNFINISHED
      this.log.step(step, { kind: 'FAILED', text: `STOPPED ${step.name}`, stream: 'stderr' })
    }
  }

  private update(vertex: Vertex): void {
    let step = this.byDigest.get(vertex.digest)
    if (!step) {
      step = {
        number: this.nextNumber++,
        attempt: this.attempt,
        digest: vertex.digest,
        name: vertex.name,
        state: 'WAITING',
        startedAt: null,
        finishedAt: null,
        errorMessage: null,
      }
      this.byDigest.set(vertex.digest, step)
      this.log.step(step)
    }
    // BuildKit may run a vertex again (a FROM is resolved, then loaded): its first end is the step's.
    if (OVER.has(step.state)) return
    if (vertex.completed) {
      if (step.state === 'WAITING' && !vertex.cached) {
        step.state = 'RUNNING'
        step.startedAt = vertex.started ?? vertex.completed
        this.log.step(step, { kind: 'STARTED', text: step.name })
      }
      step.startedAt ??= vertex.started ?? vertex.completed
      step.finishedAt = vertex.completed
      if (vertex.error) {
        step.state = 'FAILED'
        step.errorMessage = vertex.error
        this.failure ??= step
        this.log.step(step, { kind: 'FAILED', text: `ERROR ${step.name}: ${vertex.error}`, stream: 'stderr' })
      } else if (vertex.cached) {
        step.state = 'CACHED'
        this.log.step(step, { kind: 'CACHED', text: `CACHED ${step.name}` })
      } else {
        step.state = 'DONE'
        this.log.step(step, { kind: 'DONE', text: `DONE ${step.name} (${seconds(step.startedAt, step.finishedAt)})` })
      }
    } else if (vertex.started && step.state === 'WAITING') {
      step.state = 'RUNNING'
      step.startedAt = vertex.started
      this.log.step(step, { kind: 'STARTED', text: step.name })
    }
  }
}

/**
 * The steps an attempt left running when its instance died (no run of it is left to end them):
 * they did not finish.
 */
export async function abandonRunningSteps(db: Db, buildId: number): Promise<void> {
  await db.buildStep.updateMany({ where: { buildId, state: 'RUNNING' }, data: { state: 'FAILED', finishedAt: new Date(), errorMessage: UNFINISHED } })
}

/** The build's error for a failed step: `step [3/5] RUN make failed with exit code 2`. */
export function stepFailure(step: StepRow): string {
  const exitCode = /exit code: (\d+)/.exec(step.errorMessage ?? '')?.[1]
  return exitCode ? `step ${step.name} failed with exit code ${exitCode}` : `step ${step.name} failed: ${step.errorMessage}`
}
