// Per-request batch loaders for what Prisma's selection merging cannot fetch in one go:
// values derived from other tables. Each costs a fixed number of statements per batch.
import DataLoader from 'dataloader'
import type { Viewer } from '../auth/viewer.js'
import { imageStatuses } from '../catalog/image-state.js'
import type { ImageFilter } from '../catalog/images.js'
import type { Db } from '../db/client.js'
import type { EngineContainer, EngineImageSummary, ImageDetails } from '../docker/images.js'
import type { UpdateCheck } from '../registries/drift.js'
import type { Services } from '../services.js'

export type Loaders = ReturnType<typeof createLoaders>

export function createLoaders(db: Db, services: Services, viewer: Viewer | null) {
  // The engine is asked at most once per request whether it answers, and at most once
  // for its containers, however many images the request shows.
  let reachable: Promise<boolean> | undefined
  const engineReachable = () => (reachable ??= services.engineImages.reachable())
  let containers: Promise<EngineContainer[]> | undefined
  const engineContainers = () => (containers ??= services.engineImages.containers())
  let localImages: Promise<EngineImageSummary[]> | undefined
  return {
    /** The engine's images, listed once per request so that aliased pages agree with each other. */
    localImages: () => (localImages ??= services.engineImages.list()),
    imageStatus: new DataLoader((ids: readonly number[]) => imageStatuses(db, ids)),
    imageStarredByViewer: new DataLoader((ids: readonly number[]) => services.images.isStarredBy(viewer, ids)),
    // A filter can cost queries of its own (state, escaped name search): the page and its
    // totalCount share one answer instead of working it out twice.
    imageWhere: new DataLoader(
      (filters: readonly ImageFilter[]) => Promise.all(filters.map((filter) => services.images.where(viewer, filter))),
      { cacheKeyFn: (filter) => JSON.stringify(filter) },
    ),
    /** Containers (running or stopped) using an image's tags' engine images; none without an engine. */
    imageContainers: new DataLoader(async (ids: readonly number[]): Promise<EngineContainer[][]> => {
      const tags = await db.tag.findMany({ where: { imageId: { in: [...ids] }, engineImageId: { not: null } }, select: { imageId: true, engineImageId: true } })
      if (tags.length === 0 || !(await engineReachable())) return ids.map(() => [])
      const all = await engineContainers()
      return ids.map((id) => {
        const engineIds = new Set(tags.filter((t) => t.imageId === id).map((t) => t.engineImageId))
        return all.filter((c) => engineIds.has(c.imageId))
      })
    }),
    /** Each tag compared with its registry, the registries asked in parallel; keyed by tag id and max age. */
    tagUpdateCheck: new DataLoader(
      async (keys: readonly { tagId: number; maxAgeSeconds: number }[]) => {
        // One request asks with one max age in practice; group anyway so each key gets its own.
        const ages = [...new Set(keys.map((key) => key.maxAgeSeconds))]
        const answers = new Map<string, UpdateCheck>()
        for (const age of ages) {
          const ids = keys.filter((key) => key.maxAgeSeconds === age).map((key) => key.tagId)
          const checks = await services.drift.check(ids, age)
          ids.forEach((id, i) => answers.set(`${id}:${age}`, checks[i]!))
        }
        return keys.map((key) => answers.get(`${key.tagId}:${key.maxAgeSeconds}`)!)
      },
      { cacheKeyFn: (key) => `${key.tagId}:${key.maxAgeSeconds}` },
    ),
    /** A local inspect of name:tag; null when the engine lacks it or does not answer. */
    tagDetails: new DataLoader(async (references: readonly string[]): Promise<(ImageDetails | null)[]> => {
      if (!(await engineReachable())) return references.map(() => null)
      return Promise.all(references.map((reference) => services.engineImages.details(reference)))
    }),
  }
}

/**
 * A subscription resolves every event with one and the same context: without fresh loaders,
 * the first event's cached values (an image's state, say) would be served for all the rest.
 */
export function renewLoaders(ctx: { db: Db; services: Services; viewer: Viewer | null; loaders: Loaders }): void {
  ctx.loaders = createLoaders(ctx.db, ctx.services, ctx.viewer)
}
