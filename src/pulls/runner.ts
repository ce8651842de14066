// Runs pulls on the Docker engine, a few at a time. Progress is published as it arrives and
// kept in memory (the latest state of each layer) for the pulls query; only the outcome is
// stored, with the catalog image and tag it produced.
import type { Db } from '../db/client.js'
import type { DockerEngine } from '../docker/engine.js'
import { followEngineStream } from '../docker/follow.js'
import { isUniqueViolation } from '../errors.js'
import type { EventBus } from '../events/bus.js'
import type { RegistryManager } from '../registries/registries.js'
import { JobQueue } from '../work/job-queue.js'
import { ACTIVE_STATES, INTERRUPTED, Leases, orphanFilter } from '../work/leases.js'
import { ProgressTracker, type DockerPullEvent, type LayerState } from './progress.js'
import { catalogTag, engineReference, parseReference, repositoryOf, type ImageReference } from './reference.js'

type Outcome = { state: 'SUCCEEDED' } | { state: 'FAILED'; error: string }

export interface LiveProgress {
  layers: LayerState[]
  fraction: number
}

const PULL_CONCURRENCY = 3
const DOCKER_HUB_AUTH_ADDRESS = 'https://index.docker.io/v1/'

export class PullRunner {
  /** Per-layer progress of the pulls running on this instance. */
  private readonly progress = new Map<number, ProgressTracker>()
  private readonly jobs: JobQueue
  readonly leases: Leases

  constructor(
    private readonly db: Db,
    private readonly engine: DockerEngine,
    private readonly registries: RegistryManager,
    private readonly bus: EventBus,
  ) {
    this.jobs = new JobQueue('pull', PULL_CONCURRENCY, (id, signal) => this.run(id, signal), (id) => {
      this.progress.delete(id)
      // After the outcome is stored (or storing it failed), so a subscriber reads the final state.
      this.bus.publish(`pull/${id}`, { end: true })
    })
    this.leases = new Leases('pull', {
      heartbeat: (runnerId, now) => db.pull.updateMany({ where: { runnerId, state: { in: ACTIVE_STATES } }, data: { heartbeatAt: now } }),
      orphans: async (runnerId, staleBefore) =>
        (await db.pull.findMany({ where: orphanFilter(runnerId, staleBefore), select: { id: true } })).map((p) => p.id),
      interrupt: async (id) => {
        await db.pull.update({ where: { id }, data: { state: 'FAILED', errorMessage: INTERRUPTED, finishedAt: new Date() } })
        this.bus.publish(`pull/${id}`, { end: true })
      },
    })
  }

  /** Recovers what dead processes left behind; see Leases. */
  start(options: { singleInstance: boolean }): Promise<void> {
    return this.leases.start(options)
  }

  enqueue(pullId: number): void {
    this.jobs.add(pullId)
  }

  /** The latest state of each layer while the pull runs on this instance; null otherwise. */
  live(pullId: number): LiveProgress | null {
    const progress = this.progress.get(pullId)
    return progress ? { layers: [...progress.layers.values()], fraction: progress.fraction } : null
  }

  /** Stops what runs (it ends FAILED) and waits for it to settle; queued pulls stay QUEUED, for the next start. */
  async stop(): Promise<void> {
    this.leases.stop()
    await this.jobs.stop()
  }

  private async run(pullId: number, signal: AbortSignal): Promise<void> {
    const progress = new ProgressTracker()
    this.progress.set(pullId, progress)
    const pull = await this.db.pull.update({ where: { id: pullId }, data: { state: 'RUNNING', startedAt: new Date() } })
    // Stored references were checked when the pull was requested.
    const ref = parseReference(pull.reference, ['reference'])
    let outcome: Outcome
    try {
      const stream = await this.engine.docker.pull(engineReference(ref), {
        authconfig: pull.registryId ? await this.auth(pull.registryId, ref) : undefined,
        abortSignal: signal,
      })
      const error = await this.follow(stream, progress, signal, pullId)
      if (signal.aborted) outcome = { state: 'FAILED', error: 'The service stopped during the pull' }
      else outcome = error ? { state: 'FAILED', error } : { state: 'SUCCEEDED' }
    } catch (error) {
      outcome = { state: 'FAILED', error: signal.aborted ? 'The service stopped during the pull' : engineMessage(error) }
    }
    try {
      await this.finish(pullId, ref, outcome, progress)
    } catch (error) {
      // The image was pulled but could not be recorded: that is a failed pull, not a lost one.
      await this.finish(pullId, ref, { state: 'FAILED', error: `Recording the result failed: ${engineMessage(error)}` }, progress)
    }
  }

