// Runs pushes on the Docker engine, a few at a time. What the engine holds under the tag's
// engine reference gets the registry's name for as long as the push takes (the engine pushes
// by name), then loses it again unless it had that name before. The registry's manifest digest
// is stored on the Push, with the engine image it came from, and on the Tag.
import { engineReferenceOf } from '../catalog/engine-references.js'
import type { Db } from '../db/client.js'
import type { EngineImages } from '../docker/images.js'
import type { EngineRow, EnginePool } from '../engines/engine-pool.js'
import type { EventBus } from '../events/bus.js'
import { parseReference, repositoryOf } from '../pulls/reference.js'
import { engineMessage } from '../pulls/runner.js'
import type { RegistryManager } from '../registries/registries.js'
import type { ProgressTracker } from '../transfers/progress.js'
import { TransferJobs } from '../transfers/transfer-jobs.js'
import type { Instruments } from '../observability/instruments.js'
import type { Leases } from '../work/leases.js'
import { stoppedByProcess, type Job, type WorkQueue } from '../work/work-queue.js'

type Outcome = { state: 'SUCCEEDED'; digest: string; engineImageId: string } | { state: 'FAILED'; error: string }


export class PushRunner {
  readonly transfers: TransferJobs

  constructor(
    private readonly db: Db,
    private readonly engines: EnginePool,
    private readonly registries: RegistryManager,
    private readonly bus: EventBus,
    queue: WorkQueue,
    leases: Leases,
    concurrency: number,
    instruments?: Instruments,
  ) {
    this.transfers = new TransferJobs('push', db, bus, queue, leases, engines, (job, progress, signal) => this.run(job, progress, signal), concurrency, instruments)
  }

  private async run(job: Job, progress: ProgressTracker, signal: AbortSignal): Promise<void> {
    const queued = await this.db.push.findUnique({ where: { id: job.id }, include: { tag: { include: { image: true } } } })
    if (!queued) return
    // A push runs where the tag's image is.
    const engine = await this.transfers.claim(job, queued.tag.engineId)
    if (!engine) return
    const push = { ...queued, tag: queued.tag }
    let outcome: Outcome
    try {
      const source = push.tag.engineImageId ? engineReferenceOf(push.tag, push.tag.image.name) : null
      outcome = await this.push(engine, push, source, progress, signal)
    } catch (error) {
      outcome = { state: 'FAILED', error: engineMessage(error) }
    }
    if (stoppedByProcess(signal)) return
    if (outcome.state === 'FAILED' && !signal.aborted && (await this.transfers.retryIfEngineLost(job, engine))) return
    try {
      await this.finish(job, push.tagId, push.tag.imageId, push.registryId, outcome, progress)
    } catch (error) {
      // The registry has the image but the catalog could not say so: a failed push, not a lost one.
      await this.finish(job, push.tagId, push.tag.imageId, push.registryId, { state: 'FAILED', error: `Recording the result failed: ${engineMessage(error)}` }, progress)
    }
  }

  private async push(
    engine: EngineRow,
    { id: pushId, reference, registryId, requestedById }: { id: number; reference: string; registryId: number | null; requestedById: number },
    source: string | null,
    progress: ProgressTracker,
    signal: AbortSignal,
  ): Promise<Outcome> {
    const engineImages: EngineImages = this.engines.images(engine.id)
    const docker = this.engines.engine(engine.id).docker
    if (registryId === null) return { state: 'FAILED', error: 'The registry was deleted before the push started' }
    if (!source) return { state: 'FAILED', error: 'The tag lost its engine image before the push started' }
    const engineImageId = (await engineImages.inspect(source))?.Id
    if (!engineImageId) return { state: 'FAILED', error: `The engine no longer holds ${source}` }
    const ref = parseReference(reference, ['reference'])
    const repository = repositoryOf(ref)
    const before = await engineImages.inspect(reference)
    await engineImages.tag(engineImageId, repository, ref.tag!)
    try {
      const stream = await docker.getImage(reference).push({
        tag: ref.tag!,
        authconfig: await this.registries.engineAuth(registryId, ref.domain, requestedById),
        abortSignal: signal,
      })
      const error = await this.transfers.follow(docker, pushId, stream, progress, signal)
      if (error) return { state: 'FAILED', error }
      if (!progress.digest) return { state: 'FAILED', error: 'The engine finished the push without reporting the digest the registry stored' }
      return { state: 'SUCCEEDED', digest: progress.digest, engineImageId }
    } finally {
      // Put the engine's names back the way they were.
      if (!before) await engineImages.removeReference(reference, { prune: false, field: ['reference'] }).catch(() => {})
      else if (before.Id !== engineImageId) await engineImages.tag(before.Id, repository, ref.tag!).catch(() => {})
    }
  }

  private async finish(job: Job, tagId: number, imageId: number, registryId: number | null, outcome: Outcome, progress: ProgressTracker) {
    const finishedAt = new Date()
    // Only the run that holds the lease records an outcome (see src/work/leases.ts).
    const lease = this.transfers.leases.mine(job.id, job.attempt)
    if (outcome.state === 'FAILED') {
      await this.db.push.updateMany({ where: lease, data: { state: 'FAILED', errorMessage: outcome.error, progress: progress.fraction, finishedAt } })
      return
    }
    // A push changes where the tag is, not what it is: its updatedAt (which retention ages by) stays.
    const { updatedAt } = await this.db.tag.findUniqueOrThrow({ where: { id: tagId }, select: { updatedAt: true } })
    await this.db.$transaction([
      this.db.push.update({ where: lease, data: { state: 'SUCCEEDED', digest: outcome.digest, engineImageId: outcome.engineImageId, progress: 1, finishedAt } }),
      this.db.tag.update({ where: { id: tagId }, data: { pushedDigest: outcome.digest, pushedAt: finishedAt, pushedRegistryId: registryId, updatedAt } }),
    ])
    this.bus.imageChanged(imageId, 'pushed')
  }
}
