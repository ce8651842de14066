// Tags on an image (Sahara's tag/untag). All-or-nothing: one bad name writes nothing.
// A tag is on the engine when the catalog recorded the engine image its name:tag points
// at (built, pulled or imported); tags without one are catalog-only and need no engine.
import { requireAdmin, type Viewer } from '../auth/viewer.js'
import type { Db } from '../db/client.js'
import { describeContainers, recordOf, splitReference, type EngineImageRecord, type EngineImages } from '../docker/images.js'
import { notFound, UserInputError } from '../errors.js'
import type { EventBus } from '../events/bus.js'
import type { ImageManager } from './images.js'
import { checkImageName, checkList, checkTagName } from './rules.js'

const MAX_TAGS_PER_CALL = 100

export class TagManager {
  constructor(
    private readonly db: Db,
    private readonly images: ImageManager,
    private readonly engineImages: EngineImages,
    private readonly bus: EventBus,
  ) {}

  private checkNames(names: readonly string[]): string[] {
    if (names.length === 0) throw new UserInputError('REQUIRED', ['input', 'tags'], 'Give at least one tag')
    const unique = checkList(names, ['input', 'tags'], MAX_TAGS_PER_CALL)
    unique.forEach((name) => checkTagName(name, ['input', 'tags', String(names.indexOf(name))]))
    return unique
  }

  /**
   * Adds the tags the image does not have yet; ones it has are left as they are. When the
   * image is on the engine, each new name:tag is tagged there too and points at the source:
   * `sourceTag` if given, else the tag most recently built, pulled or imported.
   */
  async tag(viewer: Viewer | null, imageId: number, names: readonly string[], sourceTag?: string | null) {
    const image = await this.images.requireWritable(viewer, imageId, ['input', 'imageId'])
    const wanted = this.checkNames(names)
    const source = await this.engineSource(image, sourceTag)
    const existing = await this.db.tag.findMany({ where: { imageId, name: { in: wanted } }, select: { name: true } })
    const have = new Set(existing.map((t) => t.name))
    const missing = wanted.filter((name) => !have.has(name))

    const tagged: string[] = []
    const untagOnEngine = () =>
      Promise.allSettled(tagged.map((name) => this.engineImages.removeReference(`${image.name}:${name}`, { prune: false, field: [] })))
    try {
      if (source) {
        for (const name of missing) {
          await this.engineImages.tag(source.engineImageId, image.name, name)
          tagged.push(name)
        }
      }
      const result = await this.db.$transaction(async (tx) => {
        const raced = await tx.tag.findMany({ where: { imageId, name: { in: missing } }, select: { name: true } })
        const create = missing.filter((name) => !raced.some((t) => t.name === name))
        await tx.tag.createMany({ data: create.map((name) => ({ imageId, name, ...source })) })
        const tags = await tx.tag.findMany({ where: { imageId, name: { in: wanted } }, orderBy: { id: 'asc' } })
        // The payload shows the image as this change left it, not as it was read before.
        const touched = await tx.image.update({ where: { id: imageId }, data: { updatedAt: new Date() } })
        return { image: touched, tags, added: missing }
      })
      this.bus.imageChanged(imageId, 'tagged')
      return result
    } catch (error) {
      // All-or-nothing holds on the engine too: names tagged there before the failure go.
      await untagOnEngine()
      throw error
    }
  }

