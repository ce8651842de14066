import { requireAdmin, type Viewer } from '../auth/viewer.js'
import type { Db } from '../db/client.js'
import { isRecordMissing, isUniqueViolation, notFound, UserInputError } from '../errors.js'
import type { EventBus } from '../events/bus.js'
import { checkText } from './rules.js'

/** Categories are a shared vocabulary, so only administrators shape it. */
export class CategoryManager {
  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
  ) {}

  list(query: object) {
    return this.db.category.findMany({ ...query, orderBy: { name: 'asc' } })
  }

  count() {
    return this.db.category.count()
  }

  async create(viewer: Viewer | null, rawName: string) {
    requireAdmin(viewer)
    const name = checkText(rawName, ['input', 'name'], { min: 1, max: 64 })
    try {
      return await this.db.category.create({ data: { name } })
    } catch (error) {
      if (isUniqueViolation(error)) throw new UserInputError('TAKEN', ['input', 'name'], `A category named ${name} already exists`)
      throw error
    }
  }

  /** Images in the category lose it; the images themselves stay. */
  async delete(viewer: Viewer | null, id: number) {
    requireAdmin(viewer)
    try {
      // Read with the delete, so the images told are the ones that lost it.
      const [images, category] = await this.db.$transaction([
        this.db.image.findMany({ where: { categories: { some: { id } } }, select: { id: true } }),
        this.db.category.delete({ where: { id } }),
      ])
      for (const image of images) this.bus.imageChanged(image.id, 'categories')
      return category
    } catch (error) {
      if (isRecordMissing(error)) throw notFound(['input', 'id'], 'Category')
      throw error
    }
  }
}
