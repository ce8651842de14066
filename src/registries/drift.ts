// Drift: whether a tag's registry now has something other than what the catalog holds. The
// registry is the one the tag was last pushed to, else the image's own registry; the local
// digest is the one that push recorded, else the tag's. One HEAD per tag, a few at a time,
// remembered for a while so a page of tags does not ask the registry on every view.
import type { Db, Registry } from '../db/client.js'
import { mapLimited } from '../work/map-limited.js'
import type { UserErrorCode } from '../errors.js'
import { RegistryError } from './client.js'
import { FAILURE_CODES } from './failures.js'
import type { RemoteCatalog } from './remote.js'

export interface UpdateCheck {
  registry: Registry | null
  localDigest: string | null
  remoteDigest: string | null
  /** Null when it cannot be said: no registry to compare with, no local digest, or the registry failed. */
  updateAvailable: boolean | null
  comparedAt: Date | null
  error: { code: UserErrorCode; message: string } | null
}

const PARALLEL = 8
const REMEMBER_AT_MOST = 10_000

export class DriftChecker {
  private readonly remembered = new Map<string, UpdateCheck>()

  constructor(
    private readonly db: Db,
    private readonly remote: RemoteCatalog,
  ) {}

  /** One check per tag id, in order; answers younger than maxAgeSeconds are reused. */
  async check(tagIds: readonly number[], maxAgeSeconds: number): Promise<UpdateCheck[]> {
    const tags = await this.db.tag.findMany({
      where: { id: { in: [...tagIds] } },
      include: { image: { include: { registry: true } }, pushedRegistry: true },
    })
    const byId = new Map(tags.map((tag) => [tag.id, tag]))
    return mapLimited(tagIds, PARALLEL, async (id) => {
      const tag = byId.get(id)
      return tag ? this.checkOne(tag, maxAgeSeconds) : untracked(null, null)
    })
  }

  private async checkOne(
    tag: { name: string; digest: string | null; pushedDigest: string | null; pushedRegistry: Registry | null; image: { name: string; registry: Registry | null } },
    maxAgeSeconds: number,
  ): Promise<UpdateCheck> {
    const registry = tag.pushedRegistry ?? tag.image.registry
    const localDigest = tag.pushedRegistry ? tag.pushedDigest : tag.digest
    if (!registry) return untracked(null, localDigest)
    const key = [registry.id, registry.updatedAt.getTime(), tag.image.name, tag.name, localDigest].join('|')
    const known = this.remembered.get(key)
    if (known?.comparedAt && Date.now() - known.comparedAt.getTime() <= maxAgeSeconds * 1000) return known
    const comparedAt = new Date()
    let result: UpdateCheck
    try {
      const target = this.remote.target(registry, { domain: null, path: tag.image.name, tag: tag.name, digest: null })
      const remoteDigest = await this.remote.currentDigest(target, tag.name)
      result = { registry, localDigest, remoteDigest, updateAvailable: localDigest ? remoteDigest !== localDigest : null, comparedAt, error: null }
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error
      result = { registry, localDigest, remoteDigest: null, updateAvailable: null, comparedAt, error: { code: FAILURE_CODES[error.failure], message: error.message } }
    }
    this.remembered.set(key, result)
    // Maps keep insertion order: the first key is the oldest answer.
    if (this.remembered.size > REMEMBER_AT_MOST) this.remembered.delete(this.remembered.keys().next().value!)
    return result
  }
}

const untracked = (registry: Registry | null, localDigest: string | null): UpdateCheck => ({
  registry,
  localDigest,
  remoteDigest: null,
  updateAvailable: null,
  comparedAt: null,
  error: null,
})
