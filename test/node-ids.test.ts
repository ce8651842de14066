// node(id:) and nodes(ids:) with ids that are missing, of no node type, or malformed:
// Relay's answer is null for the first two and a BAD_USER_INPUT error naming the argument for the last,
// and in a list only the position of such an id is null.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.js'
import { createWorld, gid, type World } from './support/world.js'

const NodeIdsNode = graphql(`
  query NodeIdsNode($id: ID!) {
    node(id: $id) { __typename id }
  }
`)
const NodeIdsNodes = graphql(`
  query NodeIdsNodes($ids: [ID!]!) {
    nodes(ids: $ids) { __typename id }
  }
`)

let world: World
let bob: { id: number; token: string }
let categoryId = 0

beforeAll(async () => {
  world = await createWorld()
  bob = await world.createUser('bob')
  categoryId = (await world.app.db.category.create({ data: { name: 'tools' } })).id
})
afterAll(() => world?.dispose())

const MISSING = [
  ['a missing Category', gid('Category', 999_999)],
  ['a missing Registry', gid('Registry', 999_999)],
  ['a missing User', gid('User', 999_999)],
  ['a missing ApiToken', gid('ApiToken', 999_999)],
  ['a missing Image', gid('Image', 999_999)],
  ['an id of an unknown type', gid('Nope', 1)],
  ['an id of a model that is not a node', gid('Star', 1)],
  ['an id of a type that is not a node', gid('Query', 1)],
] as const

const MALFORMED = [
  ['a non-numeric Image id', gid('Image', 'abc')],
  ['a fractional id', gid('Image', '1.5')],
  ['a negative id', gid('User', '-1')],
  ['id 0', gid('Category', 0)],
  ['an id beyond 2^53', gid('Registry', '99999999999999999999')],
  ['an id with a leading zero', gid('Category', '01')],
  ['text that is no global id', 'garbage!!'],
  ['an empty id', ''],
] as const

describe('node(id:)', () => {
  it.each(MISSING)('answers null for %s, with no error', async (_what, id) => {
    for (const token of [undefined, bob.token, null]) {
      const result = await world.run(NodeIdsNode, { id }, { token })
      expect(result).toEqual({ status: 200, data: { node: null } })
    }
  })

  it.each(MALFORMED)('refuses %s with BAD_USER_INPUT naming id', async (_what, id) => {
    const result = await world.run(NodeIdsNode, { id })
    expect(result.status).toBe(200)
    expect(result.data).toEqual({ node: null })
    expect(result.errors).toEqual([
      {
        message: expect.stringContaining('"id"'),
        path: ['node'],
        locations: expect.any(Array),
        extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_ID', field: ['id'] },
      },
    ])
  })

  it('still resolves the nodes that exist', async () => {
    expect((await world.ok(NodeIdsNode, { id: gid('Category', categoryId) })).node).toEqual({
      __typename: 'Category',
      id: gid('Category', categoryId),
    })
    expect((await world.ok(NodeIdsNode, { id: gid('User', bob.id) })).node).toEqual({ __typename: 'User', id: gid('User', bob.id) })
  })
})

describe('nodes(ids:)', () => {
  it('answers null in place of each missing or foreign id, and resolves the rest', async () => {
    const ids = [gid('Category', categoryId), ...MISSING.map(([, id]) => id), gid('User', bob.id)]
    const result = await world.run(NodeIdsNodes, { ids })
    expect(result.errors).toBeUndefined()
    expect(result.data!.nodes).toEqual([
      { __typename: 'Category', id: gid('Category', categoryId) },
      ...MISSING.map(() => null),
      { __typename: 'User', id: gid('User', bob.id) },
    ])
  })

  it('nulls only the position of a malformed id, with an error naming it', async () => {
    const ids = [gid('Category', categoryId), gid('Image', 'abc'), 'garbage!!', gid('User', bob.id)]
    const result = await world.run(NodeIdsNodes, { ids })
    expect(result.status).toBe(200)
    expect(result.data!.nodes).toEqual([{ __typename: 'Category', id: gid('Category', categoryId) }, null, null, { __typename: 'User', id: gid('User', bob.id) }])
    expect(result.errors).toEqual([
      expect.objectContaining({ path: ['nodes', 1], extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_ID', field: ['ids', '1'] } }),
      expect.objectContaining({ path: ['nodes', 2], extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_ID', field: ['ids', '2'] } }),
    ])
  })
})
