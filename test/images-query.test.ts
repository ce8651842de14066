// Reading images: image(id:|name:), the images list's filters and orders, and Relay
// node/nodes, always through visibility (another user's private image is absent).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.js'
import { expectError, gid, names, seedBuild, seedImage, seedVersion } from './support/images-fixtures.js'
import { createWorld, type World } from './support/world.js'

const ImagesQueryById = graphql(`
  query ImagesQueryById($id: ID) {
    image(id: $id) { id name isPrivate owner { name } }
  }
`)
const ImagesQueryByName = graphql(`
  query ImagesQueryByName($name: String) {
    image(name: $name) { id name }
  }
`)
const ImagesQueryByBoth = graphql(`
  query ImagesQueryByBoth($id: ID, $name: String) {
    image(id: $id, name: $name) { id }
  }
`)
const ImagesQueryList = graphql(`
  query ImagesQueryList($filter: ImageFilter, $orderBy: ImageOrder) {
    images(filter: $filter, orderBy: $orderBy, first: 100) {
      totalCount
      nodes { name }
    }
  }
`)
const ImagesQueryNode = graphql(`
  query ImagesQueryNode($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Image { name }
      ... on Tag { name }
      ... on Version { version }
      ... on Build { targetTag }
    }
  }
`)
const ImagesQueryNodes = graphql(`
  query ImagesQueryNodes($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      id
    }
  }
`)

let world: World
let alice: { id: number; token: string }
let bob: { id: number; token: string }
const ids: Record<string, number> = {}
let mirrorId = 0

/** Sorted names the list returns for `filter`, checked against its totalCount. */
async function listFor(filter: Record<string, unknown> | null, token?: string | null) {
  const data = await world.ok(ImagesQueryList, { filter: filter as never }, { token })
  expect(data.images.totalCount).toBe(data.images.nodes.length)
  return names(data.images).sort()
}

async function ordered(field: 'NAME' | 'CREATED_AT' | 'UPDATED_AT' | 'STAR_COUNT', direction?: 'ASC' | 'DESC') {
  const data = await world.ok(ImagesQueryList, { orderBy: direction ? { field, direction } : { field } }, { token: alice.token })
  return names(data.images)
}

beforeAll(async () => {
  world = await createWorld()
  alice = await world.createUser('alice')
  bob = await world.createUser('bob')
  const { db } = world.app
  mirrorId = (await db.registry.create({ data: { name: 'mirror', url: 'https://mirror.example.test' } })).id
  const [web, dbCat, tools] = await Promise.all(['web', 'db', 'tools'].map((name) => db.category.create({ data: { name } })))
  const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute))
  // createdAt ascends in this order; updatedAt runs in a different order on purpose.
  const seeds = [
    { name: 'team/web', categoryIds: [web!.id], registryId: mirrorId, jumpstart: true, tags: ['latest', '1.0'], starCount: 5, updatedAt: at(50) },
    { name: 'team/api', categoryIds: [web!.id, dbCat!.id], tags: ['latest'], starCount: 2, updatedAt: at(10) },
    { name: 'tools/cli_v2', ownerId: alice.id, categoryIds: [tools!.id], jumpstart: true, tags: ['1.0'], starCount: 9, updatedAt: at(40) },
    { name: 'alice/secret', ownerId: alice.id, isPrivate: true, categoryIds: [web!.id], registryId: mirrorId, tags: ['latest'], starCount: 7, updatedAt: at(30) },
    { name: 'bob/private-db', ownerId: bob.id, isPrivate: true, categoryIds: [dbCat!.id], starCount: 1, updatedAt: at(60) },
    { name: 'bob/public-db', ownerId: bob.id, categoryIds: [dbCat!.id], registryId: mirrorId, starCount: 2, updatedAt: at(20) },
  ]
  for (const [i, seed] of seeds.entries()) ids[seed.name] = (await seedImage(world, { ...seed, createdAt: at(i) })).id
})
afterAll(() => world?.dispose())

