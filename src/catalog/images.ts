// Images: the catalog's central record. Reads always go through visibility; writes need the
// permission visibility.ts gives (WRITE, or ADMIN for settings and deletes), and a name in a
// namespace the writer may write (namespaces.ts).
import { actingUser, requireViewer, type Viewer } from '../auth/viewer.js'
import { DbNull, type Db, type Prisma } from '../db/client.js'
import { transaction } from '../db/transactions.js'
import { describeContainers, type EnginesByTag } from '../docker/images.js'
import { isUniqueViolation, notFound, UserInputError } from '../errors.js'
import type { EventBus } from '../events/bus.js'
import type { SourceStore } from '../versions/source-store.js'
import { byEngine, ENGINE_TAG_FIELDS, engineReferenceOf } from './engine-references.js'
import { allTagsBuilt, imagesWithBuildState, type ImageState } from './image-state.js'
import {
  checkHttpUrl,
  checkImageName,
  checkList,
  checkMetadata,
  checkNonNegativeInt,
  checkText,
  type FieldPath,
} from './rules.js'
import { writableNamespace } from './namespaces.js'
import { requirePermission, requireScopeFor, visibleImages, type ImageOperation } from './visibility.js'

export interface ImageFilter {
  nameContains?: string | null
  /** Images in any of these categories. */
  categories?: readonly string[] | null
  registryId?: number | null
  isPrivate?: boolean | null
  jumpstart?: boolean | null
  /** Images that carry every one of these tags (Sahara's filter). */
  tags?: readonly string[] | null
  state?: ImageState | null
  owner?: string | null
}

export type ImageOrderField = 'NAME' | 'CREATED_AT' | 'UPDATED_AT' | 'STAR_COUNT'
export interface ImageOrder {
  field: ImageOrderField
  direction: 'ASC' | 'DESC'
}

/** Fields every write may set. `undefined` leaves a field alone; `null` clears it. */
export interface ImageFields {
  name?: string
  description?: string | null
  iconUrl?: string | null
  isPrivate?: boolean | null
  jumpstart?: boolean | null
  registryId?: number | null
  categoryIds?: readonly number[] | null
  loginUsername?: string | null
  minDiskGb?: number | null
  minRamMb?: number | null
  metadata?: unknown
}

const ORDER_COLUMNS: Record<ImageOrderField, 'name' | 'createdAt' | 'updatedAt' | 'starCount'> = {
  NAME: 'name',
  CREATED_AT: 'createdAt',
  UPDATED_AT: 'updatedAt',
  STAR_COUNT: 'starCount',
}

type PrismaQuery = { include?: Prisma.ImageInclude; select?: Prisma.ImageSelect }

export class ImageManager {
  constructor(
    private readonly db: Db,
    private readonly sources: SourceStore,
    private readonly bus: EventBus,
    private readonly engines: EnginesByTag,
  ) {}

  /** The image's id now and after every change, for as long as the caller listens. */
  async *follow(viewer: Viewer | null, id: number): AsyncGenerator<number> {
    const changes = this.bus.subscribe(`image/${id}`)
    try {
      if (!(await this.findVisible(viewer, { id }))) throw notFound(['imageId'], 'Image')
      yield id
      for await (const { change } of changes) {
        // Gone, or no longer the viewer's to see: the stream ends, saying nothing of what it became.
        if (change === 'deleted' || !(await this.findVisible(viewer, { id }))) return
        yield id
      }
    } finally {
      changes.close()
    }
  }

  async findVisible(viewer: Viewer | null, by: { id: number } | { name: string }, query: PrismaQuery = {}) {
    return this.db.image.findFirst({ ...query, where: { AND: [by, visibleImages(viewer)] } })
  }

  /**
   * An image the viewer may do `operation` to (see visibility.ts for what each needs); a missing
   * or invisible one is NOT_FOUND on `field`.
   */
  async requireWritable(viewer: Viewer | null, id: number, field: FieldPath, operation: ImageOperation) {
    const signedIn = requireViewer(viewer)
    const image = await this.findVisible(signedIn, { id })
    if (!image) throw notFound(field, 'Image')
    requirePermission(image, signedIn, operation)
    return image
  }

