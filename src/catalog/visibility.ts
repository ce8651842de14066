import type { Viewer } from '../auth/viewer.js'
import type { Prisma } from '../db/client.js'

/** Private images exist only for their owner: everyone else gets the answer a missing one gets. */
export function visibleImages(viewer: Viewer | null): Prisma.ImageWhereInput {
  return viewer ? { OR: [{ isPrivate: false }, { ownerId: viewer.id }] } : { isPrivate: false }
}

/** The same rule as visibleImages, for an image already loaded. */
export function isVisibleImage(image: { isPrivate: boolean; ownerId: number }, viewer: Viewer | null): boolean {
  return !image.isPrivate || image.ownerId === viewer?.id
}
