// The compiled read path (src/read-path/) must answer exactly as the resolvers do, in at most
// three statements however many images a page holds, each reading only the columns asked for and
// cutting every nested page per parent in SQL. The resolvers' answer is had from the same
// document with `@include(if: true)` on its root field: a directive the plan does not compile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SERVICE_PAGE } from '../bench/read-path/pages.js'
import { MODELS } from '../src/read-path/models.js'
import { seedCatalog } from './support/catalog-seed.js'
import { ADMIN_TOKEN, createWorld, quietBackgroundWork, type World } from './support/world.js'

interface Answer {
  data?: unknown
  errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>
  extensions?: { cost?: { requestedQueryCost: number; actualQueryCost: number | null } }
}

/** Every field MODELS maps, nested along each relation once (a connection's node type without its own connections). */
function everyField(typeName: string, connectionArgs: (field: string) => string, depth = 0): string {
  const fields = Object.entries(MODELS[typeName]!.fields).map(([name, field]) => {
    if (field.kind === 'column' || field.kind === 'globalId') return name
    if (field.kind === 'toOne') return `${name} { __typename ${everyField(field.model, connectionArgs, depth + 1)} }`
    if (depth > 1) return ''
    const args = connectionArgs(`${typeName}.${name}`)
    return `${name}${args} { __typename totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } nodes { ${everyField(field.model, connectionArgs, depth + 1)} } }`
  })
  return fields.filter(Boolean).join(' ')
}

const VARIABLE_TYPES: Record<string, string> = { first: 'Int', last: 'Int', after: 'String', orderBy: 'ImageOrder' }

function imagesDocument(rootArgs: string, connectionArgs: (field: string) => string = () => '') {
  const variables = Object.entries(VARIABLE_TYPES).filter(([name]) => rootArgs.includes(`$${name}`))
  const declared = variables.length ? `(${variables.map(([name, type]) => `$${name}: ${type}`).join(', ')})` : ''
  return `query Page${declared} { images${rootArgs} ROOT_DIRECTIVE {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { __typename ...Fields } }
  } }
  fragment Fields on Image { ${everyField('Image', connectionArgs)} }`
}

