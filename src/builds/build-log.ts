// A build's log, the one place its lines are stored and read: the runner writes them in
// batches, each published once it has committed; followers replay the stored lines from
// `fromLine`, then take the live ones. Since a line is published only after it is stored, any
// gap in what arrives live can be read back from the database: a late or reconnecting client
// misses nothing and sees nothing twice.
import { dialectOf, type Db } from '../db/client.js'
import type { EventBus, LogLineEvent } from '../events/bus.js'
import { BuildManager } from './builds.js'

/** What a line says of its BuildKit step; a line of output has none (LOG). */
export type StepEventKind = 'STARTED' | 'CACHED' | 'DONE' | 'FAILED'

export interface LogLine {
  lineNo: number
  stream: string
  text: string
  createdAt: Date
  /** The BuildKit step the line belongs to; null for the build's own lines (and classic builds). */
  stepNumber: number | null
  kind: StepEventKind | null
  /** The step's name, where the reader asked for it (see followBuildLog). */
  stepName?: string | null
}

/** A BuildKit step as stored (BuildStep): written before any line of it. */
export interface StepRow {
  number: number
  attempt: number
  digest: string
  name: string
  state: 'WAITING' | 'RUNNING' | 'CACHED' | 'DONE' | 'FAILED'
  startedAt: Date | null
  finishedAt: Date | null
  errorMessage: string | null
}

/** Lines in one INSERT at most: a chatty build (100,000 lines) is then a hundred statements. */
export const MAX_LINES_PER_WRITE = 1_000

/** Stored lines read per query while replaying. */
const REPLAY_PAGE = 1_000

const toEvent = (line: LogLine): LogLineEvent => ({ ...line, createdAt: line.createdAt.toISOString() })
/** Where a published line keeps the LogLine made of it (a property: cheaper than a WeakMap entry, for the GC too). */
const SHARED_LINE = Symbol('sharedLine')

/**
 * The line of a published batch, one object for every follower in this process: a thousand
 * followers then share one line, and whatever is made of it once (src/read-path/events.ts).
 */
function fromEvent(line: LogLineEvent & { [SHARED_LINE]?: LogLine }): LogLine {
  return (line[SHARED_LINE] ??= {
    lineNo: line.lineNo,
    stream: line.stream,
    text: line.text,
    createdAt: new Date(line.createdAt),
    stepNumber: line.stepNumber ?? null,
    kind: (line.kind ?? null) as StepEventKind | null,
    stepName: line.stepName ?? null,
  })
}

/**
 * Turns the engine's text chunks into numbered lines, stored in order and published. Lines that
 * arrive while a write is in flight wait for it and go together in the next one (up to
 * MAX_LINES_PER_WRITE a statement), so the database sets the pace, not the number of lines.
 */
