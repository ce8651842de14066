// Runs queued builds on the Docker engines, BUILD_CONCURRENCY at a time on each instance. Every
// log line is stored (so it can be replayed) and published (so it can be watched live): see
// build-log.ts. A build is claimed when it starts, with an engine that has room (see
// src/engines/engine-pool.ts); if its instance or its engine dies, it starts over once, its
// log marking the restart (see src/work/leases.ts).
import { existsSync } from 'node:fs'
import { Writable } from 'node:stream'
import type Docker from 'dockerode'
import type { Db } from '../db/client.js'
import { releaseFormerReference } from '../catalog/engine-references.js'
import { transaction } from '../db/transactions.js'
import type { EngineImages } from '../docker/images.js'
import { followEngineStream } from '../docker/follow.js'
import type { EnginePool } from '../engines/engine-pool.js'
import type { BaseImage, ImageMover } from '../engines/image-mover.js'
import type { EventBus, Subscription } from '../events/bus.js'
import type { TestPlan } from '../sources/autotests.js'
import type { Logger } from '../logger.js'
import type { ArchiveFormat } from '../versions/archive-format.js'
import type { SourceStore } from '../versions/source-store.js'
import { noInstruments, reportJobEnd, type Instruments } from '../observability/instruments.js'
import { stoppedByProcess, type Job, type WorkQueue } from '../work/work-queue.js'
import { INTERRUPTED, LeaseLost, leaseTable, type Leases } from '../work/leases.js'
import { contextFromArchive, contextFromDockerfile, discardContext, type BuildContext } from './build-context.js'
import { BuildLogWriter } from './build-log.js'
import { abandonRunningSteps, BuildSteps, stepFailure } from './build-steps.js'
import { startBuildKitBuild, statusDecoder } from '../docker/buildkit.js'
import type { Builder } from '../config.js'
import type { SecretBox } from '../registries/secret-box.js'
import { BUILD_ACTIVE_STATES } from './states.js'

type Outcome = { state: 'SUCCEEDED' } | { state: 'FAILED'; error: string } | { state: 'CANCELLED' }

interface DockerBuildEvent {
  stream?: string
  status?: string
  error?: string
  errorDetail?: { message?: string }
  /** moby.buildkit.trace for BuildKit's status messages, whose aux is the protobuf, base64. */
  id?: string
  aux?: unknown
}

/** How a build's row says to build it, on either builder. */
interface BuildSettings {
  buildArgs: unknown
  target: string | null
  noCache: boolean
  platform: string | null
  labels: unknown
}

const stringMap = (stored: unknown) => (stored ?? {}) as Record<string, string>

const BUILDKIT_TRACE = 'moby.buildkit.trace'
/** How long a build waits before it looks again for an engine with room. */
const ENGINE_WAIT_MS = 1_000
/** Why a running build's signal was aborted when its row was taken over elsewhere. */
const LEASE_LOST = 'lease lost'

export class BuildRunner {
  /** Builds running here, by id, with the attempt each runs as. */
  private readonly here = new Map<number, number>()
  private cancels: Subscription<{ buildId: number }> | null = null

  constructor(
    private readonly db: Db,
    private readonly engines: EnginePool,
    private readonly sources: SourceStore,
    private readonly bus: EventBus,
    private readonly queue: WorkQueue,
    private readonly leases: Leases,
    private readonly mover: ImageMover,
    private readonly options: { concurrency: number; builder: Builder; box: SecretBox; maxUnpackedBytes: number; logger: Logger; instruments?: Instruments },
  ) {
    const jobTimes = { select: { state: true, startedAt: true, finishedAt: true } } as const
    queue.serve({
      kind: 'build',
      concurrency: options.concurrency,
      run: (job, signal) => this.run(job, signal),
      afterEach: ({ id }) => reportJobEnd(options.instruments ?? noInstruments, 'build', () => db.build.findUnique({ where: { id }, ...jobTimes })),
    })
    leases.register({
      kind: 'build',
      table: leaseTable(db.build),
      running: ['RUNNING', 'CANCELLING'],
      restartData: { engineId: null, startedAt: null },
      restarted: async (row, reason) => {
        await abandonRunningSteps(db, row.id)
        const log = await BuildLogWriter.continuing(db, bus, row.id)
        log.system(`Restarting the build from the start: ${reason} (attempt ${row.attempt + 1} of ${leases.timing.retries + 1})`, 'stderr')
        await log.flushed()
        bus.publish(`build/${row.id}`, { state: 'QUEUED' })
      },
      interrupt: async (row) => {
        // Its instance died while it was being cancelled: it ends as the user asked.
        const outcome: Outcome = row.state === 'CANCELLING' ? { state: 'CANCELLED' } : { state: 'FAILED', error: INTERRUPTED }
        await abandonRunningSteps(db, row.id)
        const log = await BuildLogWriter.continuing(db, bus, row.id)
        if (outcome.state === 'FAILED') log.system('Build failed: the instance running it stopped, and it has no retries left', 'stderr')
        await log.flushed()
        await this.finish(row.id, outcome, null, null, leases.mine(row.id, row.attempt))
      },
      onBeat: async () => {
        // Marked on another instance; without a shared bus (REDIS_URL) this is how it is heard of.
        const rows = await db.build.findMany({ where: { id: { in: [...this.here.keys()] } }, select: { id: true, state: true, runnerId: true, attempt: true } })
        for (const row of rows) {
          if (row.state === 'CANCELLING') queue.abort('build', row.id)
          // Taken over elsewhere (this instance stalled past the bound): that run is the build now.
          else if (row.runnerId !== leases.runnerId || row.attempt !== this.here.get(row.id)) this.abortHere(row.id, LEASE_LOST)
        }
      },
    })
  }

