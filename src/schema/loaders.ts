// Per-request batch loaders for what Prisma's selection merging cannot fetch in one go:
// values derived from other tables. Each costs a fixed number of statements per batch.
import DataLoader from 'dataloader'
import type { Viewer } from '../auth/viewer.js'
import { imageStatuses } from '../catalog/image-state.js'
import type { ImageFilter } from '../catalog/images.js'
import type { Db } from '../db/client.js'
import type { EngineContainer, EngineImages, EngineImageSummary, ImageDetails } from '../docker/images.js'
import type { UpdateCheck } from '../registries/drift.js'
import type { Services } from '../services.js'

/**
 * Each loader is made on first use: most requests use one or two of them, and a subscription
 * keeps its context (and so its loaders) for as long as it is open, a thousand of them at once.
 */
export class Loaders {
  // The engine is asked at most once per request whether it answers, and at most once
  // for its containers, however many images the request shows.
  private reachable?: Promise<boolean>
  private containers?: Promise<EngineContainer[]>
  private readonly engineImageLists = new Map<number | null, Promise<EngineImageSummary[]>>()
  private readonly buildLoaders = new Map<string, DataLoader<number, { id: number } | null>>()
  private made: Partial<
    Record<'imageStatus' | 'imageStarredByViewer' | 'imageWhere' | 'imageContainers' | 'tagUpdateCheck' | 'tagDetails', DataLoader<never, unknown, unknown>>
  > = {}

  constructor(
    private readonly db: Db,
    private readonly services: Services,
    private readonly viewer: Viewer | null,
  ) {}

  private once<T>(name: keyof Loaders['made'], make: () => T): T {
    return (this.made[name] ??= make() as never) as T
  }

  private engineReachable() {
    return (this.reachable ??= this.services.engineImages.reachable())
  }

  /** An engine's images, listed once per request and engine so that aliased pages agree with each other. */
  localImages(engine: { id: number | null; images: EngineImages }) {
    let listed = this.engineImageLists.get(engine.id)
    if (!listed) this.engineImageLists.set(engine.id, (listed = engine.images.list()))
    return listed
  }

  /**
   * Builds by id, for lists that hold ids (a webhook delivery's builds), loaded with the
   * selection the query asks of them (plugin-prisma's `query`): one statement for all of a
   * request's, their nested relations included.
   */
  buildsSelected(query: { select?: object; include?: object }) {
    const key = JSON.stringify(query)
    let loader = this.buildLoaders.get(key)
    if (!loader) {
      const selection = query.select ? { select: { ...query.select, id: true } } : query
      loader = new DataLoader(async (ids: readonly number[]) => {
        const rows = (await this.db.build.findMany({ ...selection, where: { id: { in: [...ids] } } } as never)) as { id: number }[]
        const byId = new Map(rows.map((row) => [row.id, row]))
        return ids.map((id) => byId.get(id) ?? null)
      })
      this.buildLoaders.set(key, loader)
    }
    return loader
  }

  get imageStatus() {
    return this.once('imageStatus', () => new DataLoader((ids: readonly number[]) => imageStatuses(this.db, ids)))
  }

  get imageStarredByViewer() {
    return this.once('imageStarredByViewer', () => new DataLoader((ids: readonly number[]) => this.services.images.isStarredBy(this.viewer, ids)))
  }

  /** A filter can cost queries of its own (state, escaped name search): the page and its totalCount share one answer instead of working it out twice. */
  get imageWhere() {
    return this.once(
      'imageWhere',
      () =>
        new DataLoader((filters: readonly ImageFilter[]) => Promise.all(filters.map((filter) => this.services.images.where(this.viewer, filter))), {
          cacheKeyFn: (filter) => JSON.stringify(filter),
        }),
    )
  }

  /** Containers (running or stopped) using an image's tags' engine images; none without an engine. */
  get imageContainers() {
    return this.once(
      'imageContainers',
      () =>
        new DataLoader(async (ids: readonly number[]): Promise<EngineContainer[][]> => {
          const tags = await this.db.tag.findMany({ where: { imageId: { in: [...ids] }, engineImageId: { not: null } }, select: { imageId: true, engineImageId: true } })
          if (tags.length === 0 || !(await this.engineReachable())) return ids.map(() => [])
          const all = await (this.containers ??= this.services.engineImages.containers())
          return ids.map((id) => {
            const engineIds = new Set(tags.filter((t) => t.imageId === id).map((t) => t.engineImageId))
            return all.filter((c) => engineIds.has(c.imageId))
          })
        }),
    )
  }

  /** Each tag compared with its registry, the registries asked in parallel; keyed by tag id and max age. */
  get tagUpdateCheck() {
    return this.once(
      'tagUpdateCheck',
      () =>
        new DataLoader(
          async (keys: readonly { tagId: number; maxAgeSeconds: number }[]) => {
            // One request asks with one max age in practice; group anyway so each key gets its own.
            const ages = [...new Set(keys.map((key) => key.maxAgeSeconds))]
            const answers = new Map<string, UpdateCheck>()
            for (const age of ages) {
              const ids = keys.filter((key) => key.maxAgeSeconds === age).map((key) => key.tagId)
              const checks = await this.services.drift.check(ids, age)
              ids.forEach((id, i) => answers.set(`${id}:${age}`, checks[i]!))
            }
            return keys.map((key) => answers.get(`${key.tagId}:${key.maxAgeSeconds}`)!)
          },
          { cacheKeyFn: (key) => `${key.tagId}:${key.maxAgeSeconds}` },
        ),
    )
  }

  private readonly enginesUp = new Map<number | null, Promise<boolean>>()

  /** Whether the engine that holds a tag answers, asked once per request (null: the first engine). */
  private engineUp(engineId: number | null): Promise<boolean> {
    const id = engineId ?? this.services.engines.primaryId
    let up = this.enginesUp.get(id)
    if (!up) this.enginesUp.set(id, (up = id === this.services.engines.primaryId ? this.engineReachable() : this.services.engines.images(id).reachable()))
    return up
  }

  /** A local inspect of name:tag; null when the engine lacks it or does not answer. */
  get tagDetails() {
    return this.once(
      'tagDetails',
      () =>
        new DataLoader(
          async (keys: readonly { reference: string; engineId: number | null }[]): Promise<(ImageDetails | null)[]> =>
            // Asked of the engine that holds each tag; one found down (or that does not answer now) gives null.
            Promise.all(
              keys.map(async ({ reference, engineId }) => {
                if (!(await this.engineUp(engineId))) return null
                return this.services.engines.images(engineId).details(reference).catch(() => null)
              }),
            ),
          { cacheKeyFn: (key) => `${key.engineId}:${key.reference}` },
        ),
    )
  }
}

export function createLoaders(db: Db, services: Services, viewer: Viewer | null): Loaders {
  return new Loaders(db, services, viewer)
}

/**
 * A subscription resolves every event with one and the same context: without fresh loaders,
 * the first event's cached values (an image's state, say) would be served for all the rest.
 */
export function renewLoaders(ctx: { db: Db; services: Services; viewer: Viewer | null; loaders: Loaders }): void {
  ctx.loaders = createLoaders(ctx.db, ctx.services, ctx.viewer)
}
