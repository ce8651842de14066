// Runs pushes on the Docker engine, a few at a time. What the engine holds under the tag's
// engine reference gets the registry's name for as long as the push takes (the engine pushes
// by name), then loses it again unless it had that name before. The registry's manifest digest
// is stored on the Push, with the engine image it came from, and on the Tag.
import { engineReferenceOf } from '../catalog/engine-references.js'
import type { Db } from '../db/client.js'
import type { DockerEngine } from '../docker/engine.js'
import type { EngineImages } from '../docker/images.js'
import type { EventBus } from '../events/bus.js'
import type { Logger } from '../logger.js'
import { parseReference, repositoryOf } from '../pulls/reference.js'
import { engineMessage } from '../pulls/runner.js'
import type { RegistryManager } from '../registries/registries.js'
import type { ProgressTracker } from '../transfers/progress.js'
import { TransferJobs } from '../transfers/transfer-jobs.js'
import type { Instruments } from '../observability/instruments.js'
import { stoppedByProcess } from '../work/job-queue.js'

type Outcome = { state: 'SUCCEEDED'; digest: string; engineImageId: string } | { state: 'FAILED'; error: string }


export class PushRunner {
  readonly transfers: TransferJobs

  constructor(
    private readonly db: Db,
    private readonly engine: DockerEngine,
    private readonly engineImages: EngineImages,
    private readonly registries: RegistryManager,
    private readonly bus: EventBus,
    logger: Logger,
    instruments?: Instruments,
  ) {
    this.transfers = new TransferJobs('push', db, bus, (id, progress, signal) => this.run(id, progress, signal), logger, instruments)
  }

  private async run(pushId: number, progress: ProgressTracker, signal: AbortSignal): Promise<void> {
    const push = await this.db.push.update({
      where: { id: pushId },
      data: { state: 'RUNNING', startedAt: new Date() },
      include: { tag: { include: { image: true } } },
    })
    let outcome: Outcome
    try {
      const source = push.tag.engineImageId ? engineReferenceOf(push.tag, push.tag.image.name) : null
      outcome = await this.push(push.id, push.reference, push.registryId, source, progress, signal)
    } catch (error) {
      outcome = { state: 'FAILED', error: engineMessage(error) }
    }
    if (stoppedByProcess(signal)) return
    try {
      await this.finish(pushId, push.tagId, push.tag.imageId, push.registryId, outcome, progress)
    } catch (error) {
      // The registry has the image but the catalog could not say so: a failed push, not a lost one.
      await this.finish(pushId, push.tagId, push.tag.imageId, push.registryId, { state: 'FAILED', error: `Recording the result failed: ${engineMessage(error)}` }, progress)
    }
  }

  private async push(pushId: number, reference: string, registryId: number | null, source: string | null, progress: ProgressTracker, signal: AbortSignal): Promise<Outcome> {
    if (registryId === null) return { state: 'FAILED', error: 'The registry was deleted before the push started' }
    if (!source) return { state: 'FAILED', error: 'The tag lost its engine image before the push started' }
    const engineImageId = (await this.engineImages.inspect(source))?.Id
    if (!engineImageId) return { state: 'FAILED', error: `The engine no longer holds ${source}` }
    const ref = parseReference(reference, ['reference'])
    const repository = repositoryOf(ref)
    const before = await this.engineImages.inspect(reference)
    await this.engineImages.tag(engineImageId, repository, ref.tag!)
    try {
      const stream = await this.engine.docker.getImage(reference).push({
        tag: ref.tag!,
        authconfig: await this.registries.engineAuth(registryId, ref.domain),
        abortSignal: signal,
      })
      const error = await this.transfers.follow(this.engine.docker, pushId, stream, progress, signal)
      if (error) return { state: 'FAILED', error }
      if (!progress.digest) return { state: 'FAILED', error: 'The engine finished the push without reporting the digest the registry stored' }
      return { state: 'SUCCEEDED', digest: progress.digest, engineImageId }
    } finally {
      // Put the engine's names back the way they were.
      if (!before) await this.engineImages.removeReference(reference, { prune: false, field: ['reference'] }).catch(() => {})
      else if (before.Id !== engineImageId) await this.engineImages.tag(before.Id, repository, ref.tag!).catch(() => {})
    }
  }

  private async finish(pushId: number, tagId: number, imageId: number, registryId: number | null, outcome: Outcome, progress: ProgressTracker) {
    const finishedAt = new Date()
    if (outcome.state === 'FAILED') {
      await this.db.push.update({ where: { id: pushId }, data: { state: 'FAILED', errorMessage: outcome.error, progress: progress.fraction, finishedAt } })
      return
    }
    // A push changes where the tag is, not what it is: its updatedAt (which retention ages by) stays.
    const { updatedAt } = await this.db.tag.findUniqueOrThrow({ where: { id: tagId }, select: { updatedAt: true } })
    await this.db.$transaction([
      this.db.push.update({ where: { id: pushId }, data: { state: 'SUCCEEDED', digest: outcome.digest, engineImageId: outcome.engineImageId, progress: 1, finishedAt } }),
      this.db.tag.update({ where: { id: tagId }, data: { pushedDigest: outcome.digest, pushedAt: finishedAt, pushedRegistryId: registryId, updatedAt } }),
    ])
    this.bus.imageChanged(imageId, 'pushed')
  }
}