  /** From now on, stops the builds cancelled on any instance. */
  start(): void {
    const cancels = (this.cancels = this.bus.subscribe('builds/cancel'))
    void (async () => {
      for await (const { buildId } of cancels) this.queue.abort('build', buildId)
    })()
  }

  /** Builds waiting in this instance's own queue (SQLite) and running here. */
  get depth() {
    return { waiting: this.queue.waiting('build'), running: this.queue.running('build') }
  }

  /** Queues a build whose row was just made (QUEUED, attempt 1). */
  enqueue(buildId: number): Promise<void> {
    return this.queue.add('build', { id: buildId, attempt: 1 })
  }

  /**
   * Stops a build that is not over: one still queued is CANCELLED at once; one running (here or
   * on another instance) is CANCELLING until its engine has stopped, then CANCELLED. Returns
   * false when it is already over.
   */
  async cancel(buildId: number): Promise<boolean> {
    // Its queued job finds it CANCELLED and does nothing.
    if (await this.finish(buildId, { state: 'CANCELLED' }, null, null, { id: buildId, state: 'QUEUED' }).then(() => true, (error) => {
      if (error instanceof LeaseLost) return false
      throw error
    })) return true
    const { count } = await this.db.build.updateMany({ where: { id: buildId, state: 'RUNNING' }, data: { state: 'CANCELLING' } })
    if (count === 0) {
      const build = await this.db.build.findUnique({ where: { id: buildId }, select: { state: true } })
      return build?.state === 'CANCELLING'
    }
    this.bus.publish(`build/${buildId}`, { state: 'CANCELLING' })
    this.queue.abort('build', buildId)
    this.bus.publish('builds/cancel', { buildId })
    return true
  }

  private abortHere(buildId: number, reason: string) {
    this.queue.abort('build', buildId, reason)
  }

  /** Stops listening for cancels; the queue stops the builds running here (see app.stop). */
  stop(): void {
    this.cancels?.close()
  }

  private async run(job: Job, signal: AbortSignal): Promise<void> {
    const buildId = job.id
    const queued = await this.db.build.findUnique({ where: { id: buildId }, select: { state: true, attempt: true, engineLabels: true, baseImages: true } })
    // Cancelled, restarted or finished since this job was queued: the row says what is left to do.
    if (!queued || queued.state !== 'QUEUED' || queued.attempt !== job.attempt) return
    const startedAt = new Date()
    const bases = await this.mover.catalogBases(storedStrings(queued.baseImages))
    const claim = await this.engines.claim({ labels: storedStrings(queued.engineLabels), prefer: bases.map((base) => base.engineId) }, async (tx, engineId) => {
      const { count } = await tx.build.updateMany({
        where: { id: buildId, state: 'QUEUED', attempt: job.attempt },
        data: { state: 'RUNNING', startedAt, engineId, runnerId: this.leases.runnerId, heartbeatAt: startedAt, builder: this.options.builder },
      })
      return count === 1
    })
    if ('busy' in claim) {
      // Every engine it may run on is full, down or draining: it waits its turn in the queue.
      if (!signal.aborted) await this.queue.add('build', job, { delayMs: ENGINE_WAIT_MS })
      return
    }
    if ('gone' in claim) return
    if ('noEngine' in claim) {
      await this.finish(buildId, { state: 'FAILED', error: `No engine can run it: ${claim.noEngine}` }, null, null, { id: buildId, state: 'QUEUED', attempt: job.attempt }).catch(ignoreLeaseLost)
      return
    }
    const engine = claim.engine
    const docker = this.engines.engine(engine.id).docker
    this.here.set(buildId, job.attempt)
    try {
      await this.runOn(job, engine, docker, bases, signal)
    } finally {
      this.here.delete(buildId)
    }
  }

