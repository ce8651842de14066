// Runs pulls on the Docker engine, a few at a time. Progress is published as it arrives and
// kept in memory (the latest state of each layer) for the pulls query; only the outcome is
// stored, with the catalog image and tag it produced.
import type { Db } from '../db/client.js'
import { transaction } from '../db/transactions.js'
import type { EngineRow, EnginePool } from '../engines/engine-pool.js'
import { releaseFormerReference } from '../catalog/engine-references.js'
import { actingViewer } from '../catalog/namespaces.js'
import { atLeast, namespaceOf, permissionOn, writesOrganization } from '../catalog/visibility.js'
import { actingUser, type Viewer } from '../auth/viewer.js'
import { isUniqueViolation } from '../errors.js'
import type { EventBus } from '../events/bus.js'
import type { RegistryManager } from '../registries/registries.js'
import type { ProgressTracker } from '../transfers/progress.js'
import { TransferJobs } from '../transfers/transfer-jobs.js'
import { catalogTag, engineReference, parseReference, repositoryOf, type ImageReference } from './reference.js'
import type { Instruments } from '../observability/instruments.js'
import type { Leases } from '../work/leases.js'
import { stoppedByProcess, type Job, type WorkQueue } from '../work/work-queue.js'

type Outcome = { state: 'SUCCEEDED' } | { state: 'FAILED'; error: string }

export class PullRunner {
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
    this.transfers = new TransferJobs('pull', db, bus, queue, leases, engines, (job, progress, signal) => this.run(job, progress, signal), concurrency, instruments)
  }

  private async run(job: Job, progress: ProgressTracker, signal: AbortSignal): Promise<void> {
    const engine = await this.transfers.claim(job)
    if (!engine) return
    const docker = this.engines.engine(engine.id).docker
    const pull = await this.db.pull.findUniqueOrThrow({ where: { id: job.id } })
    // Stored references were checked when the pull was requested.
    const ref = parseReference(pull.reference, ['reference'])
    let outcome: Outcome
    try {
      const stream = await docker.pull(engineReference(ref), {
        authconfig: pull.registryId ? await this.registries.engineAuth(pull.registryId, ref.domain, pull.requestedById) : undefined,
        abortSignal: signal,
      })
      const error = await this.transfers.follow(docker, job.id, stream, progress, signal)
      outcome = error ? { state: 'FAILED', error } : { state: 'SUCCEEDED' }
    } catch (error) {
      outcome = { state: 'FAILED', error: engineMessage(error) }
    }
    if (stoppedByProcess(signal)) return
    if (outcome.state === 'FAILED' && !signal.aborted && (await this.transfers.retryIfEngineLost(job, engine))) return
    try {
      await this.finish(job, engine, ref, outcome, progress)
    } catch (error) {
      // The image was pulled but could not be recorded: that is a failed pull, not a lost one.
      await this.finish(job, engine, ref, { state: 'FAILED', error: `Recording the result failed: ${engineMessage(error)}` }, progress)
    }
  }

  private async finish(job: Job, engine: EngineRow, ref: ImageReference, outcome: Outcome, progress: ProgressTracker) {
    const finishedAt = new Date()
    const pullId = job.id
    // Only the run that holds the lease records an outcome (see src/work/leases.ts).
    const lease = this.transfers.leases.mine(job.id, job.attempt)
    if (outcome.state === 'FAILED') {
      await this.db.pull.updateMany({
        where: lease,
        data: { state: 'FAILED', errorMessage: outcome.error, progress: progress.fraction, finishedAt },
      })
      return
    }
    const docker = this.engines.engine(engine.id).docker
    const engineImages = this.engines.images(engine.id)
    const pull = await this.db.pull.findUniqueOrThrow({ where: { id: pullId }, include: { requestedBy: true } })
    const details = await docker.getImage(engineReference(ref)).inspect()
    // The engine keeps the image under the registry's name (host/path), the catalog under the path.
    const repository = repositoryOf(ref)
    const repoDigest = details.RepoDigests?.find((d) => d.slice(0, d.lastIndexOf('@')) === repository)
    const digest = ref.digest ?? repoDigest?.slice(repoDigest.lastIndexOf('@') + 1) ?? progress.digest
    const image = await this.catalogImage(pull.imageName ?? ref.path, pull)
    const tagName = catalogTag(ref)
    const target = tagName ? await this.db.tag.findUnique({ where: { imageId_name: { imageId: image.id, name: tagName } } }) : null
    if (target?.protected) throw new Error(`${image.name}:${tagName} was protected while the pull ran; it was left where it was`)
    const held = `${repository}:${tagName}`
    // A pull by digest leaves the engine no name:tag for the catalog's tag to be held under.
    if (tagName && ref.digest) await engineImages.tag(details.Id, repository, tagName)
    await transaction(this.db, async (tx) => {
      let tagId: number | null = null
      if (tagName) {
        const fields = { digest, engineImageId: details.Id, engineReference: held, sizeBytes: BigInt(details.Size), buildId: null, engineId: engine.id }
        const tag = await tx.tag.upsert({
          where: { imageId_name: { imageId: image.id, name: tagName } },
          create: { imageId: image.id, name: tagName, ...fields },
          update: fields,
        })
        tagId = tag.id
      }
      await tx.image.update({ where: { id: image.id }, data: { updatedAt: finishedAt } })
      await tx.pull.update({
        where: lease,
        data: { state: 'SUCCEEDED', errorMessage: null, progress: 1, finishedAt, imageId: image.id, tagId },
      })
    })
    if (tagName) await releaseFormerReference(this.engines.images(target?.engineId ?? engine.id), target, image.name, held)
    this.bus.imageChanged(image.id, 'pulled')
  }

  /**
   * The catalog image named by the repository path: created for the requester when missing.
   * An image that exists must be one the requester may change (checked at request time too;
   * checked again because it may have changed hands since).
   */
  private async catalogImage(name: string, pull: { registryId: number | null; requestedBy: { id: number; name: string; isAdmin: boolean } }) {
    const user: Viewer | null = await actingViewer(this.db, pull.requestedBy.id)
    if (!user) throw new Error('the user who asked for the pull is gone')
    let image = await this.db.image.findUnique({ where: { name } })
    if (!image) {
      const organization = await this.db.organization.findUnique({ where: { name: namespaceOf(name) }, select: { id: true } })
      const writable = organization ? writesOrganization(organization.id, user) : namespaceOf(name) === actingUser(user).name
      if (!writable) throw new Error(`${user.name} may no longer create images in the namespace of ${name}`)
      try {
        image = await this.db.image.create({ data: { name, ownerId: actingUser(user).id, organizationId: organization?.id ?? null, registryId: pull.registryId } })
      } catch (error) {
        // Another pull of the same name created it first.
        if (!isUniqueViolation(error)) throw error
        image = await this.db.image.findUniqueOrThrow({ where: { name } })
      }
    }
    if (!atLeast(permissionOn(image, user), 'WRITE')) throw new Error(`${user.name} may no longer pull into ${name}`)
    return image
  }
}

/** The engine's own words, without dockerode's "(HTTP code 404) unexpected - " in front. */
export function engineMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/^\(HTTP code \d+\) [^-]*- /, '').trim()
}
