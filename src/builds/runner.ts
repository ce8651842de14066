// Runs queued builds on the Docker engine, BUILD_CONCURRENCY at a time. Every log line is
// stored (so it can be replayed) and published (so it can be watched live): see build-log.ts.
import { Writable } from 'node:stream'
import type { Db } from '../db/client.js'
import { releaseFormerReference } from '../catalog/engine-references.js'
import { transaction } from '../db/transactions.js'
import type { DockerEngine } from '../docker/engine.js'
import type { EngineImages } from '../docker/images.js'
import { followEngineStream } from '../docker/follow.js'
import type { EventBus, Subscription } from '../events/bus.js'
import type { TestPlan } from '../sources/autotests.js'
import type { Logger } from '../logger.js'
import type { ArchiveFormat } from '../versions/archive-format.js'
import type { SourceStore } from '../versions/source-store.js'
import { noInstruments, reportJobEnd, type Instruments } from '../observability/instruments.js'
import { JobQueue, stoppedByProcess } from '../work/job-queue.js'
import { ACTIVE_STATES, INTERRUPTED, Leases, orphanFilter } from '../work/leases.js'
import { contextFromArchive, contextFromDockerfile, discardContext, type BuildContext } from './build-context.js'
import { BuildLogWriter } from './build-log.js'
import { BUILD_ACTIVE_STATES } from './states.js'

type Outcome = { state: 'SUCCEEDED' } | { state: 'FAILED'; error: string } | { state: 'CANCELLED' }

interface DockerBuildEvent {
  stream?: string
  status?: string
  error?: string
  errorDetail?: { message?: string }
}

export class BuildRunner {
  /** Contexts checked when the build was requested, so the runner need not unpack them again. */
  private readonly prepared = new Map<number, BuildContext>()
  private readonly jobs: JobQueue
  readonly leases: Leases
  private cancels: Subscription<{ buildId: number }> | null = null

  constructor(
    private readonly db: Db,
    private readonly engine: DockerEngine,
    private readonly engineImages: EngineImages,
    private readonly sources: SourceStore,
    private readonly bus: EventBus,
    private readonly options: { concurrency: number; maxUnpackedBytes: number; logger: Logger; instruments?: Instruments },
  ) {
    const jobTimes = { select: { state: true, startedAt: true, finishedAt: true } } as const
    this.jobs = new JobQueue('build', options.concurrency, (id, signal) => this.run(id, signal), options.logger, (id) =>
      reportJobEnd(options.instruments ?? noInstruments, 'build', () => db.build.findUnique({ where: { id }, ...jobTimes })),
    )
    this.leases = new Leases('build', {
      heartbeat: async (runnerId, now) => {
        await db.build.updateMany({ where: { runnerId, state: { in: BUILD_ACTIVE_STATES } }, data: { heartbeatAt: now } })
        // Another instance marked them; without a shared bus (REDIS_URL) this is how they are heard of.
        const cancelling = await db.build.findMany({ where: { runnerId, state: 'CANCELLING' }, select: { id: true } })
        for (const { id } of cancelling) await this.stopHere(id)
      },
      orphans: async (runnerId, staleBefore) =>
        (await db.build.findMany({ where: orphanFilter(runnerId, staleBefore, BUILD_ACTIVE_STATES), select: { id: true } })).map((b) => b.id),
      interrupt: async (id) => {
        // Its process died while it was being cancelled: it ends as the user asked.
        const { state } = await db.build.findUniqueOrThrow({ where: { id }, select: { state: true } })
        await this.finish(id, state === 'CANCELLING' ? { state: 'CANCELLED' } : { state: 'FAILED', error: INTERRUPTED }, null)
      },
    }, options.logger)
  }

  /** Recovers what dead processes left behind (see Leases), and from then on stops the builds cancelled on any instance. */
  start(options: { singleInstance: boolean }): Promise<void> {
    const cancels = (this.cancels = this.bus.subscribe('builds/cancel'))
    void (async () => {
      for await (const { buildId } of cancels) await this.stopHere(buildId).catch((error: unknown) => this.options.logger.error({ err: error, buildId }, 'cancelling a build failed'))
    })()
    return this.leases.start(options)
  }

  /** Builds waiting for a turn and running, on this instance. */
  get depth() {
    return this.jobs.depth
  }

  enqueue(buildId: number, context?: BuildContext): void {
    if (context) this.prepared.set(buildId, context)
    this.jobs.add(buildId)
  }

