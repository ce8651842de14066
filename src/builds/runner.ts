// Runs queued builds on the Docker engine, BUILD_CONCURRENCY at a time. Every log line is
// stored as it arrives (so it can be replayed) and published (so it can be watched live).
// Each process marks its builds with its id and a heartbeat; builds whose process stopped
// (crashed, killed, lost its machine) are failed as "interrupted" by the next one to look.
import { randomUUID } from 'node:crypto'
import type { Db } from '../db/client.js'
import type { DockerEngine } from '../docker/engine.js'
import type { EventBus } from '../events/bus.js'
import type { ArchiveFormat } from '../versions/archive-format.js'
import type { SourceStore } from '../versions/source-store.js'
import { contextFromArchive, contextFromDockerfile, type BuildContext } from './build-context.js'

const ACTIVE_STATES = ['QUEUED' as const, 'RUNNING' as const]
const HEARTBEAT_MS = 10_000
/** A build whose process has not beaten for this long is taken to be interrupted. */
const STALE_AFTER_MS = 45_000

type Outcome = { state: 'SUCCEEDED' } | { state: 'FAILED'; error: string } | { state: 'CANCELLED' }

interface DockerBuildEvent {
  stream?: string
  status?: string
  error?: string
  errorDetail?: { message?: string }
}

export class BuildRunner {
  private readonly queue: number[] = []
  /** Contexts checked when the build was requested, so the runner need not unpack them again. */
  private readonly prepared = new Map<number, BuildContext>()
  private readonly running = new Map<number, AbortController>()
  private readonly finished = new Set<Promise<void>>()
  readonly instanceId = randomUUID()
  private timers: NodeJS.Timeout[] = []

  constructor(
    private readonly db: Db,
    private readonly engine: DockerEngine,
    private readonly sources: SourceStore,
    private readonly bus: EventBus,
    private readonly options: { concurrency: number; maxUnpackedBytes: number },
  ) {}

  /**
   * Fails the builds that no live process runs any more, and keeps doing so. On SQLite only
   * one process can own the database, so at start every build not ours is interrupted; on
   * PostgreSQL other instances may be running theirs, so only stale heartbeats count.
   */
  async start(options: { singleInstance: boolean }): Promise<void> {
    await this.failInterrupted(options.singleInstance ? null : STALE_AFTER_MS)
    const beat = setInterval(() => void this.heartbeat().catch((error) => console.error('build heartbeat:', error)), HEARTBEAT_MS)
    const sweep = setInterval(() => void this.failInterrupted(STALE_AFTER_MS).catch((error) => console.error('build sweep:', error)), STALE_AFTER_MS)
    this.timers = [beat, sweep]
    for (const timer of this.timers) timer.unref()
  }

  private heartbeat() {
    return this.db.build.updateMany({ where: { runnerId: this.instanceId, state: { in: ACTIVE_STATES } }, data: { heartbeatAt: new Date() } })
  }