  async where(viewer: Viewer | null, filter: ImageFilter = {}): Promise<Prisma.ImageWhereInput> {
    const and: Prisma.ImageWhereInput[] = [visibleImages(viewer)]
    if (filter.nameContains) and.push(await this.nameContainsWhere(filter.nameContains))
    if (filter.categories?.length) and.push({ categories: { some: { name: { in: [...filter.categories] } } } })
    if (filter.registryId != null) and.push({ registryId: filter.registryId })
    if (filter.isPrivate != null) and.push({ isPrivate: filter.isPrivate })
    if (filter.jumpstart != null) and.push({ jumpstart: filter.jumpstart })
    for (const tag of new Set(filter.tags ?? [])) and.push({ tags: { some: { name: tag } } })
    if (filter.owner) and.push({ owner: { name: filter.owner } })
    if (filter.state) and.push(await this.stateWhere(filter.state))
    return { AND: and }
  }

  private async nameContainsWhere(needle: string): Promise<Prisma.ImageWhereInput> {
    // Names are lowercase by grammar, so lowering the needle makes the match case-blind on both databases.
    const lowered = needle.toLowerCase()
    if (!/[_%\\]/.test(lowered)) return { name: { contains: lowered } }
    // Prisma's `contains` passes LIKE wildcards through, and '_' is legal in names: escape it
    // ourselves. '%' and a backslash never occur in a name, so nothing can match them.
    if (/[%\\]/.test(lowered)) return { id: { in: [] } }
    const pattern = `%${lowered.replaceAll('_', '\\_')}%`
    const rows = await this.db.$queryRaw<{ id: number | bigint }[]>`SELECT "id" FROM "Image" WHERE "name" LIKE ${pattern} ESCAPE '\\'`
    return { id: { in: rows.map((row) => Number(row.id)) } }
  }

  private async stateWhere(state: ImageState): Promise<Prisma.ImageWhereInput> {
    const { building, failed } = await imagesWithBuildState(this.db)
    if (state === 'BUILDING') return { id: { in: building } }
    if (state === 'FAILED') return { id: { in: failed } }
    const settled: Prisma.ImageWhereInput = { id: { notIn: [...building, ...failed] } }
    return { AND: [settled, state === 'SUCCESS' ? allTagsBuilt : { NOT: allTagsBuilt }] }
  }

  orderBy(order: ImageOrder | null | undefined): Prisma.ImageOrderByWithRelationInput[] {
    const { field, direction } = order ?? { field: 'CREATED_AT', direction: 'DESC' }
    const dir = direction === 'ASC' ? 'asc' : 'desc'
    // The id breaks ties so cursors stay stable when many rows share a value.
    return [{ [ORDER_COLUMNS[field]]: dir }, { id: dir }]
  }

  /** A page of images; `where` comes from where(), made once per request for list and count. */
  list(where: Prisma.ImageWhereInput, order: ImageOrder | null | undefined, query: object) {
    return this.db.image.findMany({ ...query, where, orderBy: this.orderBy(order) })
  }

  count(where: Prisma.ImageWhereInput) {
    return this.db.image.count({ where })
  }

  async create(viewer: Viewer | null, fields: ImageFields & { name: string }) {
    const owner = requireViewer(viewer)
    const { categoryIds, ...data } = await this.checkFields(fields)
    const organizationId = await writableNamespace(this.db, owner, fields.name, ['input', 'name'])
    requireScopeFor(fields.name, owner, ['TAG', 'BUILD', 'PUSH', 'PULL'])
    try {
      return await this.db.image.create({
        data: {
          ...data,
          name: fields.name,
          ownerId: actingUser(owner).id,
          organizationId,
          categories: categoryIds && { connect: categoryIds.map((id) => ({ id })) },
        },
      })
    } catch (error) {
      throw this.nameTakenOr(error, fields.name)
    }
  }