  /**
   * Stops a build that is not over: one queued here is CANCELLED at once; one running (here or
   * on another instance) is CANCELLING until the engine has stopped, then CANCELLED. Returns
   * false when it is already over.
   */
  async cancel(buildId: number): Promise<boolean> {
    if (await this.stopWaiting(buildId)) return true
    const { count } = await this.db.build.updateMany({ where: { id: buildId, state: { in: ACTIVE_STATES } }, data: { state: 'CANCELLING' } })
    if (count === 0) {
      const build = await this.db.build.findUnique({ where: { id: buildId }, select: { state: true } })
      return build?.state === 'CANCELLING'
    }
    this.bus.publish(`build/${buildId}`, { state: 'CANCELLING' })
    this.jobs.abort(buildId)
    this.bus.publish('builds/cancel', { buildId })
    return true
  }

  /** Stops the build if this process holds it, waiting or running; does nothing otherwise. */
  private async stopHere(buildId: number): Promise<void> {
    if (!(await this.stopWaiting(buildId))) this.jobs.abort(buildId)
  }

  private async stopWaiting(buildId: number): Promise<boolean> {
    if (!this.jobs.removeWaiting(buildId)) return false
    this.discardPrepared(buildId)
    await this.finish(buildId, { state: 'CANCELLED' }, null)
    return true
  }

  /** Stops what runs on the engine and waits for it to settle; its builds stay active, for the next start (or another instance) to recover. */
  async stop(): Promise<void> {
    this.cancels?.close()
    this.leases.stop()
    for (const buildId of await this.jobs.stop()) this.discardPrepared(buildId)
    await this.leases.release()
  }