  private async runOn(job: Job, engine: { id: number; name: string }, docker: Docker, bases: BaseImage[], signal: AbortSignal): Promise<void> {
    const buildId = job.id
    const lease = this.leases.mine(buildId, job.attempt)
    const build = await this.db.build.findUniqueOrThrow({ where: { id: buildId }, include: { image: true, version: true } })
    this.bus.publish(`build/${buildId}`, { state: 'RUNNING' })
    this.bus.imageChanged(build.imageId, 'build-started')
    if (build.versionId) await this.db.version.update({ where: { id: build.versionId }, data: { state: 'BUILDING' } })
    const log = job.attempt === 1 ? new BuildLogWriter(this.db, this.bus, buildId) : await BuildLogWriter.continuing(this.db, this.bus, buildId)
    const reference = `${build.image.name}:${build.targetTag}`
    const plan = build.testCommand as TestPlan | null
    // The image is built under a name of its own; the tag moves at the end, only if the test (if
    // any) passed and the tag was not protected while the build ran.
    // Per attempt: a run whose instance died may still be going on its engine.
    const builtAs = `${build.image.name}:icat-build-${buildId}-${job.attempt}`
    let tagged = false
    let outcome: Outcome
    let testsPassed: boolean | null = null
    let context: BuildContext | undefined
    try {
      if (build.pullRequest) log.system(`Testing pull request ${build.pullRequest} at ${build.commitSha!.slice(0, 12)}; no tag moves`)
      else log.system(build.commitSha ? `Building ${reference} from ${build.branch} at ${build.commitSha.slice(0, 12)}` : `Building ${reference}`)
      log.system(`On Docker engine ${engine.name}`)
      context = await this.prepare(build)
      // Catalog images it builds FROM that another engine holds come here first.
      await this.mover.bring(bases, engine, (text) => log.system(text), signal)
      const secrets = this.secretsOf(build.secretsCiphertext)
      log.mask([...secrets.values()])
      const error =
        this.options.builder === 'BUILDKIT'
          ? await this.buildKit(docker, context, build, builtAs, secrets, log, signal)
          : await this.classic(docker, context, build, builtAs, secrets, log, signal)
      if (signal.aborted) outcome = { state: 'CANCELLED' }
      else if (error) outcome = { state: 'FAILED', error: log.masked(error) }
      else outcome = { state: 'SUCCEEDED' }
      if (plan && outcome.state === 'SUCCEEDED') {
        const exitCode = await this.autotest(docker, builtAs, plan, log, signal)
        testsPassed = exitCode === 0
        if (signal.aborted) outcome = { state: 'CANCELLED' }
        else if (exitCode !== 0) outcome = { state: 'FAILED', error: `Autotest failed with exit code ${exitCode}; ${reference} was left where it was` }
      }
      if (outcome.state === 'SUCCEEDED' && !build.testOnly) {
        const target = await this.db.tag.findUnique({ where: { imageId_name: { imageId: build.imageId, name: build.targetTag } } })
        if (target?.protected) outcome = { state: 'FAILED', error: `${reference} was protected while the build ran; it was left where it was` }
        else {
          await docker.getImage(builtAs).tag({ repo: build.image.name, tag: build.targetTag })
          tagged = true
        }
      }
    } catch (error) {
      // The context may be an open file the engine never got to read.
      discardContext(context)
      outcome = signal.aborted ? { state: 'CANCELLED' } : { state: 'FAILED', error: log.masked(error instanceof Error ? error.message : String(error)) }
    }
    // The build's own name goes either way: on success the tag now holds the image, on failure nothing should.
    await docker.getImage(builtAs).remove({ noprune: tagged }).catch(() => {})
    const leaseLost = signal.aborted && signal.reason === LEASE_LOST
    if (outcome.state === 'FAILED' && !signal.aborted && !(await this.engines.checkOne(engine.id))) {
      // The engine went away under the build: that is no fault of the build's, and another engine may run it.
      const reason = `the Docker engine ${engine.name} stopped answering (${outcome.error})`
      log.end()
      await log.flushed().catch(() => {})
      if (await this.leases.retry('build', { id: buildId, attempt: job.attempt }, reason)) return
      outcome = { state: 'FAILED', error: `The Docker engine ${engine.name} stopped answering during the build: ${outcome.error}` }
    }
    if (stoppedByProcess(signal)) log.system('The service stopped during the build', 'stderr')
    else if (leaseLost) this.options.logger.warn({ buildId, attempt: job.attempt }, 'build taken over by another instance; this run stopped')
    else if (outcome.state === 'FAILED') log.system(`Build failed: ${outcome.error}`, 'stderr')
    if (outcome.state === 'CANCELLED' && !stoppedByProcess(signal) && !leaseLost) log.system('Build cancelled')
    await log.flushed().catch((error: unknown) => this.options.logger.error({ err: error, buildId }, "storing a build's log failed"))
    if (stoppedByProcess(signal) || leaseLost) return
    // A pull request's test moves no tag: there is nothing to record but the outcome.
    await this.finish(buildId, outcome, tagged ? reference : null, testsPassed, lease, engine.id).catch(async (error) => {
      if (error instanceof LeaseLost) return
      // The image was built but could not be recorded: that is a failed build, not a lost one.
      await this.finish(buildId, { state: 'FAILED', error: `Recording the result failed: ${error.message}` }, null, null, lease).catch(ignoreLeaseLost)
    })
  }