describe('image(id:) and image(name:)', () => {
  it('finds an image by id and by name', async () => {
    const byId = await world.ok(ImagesQueryById, { id: gid('Image', ids['team/web']!) }, { token: null })
    expect(byId.image).toEqual({ id: gid('Image', ids['team/web']!), name: 'team/web', isPrivate: false, owner: { name: 'admin' } })
    const byName = await world.ok(ImagesQueryByName, { name: 'tools/cli_v2' }, { token: bob.token })
    expect(byName.image).toEqual({ id: gid('Image', ids['tools/cli_v2']!), name: 'tools/cli_v2' })
  })

  it('answers null for an image that does not exist', async () => {
    expect((await world.ok(ImagesQueryById, { id: gid('Image', 999_999) })).image).toBeNull()
    expect((await world.ok(ImagesQueryByName, { name: 'no/such' })).image).toBeNull()
  })

  it('refuses both or neither argument with BAD_USER_INPUT', async () => {
    const both = await world.run(ImagesQueryByBoth, { id: gid('Image', ids['team/web']!), name: 'team/web' })
    expectError(both, 'BAD_USER_INPUT')
    expect(both.data?.image ?? null).toBeNull()
    expectError(await world.run(ImagesQueryByBoth, {}), 'BAD_USER_INPUT')
    expectError(await world.run(ImagesQueryByBoth, { id: null, name: null }), 'BAD_USER_INPUT')
  })

  it('refuses a malformed id and the id of another type with INVALID_ID', async () => {
    expectError(await world.run(ImagesQueryById, { id: 'not an id!' }), 'BAD_USER_INPUT', 'INVALID_ID')
    expectError(await world.run(ImagesQueryById, { id: gid('Registry', mirrorId) }), 'BAD_USER_INPUT', 'INVALID_ID')
    expectError(await world.run(ImagesQueryById, { id: gid('Image', 'abc') }), 'BAD_USER_INPUT', 'INVALID_ID')
    expectError(await world.run(ImagesQueryById, { id: gid('Image', -3) }), 'BAD_USER_INPUT', 'INVALID_ID')
  })

  it("hides another user's private image from other users, admins and anonymous callers, not from its owner", async () => {
    const id = gid('Image', ids['alice/secret']!)
    for (const token of [bob.token, null, undefined]) {
      expect((await world.ok(ImagesQueryById, { id }, { token })).image).toBeNull()
      expect((await world.ok(ImagesQueryByName, { name: 'alice/secret' }, { token })).image).toBeNull()
    }
    expect((await world.ok(ImagesQueryById, { id }, { token: alice.token })).image).toMatchObject({ name: 'alice/secret', isPrivate: true })
    expect((await world.ok(ImagesQueryByName, { name: 'alice/secret' }, { token: alice.token })).image?.id).toBe(id)
  })
})

describe('images: visibility', () => {
  it("lists public images plus the viewer's own private ones, and counts only those", async () => {
    const publicNames = ['bob/public-db', 'team/api', 'team/web', 'tools/cli_v2']
    expect(await listFor(null, null)).toEqual(publicNames)
    expect(await listFor(null)).toEqual(publicNames) // the admin sees no one else's private image either
    expect(await listFor(null, alice.token)).toEqual(['alice/secret', ...publicNames].sort())
    expect(await listFor(null, bob.token)).toEqual(['bob/private-db', ...publicNames].sort())
  })
})

