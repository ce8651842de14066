// Paging through images: cursors walk every visible image once, in order, in both
// directions; page sizes default to 20 and stop at 100; bad cursors are the caller's fault.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImagesPaginationPageQuery } from './gql/graphql.js'
import { graphql } from './gql/index.js'
import { ADMIN_ID, expectError } from './support/images-fixtures.js'
import { createWorld, type World } from './support/world.js'

const ImagesPaginationPage = graphql(`
  query ImagesPaginationPage(
    $first: Int
    $after: String
    $last: Int
    $before: String
    $filter: ImageFilter
    $orderBy: ImageOrder
  ) {
    images(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { name } }
    }
  }
`)

type PageArgs = { filter?: Record<string, unknown>; orderBy?: { field: 'NAME' | 'CREATED_AT' | 'UPDATED_AT' | 'STAR_COUNT'; direction: 'ASC' | 'DESC' } }

let world: World
let alice: { id: number; token: string }
let bob: { id: number; token: string }
const PUBLIC = Array.from({ length: 120 }, (_, i) => `page/img-${String(i).padStart(3, '0')}`)
const PRIVATE = ['page/private-a', 'page/private-b', 'page/private-c']

/** Follows endCursor forwards from the start; returns every name seen and each page's totalCount. */
async function walkForward(pageSize: number, args: PageArgs, token?: string | null) {
  const seen: string[] = []
  const totals = new Set<number>()
  let after: string | null = null
  for (let guard = 0; guard < 50; guard++) {
    const { images }: ImagesPaginationPageQuery = await world.ok(ImagesPaginationPage, { first: pageSize, after, ...args } as never, { token })
    seen.push(...images.edges.map((e) => e.node.name))
    totals.add(images.totalCount)
    expect(images.pageInfo.hasPreviousPage).toBe(after !== null)
    if (!images.pageInfo.hasNextPage) return { seen, totals: [...totals] }
    expect(images.edges).toHaveLength(pageSize)
    after = images.pageInfo.endCursor ?? null
  }
  throw new Error('did not reach the last page')
}

/** Follows startCursor backwards from the end; returns names in list order. */
async function walkBackward(pageSize: number, args: PageArgs, token?: string | null) {
  const pages: string[][] = []
  let before: string | null = null
  for (let guard = 0; guard < 50; guard++) {
    const { images }: ImagesPaginationPageQuery = await world.ok(ImagesPaginationPage, { last: pageSize, before, ...args } as never, { token })
    pages.unshift(images.edges.map((e) => e.node.name))
    expect(images.pageInfo.hasNextPage).toBe(before !== null)
    if (!images.pageInfo.hasPreviousPage) return pages.flat()
    before = images.pageInfo.startCursor ?? null
  }
  throw new Error('did not reach the first page')
}

beforeAll(async () => {
  world = await createWorld()
  alice = await world.createUser('alice')
  bob = await world.createUser('bob')
  // One createMany: many rows share createdAt, starCount and updatedAt, so only the id breaks ties.
  const sameTime = new Date(Date.UTC(2024, 5, 1))
  await world.app.db.image.createMany({
    data: [
      ...PUBLIC.map((name, i) => ({ name, ownerId: ADMIN_ID, starCount: i % 3, createdAt: sameTime, updatedAt: sameTime })),
      ...PRIVATE.map((name) => ({ name, ownerId: alice.id, isPrivate: true, createdAt: sameTime, updatedAt: sameTime })),
    ],
  })
})
afterAll(() => world?.dispose())