  private async run(buildId: number, signal: AbortSignal): Promise<void> {
    // Only a build still QUEUED starts: one marked CANCELLING while it waited (by another instance) ends here.
    const { count } = await this.db.build.updateMany({ where: { id: buildId, state: 'QUEUED' }, data: { state: 'RUNNING', startedAt: new Date() } })
    if (count === 0) {
      this.discardPrepared(buildId)
      const current = await this.db.build.findUnique({ where: { id: buildId }, select: { state: true } })
      if (current?.state === 'CANCELLING') await this.finish(buildId, { state: 'CANCELLED' }, null)
      return
    }
    const build = await this.db.build.findUniqueOrThrow({ where: { id: buildId }, include: { image: true, version: true } })
    this.bus.publish(`build/${buildId}`, { state: 'RUNNING' })
    this.bus.imageChanged(build.imageId, 'build-started')
    if (build.versionId) await this.db.version.update({ where: { id: build.versionId }, data: { state: 'BUILDING' } })
    const log = new BuildLogWriter(this.db, this.bus, buildId)
    const reference = `${build.image.name}:${build.targetTag}`
    const plan = build.testCommand as TestPlan | null
    // The image is built under a name of its own; the tag moves at the end, only if the test (if
    // any) passed and the tag was not protected while the build ran.
    const builtAs = `${build.image.name}:icat-build-${buildId}`
    let tagged = false
    let outcome: Outcome
    let testsPassed: boolean | null = null
    let context: BuildContext | undefined
    try {
      if (build.pullRequest) log.system(`Testing pull request ${build.pullRequest} at ${build.commitSha!.slice(0, 12)}; no tag moves`)
      else log.system(build.commitSha ? `Building ${reference} from ${build.branch} at ${build.commitSha.slice(0, 12)}` : `Building ${reference}`)
      context = this.prepared.get(buildId) ?? (await this.prepare(build))
      this.prepared.delete(buildId)
      const stream = await this.engine.docker.buildImage(context.tar as NodeJS.ReadableStream, {
        t: builtAs,
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
      if (plan && outcome.state === 'SUCCEEDED') {
        const exitCode = await this.autotest(builtAs, plan, log, signal)
        testsPassed = exitCode === 0
        if (signal.aborted) outcome = { state: 'CANCELLED' }
        else if (exitCode !== 0) outcome = { state: 'FAILED', error: `Autotest failed with exit code ${exitCode}; ${reference} was left where it was` }
      }
      if (outcome.state === 'SUCCEEDED' && !build.testOnly) {
        const target = await this.db.tag.findUnique({ where: { imageId_name: { imageId: build.imageId, name: build.targetTag } } })
        if (target?.protected) outcome = { state: 'FAILED', error: `${reference} was protected while the build ran; it was left where it was` }
        else {
          await this.engine.docker.getImage(builtAs).tag({ repo: build.image.name, tag: build.targetTag })
          tagged = true
        }
      }
    } catch (error) {
      // The context may be an open file the engine never got to read.
      discardContext(context)
      outcome = signal.aborted ? { state: 'CANCELLED' } : { state: 'FAILED', error: error instanceof Error ? error.message : String(error) }
    }
    // The build's own name goes either way: on success the tag now holds the image, on failure nothing should.
    await this.engine.docker.getImage(builtAs).remove({ noprune: tagged }).catch(() => {})
    if (stoppedByProcess(signal)) log.system('The service stopped during the build', 'stderr')
    else if (outcome.state === 'FAILED') log.system(`Build failed: ${outcome.error}`, 'stderr')
    if (outcome.state === 'CANCELLED') log.system('Build cancelled')
    await log.flushed().catch((error: unknown) => this.options.logger.error({ err: error, buildId }, "storing a build's log failed"))
    if (stoppedByProcess(signal)) return
    // A pull request's test moves no tag: there is nothing to record but the outcome.
    await this.finish(buildId, outcome, tagged ? reference : null, testsPassed).catch(async (error) => {
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

  /**
   * Runs the test in a container of the image just built, with no network, its output in the
   * build log as stream "test". Returns the exit code; a cancelled build kills the container.
   */
  private async autotest(image: string, plan: TestPlan, log: BuildLogWriter, signal: AbortSignal): Promise<number> {
    log.system(`Testing with ${plan.origin}`)
    const container = await this.engine.docker.createContainer({
      Image: image,
      ...(plan.cmd ? { Cmd: plan.cmd } : {}),
      ...(plan.entrypoint ? { Entrypoint: plan.entrypoint } : {}),
      Env: plan.env,
      NetworkDisabled: true,
      HostConfig: { NetworkMode: 'none' },
    })
    const kill = () => void container.kill().catch(() => {})
    signal.addEventListener('abort', kill, { once: true })
    try {
      const output = await container.attach({ stream: true, stdout: true, stderr: true })
      const sink = (stream: string) => new Writable({ write: (chunk: Buffer, _encoding, done) => (log.text(chunk.toString('utf8'), stream), done()) })
      this.engine.docker.modem.demuxStream(output, sink('test'), sink('test-stderr'))
      const drained = new Promise((resolve) => output.once('end', resolve).once('close', resolve))
      await container.start()
      const { StatusCode } = (await container.wait()) as { StatusCode: number }
      await drained
      log.end()
      log.system(StatusCode === 0 ? 'Autotest passed' : `Autotest failed with exit code ${StatusCode}`, StatusCode === 0 ? 'system' : 'stderr')
      return StatusCode
    } finally {
      signal.removeEventListener('abort', kill)
      await container.remove({ force: true }).catch(() => {})
    }
  }

  private discardPrepared(buildId: number) {
    discardContext(this.prepared.get(buildId))
    this.prepared.delete(buildId)
  }

  /** Reads the engine's progress stream to its end, logging it; returns the engine's error, if any. */
  private async follow(stream: NodeJS.ReadableStream, log: BuildLogWriter, signal: AbortSignal): Promise<string | null> {
    try {
      return await followEngineStream<DockerBuildEvent>(this.engine.docker, stream, signal, (event) => {
        if (event.stream) log.text(event.stream)
        else if (event.status) log.text(`${event.status}\n`)
        if (event.error) log.text(`${event.errorDetail?.message ?? event.error}\n`, 'stderr')
      })
    } finally {
      log.end()
    }
  }

  private async finish(buildId: number, outcome: Outcome, reference: string | null, testsPassed: boolean | null = null) {
    const finishedAt = new Date()
    const build = await this.db.build.findUniqueOrThrow({ where: { id: buildId }, include: { image: { select: { name: true } } } })
    const details = outcome.state === 'SUCCEEDED' && reference ? await this.engine.docker.getImage(reference).inspect() : null
    const before = details ? await this.db.tag.findUnique({ where: { imageId_name: { imageId: build.imageId, name: build.targetTag } } }) : null
    await transaction(this.db, async (tx) => {
      await tx.build.update({
        where: { id: buildId },
        data: { state: outcome.state, finishedAt, errorMessage: outcome.state === 'FAILED' ? outcome.error : null, testsPassed },
      })
      if (details) {
        const tag = { digest: details.Id, engineImageId: details.Id, engineReference: reference, sizeBytes: BigInt(details.Size), buildId }
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
    if (details) await releaseFormerReference(this.engineImages, before, build.image.name, reference!)
    this.bus.publish(`build/${buildId}/log`, { end: outcome.state })
    this.bus.publish(`build/${buildId}`, { state: outcome.state })
    this.bus.imageChanged(build.imageId, 'build-finished')
  }
}
