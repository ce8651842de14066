// Per-request batch loaders for what Prisma's selection merging cannot fetch in one go:
// values derived from other tables. Each costs a fixed number of statements per batch.
import DataLoader from 'dataloader'
import type { Viewer } from '../auth/viewer.js'
import { imageStatuses } from '../catalog/image-state.js'
import type { ImageFilter } from '../catalog/images.js'
import type { Db } from '../db/client.js'
import type { Services } from '../services.js'

export type Loaders = ReturnType<typeof createLoaders>

export function createLoaders(db: Db, services: Services, viewer: Viewer | null) {
  return {
    imageStatus: new DataLoader((ids: readonly number[]) => imageStatuses(db, ids)),
    imageStarredByViewer: new DataLoader((ids: readonly number[]) => services.images.isStarredBy(viewer, ids)),
    // A filter can cost queries of its own (state, escaped name search): the page and its
    // totalCount share one answer instead of working it out twice.
    imageWhere: new DataLoader(
      (filters: readonly ImageFilter[]) => Promise.all(filters.map((filter) => services.images.where(viewer, filter))),
      { cacheKeyFn: (filter) => JSON.stringify(filter) },
    ),
  }
}