export class BuildLogWriter {
  private lineNo: number
  /** The unfinished last line of each stream, by step ('' for the build's own stream). */
  private readonly partials = new Map<string, { step: number | null; stream: string; text: string }>()
  private pending: LogLine[] = []
  /** Steps changed since the last write, by number: the latest row of each. */
  private pendingSteps = new Map<number, StepRow>()
  private readonly stepNames = new Map<number, string>()
  /** Secret values, masked wherever they would appear in a line. */
  private secrets: string[] = []
  /** Whether a write of the pending lines is already chained on `writes`. */
  private scheduled = false
  private failed = false
  private writes: Promise<void> = Promise.resolve()

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly buildId: number,
    /** Where the lines go on: a restarted build's log continues after its first run's lines. */
    firstLineNo = 0,
  ) {
    this.lineNo = firstLineNo
  }

  /** A writer that goes on after the lines already stored. */
  static async continuing(db: Db, bus: EventBus, buildId: number): Promise<BuildLogWriter> {
    const last = await db.buildLogLine.findFirst({ where: { buildId }, orderBy: { lineNo: 'desc' }, select: { lineNo: true } })
    return new BuildLogWriter(db, bus, buildId, last ? last.lineNo + 1 : 0)
  }

  /** From now on, these values never reach a stored line: each is written as ***. */
  mask(secrets: readonly string[]) {
    // Longest first, so a secret holding another is masked whole.
    this.secrets = secrets.filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length)
  }

  /** Masks the secrets in text that leaves the writer some other way (the build's error). */
  masked(text: string): string {
    for (const secret of this.secrets) text = text.split(secret).join('***')
    return text
  }

  text(chunk: string, stream = 'stdout', step: number | null = null) {
    const key = `${step ?? ''}/${stream}`
    const lines = ((this.partials.get(key)?.text ?? '') + chunk).split(/\r?\n/)
    this.partials.set(key, { step, stream, text: lines.pop() ?? '' })
    for (const line of lines) this.line(line, stream, step)
  }

  system(text: string, stream = 'system') {
    this.line(text, stream)
  }

  /** Records a step's row as it is now; its lines (and event) follow in the same write or later. */
  step(row: StepRow, event?: { kind: StepEventKind; text: string; stream?: string }) {
    row = { ...row, name: this.masked(row.name), errorMessage: row.errorMessage === null ? null : this.masked(row.errorMessage) }
    this.pendingSteps.set(row.number, row)
    this.stepNames.set(row.number, row.name)
    if (event) {
      this.endStep(row.number)
      this.line(event.text, event.stream ?? 'system', row.number, event.kind)
    }
  }

  /** Ends a step's output (or, with null, the build's own): a last line without its newline is a line too. */
  endStep(step: number | null) {
    for (const [key, partial] of this.partials) {
      if (partial.step !== step) continue
      this.partials.delete(key)
      if (partial.text) this.line(partial.text, partial.stream, step)
    }
  }

  /** Ends the build's own output. */
  end() {
    this.endStep(null)
  }

  /** Settles once every line given so far is stored and published; rejects if a write failed. */
  async flushed(): Promise<void> {
    // A write may chain the next batch behind itself: wait until nothing more is chained.
    for (let current = this.writes; ; current = this.writes) {
      await current
      if (current === this.writes) return
    }
  }

  private line(text: string, stream: string, stepNumber: number | null = null, kind: StepEventKind | null = null) {
    // After a failed write the log has a hole; later lines would only pile up in memory.
    if (this.failed) return
    const stepName = stepNumber === null ? null : (this.stepNames.get(stepNumber) ?? null)
    this.pending.push({ lineNo: this.lineNo++, stream, text: this.masked(text), createdAt: new Date(), stepNumber, kind, stepName })
    this.schedule()
  }

  private schedule() {
    if (this.scheduled) return
    this.scheduled = true
    // Chained, so the batch is taken only when the write before it is done: every line given
    // meanwhile (and all of a chunk's lines, given in one go) is in it.
    const write = this.writes.then(() => this.writeBatch())
    // A failed write is flushed()'s to report, which may be called only when the run ends: left
    // unobserved until then it would be an unhandled rejection, which ends the process.
    write.catch(() => {})
    this.writes = write
  }

  private async writeBatch() {
    this.scheduled = false
    const batch = this.pending.splice(0, MAX_LINES_PER_WRITE)
    const steps = [...this.pendingSteps.values()]
    this.pendingSteps = new Map()
    if (this.pending.length > 0) this.schedule()
    try {
      // Before the lines: a line names its step's row.
      for (const step of steps) await saveStep(this.db, this.buildId, step)
      if (batch.length > 0) await insertLines(this.db, this.buildId, batch)
    } catch (error) {
      this.failed = true
      this.pending = []
      throw error
    }
    if (batch.length === 0) return
    this.bus.publish(`build/${this.buildId}/log`, { lines: batch.map(toEvent) })
  }
}

/**
 * One INSERT of the lines, as raw SQL with the lines in one JSON parameter that the database
 * takes apart: Prisma's createMany spends about 0.15 ms of CPU a line building its statement
 * (6,000 lines/s at best) and on SQLite cuts it into INSERTs of 199 lines; five bound values a
 * line still cost PostgreSQL's driver and adapter some 60 µs a line (15,000 lines/s).
 */