  private async auth(registryId: number, ref: ImageReference) {
    const credentials = await this.registries.credentials(registryId)
    if (!credentials) return undefined
    return { ...credentials, serveraddress: ref.domain ?? DOCKER_HUB_AUTH_ADDRESS }
  }

  /** Reads the engine's progress stream to its end, publishing as it goes; returns the engine's error, if any. */
  private follow(stream: NodeJS.ReadableStream, progress: ProgressTracker, signal: AbortSignal, pullId: number): Promise<string | null> {
    return followEngineStream<DockerPullEvent>(this.engine.docker, stream, signal, (event) => {
      const published = progress.apply(event)
      if (published) this.bus.publish(`pull/${pullId}`, { progress: published })
    })
  }

  private async finish(pullId: number, ref: ImageReference, outcome: Outcome, progress: ProgressTracker) {
    const finishedAt = new Date()
    if (outcome.state === 'FAILED') {
      await this.db.pull.update({
        where: { id: pullId },
        data: { state: 'FAILED', errorMessage: outcome.error, progress: progress.fraction, finishedAt },
      })
      return
    }
    const pull = await this.db.pull.findUniqueOrThrow({ where: { id: pullId }, include: { requestedBy: true } })
    const details = await this.engine.docker.getImage(engineReference(ref)).inspect()
    const repository = repositoryOf(ref)
    const repoDigest = details.RepoDigests?.find((d) => d.slice(0, d.lastIndexOf('@')) === repository)
    const digest = ref.digest ?? repoDigest?.slice(repoDigest.lastIndexOf('@') + 1) ?? progress.digest
    const image = await this.catalogImage(ref.path, pull)
    const tagName = catalogTag(ref)
    await this.db.$transaction(async (tx) => {
      let tagId: number | null = null
      if (tagName) {
        const fields = { digest, engineImageId: details.Id, sizeBytes: BigInt(details.Size), buildId: null }
        const tag = await tx.tag.upsert({
          where: { imageId_name: { imageId: image.id, name: tagName } },
          create: { imageId: image.id, name: tagName, ...fields },
          update: fields,
        })
        tagId = tag.id
      }
      await tx.image.update({ where: { id: image.id }, data: { updatedAt: finishedAt } })
      await tx.pull.update({
        where: { id: pullId },
        data: { state: 'SUCCEEDED', errorMessage: null, progress: 1, finishedAt, imageId: image.id, tagId },
      })
    })
    this.bus.publish(`image/${image.id}`, { change: 'pulled' })
  }

  /**
   * The catalog image named by the repository path: created for the requester when missing.
   * An image that exists must be one the requester may change (checked at request time too;
   * checked again because it may have changed hands since).
   */
  private async catalogImage(name: string, pull: { registryId: number | null; requestedBy: { id: number; isAdmin: boolean } }) {
    const user = pull.requestedBy
    let image = await this.db.image.findUnique({ where: { name } })
    if (!image) {
      try {
        image = await this.db.image.create({ data: { name, ownerId: user.id, registryId: pull.registryId } })
      } catch (error) {
        // Another pull of the same name created it first.
        if (!isUniqueViolation(error)) throw error
        image = await this.db.image.findUniqueOrThrow({ where: { name } })
      }
    }
    if (image.ownerId !== user.id && !user.isAdmin) throw new Error(`the image ${name} belongs to another user`)
    return image
  }
}

/** The engine's own words, without dockerode's "(HTTP code 404) unexpected - " in front. */
export function engineMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/^\(HTTP code \d+\) [^-]*- /, '').trim()
}
