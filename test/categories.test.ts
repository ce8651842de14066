// Categories: a shared vocabulary that only administrators shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.js'
import { createWorld, type World, gid } from './support/world.js'

const CategoriesList = graphql(`
  query CategoriesList($first: Int, $after: String) {
    categories(first: $first, after: $after) {
      totalCount
      nodes { id name createdAt }
      pageInfo { hasNextPage endCursor }
    }
  }
`)

const CategoriesCreate = graphql(`
  mutation CategoriesCreate($input: CreateCategoryInput!) {
    createCategory(input: $input) {
      category { id name createdAt }
      userErrors { field message code }
    }
  }
`)

const CategoriesDelete = graphql(`
  mutation CategoriesDelete($input: DeleteCategoryInput!) {
    deleteCategory(input: $input) {
      deletedCategoryId
      userErrors { field message code }
    }
  }
`)

const CategoriesOfImage = graphql(`
  query CategoriesOfImage($name: String!) {
    image(name: $name) { name categories { totalCount nodes { name } } }
  }
`)

const idOf = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1])

describe('categories', () => {
  let world: World
  let member: { id: number; token: string }

  beforeAll(async () => {
    world = await createWorld()
    member = await world.createUser('cat-member')
  })
  afterAll(() => world?.dispose())

  async function createCategory(name: string) {
    const data = await world.ok(CategoriesCreate, { input: { name } })
    expect(data.createCategory.userErrors).toEqual([])
    const category = data.createCategory.category!
    return { ...category, dbId: idOf(category.id) }
  }

  describe('categories query', () => {
    it('lists every category ordered by name, with totalCount, for anyone', async () => {
      for (const name of ['zeta', 'alpha', 'mid']) await createCategory(name)
      const expected = (await world.app.db.category.findMany({ select: { name: true } })).map((c) => c.name).sort()
      for (const token of [undefined, member.token, null]) {
        const data = await world.ok(CategoriesList, {}, { token })
        expect(data.categories.totalCount).toBe(expected.length)
        expect(data.categories.nodes.map((c) => c.name)).toEqual(expected)
      }
      expect(expected.slice(0, 3)).toEqual(['alpha', 'mid', 'zeta'])
    })

    it('pages with first/after while totalCount counts them all', async () => {
      const total = await world.app.db.category.count()
      const first = await world.ok(CategoriesList, { first: 2 })
      expect(first.categories.nodes).toHaveLength(2)
      expect(first.categories.totalCount).toBe(total)
      expect(first.categories.pageInfo.hasNextPage).toBe(true)
      const rest = await world.ok(CategoriesList, { first: 100, after: first.categories.pageInfo.endCursor })
      expect(rest.categories.nodes).toHaveLength(total - 2)
      const seen = [...first.categories.nodes, ...rest.categories.nodes].map((c) => c.name)
      expect(new Set(seen).size).toBe(total)
    })
  })

  describe('createCategory', () => {
    it('creates a category, trimming the name', async () => {
      const data = await world.ok(CategoriesCreate, { input: { name: '  databases  ' } })
      expect(data.createCategory.userErrors).toEqual([])
      expect(data.createCategory.category).toMatchObject({ name: 'databases', createdAt: expect.any(String) })
      expect(await world.app.db.category.findUnique({ where: { name: 'databases' } })).not.toBeNull()
    })

    it.each([
      ['empty', ''],
      ['blank', '   '],
      ['longer than 64 characters', 'c'.repeat(65)],
    ])('refuses a name that is %s, writing nothing', async (_what, name) => {
      const before = await world.app.db.category.count()
      const data = await world.ok(CategoriesCreate, { input: { name } })
      expect(data.createCategory.category).toBeNull()
      expect(data.createCategory.userErrors).toEqual([{ field: ['input', 'name'], code: 'INVALID', message: expect.any(String) }])
      expect(await world.app.db.category.count()).toBe(before)
    })

    it('accepts a name of exactly 64 characters', async () => {
      const category = await createCategory('d'.repeat(64))
      expect(category.name).toHaveLength(64)
    })

    it('refuses a duplicate name (TAKEN), also after trimming', async () => {
      await createCategory('networking')
      const before = await world.app.db.category.count()
      for (const name of ['networking', ' networking ']) {
        const data = await world.ok(CategoriesCreate, { input: { name } })
        expect(data.createCategory.category).toBeNull()
        expect(data.createCategory.userErrors).toEqual([{ field: ['input', 'name'], code: 'TAKEN', message: expect.stringContaining('networking') }])
      }
      expect(await world.app.db.category.count()).toBe(before)
    })

    it('is for administrators only', async () => {
      const asMember = await world.run(CategoriesCreate, { input: { name: 'by-member' } }, { token: member.token })
      expect(asMember.data).toBeNull()
      expect(asMember.errors).toEqual([expect.objectContaining({ path: ['createCategory'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })])
      const asAnon = await world.run(CategoriesCreate, { input: { name: 'by-anon' } }, { token: null })
      expect(asAnon.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })])
      expect(await world.app.db.category.findMany({ where: { name: { in: ['by-member', 'by-anon'] } } })).toEqual([])
    })

    it('checks access before input: a member gets FORBIDDEN even for an invalid name', async () => {
      const result = await world.run(CategoriesCreate, { input: { name: '' } }, { token: member.token })
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    })
  })

  describe('deleteCategory', () => {
    it('removes the category from its images and keeps the images', async () => {
      const doomed = await createCategory('doomed')
      const kept = await createCategory('kept')
      const image = await world.app.db.image.create({
        data: { name: 'cat/tagged', ownerId: 1, categories: { connect: [{ id: doomed.dbId }, { id: kept.dbId }] } },
      })
      const before = await world.ok(CategoriesOfImage, { name: 'cat/tagged' })
      expect(before.image!.categories.nodes.map((c) => c.name)).toEqual(['doomed', 'kept'])

      const data = await world.ok(CategoriesDelete, { input: { id: doomed.id } })
      expect(data.deleteCategory).toEqual({ deletedCategoryId: doomed.id, userErrors: [] })

      expect(await world.app.db.category.findUnique({ where: { id: doomed.dbId } })).toBeNull()
      const after = await world.ok(CategoriesOfImage, { name: 'cat/tagged' })
      expect(after.image).toMatchObject({ name: 'cat/tagged', categories: { totalCount: 1, nodes: [{ name: 'kept' }] } })
      expect(await world.app.db.image.findUnique({ where: { id: image.id } })).not.toBeNull()
    })

    it('answers NOT_FOUND for an unknown category, INVALID_ID for a bad id', async () => {
      const missing = await world.ok(CategoriesDelete, { input: { id: gid('Category', 999_999) } })
      expect(missing.deleteCategory).toEqual({
        deletedCategoryId: null,
        userErrors: [{ field: ['input', 'id'], code: 'NOT_FOUND', message: 'Category does not exist' }],
      })
      for (const id of ['%%%', gid('Registry', 1), gid('Category', 0)]) {
        const bad = await world.ok(CategoriesDelete, { input: { id } })
        expect(bad.deleteCategory.userErrors).toEqual([{ field: ['input', 'id'], code: 'INVALID_ID', message: expect.any(String) }])
      }
    })

    it('answers NOT_FOUND when deleting the same category twice', async () => {
      const once = await createCategory('twice')
      expect((await world.ok(CategoriesDelete, { input: { id: once.id } })).deleteCategory.userErrors).toEqual([])
      const again = await world.ok(CategoriesDelete, { input: { id: once.id } })
      expect(again.deleteCategory.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })])
    })

    it('is for administrators only, and nothing is removed', async () => {
      const category = await createCategory('protected')
      const image = await world.app.db.image.create({ data: { name: 'cat/protected', ownerId: member.id, categories: { connect: [{ id: category.dbId }] } } })
      const asMember = await world.run(CategoriesDelete, { input: { id: category.id } }, { token: member.token })
      expect(asMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      const asAnon = await world.run(CategoriesDelete, { input: { id: category.id } }, { token: null })
      expect(asAnon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
      const stored = await world.app.db.image.findUniqueOrThrow({ where: { id: image.id }, include: { categories: true } })
      expect(stored.categories.map((c) => c.name)).toEqual(['protected'])
    })
  })
})