describe('images: filters', () => {
  it('nameContains matches case-insensitively and treats wildcards literally', async () => {
    expect(await listFor({ nameContains: 'TEAM' }, null)).toEqual(['team/api', 'team/web'])
    expect(await listFor({ nameContains: 'Cli_V' }, null)).toEqual(['tools/cli_v2'])
    expect(await listFor({ nameContains: '_' }, null)).toEqual(['tools/cli_v2'])
    expect(await listFor({ nameContains: 'public_db' }, null)).toEqual([])
    expect(await listFor({ nameContains: '%' }, null)).toEqual([])
    expect(await listFor({ nameContains: '\\' }, null)).toEqual([])
    expect(await listFor({ nameContains: 'secret' }, bob.token)).toEqual([])
    expect(await listFor({ nameContains: 'secret' }, alice.token)).toEqual(['alice/secret'])
    expect(await listFor({ nameContains: '' }, null)).toHaveLength(4)
  })

  it('categories matches images in any of the names, each image once', async () => {
    expect(await listFor({ categories: ['web'] }, alice.token)).toEqual(['alice/secret', 'team/api', 'team/web'])
    expect(await listFor({ categories: ['web', 'db'] }, null)).toEqual(['bob/public-db', 'team/api', 'team/web'])
    expect(await listFor({ categories: ['tools', 'db'] }, bob.token)).toEqual(['bob/private-db', 'bob/public-db', 'team/api', 'tools/cli_v2'])
    expect(await listFor({ categories: ['none-such'] }, null)).toEqual([])
    expect(await listFor({ categories: [] }, null)).toHaveLength(4)
  })

  it('registry matches by registry id', async () => {
    expect(await listFor({ registry: gid('Registry', mirrorId) }, null)).toEqual(['bob/public-db', 'team/web'])
    expect(await listFor({ registry: gid('Registry', mirrorId) }, alice.token)).toEqual(['alice/secret', 'bob/public-db', 'team/web'])
    expect(await listFor({ registry: gid('Registry', 999_999) }, null)).toEqual([])
  })

  it('registry refuses a malformed id or the id of another type', async () => {
    for (const registry of ['garbage', gid('Category', 1), gid('Image', ids['team/web']!)]) {
      const result = await world.run(ImagesQueryList, { filter: { registry } })
      expectError(result, 'BAD_USER_INPUT', 'INVALID_ID')
      expect(result.errors![0]!.extensions!.field).toEqual(['filter', 'registry'])
    }
  })

  it('isPrivate and jumpstart match their flag', async () => {
    expect(await listFor({ isPrivate: true }, alice.token)).toEqual(['alice/secret'])
    expect(await listFor({ isPrivate: true }, null)).toEqual([])
    expect(await listFor({ isPrivate: false }, alice.token)).toEqual(['bob/public-db', 'team/api', 'team/web', 'tools/cli_v2'])
    expect(await listFor({ jumpstart: true }, alice.token)).toEqual(['team/web', 'tools/cli_v2'])
    expect(await listFor({ jumpstart: false }, alice.token)).toEqual(['alice/secret', 'bob/public-db', 'team/api'])
  })

  it('tags matches images that carry every one of the tags', async () => {
    expect(await listFor({ tags: ['latest'] }, alice.token)).toEqual(['alice/secret', 'team/api', 'team/web'])
    expect(await listFor({ tags: ['latest', '1.0'] }, alice.token)).toEqual(['team/web'])
    expect(await listFor({ tags: ['latest', 'latest'] }, null)).toEqual(['team/api', 'team/web'])
    expect(await listFor({ tags: ['1.0', 'nope'] }, null)).toEqual([])
  })

  it("owner matches the owner's user name", async () => {
    expect(await listFor({ owner: 'alice' }, bob.token)).toEqual(['tools/cli_v2'])
    expect(await listFor({ owner: 'alice' }, alice.token)).toEqual(['alice/secret', 'tools/cli_v2'])
    expect(await listFor({ owner: 'admin' }, null)).toEqual(['team/api', 'team/web'])
    expect(await listFor({ owner: 'nobody' }, null)).toEqual([])
  })

  it('combines filters with AND', async () => {
    expect(await listFor({ categories: ['web'], tags: ['latest'], jumpstart: false }, alice.token)).toEqual(['alice/secret', 'team/api'])
    expect(await listFor({ nameContains: 'db', owner: 'bob', isPrivate: false }, bob.token)).toEqual(['bob/public-db'])
    expect(await listFor({ registry: gid('Registry', mirrorId), tags: ['1.0'], owner: 'admin' }, null)).toEqual(['team/web'])
    expect(await listFor({ nameContains: 'team', categories: ['tools'] }, null)).toEqual([])
  })
})

