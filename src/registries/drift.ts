// Drift: whether a tag's registry now has something other than what the catalog holds. The
// registry is the one the tag was last pushed to, else the image's own registry; the local
// digest is the one that push recorded, else the tag's. One HEAD per tag, a few at a time,
// remembered for a while (update-check-memory.ts: in this process, or in Redis for all
// instances) so a page of tags does not ask the registry on every view.
import type { Db, Registry } from '../db/client.js'
import { mapLimited } from '../work/map-limited.js'
import type { UserErrorCode } from '../errors.js'
import { RegistryError } from './client.js'
import { FAILURE_CODES } from './failures.js'
import type { RemoteCatalog } from './remote.js'
import type { RememberedAnswer, UpdateCheckMemory } from './update-check-memory.js'

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

export class DriftChecker {
  constructor(
    private readonly db: Db,
    private readonly remote: RemoteCatalog,
    private readonly memory: UpdateCheckMemory,
  ) {}

  close(): Promise<void> {
    return this.memory.close()
  }

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
    const known = await this.memory.recall(key)
    if (known && Date.now() - known.comparedAt <= maxAgeSeconds * 1000) return checked(registry, localDigest, known)
    const comparedAt = Date.now()
    let answer: RememberedAnswer
    try {
      const target = this.remote.target(registry, { domain: null, path: tag.image.name, tag: tag.name, digest: null })
      answer = { remoteDigest: await this.remote.currentDigest(target, tag.name), error: null, comparedAt }
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error
      answer = { remoteDigest: null, error: { code: FAILURE_CODES[error.failure], message: error.message }, comparedAt }
    }
    await this.memory.remember(key, answer)
    return checked(registry, localDigest, answer)
  }
}

/** The check a registry's answer makes for this tag. */
function checked(registry: Registry, localDigest: string | null, { remoteDigest, error, comparedAt }: RememberedAnswer): UpdateCheck {
  const updateAvailable = error || !localDigest ? null : remoteDigest !== localDigest
  return { registry, localDigest, remoteDigest, updateAvailable, comparedAt: new Date(comparedAt), error }
}

const untracked = (registry: Registry | null, localDigest: string | null): UpdateCheck => ({
  registry,
  localDigest,
  remoteDigest: null,
  updateAvailable: null,
  comparedAt: null,
  error: null,
})