  async update(viewer: Viewer | null, id: number, fields: ImageFields) {
    const current = await this.requireWritable(viewer, id, ['input', 'id'], 'settings')
    const { categoryIds, ...data } = await this.checkFields(fields)
    // A new name may move it to another namespace, which the viewer must be able to write too.
    const organizationId =
      data.name !== undefined && data.name !== current.name ? await writableNamespace(this.db, viewer!, data.name, ['input', 'name']) : current.organizationId
    let image
    try {
      image = await this.db.image.update({
        where: { id },
        data: { ...data, organizationId, categories: categoryIds && { set: categoryIds.map((c) => ({ id: c })) } },
      })
    } catch (error) {
      throw this.nameTakenOr(error, fields.name)
    }
    this.bus.imageChanged(id, 'updated')
    return image
  }

  /**
   * Forgets the image with its tags, versions, builds and logs (Fandogh's delete).
   * Source archives no other version uses are removed from disk afterwards.
   * Unless `metaOnly`, every name:tag the engine holds its tags under goes from the engine
   * first (the image itself goes with its last name; names outside the catalog keep it).
   * Containers using it make that IMAGE_IN_USE, or with `cascade` are stopped and removed
   * first. An image none of whose tags is on the engine needs no engine.
   */
  async delete(viewer: Viewer | null, id: number, options: { cascade?: boolean; metaOnly?: boolean } = {}) {
    const image = await this.requireWritable(viewer, id, ['input', 'id'], 'delete')
    const locked = await this.db.tag.findFirst({ where: { imageId: id, protected: true }, select: { name: true } })
    if (locked) throw new UserInputError('PROTECTED', ['input', 'id'], `${image.name}:${locked.name} is protected; unprotect it before deleting the image`)
    if (!options.metaOnly) await this.deleteFromEngine(image, options.cascade ?? false)
    const versions = await this.db.version.findMany({ where: { imageId: id }, select: { sourceSha256: true } })
    await this.db.image.delete({ where: { id } })
    this.bus.imageChanged(id, 'deleted')
    await this.sources.releaseUnreferenced(versions.map((v) => v.sourceSha256))
    return image
  }

  private async deleteFromEngine(image: { id: number; name: string }, cascade: boolean) {
    const tags = await this.db.tag.findMany({ where: { imageId: image.id }, select: ENGINE_TAG_FIELDS })
    if (!tags.some((t) => t.engineImageId)) return
    // Each engine that holds some of its tags is checked before anything goes from any of them.
    const plans = []
    for (const [engineId, held] of byEngine(tags)) {
      const engineImages = this.engines.images(engineId)
      await engineImages.requireReachable()
      const references = held.map((t) => engineReferenceOf(t, image.name))
      // What the names point at now counts as much as what the catalog recorded.
      const engineIds = new Set(held.flatMap((t) => (t.engineImageId ? [t.engineImageId] : [])))
      for (const reference of references) {
        const info = await engineImages.inspect(reference)
        if (info) engineIds.add(info.Id)
      }
      const users = (await engineImages.containers()).filter((c) => engineIds.has(c.imageId))
      if (users.length > 0 && !cascade) {
        throw new UserInputError(
          'IMAGE_IN_USE',
          ['input', 'id'],
          `Containers use ${image.name}: ${describeContainers(users)}. Remove them first, or delete with cascade: true to stop and remove them.`,
        )
      }
      plans.push({ engineImages, references, users })
    }
    for (const { engineImages, references, users } of plans) {
      if (users.length > 0) await engineImages.stopAndRemove(users)
      for (const reference of references) await engineImages.removeReference(reference, { prune: true, field: ['input', 'id'] })
    }
  }

  async setCategories(viewer: Viewer | null, id: number, categoryIds: readonly number[]) {
    await this.requireWritable(viewer, id, ['input', 'imageId'], 'tag')
    const ids = checkList(categoryIds, ['input', 'categoryIds'], 50)
    await this.requireCategories(ids, ['input', 'categoryIds'])
    const image = await this.db.image.update({ where: { id }, data: { categories: { set: ids.map((c) => ({ id: c })) } } })
    this.bus.imageChanged(id, 'categories')
    return image
  }