describe('images: forward and backward paging', () => {
  it('first/after walks every image once, in order, with a constant totalCount', async () => {
    const { seen, totals } = await walkForward(25, { orderBy: { field: 'NAME', direction: 'ASC' } }, bob.token)
    expect(seen).toEqual(PUBLIC)
    expect(totals).toEqual([120])
  })

  it('last/before walks the same list from the end', async () => {
    expect(await walkBackward(25, { orderBy: { field: 'NAME', direction: 'ASC' } }, bob.token)).toEqual(PUBLIC)
    expect(await walkBackward(7, { orderBy: { field: 'NAME', direction: 'DESC' } }, null)).toEqual([...PUBLIC].reverse())
  })

  it('pages stay gap-free when the order column is tied everywhere', async () => {
    for (const field of ['CREATED_AT', 'UPDATED_AT', 'STAR_COUNT'] as const) {
      for (const direction of ['ASC', 'DESC'] as const) {
        const { seen } = await walkForward(17, { orderBy: { field, direction } }, null)
        expect(new Set(seen).size, `${field} ${direction}`).toBe(120)
        expect([...seen].sort()).toEqual(PUBLIC)
      }
    }
  })

  it("includes the viewer's own private images and no one else's", async () => {
    const asAlice = await walkForward(30, { orderBy: { field: 'NAME', direction: 'ASC' } }, alice.token)
    expect(asAlice.seen).toEqual([...PUBLIC, ...PRIVATE].sort())
    expect(asAlice.totals).toEqual([123])
    const asAdmin = await walkForward(50, { orderBy: { field: 'NAME', direction: 'ASC' } })
    expect(asAdmin.seen).toEqual(PUBLIC)
    expect(asAdmin.totals).toEqual([120])
  })

  it('totalCount and pages follow the filter', async () => {
    const filter = { nameContains: 'img-00' }
    const { seen, totals } = await walkForward(4, { filter, orderBy: { field: 'NAME', direction: 'DESC' } }, null)
    expect(seen).toEqual(PUBLIC.slice(0, 10).reverse())
    expect(totals).toEqual([10])
  })

  it('a cursor continues from the right place', async () => {
    const first = await world.ok(ImagesPaginationPage, { first: 3, orderBy: { field: 'NAME', direction: 'ASC' } })
    const cursor = first.images.edges[1]!.cursor
    const next = await world.ok(ImagesPaginationPage, { first: 2, after: cursor, orderBy: { field: 'NAME', direction: 'ASC' } })
    expect(next.images.edges.map((e) => e.node.name)).toEqual(PUBLIC.slice(2, 4))
    const previous = await world.ok(ImagesPaginationPage, { last: 5, before: cursor, orderBy: { field: 'NAME', direction: 'ASC' } })
    expect(previous.images.edges.map((e) => e.node.name)).toEqual(PUBLIC.slice(0, 1))
    expect(previous.images.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true })
  })
})

describe('images: page sizes', () => {
  it('defaults to 20 per page', async () => {
    const { images } = await world.ok(ImagesPaginationPage, { orderBy: { field: 'NAME', direction: 'ASC' } }, { token: null })
    expect(images.edges.map((e) => e.node.name)).toEqual(PUBLIC.slice(0, 20))
    expect(images.pageInfo.hasNextPage).toBe(true)
    expect(images.totalCount).toBe(120)
  })

  it('gives at most 100 per page', async () => {
    const forward = await world.ok(ImagesPaginationPage, { first: 500, orderBy: { field: 'NAME', direction: 'ASC' } }, { token: null })
    expect(forward.images.edges.map((e) => e.node.name)).toEqual(PUBLIC.slice(0, 100))
    expect(forward.images.pageInfo.hasNextPage).toBe(true)
    const backward = await world.ok(ImagesPaginationPage, { last: 101, orderBy: { field: 'NAME', direction: 'ASC' } }, { token: null })
    expect(backward.images.edges.map((e) => e.node.name)).toEqual(PUBLIC.slice(20))
  })

  it('first: 0 gives an empty page that still counts', async () => {
    const { images } = await world.ok(ImagesPaginationPage, { first: 0 }, { token: null })
    expect(images.edges).toEqual([])
    expect(images.totalCount).toBe(120)
  })
})

describe('images: bad paging arguments', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64')

  it.each([
    ['not base64 at all', '!!!'],
    ['base64 of something else', b64('hello')],
    ['a cursor of another plugin', b64('arrayconnection:3')],
    ['a string where the id is a number', b64('GPC:S:abc')],
    ['a fractional id', b64('GPC:N:1.5')],
    ['a number that is not one', b64('GPC:N:abc')],
  ])('refuses %s as a cursor with BAD_USER_INPUT', async (_what, cursor) => {
    // Refused before anything runs: a 400 with no data at all.
    for (const args of [{ first: 5, after: cursor }, { last: 5, before: cursor }]) {
      const result = await world.run(ImagesPaginationPage, args)
      expectError(result, 'BAD_USER_INPUT')
      expect(result.errors![0]!.message).toBe(`Invalid cursor: ${cursor}`)
      expect(result.status).toBe(400)
      expect(result.data).toBeUndefined()
    }
  })

  it('refuses negative sizes and contradictory arguments with BAD_USER_INPUT', async () => {
    expectError(await world.run(ImagesPaginationPage, { first: -1 }), 'BAD_USER_INPUT')
    expectError(await world.run(ImagesPaginationPage, { last: -5 }), 'BAD_USER_INPUT')
    const { images } = await world.ok(ImagesPaginationPage, { first: 2 })
    const cursor = images.pageInfo.endCursor!
    expectError(await world.run(ImagesPaginationPage, { after: cursor, before: cursor }), 'BAD_USER_INPUT')
    expectError(await world.run(ImagesPaginationPage, { first: 2, before: cursor }), 'BAD_USER_INPUT')
    expectError(await world.run(ImagesPaginationPage, { last: 2, after: cursor }), 'BAD_USER_INPUT')
  })
})
