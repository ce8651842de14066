// Pushes: a catalog tag sent from the engine to a registry with the registry's credentials,
// followed live like a pull. Afterwards the tag records the digest the registry stored.
// A push is visible to whoever started it and to administrators.
import { requireViewer, type Viewer } from '../auth/viewer.js'
import { isVisibleImage, requirePermission } from '../catalog/visibility.js'
import type { Db, Prisma } from '../db/client.js'
import type { EnginePool } from '../engines/engine-pool.js'
import { notFound, UserInputError } from '../errors.js'
import type { TransferProgressEvent } from '../events/bus.js'
import { repositoryOf } from '../pulls/reference.js'
import { referenceHost, type RegistryManager } from '../registries/registries.js'
import type { TransferJobs } from '../transfers/transfer-jobs.js'

export interface PushProgressUpdate extends TransferProgressEvent {
  pushId: number
}

export function visiblePushes(viewer: Viewer | null): Prisma.PushWhereInput {
  if (!viewer) return { id: { in: [] } }
  return viewer.isAdmin ? {} : { requestedById: viewer.id }
}

/** Where a tag goes in a registry: host/name:tag, or name:tag on Docker Hub. */
export function pushReference(registry: { url: string; isDefault: boolean }, imageName: string, tagName: string): string {
  return `${repositoryOf({ domain: referenceHost(registry), path: imageName })}:${tagName}`
}

export class PushManager {
  constructor(
    private readonly db: Db,
    private readonly engines: EnginePool,
    private readonly registries: RegistryManager,
    private readonly jobs: TransferJobs,
  ) {}

  findVisible(viewer: Viewer | null, id: number, query: { include?: Prisma.PushInclude; select?: Prisma.PushSelect } = {}) {
    return this.db.push.findFirst({ ...query, where: { AND: [{ id }, visiblePushes(viewer)] } })
  }

  /** Newest first. */
  list(viewer: Viewer | null, query: object) {
    return this.db.push.findMany({ ...query, where: visiblePushes(requireViewer(viewer)), orderBy: { id: 'desc' } })
  }

  count(viewer: Viewer | null) {
    return this.db.push.count({ where: visiblePushes(requireViewer(viewer)) })
  }

  live(pushId: number) {
    return this.jobs.live(pushId)
  }

  /** Records a push of the tag to the registry and starts it; returns it at once. */
  async request(viewer: Viewer | null, input: { tagId: number; registryId: number }) {
    const user = requireViewer(viewer)
    const tag = await this.db.tag.findUnique({ where: { id: input.tagId }, include: { image: true } })
    if (!tag || !isVisibleImage(tag.image, user)) throw notFound(['input', 'tagId'], 'Tag')
    requirePermission(tag.image, user, 'push')
    if (!tag.engineImageId) {
      throw new UserInputError('INVALID', ['input', 'tagId'], `${tag.image.name}:${tag.name} has no image in the engine yet; build or pull it first`)
    }
    const registry = await this.registries.find(input.registryId)
    if (!registry) throw notFound(['input', 'registryId'], 'Registry')
    this.registries.requireCredentialsUse(registry, user)
    // It is pushed from the engine that holds it.
    await this.engines.engine(tag.engineId).requireReachable()
    // The engine's own timeouts against a registry that hangs are minutes long: a registry that
    // is down, slow or refuses the credentials is found out here, within REGISTRY_TIMEOUT_MS.
    await this.registries.requireUsable(registry, ['input', 'registryId'])
    const push = await this.db.push.create({
      data: {
        reference: pushReference(registry, tag.image.name, tag.name),
        tagId: tag.id,
        imageId: tag.imageId,
        registryId: registry.id,
        requestedById: user.id,
        heartbeatAt: new Date(),
      },
    })
    await this.jobs.enqueue(push.id)
    return push
  }

  /** The push's progress as it happens, then one final event once its outcome is stored. */
  async *follow(viewer: Viewer | null, pushId: number): AsyncGenerator<PushProgressUpdate> {
    const user = requireViewer(viewer)
    for await (const event of this.jobs.watch(pushId, () => this.findVisible(user, pushId), () => notFound(['pushId'], 'Push'))) {
      yield { pushId, ...event }
    }
  }
}
