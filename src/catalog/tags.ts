// Tags on an image (Sahara's tag/untag). All-or-nothing: one bad name writes nothing.
// A tag is on the engine when the catalog recorded the engine image it points at (built,
// pulled or imported) and the name the engine holds it under (engine-references.ts); tags
// without one are catalog-only and need no engine.
import { requireAdmin, type Viewer } from '../auth/viewer.js'
import type { Db } from '../db/client.js'
import { transaction } from '../db/transactions.js'
import { describeContainers, recordOf, type EngineImageRecord, type EngineImages, type EnginesByTag } from '../docker/images.js'
import { isUniqueViolation, notFound, UserInputError } from '../errors.js'
import { parseReference, repositoryOf } from '../pulls/reference.js'
import { byEngine, ENGINE_TAG_FIELDS, engineReferenceOf, engineRepositoryOf, releaseFormerReference, siblingReference } from './engine-references.js'
import type { EventBus } from '../events/bus.js'
import type { ImageManager } from './images.js'
import { checkImageName, checkList, checkTagName } from './rules.js'
import { visibleImages } from './visibility.js'

const MAX_TAGS_PER_CALL = 100

export class TagManager {
  constructor(
    private readonly db: Db,
    private readonly images: ImageManager,
    private readonly engines: EnginesByTag,
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
   * `sourceTag` if given, else the tag most recently built, pulled or imported. The new names
   * are in the engine repository the source is held under (host/path for a pulled image).
   */
  async tag(viewer: Viewer | null, imageId: number, names: readonly string[], sourceTag?: string | null) {
    const image = await this.images.requireWritable(viewer, imageId, ['input', 'imageId'], 'tag')
    const wanted = this.checkNames(names)
    const source = await this.engineSource(image, sourceTag)
    const existing = await this.db.tag.findMany({ where: { imageId, name: { in: wanted } }, select: { name: true } })
    const have = new Set(existing.map((t) => t.name))
    const missing = wanted.filter((name) => !have.has(name))

    const tagged: string[] = []
    // New names go beside the source, on the engine that holds it.
    const engineImages = this.engines.images(source?.engineId)
    const untagOnEngine = () =>
      Promise.allSettled(tagged.map((reference) => engineImages.removeReference(reference, { prune: false, field: [] })))
    const held = (name: string) => (source ? { ...source.record, engineReference: siblingReference(source.reference, name), engineId: source.engineId } : {})
    try {
      if (source) {
        for (const name of missing) {
          await engineImages.tag(source.record.engineImageId, engineRepositoryOf(source.reference), name)
          tagged.push(siblingReference(source.reference, name))
        }
      }
      // A concurrent call adding the same name makes the insert a unique violation once it
      // commits; the next attempt finds that tag and keeps it, as for any existing tag.
      const result = await transaction(
        this.db,
        async (tx) => {
          const raced = await tx.tag.findMany({ where: { imageId, name: { in: missing } }, select: { name: true } })
          const create = missing.filter((name) => !raced.some((t) => t.name === name))
          await tx.tag.createMany({ data: create.map((name) => ({ imageId, name, ...held(name) })) })
          const tags = await tx.tag.findMany({ where: { imageId, name: { in: wanted } }, orderBy: { id: 'asc' } })
          // The payload shows the image as this change left it, not as it was read before.
          const touched = await tx.image.update({ where: { id: imageId }, data: { updatedAt: new Date() } })
          return { image: touched, tags, added: missing }
        },
        { retryIf: isUniqueViolation },
      )
      this.bus.imageChanged(imageId, 'tagged')
      return result
    } catch (error) {
      // All-or-nothing holds on the engine too: names tagged there before the failure go.
      await untagOnEngine()
      throw error
    }
  }

  /**
   * What new tags point at on the engine, and the source's engine reference they sit beside;
   * null when the image is not there (catalog-only tagging).
   */
  private async engineSource(
    image: { id: number; name: string },
    sourceTag: string | null | undefined,
  ): Promise<{ record: EngineImageRecord; reference: string; engineId: number | null } | null> {
    const field = ['input', 'sourceTag']
    let source: { name: string; digest: string | null; engineImageId: string | null; engineReference: string | null; engineId: number | null } | null
    if (sourceTag != null) {
      checkTagName(sourceTag, field)
      source = await this.db.tag.findUnique({ where: { imageId_name: { imageId: image.id, name: sourceTag } } })
      if (!source) throw new UserInputError('NOT_FOUND', field, `${image.name} has no tag ${sourceTag}`)
      if (!source.engineImageId) throw new UserInputError('INVALID', field, `${image.name}:${sourceTag} is not on the Docker engine (never built, pulled or imported)`)
    } else {
      source = await this.db.tag.findFirst({ where: { imageId: image.id, engineImageId: { not: null } }, orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }] })
      if (!source) return null
    }
    const engineImages = this.engines.images(source.engineId)
    await engineImages.requireReachable()
    const reference = engineReferenceOf(source, image.name)
    const info = await engineImages.inspect(source.engineImageId!)
    if (!info) {
      if (sourceTag != null) throw new UserInputError('INVALID', field, `The engine no longer has the image of ${image.name}:${sourceTag}`)
      // Removed from the engine behind the catalog's back: nothing there to point at.
      return null
    }
    const record = recordOf(info, engineRepositoryOf(reference))
    // The source's digest stays right for every name in the same repository.
    return { record: { ...record, digest: source.digest ?? record.digest }, reference, engineId: source.engineId }
  }

  /** Makes a tag immutable (or mutable again): a protected tag cannot be rebuilt, re-pulled, untagged or removed. */
  async setProtected(viewer: Viewer | null, imageId: number, name: string, isProtected: boolean) {
    const image = await this.images.requireWritable(viewer, imageId, ['input', 'imageId'], 'protect')
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
    const image = await this.images.requireWritable(viewer, imageId, ['input', 'imageId'], 'tag')
    const doomed = this.checkNames(names)
    const field = (name: string) => ['input', 'tags', String(names.indexOf(name))]
    const existing = await this.db.tag.findMany({ where: { imageId, name: { in: doomed } }, select: { ...ENGINE_TAG_FIELDS, protected: true } })
    const absent = doomed.find((name) => !existing.some((t) => t.name === name))
    if (absent !== undefined) throw new UserInputError('NOT_FOUND', field(absent), `${image.name} has no tag ${absent}`)
    const locked = existing.find((t) => t.protected)
    if (locked) throw protectedTag(image.name, locked.name, field(locked.name))

    const onEngines = byEngine(existing.filter((t) => t.engineImageId).map((t) => ({ name: t.name, reference: engineReferenceOf(t, image.name), engineId: t.engineId })))
    // Every engine is checked before any name goes from any of them.
    for (const [engineId, onEngine] of onEngines) {
      await this.engines.images(engineId).requireReachable()
      await this.refuseOrphaningUsedImages(this.engines.images(engineId), onEngine, field)
    }
    for (const [engineId, onEngine] of onEngines) {
      for (const { name, reference } of onEngine) await this.engines.images(engineId).removeReference(reference, { prune: false, field: field(name) })
    }
    const result = await transaction(this.db, async (tx) => {
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
  private async refuseOrphaningUsedImages(engineImages: EngineImages, doomed: { name: string; reference: string }[], field: (name: string) => string[]) {
    const doomedRefs = new Set(doomed.map((t) => t.reference))
    const byImage = new Map<string, { tags: { name: string; reference: string }[]; left: string[] }>()
    for (const tag of doomed) {
      const info = await engineImages.inspect(tag.reference)
      if (!info) continue
      const entry = byImage.get(info.Id) ?? { tags: [], left: (info.RepoTags ?? []).filter((ref) => !doomedRefs.has(ref)) }
      entry.tags.push(tag)
      byImage.set(info.Id, entry)
    }
    const orphaned = [...byImage].filter(([, { left }]) => left.length === 0)
    if (orphaned.length === 0) return
    const containers = await engineImages.containers()
    for (const [engineImageId, { tags }] of orphaned) {
      const users = containers.filter((c) => c.imageId === engineImageId)
      if (users.length > 0) {
        throw new UserInputError(
          'IMAGE_IN_USE',
          field(tags[0]!.name),
          `${tags.map((t) => t.reference).join(', ')} ${tags.length === 1 ? 'is' : 'are'} the last name of an image that containers use: ${describeContainers(users)}. Remove the containers first, or keep another tag on the image.`,
        )
      }
    }
  }

  /**
   * Adds an image the engine holds to the catalog as name:tag: the Image (owned by the
   * viewer) when the catalog has none of that name, and the Tag with what the engine says.
   * A registry host in the reference is where the engine keeps it, not part of the catalog's
   * name: host/team/web:1 is tag 1 of team/web, as a pull records it. Importing again
   * refreshes the tag. `name`, when given, is the catalog image instead of the repository path.
   */
  async importLocal(viewer: Viewer | null, reference: string, engineName?: string | null, name?: string | null) {
    const admin = requireAdmin(viewer)
    const field = ['input', 'reference']
    const ref = parseReference(reference, field)
    if (!ref.tag || ref.digest) throw new UserInputError('INVALID', field, `"${reference}" is not [host/]name:tag, e.g. team/web:1.0`)
    const nameField = name == null ? field : ['input', 'name']
    const parts = { name: name == null ? ref.path : checkImageName(name, nameField), tag: checkTagName(ref.tag, field) }
    // The engine's own spelling: Docker Hub's hosts left out, as in its RepoTags.
    const engineReference = `${repositoryOf(ref)}:${ref.tag}`
    const engine = await this.engines.named(engineName, ['input', 'engine'])
    const engineImages = engine.images
    await engineImages.requireReachable()
    const info = await engineImages.inspect(engineReference)
    // An id or digest would also inspect; only a name:tag the engine holds is importable.
    if (!info || !(info.RepoTags ?? []).includes(engineReference)) throw notFound(field, `${reference} on the Docker engine`)

    const existing = await this.images.findVisible(admin, { name: parts.name })
    const image =
      existing ??
      (await this.images.create(admin, { name: parts.name }).catch((error) => {
        // The name came from `reference` (or `name`): the error names that field.
        if (error instanceof UserInputError && error.userErrors[0]) throw new UserInputError(error.userErrors[0].code, nameField, error.message)
        throw error
      }))
    await this.requireUnprotected(image.id, parts.tag, field)
    const record = { ...recordOf(info, repositoryOf(ref)), engineReference, engineId: engine.id }
    // An upsert is a read and then an insert: two imports of one new tag at once race on the insert.
    const { before, ...imported } = await transaction(
      this.db,
      async (tx) => {
        const before = await tx.tag.findUnique({ where: { imageId_name: { imageId: image.id, name: parts.tag } } })
        // A build is the tag's origin only while the tag still points at what it built.
        const buildId = before?.engineImageId === record.engineImageId ? before.buildId : null
        const tag = await tx.tag.upsert({
          where: { imageId_name: { imageId: image.id, name: parts.tag } },
          create: { imageId: image.id, name: parts.tag, ...record },
          update: { ...record, buildId },
        })
        const touched = await tx.image.update({ where: { id: image.id }, data: { updatedAt: new Date() } })
        return { image: touched, tag, before }
      },
      { retryIf: isUniqueViolation },
    )
    await releaseFormerReference(this.engines.images(before?.engineId), before, image.name, engineReference)
    this.bus.imageChanged(image.id, 'imported')
    return imported
  }

  /**
   * Which of these engine references (name:tag, as the engine lists them) hold a catalog tag
   * the viewer can see: localImages' inCatalog.
   */
  async catalogReferences(viewer: Viewer | null, references: readonly string[]): Promise<Set<string>> {
    const wanted = new Set(references)
    if (wanted.size === 0) return wanted
    // Recorded engine names, or (for tags without one) the catalog's own name:tag.
    const names = [...new Set(references.map((reference) => engineRepositoryOf(reference)))]
    const tags = await this.db.tag.findMany({
      where: {
        image: visibleImages(viewer),
        OR: [{ engineReference: { in: [...wanted] } }, { engineReference: null, image: { name: { in: names } } }],
      },
      select: { name: true, engineReference: true, image: { select: { name: true } } },
    })
    return new Set(tags.map((tag) => engineReferenceOf(tag, tag.image.name)).filter((reference) => wanted.has(reference)))
  }
}

const protectedTag = (imageName: string, tagName: string, field: string[]) =>
  new UserInputError('PROTECTED', field, `${imageName}:${tagName} is protected; unprotect it first`)
