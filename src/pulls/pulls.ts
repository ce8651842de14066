// Pulls (QNAP's download and download status): requested here, run by the PullRunner,
// followed live. A pull is visible to whoever started it and to administrators.
import { requireViewer, type Viewer } from '../auth/viewer.js'
import { writableNamespace } from '../catalog/namespaces.js'
import { checkImageName } from '../catalog/rules.js'
import { isVisibleImage, requirePermission, requireScopeFor } from '../catalog/visibility.js'
import type { Db, Prisma } from '../db/client.js'
import type { EnginePool } from '../engines/engine-pool.js'
import { notFound, UserInputError } from '../errors.js'
import type { TransferProgressEvent } from '../events/bus.js'
import type { TagManager } from '../catalog/tags.js'
import { catalogTag, formatReference, parseReference } from './reference.js'
import { referenceHost, type RegistryManager } from '../registries/registries.js'
import type { TransferJobs } from '../transfers/transfer-jobs.js'

export interface PullRequest {
  reference: string
  registryId?: number | null
  /** The catalog image to pull into; the reference's repository path when absent. */
  name?: string | null
}

/** One event of pullProgress; `pullId` lets the client read the pull itself. */
export interface PullProgressUpdate extends TransferProgressEvent {
  pullId: number
}

const MAX_REFERENCE_CHARS = 512

export function visiblePulls(viewer: Viewer | null): Prisma.PullWhereInput {
  if (!viewer) return { id: { in: [] } }
  return viewer.isAdmin ? {} : { requestedById: viewer.id }
}

export class PullManager {
  constructor(
    private readonly db: Db,
    private readonly engines: EnginePool,
    private readonly registries: RegistryManager,
    private readonly tags: TagManager,
    private readonly jobs: TransferJobs,
  ) {}

  findVisible(viewer: Viewer | null, id: number, query: { include?: Prisma.PullInclude; select?: Prisma.PullSelect } = {}) {
    return this.db.pull.findFirst({ ...query, where: { AND: [{ id }, visiblePulls(viewer)] } })
  }

  /** Newest first. */
  list(viewer: Viewer | null, query: object) {
    const user = requireViewer(viewer)
    return this.db.pull.findMany({ ...query, where: visiblePulls(user), orderBy: { id: 'desc' } })
  }

  count(viewer: Viewer | null) {
    return this.db.pull.count({ where: visiblePulls(requireViewer(viewer)) })
  }

  /** The latest state of each layer and the fraction, while the pull runs; null otherwise. */
  live(pullId: number) {
    return this.jobs.live(pullId)
  }

  /** Records a pull and starts it; returns it at once. */
  async request(viewer: Viewer | null, input: PullRequest) {
    const user = requireViewer(viewer)
    const field = ['input', 'reference']
    const given = input.reference.trim()
    if (given.length > MAX_REFERENCE_CHARS) throw new UserInputError('INVALID', field, `A reference must be at most ${MAX_REFERENCE_CHARS} characters`)
    const ref = parseReference(given, field)
    // A configured registry at the reference's host lends its credentials, and tracks drift later.
    const registry = await this.registries.forReference(ref, input.registryId ?? null, { reference: field, registryId: ['input', 'registryId'] })
    // Asked for by id, a registry's credentials must be the caller's to use; found by the
    // reference's host, they go only with the pulls of those allowed (else the engine asks anonymously).
    if (registry && input.registryId != null) this.registries.requireCredentialsUse(registry, user)
    if (registry) ref.domain = referenceHost(registry)
    const registryId = registry?.id ?? null
    // The catalog image (named by the repository path unless given): one the caller may write, or
    // a new one in a namespace the caller writes. One the caller cannot see gets the namespace's answer.
    const imageName = input.name == null ? null : checkImageName(input.name, ['input', 'name'])
    const existing = await this.db.image.findUnique({ where: { name: imageName ?? ref.path } })
    if (existing && isVisibleImage(existing, user)) requirePermission(existing, user, 'pull')
    else {
      await writableNamespace(this.db, user, imageName ?? ref.path, imageName ? ['input', 'name'] : field)
      requireScopeFor(imageName ?? ref.path, user, ['PULL'])
    }
    const tagName = catalogTag(ref)
    if (existing && tagName) await this.tags.requireUnprotected(existing.id, tagName, field)
    await this.engines.requireAvailable()
    // heartbeatAt of a QUEUED row is when it was queued: see Leases.requeueWaiting.
    const pull = await this.db.pull.create({ data: { reference: formatReference(ref), imageName, registryId, requestedById: user.id, heartbeatAt: new Date() } })
    await this.jobs.enqueue(pull.id)
    return pull
  }

  /** The pull's progress as it happens, then one final event once its outcome is stored. */
  async *follow(viewer: Viewer | null, pullId: number): AsyncGenerator<PullProgressUpdate> {
    const user = requireViewer(viewer)
    for await (const event of this.jobs.watch(pullId, () => this.findVisible(user, pullId), () => notFound(['pullId'], 'Pull'))) {
      yield { pullId, ...event }
    }
  }

}
