// Tutum's image state, derived from builds and tags rather than stored, so it can never drift.
// Everything here works on a batch of images in a fixed number of statements.
import { BUILD_ACTIVE_STATES } from '../builds/states.js'
import type { Db, Prisma } from '../db/client.js'

export type ImageState = 'EMPTY' | 'SUCCESS' | 'BUILDING' | 'FAILED'

export interface ImageStatus {
  state: ImageState
  lastBuildDate: Date | null
}

/** The state of the newest build of every (image, tag) pair, and of every build still queued or running. */
async function latestBuildStates(db: Db, imageIds?: number[]) {
  // A pull request's test builds no tag: its outcome is not the image's.
  const where = imageIds ? { imageId: { in: imageIds }, testOnly: false } : { testOnly: false }
  const newest = await db.build.groupBy({ by: ['imageId', 'targetTag'], where, _max: { id: true } })
  const ids = newest.map((row) => row._max.id).filter((id): id is number => id !== null)
  if (ids.length === 0) return []
  // An older build of a tag may still be running after a newer one finished: the image is building all the same.
  const active = { ...where, state: { in: BUILD_ACTIVE_STATES } }
  return db.build.findMany({ where: { OR: [{ id: { in: ids } }, active] }, select: { imageId: true, state: true } })
}

/**
 * A tag never built, pulled or imported: the catalog knows its name only, not what it holds
 * (no digest, no engine image). Tutum's SUCCESS is "all image tags are successfully built",
 * so one such tag keeps the image out of SUCCESS.
 */
export const unbuiltTag = { digest: null, engineImageId: null } satisfies Prisma.TagWhereInput

/** Settled images (nothing building, nothing failed) are SUCCESS when they have tags and all are built. */
export const allTagsBuilt: Prisma.ImageWhereInput = { tags: { some: {}, none: unbuiltTag } }

function stateFrom(buildStates: string[], allBuilt: boolean): ImageState {
  if (buildStates.some((s) => (BUILD_ACTIVE_STATES as string[]).includes(s))) return 'BUILDING'
  if (buildStates.includes('FAILED')) return 'FAILED'
  return allBuilt ? 'SUCCESS' : 'EMPTY'
}

export async function imageStatuses(db: Db, imageIds: readonly number[]): Promise<ImageStatus[]> {
  const ids = [...imageIds]
  const [latest, tagCounts, unbuiltCounts, lastSuccess] = await Promise.all([
    latestBuildStates(db, ids),
    db.tag.groupBy({ by: ['imageId'], where: { imageId: { in: ids } }, _count: { _all: true } }),
    db.tag.groupBy({ by: ['imageId'], where: { imageId: { in: ids }, ...unbuiltTag }, _count: { _all: true } }),
    db.build.groupBy({ by: ['imageId'], where: { imageId: { in: ids }, state: 'SUCCEEDED', testOnly: false }, _max: { finishedAt: true } }),
  ])
  const statesByImage = new Map<number, string[]>()
  for (const build of latest) statesByImage.set(build.imageId, [...(statesByImage.get(build.imageId) ?? []), build.state])
  const unbuilt = new Set(unbuiltCounts.filter((row) => row._count._all > 0).map((row) => row.imageId))
  const allBuilt = new Set(tagCounts.filter((row) => row._count._all > 0 && !unbuilt.has(row.imageId)).map((row) => row.imageId))
  const lastBuilt = new Map(lastSuccess.map((row) => [row.imageId, row._max.finishedAt]))
  return ids.map((id) => ({
    state: stateFrom(statesByImage.get(id) ?? [], allBuilt.has(id)),
    lastBuildDate: lastBuilt.get(id) ?? null,
  }))
}

/**
 * The images whose builds put them in BUILDING or FAILED. SUCCESS and EMPTY are the images
 * outside both sets with (allTagsBuilt) and without all their tags built, which callers
 * express as a SQL filter.
 */
export async function imagesWithBuildState(db: Db): Promise<{ building: number[]; failed: number[] }> {
  const byImage = new Map<number, string[]>()
  for (const build of await latestBuildStates(db)) byImage.set(build.imageId, [...(byImage.get(build.imageId) ?? []), build.state])
  const building: number[] = []
  const failed: number[] = []
  for (const [imageId, states] of byImage) {
    const state = stateFrom(states, true)
    if (state === 'BUILDING') building.push(imageId)
    else if (state === 'FAILED') failed.push(imageId)
  }
  return { building, failed }
}