  private async failInterrupted(staleAfterMs: number | null) {
    const orphans = await this.db.build.findMany({
      where: {
        state: { in: ACTIVE_STATES },
        AND: [
          { OR: [{ runnerId: null }, { runnerId: { not: this.instanceId } }] },
          staleAfterMs === null ? {} : { OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: new Date(Date.now() - staleAfterMs) } }] },
        ],
      },
      select: { id: true },
    })
    for (const { id } of orphans) await this.finish(id, { state: 'FAILED', error: 'interrupted' }, null)
  }

  enqueue(buildId: number, context?: BuildContext): void {
    if (context) this.prepared.set(buildId, context)
    this.queue.push(buildId)
    this.pump()
  }

  /** Stops a queued or running build. Returns false when it is neither (already over). */
  async cancel(buildId: number): Promise<boolean> {
    const queued = this.queue.indexOf(buildId)
    if (queued >= 0) {
      this.queue.splice(queued, 1)
      this.discardPrepared(buildId)
      await this.finish(buildId, { state: 'CANCELLED' }, null)
      return true
    }
    const controller = this.running.get(buildId)
    if (!controller) return false
    controller.abort()
    return true
  }

  /** Cancels what runs and waits for it to settle; queued builds stay QUEUED. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer)
    for (const buildId of this.queue.splice(0)) this.discardPrepared(buildId)
    for (const controller of this.running.values()) controller.abort()
    await Promise.allSettled([...this.finished])
  }

  private pump() {
    while (this.running.size < this.options.concurrency && this.queue.length > 0) {
      const buildId = this.queue.shift()!
      const controller = new AbortController()
      this.running.set(buildId, controller)
      // A build whose bookkeeping itself failed must not take the server down with it.
      const done = this.run(buildId, controller.signal)
        .catch((error) => console.error(`build ${buildId}:`, error))
        .finally(() => {
        this.running.delete(buildId)
        this.finished.delete(done)
        this.pump()
      })
      this.finished.add(done)
    }
  }

  private async run(buildId: number, signal: AbortSignal): Promise<void> {
    const build = await this.db.build.update({
      where: { id: buildId },
      data: { state: 'RUNNING', startedAt: new Date() },
      include: { image: true, version: true },
    })
    this.bus.publish(`build/${buildId}`, { state: 'RUNNING' })
    this.bus.publish(`image/${build.imageId}`, { change: 'build-started' })
    if (build.versionId) await this.db.version.update({ where: { id: build.versionId }, data: { state: 'BUILDING' } })
    const log = new LogWriter(this.db, this.bus, buildId)
    const reference = `${build.image.name}:${build.targetTag}`
    let outcome: Outcome
    let context: BuildContext | undefined
    try {
      log.system(`Building ${reference}`)
      context = this.prepared.get(buildId) ?? (await this.prepare(build))
      this.prepared.delete(buildId)
      const stream = await this.engine.docker.buildImage(context.tar as NodeJS.ReadableStream, {
        t: reference,
        dockerfile: context.dockerfile,
        buildargs: (build.buildArgs ?? {}) as Record<string, string>,
        networkmode: 'none',
        rm: true,
        forcerm: true,
        abortSignal: signal,
      })
      const error = await this.follow(stream, log, signal)
      if (signal.aborted) outcome = { state: 'CANCELLED' }
      else if (error) outcome = { state: 'FAILED', error }
      else outcome = { state: 'SUCCEEDED' }
    } catch (error) {
      // The context may be an open file the engine never got to read.
      ;(context?.tar as { destroy?: () => void } | undefined)?.destroy?.()
      outcome = signal.aborted ? { state: 'CANCELLED' } : { state: 'FAILED', error: error instanceof Error ? error.message : String(error) }
    }
    if (outcome.state === 'FAILED') log.system(`Build failed: ${outcome.error}`, 'stderr')
    if (outcome.state === 'CANCELLED') log.system('Build cancelled')
    await log.flushed().catch((error) => console.error(`build ${buildId}: storing its log failed:`, error))
    await this.finish(buildId, outcome, reference).catch(async (error) => {
      // The image was built but could not be recorded: that is a failed build, not a lost one.
      await this.finish(buildId, { state: 'FAILED', error: `Recording the result failed: ${error.message}` }, null)
    })
  }

  /** The build context, checked: an unsafe archive or Dockerfile path is a UserInputError. */
  async prepare(build: { inlineDockerfile: string | null; dockerfilePath: string | null; version: { sourceSha256: string; sourceFormat: string } | null }): Promise<BuildContext> {
    if (build.inlineDockerfile !== null) return contextFromDockerfile(build.inlineDockerfile)
    if (!build.version) throw new Error('The build has neither a version nor a Dockerfile')
    return contextFromArchive(this.sources.pathOf(build.version.sourceSha256), build.version.sourceFormat as ArchiveFormat, {
      dockerfilePath: build.dockerfilePath,
      maxUnpackedBytes: this.options.maxUnpackedBytes,
    })
  }

  private discardPrepared(buildId: number) {
    ;(this.prepared.get(buildId)?.tar as { destroy?: () => void } | undefined)?.destroy?.()
    this.prepared.delete(buildId)
  }

  /** Reads the engine's progress stream to its end; returns the engine's error, if any. */
  private follow(stream: NodeJS.ReadableStream, log: LogWriter, signal: AbortSignal): Promise<string | null> {
    return new Promise((resolve, reject) => {
      let error: string | null = null
      const abort = () => (stream as unknown as { destroy?: () => void }).destroy?.()
      signal.addEventListener('abort', abort, { once: true })
      this.engine.docker.modem.followProgress(
        stream,
        (streamError: Error | null) => {
          signal.removeEventListener('abort', abort)
          log.end()
          if (streamError && !signal.aborted) reject(streamError)
          else resolve(error)
        },
        (event: DockerBuildEvent) => {
          if (event.stream) log.text(event.stream)
          else if (event.status) log.text(`${event.status}\n`)
          if (event.error) {
            error = event.errorDetail?.message ?? event.error
            log.text(`${error}\n`, 'stderr')
          }
        },
      )
    })
  }

  private async finish(buildId: number, outcome: Outcome, reference: string | null) {
    const finishedAt = new Date()
    const build = await this.db.build.findUniqueOrThrow({ where: { id: buildId } })
    const details = outcome.state === 'SUCCEEDED' && reference ? await this.engine.docker.getImage(reference).inspect() : null
    await this.db.$transaction(async (tx) => {
      await tx.build.update({
        where: { id: buildId },
        data: { state: outcome.state, finishedAt, errorMessage: outcome.state === 'FAILED' ? outcome.error : null },
      })
      if (details) {
        const tag = { digest: details.Id, engineImageId: details.Id, sizeBytes: BigInt(details.Size), buildId }
        await tx.tag.upsert({
          where: { imageId_name: { imageId: build.imageId, name: build.targetTag } },
          create: { imageId: build.imageId, name: build.targetTag, ...tag },
          update: tag,
        })
      }
      if (build.versionId) {
        const state = outcome.state === 'SUCCEEDED' ? 'BUILT' : outcome.state === 'FAILED' ? 'FAILED' : 'PENDING'
        await tx.version.update({ where: { id: build.versionId }, data: { state, sizeBytes: details ? BigInt(details.Size) : undefined } })
      }
      await tx.image.update({ where: { id: build.imageId }, data: { updatedAt: finishedAt } })
    })
    this.bus.publish(`build/${buildId}/log`, { end: outcome.state })
    this.bus.publish(`build/${buildId}`, { state: outcome.state })
    this.bus.publish(`image/${build.imageId}`, { change: 'build-finished' })
  }
}

/** Turns the engine's text chunks into numbered lines, stored in order and published. */
class LogWriter {
  private lineNo = 0
  private partial = ''
  private writes: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
    private readonly buildId: number,
  ) {}

  text(chunk: string, stream = 'stdout') {
    const lines = (this.partial + chunk).split(/\r?\n/)
    this.partial = lines.pop() ?? ''
    for (const line of lines) this.line(line, stream)
  }

  system(text: string, stream = 'system') {
    this.line(text, stream)
  }

  end() {
    if (this.partial) this.line(this.partial, 'stdout')
    this.partial = ''
  }

  flushed(): Promise<unknown> {
    return this.writes
  }

  private line(text: string, stream: string) {
    const line = { lineNo: this.lineNo++, stream, text, createdAt: new Date() }
    this.writes = this.writes.then(async () => {
      await this.db.buildLogLine.create({ data: { buildId: this.buildId, ...line } })
      this.bus.publish(`build/${this.buildId}/log`, { line: { ...line, createdAt: line.createdAt.toISOString() } })
    })
  }
}