describe('compiled read path', () => {
  let world: World
  let bob: { id: number; token: string }

  beforeAll(async () => {
    // The page of every mapped field, 20 deep, may cost more than one operation is let cost.
    world = await createWorld({ MAX_QUERY_COST: '10000000' })
    await quietBackgroundWork(world)
    const db = world.app.db
    await seedCatalog(db, 12)
    bob = await world.createUser('bob')
    // What the seed leaves out: a private image of another user, no registry, many tags, a
    // registry URL holding credentials, pushes, sizes, builds in every state.
    const registry = await db.registry.create({ data: { name: 'with-credentials', url: 'https://robot:s3cret@registry.example.test', isDefault: false } })
    const privateImage = await db.image.create({ data: { name: 'bob/secret', ownerId: bob.id, isPrivate: true, registryId: registry.id, minDiskGb: 2 } })
    await db.tag.create({ data: { imageId: privateImage.id, name: 'hidden', sizeBytes: 123_456_789_012n, protected: true } })
    const busy = await db.image.create({ data: { name: 'busy/many-tags', ownerId: bob.id, jumpstart: true, loginUsername: 'ubuntu', iconUrl: 'https://x.test/i.png' } })
    await db.tag.createMany({
      data: Array.from({ length: 300 }, (_, i) => ({
        imageId: busy.id,
        name: `t${String(i).padStart(3, '0')}`,
        digest: i % 2 ? `sha256:${String(i).padStart(64, '0')}` : null,
        pushedAt: i % 3 ? new Date(Date.UTC(2026, 0, 1, 0, 0, i)) : null,
      })),
    })
    for (let v = 0; v < 7; v++) {
      const version = await db.version.create({
        data: { imageId: busy.id, version: `1.${v}`, state: v % 2 ? 'BUILT' : 'FAILED', sizeBytes: 1000n + BigInt(v), sourceSha256: 'b'.repeat(64), sourceSizeBytes: 1, sourceFilename: 's.tar', sourceFormat: 'tar' },
      })
      for (const state of ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const) {
        await db.build.create({ data: { imageId: busy.id, versionId: version.id, targetTag: `1.${v}`, state, startedAt: state === 'QUEUED' ? null : new Date(), testsPassed: state === 'FAILED' ? false : null } })
      }
    }
    // The first request of a token records when it was last used: done before anything is counted.
    for (const token of [undefined, bob.token]) await post('{ __typename }', {}, token)
  })
  afterAll(() => world?.dispose())

  async function post(query: string, variables: Record<string, unknown>, token: string | null | undefined) {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    const bearer = token === undefined ? ADMIN_TOKEN : token
    if (bearer) headers.authorization = `Bearer ${bearer}`
    const response = await world.post(JSON.stringify({ query, variables }), headers)
    return (await response.json()) as Answer
  }

  /** The statements `query` runs, less those every request of `token` runs to sign it in. */
  async function statementsOf(query: string, variables: Record<string, unknown>, token: string | null | undefined) {
    world.statements.length = 0
    await post('{ __typename }', {}, token)
    const signIn = world.statements.length
    world.statements.length = 0
    const answer = await post(query, variables, token)
    return { answer, statements: world.statements.slice(signIn) }
  }

  /** The compiled answer and the resolvers' answer of one document, and the statements the compiled one ran. */
  async function bothWays(document: string, variables: Record<string, unknown> = {}, token?: string | null) {
    const { answer: compiled, statements } = await statementsOf(document.replace('ROOT_DIRECTIVE', ''), variables, token)
    const ordinary = await post(document.replace('ROOT_DIRECTIVE', '@include(if: true)'), variables, token)
    return { compiled, ordinary, statements }
  }

  function expectSameAnswer({ compiled, ordinary }: { compiled: Answer; ordinary: Answer }, { refused = false } = {}) {
    // An answer both ways refused for the same mistake in the document would prove nothing.
    if (refused) expect(ordinary.errors?.length).toBeGreaterThan(0)
    else expect(ordinary.errors).toBeUndefined()
    expect(compiled.errors).toEqual(ordinary.errors)
    expect(compiled.data).toEqual(ordinary.data)
    expect(compiled.extensions?.cost?.actualQueryCost).toBe(ordinary.extensions?.cost?.actualQueryCost)
    expect(compiled.extensions?.cost?.requestedQueryCost).toBe(ordinary.extensions?.cost?.requestedQueryCost)
  }

  const nestedCases: Record<string, (field: string) => string> = {
    'default pages': () => '',
    'first pages': (field) => (field === 'Image.tags' ? '(first: 3)' : '(first: 2)'),
    'last pages': (field) => (field === 'Image.versions' ? '(last: 5)' : '(last: 2)'),
    'empty pages': () => '(first: 0)',
  }
  for (const [name, connectionArgs] of Object.entries(nestedCases)) {
    it(`answers every mapped field as the resolvers do, with ${name}`, async () => {
      const document = imagesDocument('(first: $first)', connectionArgs)
      for (const token of [undefined, null, bob.token]) {
        const both = await bothWays(document, { first: 20 }, token)
        expectSameAnswer(both)
        expect(both.statements.length).toBeLessThanOrEqual(3)
      }
    })
  }

  it('pages the root connection as the resolvers do: last, after, order, filter', async () => {
    const first = await bothWays(imagesDocument('(first: 3)'))
    expectSameAnswer(first)
    const after = (first.compiled.data as { images: { pageInfo: { endCursor: string } } }).images.pageInfo.endCursor
    for (const [rootArgs, variables] of [
      ['(last: $last)', { last: 4 }],
      ['(first: $first, after: $after)', { first: 5, after }],
      ['(first: 4, orderBy: { field: NAME, direction: ASC })', {}],
      // A variable's input object without its direction: the executor fills in the default (ASC).
      ['(first: 4, orderBy: $orderBy)', { orderBy: { field: 'NAME' } }],
      ['(first: 4, orderBy: { field: NAME, direction: DESC }, filter: { nameContains: "app-00" })', {}],
      ['(filter: { owner: "bob" })', {}],
      ['(first: 0)', {}],
      ['(first: 500)', {}],
      // Pothos takes both, and the plan leaves so odd a page to it.
      ['(first: 2, last: 2)', {}],
    ] as const) {
      for (const token of [undefined, null, bob.token]) expectSameAnswer(await bothWays(imagesDocument(rootArgs), variables, token))
    }
  })

  it('leaves arguments the resolvers refuse to them, with their errors', async () => {
    for (const [rootArgs, variables] of [
      ['(first: $first)', { first: -1 }],
      ['(first: 2, after: "not a cursor")', {}],
    ] as const) {
      expectSameAnswer(await bothWays(imagesDocument(rootArgs), variables), { refused: true })
    }
    const nested = await bothWays(imagesDocument('(first: 2)', (field) => (field === 'Image.tags' ? '(first: -3)' : '')))
    expectSameAnswer(nested, { refused: true })
  })

  it('keeps private images absent for everyone but their owner', async () => {
    const names = async (token: string | null | undefined) => {
      const answer = await post('{ images(first: 100) { nodes { name registry { url } } } }', {}, token)
      return (answer.data as { images: { nodes: Array<{ name: string; registry: { url: string } | null }> } }).images.nodes
    }
    expect((await names(null)).map((image) => image.name)).not.toContain('bob/secret')
    const own = (await names(bob.token)).find((image) => image.name === 'bob/secret')
    expect(own?.registry?.url).not.toContain('s3cret')
  })

  // The read-path benchmark's page (bench/read-path/pages.ts), the one issue 11 measures.
  it('reads the catalog page in the same statements for 5 images as for all of them, only the columns asked for', async () => {
    const statementsFor = async (first: number) => {
      const { answer, statements } = await statementsOf(SERVICE_PAGE, { first }, undefined)
      expect(answer.errors).toBeUndefined()
      expect((answer.data as { images: { nodes: unknown[] } }).images.nodes.length).toBe(Math.min(first, 13))
      return statements
    }
    const five = await statementsFor(5)
    const all = await statementsFor(100)
    expect(all.length).toBe(five.length)
    expect(all.length).toBeLessThanOrEqual(3)
    const rows = all.find((sql) => sql.includes('"Tag"'))!
    // Every nested page is cut per parent in SQL: the page size plus the one row that tells whether there is more.
    expect(rows).toMatch(/"Tag" t\d+ WHERE t\d+\."imageId" = t\d+\."id" ORDER BY t\d+\."name" ASC LIMIT 11/)
    expect(rows).toMatch(/"Version" t\d+ WHERE .* ORDER BY t\d+\."id" ASC LIMIT 6/)
    expect(rows).toMatch(/"Build" t\d+ WHERE t\d+\."versionId" = t\d+\."id" ORDER BY t\d+\."id" DESC LIMIT 21/)
    // Columns nobody asked for are not read (the page of ids orders by createdAt and reads only the id).
    for (const column of ['sizeBytes', 'engineImageId', 'inlineDockerfile', 'isAdmin', 'passwordCiphertext', 'createdAt', 'metadata']) {
      expect(rows).not.toContain(`"${column}"`)
    }
  })

  it('reads 10 of an image\'s 300 tags, not 300', async () => {
    const { answer, statements } = await statementsOf('{ images(filter: { owner: "bob" }, first: 5) { nodes { name tags(first: 10) { totalCount pageInfo { hasNextPage } nodes { name } } } } }', {}, bob.token)
    const busy = (answer.data as { images: { nodes: Array<{ name: string; tags: { totalCount: number; pageInfo: { hasNextPage: boolean }; nodes: Array<{ name: string }> } }> } }).images.nodes.find(
      (image) => image.name === 'busy/many-tags',
    )!
    expect(busy.tags).toEqual({ totalCount: 300, pageInfo: { hasNextPage: true }, nodes: Array.from({ length: 10 }, (_, i) => ({ name: `t00${i}` })) })
    expect(statements.join('\n')).toMatch(/"Tag" t\d+ WHERE .* LIMIT 11/)
  })

  it('leaves a document with a field it does not map to the resolvers', async () => {
    world.statements.length = 0
    const answer = await post('{ images(first: 2) { nodes { name state } } }', {}, undefined)
    expect(answer.errors).toBeUndefined()
    expect((answer.data as { images: { nodes: Array<{ name: string; state: string }> } }).images.nodes).toEqual([
      { name: 'busy/many-tags', state: 'BUILDING' },
      { name: 'seed/app-0011', state: 'SUCCESS' },
    ])
  })
})
