// Tags on an image (Sahara's tag/untag). All-or-nothing: one bad name writes nothing.
import type { Viewer } from '../auth/viewer.js'
import type { Db } from '../db/client.js'
import { UserInputError } from '../errors.js'
import type { ImageManager } from './images.js'
import { checkList, checkTagName } from './rules.js'

const MAX_TAGS_PER_CALL = 100

export class TagManager {
  constructor(
    private readonly db: Db,
    private readonly images: ImageManager,
  ) {}

  private checkNames(names: readonly string[]): string[] {
    if (names.length === 0) throw new UserInputError('REQUIRED', ['input', 'tags'], 'Give at least one tag')
    const unique = checkList(names, ['input', 'tags'], MAX_TAGS_PER_CALL)
    unique.forEach((name) => checkTagName(name, ['input', 'tags', String(names.indexOf(name))]))
    return unique
  }

  /** Adds the tags the image does not have yet; ones it has are left as they are. */
  async tag(viewer: Viewer | null, imageId: number, names: readonly string[]) {
    await this.images.requireWritable(viewer, imageId, ['input', 'imageId'])
    const wanted = this.checkNames(names)
    return this.db.$transaction(async (tx) => {
      const existing = await tx.tag.findMany({ where: { imageId, name: { in: wanted } }, select: { name: true } })
      const have = new Set(existing.map((t) => t.name))
      const missing = wanted.filter((name) => !have.has(name))
      await tx.tag.createMany({ data: missing.map((name) => ({ imageId, name })) })
      const tags = await tx.tag.findMany({ where: { imageId, name: { in: wanted } }, orderBy: { id: 'asc' } })
      // The payload shows the image as this change left it, not as it was read before.
      const touched = await tx.image.update({ where: { id: imageId }, data: { updatedAt: new Date() } })
      return { image: touched, tags, added: missing }
    })
  }

  /** Removes exactly these tags; if any is not on the image, nothing is removed. */
  async untag(viewer: Viewer | null, imageId: number, names: readonly string[]) {
    const image = await this.images.requireWritable(viewer, imageId, ['input', 'imageId'])
    const doomed = this.checkNames(names)
    return this.db.$transaction(async (tx) => {
      const existing = await tx.tag.findMany({ where: { imageId, name: { in: doomed } }, select: { name: true } })
      const have = new Set(existing.map((t) => t.name))
      const absent = doomed.find((name) => !have.has(name))
      if (absent !== undefined) {
        throw new UserInputError('NOT_FOUND', ['input', 'tags', String(names.indexOf(absent))], `${image.name} has no tag ${absent}`)
      }
      await tx.tag.deleteMany({ where: { imageId, name: { in: doomed } } })
      const touched = await tx.image.update({ where: { id: imageId }, data: { updatedAt: new Date() } })
      return { image: touched, removed: doomed }
    })
  }
}