  /** What new tags point at on the engine, or null when the image is not there (catalog-only tagging). */
  private async engineSource(image: { id: number; name: string }, sourceTag: string | null | undefined): Promise<EngineImageRecord | null> {
    const field = ['input', 'sourceTag']
    let source: { name: string; digest: string | null; engineImageId: string | null } | null
    if (sourceTag != null) {
      checkTagName(sourceTag, field)
      source = await this.db.tag.findUnique({ where: { imageId_name: { imageId: image.id, name: sourceTag } } })
      if (!source) throw new UserInputError('NOT_FOUND', field, `${image.name} has no tag ${sourceTag}`)
      if (!source.engineImageId) throw new UserInputError('INVALID', field, `${image.name}:${sourceTag} is not on the Docker engine (never built, pulled or imported)`)
    } else {
      source = await this.db.tag.findFirst({ where: { imageId: image.id, engineImageId: { not: null } }, orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }] })
      if (!source) return null
    }
    await this.engineImages.requireReachable()
    const info = await this.engineImages.inspect(source.engineImageId!)
    if (!info) {
      if (sourceTag != null) throw new UserInputError('INVALID', field, `The engine no longer has the image of ${image.name}:${sourceTag}`)
      // Removed from the engine behind the catalog's back: nothing there to point at.
      return null
    }
    const record = recordOf(info, image.name)
    // The source's digest stays right for every name in the same repository.
    return { ...record, digest: source.digest ?? record.digest }
  }

  /** Makes a tag immutable (or mutable again): a protected tag cannot be rebuilt, re-pulled, untagged or removed. */
  async setProtected(viewer: Viewer | null, imageId: number, name: string, isProtected: boolean) {
    const image = await this.images.requireWritable(viewer, imageId, ['input', 'imageId'])
    const tag = await this.db.tag.findUnique({ where: { imageId_name: { imageId, name: checkTagName(name, ['input', 'tag']) } } })
    if (!tag) throw new UserInputError('NOT_FOUND', ['input', 'tag'], `${image.name} has no tag ${name}`)
    if (tag.protected === isProtected) return tag
    // Not a change of what the tag is: its age (retention's order, tagImage's default source) stays.
    const updated = await this.db.tag.update({ where: { id: tag.id }, data: { protected: isProtected, updatedAt: tag.updatedAt } })
    this.bus.imageChanged(imageId, 'protected')
    return updated
  }

  /** Refuses to write over a protected tag: PROTECTED on `field`. */
  async requireUnprotected(imageId: number, name: string, field: string[]): Promise<void> {
    const tag = await this.db.tag.findUnique({ where: { imageId_name: { imageId, name } }, include: { image: { select: { name: true } } } })
    if (tag?.protected) throw protectedTag(tag.image.name, name, field)
  }

  /**
   * Removes exactly these tags; if any is not on the image, nothing is removed. On the engine
   * only the name:tag goes: the image stays under its other names, and goes with its last
   * one only when no container uses it (IMAGE_IN_USE otherwise).
   */
  async untag(viewer: Viewer | null, imageId: number, names: readonly string[]) {
    const image = await this.images.requireWritable(viewer, imageId, ['input', 'imageId'])
    const doomed = this.checkNames(names)
    const field = (name: string) => ['input', 'tags', String(names.indexOf(name))]
    const existing = await this.db.tag.findMany({ where: { imageId, name: { in: doomed } }, select: { name: true, engineImageId: true, protected: true } })
    const absent = doomed.find((name) => !existing.some((t) => t.name === name))
    if (absent !== undefined) throw new UserInputError('NOT_FOUND', field(absent), `${image.name} has no tag ${absent}`)
    const locked = existing.find((t) => t.protected)
    if (locked) throw protectedTag(image.name, locked.name, field(locked.name))

    const onEngine = existing.filter((t) => t.engineImageId)
    if (onEngine.length > 0) {
      await this.engineImages.requireReachable()
      await this.refuseOrphaningUsedImages(image.name, onEngine.map((t) => t.name), field)
      for (const { name } of onEngine) await this.engineImages.removeReference(`${image.name}:${name}`, { prune: false, field: field(name) })
    }
    const result = await this.db.$transaction(async (tx) => {
      await tx.tag.deleteMany({ where: { imageId, name: { in: doomed } } })
      const touched = await tx.image.update({ where: { id: imageId }, data: { updatedAt: new Date() } })
      return { image: touched, removed: doomed }
    })
    this.bus.imageChanged(imageId, 'untagged')
    return result
  }

  /**
   * The engine refuses to remove an image's last name while a container uses it; checked for
   * all the names first so that a refusal removes none of them.
   */
  private async refuseOrphaningUsedImages(imageName: string, tagNames: string[], field: (name: string) => string[]) {
    const doomedRefs = new Set(tagNames.map((name) => `${imageName}:${name}`))
    const byImage = new Map<string, { tags: string[]; left: string[] }>()
    for (const name of tagNames) {
      const info = await this.engineImages.inspect(`${imageName}:${name}`)
      if (!info) continue
      const entry = byImage.get(info.Id) ?? { tags: [], left: (info.RepoTags ?? []).filter((ref) => !doomedRefs.has(ref)) }
      entry.tags.push(name)
      byImage.set(info.Id, entry)
    }
    const orphaned = [...byImage].filter(([, { left }]) => left.length === 0)
    if (orphaned.length === 0) return
    const containers = await this.engineImages.containers()
    for (const [engineImageId, { tags }] of orphaned) {
      const users = containers.filter((c) => c.imageId === engineImageId)
      if (users.length > 0) {
        throw new UserInputError(
          'IMAGE_IN_USE',
          field(tags[0]!),
          `${tags.map((t) => `${imageName}:${t}`).join(', ')} ${tags.length === 1 ? 'is' : 'are'} the last name of an image that containers use: ${describeContainers(users)}. Remove the containers first, or keep another tag on the image.`,
        )
      }
    }
  }

  /**
   * Adds an image the engine holds to the catalog as name:tag: the Image (owned by the
   * viewer) when the catalog has none of that name, and the Tag with what the engine says.
   * Importing again refreshes the tag.
   */
  async importLocal(viewer: Viewer | null, reference: string) {
    const admin = requireAdmin(viewer)
    const field = ['input', 'reference']
    const parts = splitReference(reference)
    if (!parts) throw new UserInputError('INVALID', field, `"${reference}" is not name:tag, e.g. team/web:1.0`)
    checkImageName(parts.name, field)
    checkTagName(parts.tag, field)
    await this.engineImages.requireReachable()
    const info = await this.engineImages.inspect(reference)
    // An id or digest would also inspect; only a name:tag the engine holds is importable.
    if (!info || !(info.RepoTags ?? []).includes(reference)) throw notFound(field, `${reference} on the Docker engine`)

    const existing = await this.images.findVisible(admin, { name: parts.name })
    const image =
      existing ??
      (await this.images.create(admin, { name: parts.name }).catch((error) => {
        // Taken by an image the viewer cannot see; the input names it in `reference`.
        if (error instanceof UserInputError && error.userErrors[0]?.code === 'TAKEN') throw new UserInputError('TAKEN', field, error.message)
        throw error
      }))
    await this.requireUnprotected(image.id, parts.tag, field)
    const record = recordOf(info, parts.name)
    const result = await this.db.$transaction(async (tx) => {
      const before = await tx.tag.findUnique({ where: { imageId_name: { imageId: image.id, name: parts.tag } } })
      // A build is the tag's origin only while the tag still points at what it built.
      const buildId = before?.engineImageId === record.engineImageId ? before.buildId : null
      const tag = await tx.tag.upsert({
        where: { imageId_name: { imageId: image.id, name: parts.tag } },
        create: { imageId: image.id, name: parts.tag, ...record },
        update: { ...record, buildId },
      })
      const touched = await tx.image.update({ where: { id: image.id }, data: { updatedAt: new Date() } })
      return { image: touched, tag }
    })
    this.bus.imageChanged(image.id, 'imported')
    return result
  }
}

const protectedTag = (imageName: string, tagName: string, field: string[]) =>
  new UserInputError('PROTECTED', field, `${imageName}:${tagName} is protected; unprotect it first`)