  async star(viewer: Viewer | null, id: number, starred: boolean) {
    const user = requireViewer(viewer)
    const image = await this.findVisible(user, { id })
    if (!image) throw notFound(['input', 'imageId'], 'Image')
    // Starring twice, or unstarring what was never starred, changes nothing. The star row
    // itself decides, so two requests of one user at once cannot count twice: a check-then-insert
    // would let both pass the check and fail the second insert on PostgreSQL.
    let changed = true
    if (starred) {
      try {
        await this.db.$transaction([
          this.db.star.create({ data: { userId: user.id, imageId: id } }),
          this.db.image.update({ where: { id }, data: { starCount: { increment: 1 } } }),
        ])
      } catch (error) {
        if (!isUniqueViolation(error)) throw error
        changed = false
      }
    } else {
      changed = await transaction(this.db, async (tx) => {
        const { count } = await tx.star.deleteMany({ where: { userId: user.id, imageId: id } })
        if (count > 0) await tx.image.update({ where: { id }, data: { starCount: { decrement: count } } })
        return count > 0
      })
    }
    if (changed) this.bus.imageChanged(id, 'starred')
    return this.db.image.findUniqueOrThrow({ where: { id } })
  }

  async isStarredBy(viewer: Viewer | null, imageIds: readonly number[]): Promise<boolean[]> {
    if (!viewer) return imageIds.map(() => false)
    const stars = await this.db.star.findMany({ where: { userId: viewer.id, imageId: { in: [...imageIds] } }, select: { imageId: true } })
    const starred = new Set(stars.map((s) => s.imageId))
    return imageIds.map((id) => starred.has(id))
  }

  private nameTakenOr(error: unknown, name: string | undefined) {
    if (isUniqueViolation(error) && name) return new UserInputError('TAKEN', ['input', 'name'], `An image named ${name} already exists`)
    return error
  }

  private async requireCategories(ids: number[], field: FieldPath) {
    const found = await this.db.category.count({ where: { id: { in: ids } } })
    if (found !== ids.length) throw notFound(field, 'One of the categories')
  }

  /** Checks every given field; the result holds only what was given, ready for Prisma. */
  private async checkFields(fields: ImageFields) {
    const at = (name: string): FieldPath => ['input', name]
    const data: Omit<Prisma.ImageUncheckedCreateInput, 'name' | 'ownerId' | 'organizationId' | 'categories'> & { name?: string; categoryIds?: number[] } = {}
    if (fields.name !== undefined) data.name = checkImageName(fields.name, at('name'))
    if (fields.description != null) data.description = checkText(fields.description, at('description'), { max: 4000 })
    if (fields.description === null) data.description = ''
    if (fields.iconUrl !== undefined) data.iconUrl = fields.iconUrl === null ? null : checkHttpUrl(fields.iconUrl, at('iconUrl'))
    if (fields.isPrivate != null) data.isPrivate = fields.isPrivate
    if (fields.jumpstart != null) data.jumpstart = fields.jumpstart
    if (fields.loginUsername !== undefined) {
      data.loginUsername = fields.loginUsername === null ? null : checkText(fields.loginUsername, at('loginUsername'), { min: 1, max: 64 })
    }
    if (fields.minDiskGb !== undefined) data.minDiskGb = fields.minDiskGb === null ? null : checkNonNegativeInt(fields.minDiskGb, at('minDiskGb'))
    if (fields.minRamMb !== undefined) data.minRamMb = fields.minRamMb === null ? null : checkNonNegativeInt(fields.minRamMb, at('minRamMb'))
    if (fields.metadata !== undefined) {
      data.metadata = fields.metadata === null ? DbNull : (checkMetadata(fields.metadata, at('metadata')) as Prisma.InputJsonObject)
    }
    if (fields.registryId !== undefined) {
      if (fields.registryId !== null) {
        const registry = await this.db.registry.findUnique({ where: { id: fields.registryId }, select: { id: true } })
        if (!registry) throw notFound(at('registryId'), 'Registry')
      }
      data.registryId = fields.registryId
    }
    if (fields.categoryIds != null) {
      const ids = checkList(fields.categoryIds, at('categoryIds'), 50)
      await this.requireCategories(ids, at('categoryIds'))
      data.categoryIds = ids
    }
    return data
  }
}
