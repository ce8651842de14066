// Where the Docker engine holds a catalog tag. The catalog names an image by its repository
// path (base/app); the engine names it by where it came from: 127.0.0.1:5000/base/app:1 when
// pulled from a registry other than Docker Hub, base/app:1 when built or pulled from Docker
// Hub. The name is recorded on the tag when it comes to the engine, and every engine call about
// a tag asks here, so that none guesses the engine's name from the catalog's.
import { splitReference, type EngineImages } from '../docker/images.js'

/** What a tag row must carry to be found on the engine. */
export interface EngineTag {
  name: string
  engineReference: string | null
}

/** Tags grouped by the engine that holds them (engineId; null: the first engine). */
export function byEngine<T extends { engineId: number | null }>(tags: readonly T[]): Map<number | null, T[]> {
  const groups = new Map<number | null, T[]>()
  for (const tag of tags) groups.set(tag.engineId, [...(groups.get(tag.engineId) ?? []), tag])
  return groups
}

/** Prisma's select for EngineTag, with the fields that say whether the tag is on the engine at all. */
export const ENGINE_TAG_FIELDS = { name: true, engineImageId: true, engineReference: true, engineId: true } as const

/** The name:tag the engine holds the tag under; for a catalog-only tag, where a build would put it. */
export function engineReferenceOf(tag: EngineTag, imageName: string): string {
  // Tags never on the engine, and those recorded before the engine's name was, have none:
  // the catalog's own name:tag is where builds put them, and where they were looked up.
  return tag.engineReference ?? `${imageName}:${tag.name}`
}

/** The engine repository (host/path or path) a reference from engineReferenceOf names. */
export function engineRepositoryOf(reference: string): string {
  return splitReference(reference)?.name ?? reference
}

/** The reference of a new tag held like `source`: in the same engine repository. */
export function siblingReference(source: string, tagName: string): string {
  return `${engineRepositoryOf(source)}:${tagName}`
}

/**
 * A tag that moved to another engine name (rebuilt after a pull, pulled from another registry,
 * imported under another name) lets go of the one it had: the catalog made that name, and
 * nothing would remove it once the catalog no longer knows it. An image a container needs
 * keeps it, as does one the engine cannot be asked about now.
 */
export async function releaseFormerReference(
  engineImages: EngineImages,
  former: (EngineTag & { engineImageId: string | null }) | null,
  imageName: string,
  current: string,
): Promise<void> {
  if (!former?.engineImageId) return
  const reference = engineReferenceOf(former, imageName)
  if (reference !== current) await engineImages.removeReference(reference, { prune: false, field: [] }).catch(() => {})
}