describe('images: orderBy', () => {
  it('orders by NAME', async () => {
    const all = ['alice/secret', 'bob/public-db', 'team/api', 'team/web', 'tools/cli_v2']
    expect(await ordered('NAME', 'ASC')).toEqual(all)
    expect(await ordered('NAME', 'DESC')).toEqual([...all].reverse())
    expect(await ordered('NAME')).toEqual(all) // direction defaults to ASC
  })

  it('orders by CREATED_AT, newest first by default', async () => {
    const oldestFirst = ['team/web', 'team/api', 'tools/cli_v2', 'alice/secret', 'bob/public-db']
    expect(await ordered('CREATED_AT', 'ASC')).toEqual(oldestFirst)
    expect(await ordered('CREATED_AT', 'DESC')).toEqual([...oldestFirst].reverse())
    const byDefault = await world.ok(ImagesQueryList, {}, { token: alice.token })
    expect(names(byDefault.images)).toEqual([...oldestFirst].reverse())
  })

  it('orders by UPDATED_AT', async () => {
    const oldestFirst = ['team/api', 'bob/public-db', 'alice/secret', 'tools/cli_v2', 'team/web']
    expect(await ordered('UPDATED_AT', 'ASC')).toEqual(oldestFirst)
    expect(await ordered('UPDATED_AT', 'DESC')).toEqual([...oldestFirst].reverse())
  })

  it('orders by STAR_COUNT, ties broken by id in the same direction', async () => {
    // team/api (2) was created before bob/public-db (2).
    expect(await ordered('STAR_COUNT', 'ASC')).toEqual(['team/api', 'bob/public-db', 'team/web', 'alice/secret', 'tools/cli_v2'])
    expect(await ordered('STAR_COUNT', 'DESC')).toEqual(['tools/cli_v2', 'alice/secret', 'team/web', 'bob/public-db', 'team/api'])
  })
})

describe('node(id:) and nodes(ids:)', () => {
  let secret: { tag: number; version: number; build: number }
  let open: { tag: number; version: number; build: number }

  beforeAll(async () => {
    const children = async (imageId: number) => {
      const version = await seedVersion(world, imageId)
      const build = await seedBuild(world, imageId, { targetTag: '1.0', state: 'SUCCEEDED', versionId: version.id })
      const tag = await world.app.db.tag.findFirstOrThrow({ where: { imageId } })
      return { tag: tag.id, version: version.id, build: build.id }
    }
    secret = await children(ids['alice/secret']!)
    open = await children(ids['team/web']!)
  })

  it('resolves a visible image, tag, version and build', async () => {
    const image = await world.ok(ImagesQueryNode, { id: gid('Image', ids['team/web']!) }, { token: null })
    expect(image.node).toEqual({ __typename: 'Image', id: gid('Image', ids['team/web']!), name: 'team/web' })
    expect((await world.ok(ImagesQueryNode, { id: gid('Tag', open.tag) }, { token: null })).node).toMatchObject({ __typename: 'Tag' })
    expect((await world.ok(ImagesQueryNode, { id: gid('Version', open.version) }, { token: null })).node).toMatchObject({ version: '1.0' })
    expect((await world.ok(ImagesQueryNode, { id: gid('Build', open.build) }, { token: null })).node).toMatchObject({ targetTag: '1.0' })
  })

  it("answers null for another user's private image and everything under it", async () => {
    const hidden = [gid('Image', ids['alice/secret']!), gid('Tag', secret.tag), gid('Version', secret.version), gid('Build', secret.build)]
    for (const token of [bob.token, null, undefined]) {
      for (const id of hidden) expect((await world.ok(ImagesQueryNode, { id }, { token })).node, id).toBeNull()
    }
    const types = []
    for (const id of hidden) types.push((await world.ok(ImagesQueryNode, { id }, { token: alice.token })).node?.__typename)
    expect(types).toEqual(['Image', 'Tag', 'Version', 'Build'])
  })

  it('nodes(ids:) answers null in place of each invisible or missing item', async () => {
    const list = [
      gid('Image', ids['team/web']!),
      gid('Image', ids['alice/secret']!),
      gid('Tag', secret.tag),
      gid('Version', secret.version),
      gid('Build', secret.build),
      gid('Image', 999_999),
      gid('Build', open.build),
    ]
    const asBob = await world.ok(ImagesQueryNodes, { ids: list }, { token: bob.token })
    expect(asBob.nodes.map((n) => n?.__typename ?? null)).toEqual(['Image', null, null, null, null, null, 'Build'])
    const asAlice = await world.ok(ImagesQueryNodes, { ids: list }, { token: alice.token })
    expect(asAlice.nodes.map((n) => n?.__typename ?? null)).toEqual(['Image', 'Image', 'Tag', 'Version', 'Build', null, 'Build'])
    expect(asAlice.nodes[1]?.id).toBe(gid('Image', ids['alice/secret']!))
  })
})