function insertLines(db: Db, buildId: number, lines: LogLine[]): Promise<number> {
  const postgres = dialectOf(db) === 'postgresql'
  const rows = JSON.stringify(lines.map((line) => [line.lineNo, line.stream, wellFormed(line.text), storedInstant(postgres, line.createdAt), line.stepNumber, line.kind]))
  if (postgres) {
    return db.$executeRaw`INSERT INTO "BuildLogLine" ("buildId", "lineNo", "stream", "text", "createdAt", "stepNumber", "kind")
      SELECT ${buildId}, (line->>0)::int, line->>1, line->>2, (line->>3)::timestamp(3), (line->>4)::int, line->>5 FROM json_array_elements(${rows}::json) AS line`
  }
  return db.$executeRaw`INSERT INTO "BuildLogLine" ("buildId", "lineNo", "stream", "text", "createdAt", "stepNumber", "kind")
    SELECT ${buildId}, value->>0, value->>1, value->>2, value->>3, value->>4, value->>5 FROM json_each(${rows})`
}

function saveStep(db: Db, buildId: number, step: StepRow) {
  const { number, ...fields } = step
  return db.buildStep.upsert({ where: { buildId_number: { buildId, number } }, create: { buildId, number, ...fields }, update: fields })
}

/** Without lone surrogates (JSON would carry them escaped, and PostgreSQL refuses those), as the drivers bind a string. */
const wellFormed = (text: string) => (text as string & { toWellFormed(): string }).toWellFormed()

/** An instant as Prisma writes it: ISO text with +00:00 in SQLite; for PostgreSQL's timestamp(3) the zone is dropped, it being UTC. */
const storedInstant = (postgres: boolean, at: Date) => (postgres ? at.toISOString().slice(0, -1) : at.toISOString().replace('Z', '+00:00'))

const LINE_FIELDS = { lineNo: true, stream: true, text: true, createdAt: true, stepNumber: true, kind: true } as const

/** Up to REPLAY_PAGE stored lines of the build from `fromLine` on, in order; with their steps' names if asked. */
async function storedLines(db: Db, buildId: number, fromLine: number, withSteps: boolean): Promise<LogLine[]> {
  const query = { where: { buildId, lineNo: { gte: fromLine } }, orderBy: { lineNo: 'asc' }, take: REPLAY_PAGE } as const
  if (!withSteps) return (await db.buildLogLine.findMany({ ...query, select: LINE_FIELDS })) as LogLine[]
  const rows = await db.buildLogLine.findMany({ ...query, select: { ...LINE_FIELDS, step: { select: { name: true } } } })
  return rows.map(({ step, ...line }) => ({ ...line, kind: line.kind as StepEventKind | null, stepName: step?.name ?? null }))
}

/**
 * The build's log as a stream: the stored lines from `fromLine`, then live lines, then the end.
 * `withSteps` reads each stored line's step name too (the live ones carry it).
 */
export async function* followBuildLog(db: Db, bus: EventBus, buildId: number, fromLine: number, withSteps = false): AsyncGenerator<LogLine> {
  // Listening before the first read: a batch published meanwhile is either already stored
  // (and read), or heard (and skipped by its numbers), never neither.
  const live = bus.subscribe(`build/${buildId}/log`)
  let next = fromLine
  async function* stored(): AsyncGenerator<LogLine> {
    for (;;) {
      const rows = await storedLines(db, buildId, next, withSteps)
      for (const row of rows) {
        next = row.lineNo + 1
        yield row
      }
      if (rows.length < REPLAY_PAGE) return
    }
  }
  try {
    yield* stored()
    const build = await db.build.findUnique({ where: { id: buildId }, select: { state: true } })
    if (!build || BuildManager.isOver(build.state)) {
      yield* stored()
      return
    }
    for await (const event of live) {
      if ('end' in event) {
        yield* stored()
        return
      }
      for (const line of event.lines) {
        if (line.lineNo < next) continue
        // A gap (this follower fell behind, or listened from the middle of a write): the batch
        // is stored, so reading catches up past it and the rest of it is skipped.
        if (line.lineNo > next) yield* stored()
        else {
          next += 1
          yield fromEvent(line)
        }
      }
    }
  } finally {
    live.close()
  }
}