  /** The build context, checked: an unsafe archive or Dockerfile path is a UserInputError. */
  async prepare(build: {
    inlineDockerfile: string | null
    dockerfilePath: string | null
    sourceSha256?: string | null
    version: { sourceSha256: string; sourceFormat: string } | null
  }): Promise<BuildContext> {
    if (build.inlineDockerfile !== null) return contextFromDockerfile(build.inlineDockerfile)
    const source = build.version ?? (build.sourceSha256 ? { sourceSha256: build.sourceSha256, sourceFormat: 'tar' } : null)
    if (!source) throw new Error('The build has neither a version, a git checkout nor a Dockerfile')
    const file = this.sources.pathOf(source.sourceSha256)
    if (!existsSync(file)) {
      // Another instance stored it, on a disk this one does not see.
      throw new Error(`The source archive ${source.sourceSha256.slice(0, 12)} is not in this instance's source store; instances on one database must share DATA_DIR/sources`)
    }
    return contextFromArchive(file, source.sourceFormat as ArchiveFormat, {
      dockerfilePath: build.dockerfilePath,
      maxUnpackedBytes: this.options.maxUnpackedBytes,
    })
  }

  /**
   * Runs the test in a container of the image just built, with no network, its output in the
   * build log as stream "test". Returns the exit code; a cancelled build kills the container.
   */
  private async autotest(docker: Docker, image: string, plan: TestPlan, log: BuildLogWriter, signal: AbortSignal): Promise<number> {
    log.system(`Testing with ${plan.origin}`)
    const container = await docker.createContainer({
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
      docker.modem.demuxStream(output, sink('test'), sink('test-stderr'))
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

  /** The build's secrets, id -> value, opened from their sealed form. */
  private secretsOf(sealed: string | null): Map<string, string> {
    return new Map(sealed ? Object.entries(JSON.parse(this.options.box.open(sealed)) as Record<string, string>) : [])
  }

  /**
   * Builds on BuildKit, its steps stored and logged as they go (build-steps.ts); returns the
   * build's error, naming the step that failed, if one did.
   */
  private async buildKit(docker: Docker, context: BuildContext, build: BuildSettings & { id: number; attempt: number }, builtAs: string, secrets: Map<string, string>, log: BuildLogWriter, signal: AbortSignal) {
    const decode = await statusDecoder()
    const steps = await BuildSteps.of(this.db, log, build.id, build.attempt)
    const { stream, session } = await startBuildKitBuild(docker, context.tar as NodeJS.ReadableStream, {
      t: builtAs,
      dockerfile: context.dockerfile,
      buildargs: stringMap(build.buildArgs),
      labels: stringMap(build.labels),
      target: build.target ?? undefined,
      platform: build.platform ?? undefined,
      nocache: build.noCache,
      networkmode: 'none',
    }, secrets, signal)
    try {
      const error = await this.follow(docker, stream, log, signal, (event) => {
        if (event.id === BUILDKIT_TRACE && typeof event.aux === 'string') steps.apply(decode(event.aux))
      })
      const failed = steps.failed
      return failed ? stepFailure(failed) : error
    } finally {
      steps.end()
      session.close()
    }
  }

  /** Builds on the classic builder (BUILDER=classic), which has no steps to show and no secrets to mount. */
  private async classic(docker: Docker, context: BuildContext, build: BuildSettings, builtAs: string, secrets: Map<string, string>, log: BuildLogWriter, signal: AbortSignal) {
    if (secrets.size > 0) throw new Error('The build has secrets, which only BuildKit can mount; this instance builds with BUILDER=classic')
    const stream = await docker.buildImage(context.tar as NodeJS.ReadableStream, {
      t: builtAs,
      dockerfile: context.dockerfile,
      buildargs: stringMap(build.buildArgs),
      labels: stringMap(build.labels),
      ...(build.target ? { target: build.target } : {}),
      ...(build.platform ? { platform: build.platform } : {}),
      nocache: build.noCache,
      networkmode: 'none',
      rm: true,
      forcerm: true,
      abortSignal: signal,
    })
    return this.follow(docker, stream, log, signal)
  }

  /** Reads the engine's progress stream to its end, logging it; returns the engine's error, if any. */
  private async follow(docker: Docker, stream: NodeJS.ReadableStream, log: BuildLogWriter, signal: AbortSignal, onEvent: (event: DockerBuildEvent) => void = () => {}): Promise<string | null> {
    try {
      return await followEngineStream<DockerBuildEvent>(docker, stream, signal, (event) => {
        onEvent(event)
        if (event.stream) log.text(event.stream)
        else if (event.status) log.text(`${event.status}\n`)
        if (event.error) log.text(`${event.errorDetail?.message ?? event.error}\n`, 'stderr')
      })
    } finally {
      log.end()
    }
  }

  /**
   * Records the outcome, if the row still matches `guard`: the lease of the run that ends it
   * (or, for a build cancelled before it started, its QUEUED state). Throws LeaseLost when it
   * does not, and nothing is recorded: another run owns the build now.
   */
  private async finish(buildId: number, outcome: Outcome, reference: string | null, testsPassed: boolean | null, guard: object, engineId: number | null = null) {
    const finishedAt = new Date()
    const build = await this.db.build.findUniqueOrThrow({ where: { id: buildId }, include: { image: { select: { name: true } } } })
    const images: EngineImages = this.engines.images(engineId)
    const details = outcome.state === 'SUCCEEDED' && reference ? await this.engines.engine(engineId).docker.getImage(reference).inspect() : null
    const before = details ? await this.db.tag.findUnique({ where: { imageId_name: { imageId: build.imageId, name: build.targetTag } } }) : null
    await transaction(this.db, async (tx) => {
      const { count } = await tx.build.updateMany({
        where: { ...guard, id: buildId },
        // The secrets' values are needed no more once it is over: they are not kept.
        data: { state: outcome.state, finishedAt, errorMessage: outcome.state === 'FAILED' ? outcome.error : null, testsPassed, secretsCiphertext: null },
      })
      if (count === 0) throw new LeaseLost('build', buildId)
      if (details) {
        const tag = { digest: details.Id, engineImageId: details.Id, engineReference: reference, sizeBytes: BigInt(details.Size), buildId, engineId }
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
    // The former image of the tag goes from the engine that held it, once no tag there needs it.
    if (details) await releaseFormerReference(before?.engineId === engineId || !before ? images : this.engines.images(before.engineId), before, build.image.name, reference!)
    // A git checkout is kept only while its build may still run.
    if (build.sourceSha256) await this.sources.releaseUnreferenced([build.sourceSha256]).catch(() => {})
    this.bus.publish(`build/${buildId}/log`, { end: outcome.state })
    this.bus.publish(`build/${buildId}`, { state: outcome.state })
    this.bus.imageChanged(build.imageId, 'build-finished')
  }
}

const ignoreLeaseLost = (error: unknown) => {
  if (!(error instanceof LeaseLost)) throw error
}

/** A list of strings as a JSON column stores it (engine labels, secret ids). */
export function storedStrings(stored: unknown): string[] {
  return Array.isArray(stored) ? stored.filter((label): label is string => typeof label === 'string') : []
}
