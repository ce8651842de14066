// HTTP-level behaviour: malformed requests, query limits, paging bounds, masked failures, GraphiQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../src/logger.js'
import { graphql } from './gql/index.js'
import { ADMIN_TOKEN, createWorld, databaseKind, withoutBucketLevel, type World } from './support/world.js'

const TransportImagesPage = graphql(`
  query TransportImagesPage($first: Int, $after: String, $last: Int) {
    images(first: $first, after: $after, last: $last, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      nodes { name }
      pageInfo { hasNextPage endCursor }
    }
  }
`)

const TransportCategories = graphql(`
  query TransportCategories {
    categories { totalCount nodes { name } }
  }
`)

/** What a GraphQL-over-HTTP client sends: a request that never ran is a 4xx. */
const SPEC_HEADERS = { 'content-type': 'application/json', accept: 'application/graphql-response+json' }
/** What a client that accepts only application/json sends: the spec answers it 200 for such a request. */
const LEGACY_HEADERS = { 'content-type': 'application/json', accept: 'application/json' }

interface Body {
  data?: Record<string, unknown> | null
  errors?: { message: string; extensions?: Record<string, unknown> }[]
}

async function send(world: World, body: unknown, headers: Record<string, string> = SPEC_HEADERS) {
  const response = await world.post(typeof body === 'string' ? body : JSON.stringify(body), headers)
  const text = await response.text()
  return { status: response.status, text, body: JSON.parse(text) as Body }
}

/** A selection `levels` deep, counting the leaf: images > nodes > tags > nodes > image > ... */
function nestedQuery(levels: number): string {
  const path = ['images', 'nodes']
  while (path.length < levels - 1) path.push(...['tags', 'nodes', 'image'])
  path.length = levels - 1
  const leaf = path.at(-1) === 'tags' ? 'totalCount' : 'id'
  // Small pages: this is about depth; at the default page of 20 the cost limit would refuse it first.
  const paged = (field: string) => (field === 'images' || field === 'tags' ? `${field}(first: 2)` : field)
  return `query Nested { ${path.map((field) => `${paged(field)} {`).join(' ')} ${leaf} ${'}'.repeat(path.length)} }`
}

describe('transport', () => {
  let world: World
  const logged: { level: number; incident?: string; err?: { stack: string } }[] = []

  beforeAll(async () => {
    world = await createWorld({}, { logger: createLogger({ destination: { write: (line: string) => void logged.push(JSON.parse(line)) } }) })
  })
  afterAll(() => world?.dispose())

  describe('malformed requests', () => {
    it('a body that is not JSON is 400 BAD_REQUEST, whatever the client accepts', async () => {
      for (const headers of [LEGACY_HEADERS, SPEC_HEADERS]) {
        const { status, body } = await send(world, '{"query": ', headers)
        expect(status).toBe(400)
        expect(body.errors).toEqual([{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }])
      }
    })

    it('a request without a query is refused with 400 BAD_REQUEST, whatever the client accepts', async () => {
      const spec = await send(world, {}, SPEC_HEADERS)
      expect(spec.status).toBe(400)
      expect(spec.body.errors).toEqual([{ message: 'Must provide query string.', extensions: { code: 'BAD_REQUEST' } }])
      const legacy = await send(world, {}, LEGACY_HEADERS)
      expect(legacy.status).toBe(400)
      expect(legacy.body.errors).toEqual(spec.body.errors)
      expect(legacy.body.data).toBeUndefined()
    })

    it('an unknown operationName is OPERATION_RESOLUTION_FAILURE: 400 for a spec client, 200 for application/json, never 500', async () => {
      const spec = await send(world, { query: 'query A { viewer { name } }', operationName: 'B' }, SPEC_HEADERS)
      expect(spec.status).toBe(400)
      expect(spec.body.errors).toEqual([
        { message: 'Could not determine what operation to execute.', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } },
      ])
      const legacy = await send(world, { query: 'query A { viewer { name } }', operationName: 'B' }, LEGACY_HEADERS)
      expect(legacy.status).toBe(200)
      expect(withoutBucketLevel(legacy.body)).toEqual(withoutBucketLevel(spec.body))
    })

    it('a syntax error is GRAPHQL_PARSE_FAILED: 400 for a spec client, 200 for application/json', async () => {
      const spec = await send(world, { query: 'query { viewer { ' }, SPEC_HEADERS)
      expect(spec.status).toBe(400)
      expect(spec.body.errors).toEqual([
        expect.objectContaining({ message: 'Syntax Error: Expected Name, found <EOF>.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }),
      ])
      const legacy = await send(world, { query: 'query { viewer { ' }, LEGACY_HEADERS)
      expect(legacy.status).toBe(200)
      expect(withoutBucketLevel(legacy.body)).toEqual(withoutBucketLevel(spec.body))
    })

    it('an unknown field is GRAPHQL_VALIDATION_FAILED: 400 for a spec client, 200 for application/json, never 500', async () => {
      const { status, body } = await send(world, { query: '{ noSuchField }' }, SPEC_HEADERS)
      expect(status).toBe(400)
      expect(body.errors?.[0]).toMatchObject({ message: expect.stringContaining('noSuchField'), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })
      const legacy = await send(world, { query: '{ noSuchField }' }, LEGACY_HEADERS)
      expect(legacy.status).toBe(200)
      expect(withoutBucketLevel(legacy.body)).toEqual(withoutBucketLevel(body))
    })

    it('variables that do not fit their types are BAD_USER_INPUT: 400 for a spec client, 200 for application/json', async () => {
      const request = { query: 'query Page($first: Int!) { images(first: $first) { totalCount } }', variables: { first: 'ten' } }
      const spec = await send(world, request, SPEC_HEADERS)
      expect(spec.status).toBe(400)
      expect(spec.body.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('"$first"'), extensions: { code: 'BAD_USER_INPUT' } })])
      expect(spec.body.data).toBeUndefined()
      const legacy = await send(world, request, LEGACY_HEADERS)
      expect(legacy.status).toBe(200)
      expect(withoutBucketLevel(legacy.body)).toEqual(withoutBucketLevel(spec.body))
    })
  })

  describe('query limits', () => {
    it(`accepts a selection exactly MAX_QUERY_DEPTH (12) deep`, async () => {
      const { status, body } = await send(world, { query: nestedQuery(12) })
      expect(status).toBe(200)
      expect(body.errors).toBeUndefined()
      expect(body.data).toEqual({ images: { nodes: [] } })
    })

    it('refuses a selection deeper than MAX_QUERY_DEPTH', async () => {
      const { status, body } = await send(world, { query: nestedQuery(13) })
      expect(status).toBe(400)
      expect(body.data).toBeUndefined()
      expect(body.errors).toEqual([
        { message: 'Syntax Error: Query depth limit of 12 exceeded, found 13.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      ])
    })

    it('counts depth through fragments too', async () => {
      const query = `query { ...Q } fragment Q on Query { images { nodes { ...I } } } fragment I on Image { tags { nodes { image { tags { nodes { image { tags { nodes { image { tags { totalCount } } } } } } } } } } }`
      const { body } = await send(world, { query })
      expect(body.data).toBeUndefined()
      expect(body.errors).toEqual([expect.objectContaining({ message: 'Syntax Error: Query depth limit of 12 exceeded, found 13.' })])
      const inline = `query { images { nodes { ... on Image { tags { nodes { image { tags { nodes { image { tags { nodes { image { tags { totalCount } } } } } } } } } } } } } }`
      expect((await send(world, { query: inline })).body.errors).toEqual([
        expect.objectContaining({ message: 'Syntax Error: Query depth limit of 12 exceeded, found 13.' }),
      ])
    })

    it('refuses a document of more than MAX_QUERY_TOKENS (4000) tokens', async () => {
      // `query {` + 3999 fields + `}` = 4002 tokens.
      const query = `query { ${Array.from({ length: 3999 }, () => '__typename').join(' ')} }`
      const { status, body } = await send(world, { query })
      expect(status).toBe(400)
      expect(body.data).toBeUndefined()
      expect(body.errors).toEqual([{ message: 'Syntax Error: Token limit of 4000 exceeded.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }])
    })

    it('refuses more than 30 aliases and accepts 30', async () => {
      const aliased = (n: number) => `query { ${Array.from({ length: n }, (_, i) => `a${i}: viewer { name }`).join(' ')} }`
      const thirty = await send(world, { query: aliased(30) }, { ...SPEC_HEADERS, authorization: `Bearer ${ADMIN_TOKEN}` })
      expect(thirty.body.errors).toBeUndefined()
      expect(Object.keys(thirty.body.data!)).toHaveLength(30)
      expect(thirty.body.data!.a29).toEqual({ name: 'admin' })

      const { status, body } = await send(world, { query: aliased(31) })
      expect(status).toBe(400)
      expect(body.data).toBeUndefined()
      expect(body.errors).toEqual([
        { message: 'Syntax Error: Aliases limit of 30 exceeded, found 31.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      ])
    })

    it('refuses a body over MAX_REQUEST_BYTES (1 MiB) with 413 PAYLOAD_TOO_LARGE before running it', async () => {
      const categories = await world.app.db.category.count()
      const body = JSON.stringify({
        query: 'mutation TooLarge($pad: String) { createCategory(input: { name: "from-a-huge-request" }) { category { id } } }',
        variables: { pad: 'x'.repeat(1024 * 1024) },
      })
      const response = await world.post(body, {
        ...SPEC_HEADERS,
        authorization: `Bearer ${ADMIN_TOKEN}`,
        'content-length': String(Buffer.byteLength(body)),
      })
      expect(response.status).toBe(413)
      expect(await response.json()).toEqual({
        errors: [{ message: 'Request body is larger than 1048576 bytes', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
      })
      expect(await world.app.db.category.count()).toBe(categories)
    })

    it('accepts a body just under MAX_REQUEST_BYTES', async () => {
      const body = JSON.stringify({ query: 'query Padded($pad: String) { image(name: $pad) { id } }', variables: { pad: 'x'.repeat(1000 * 1000) } })
      const response = await world.post(body, { ...SPEC_HEADERS, 'content-length': String(Buffer.byteLength(body)) })
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ data: { image: null }, extensions: { cost: expect.any(Object) } })
    })
  })

  describe('paging bounds', () => {
    beforeAll(async () => {
      await world.app.db.image.createMany({
        data: Array.from({ length: 105 }, (_, i) => ({ name: `paging/img-${String(i).padStart(3, '0')}`, ownerId: 1 })),
      })
    })

    it('caps first at 100', async () => {
      const data = await world.ok(TransportImagesPage, { first: 101 })
      expect(data.images.totalCount).toBe(105)
      expect(data.images.nodes).toHaveLength(100)
      expect(data.images.pageInfo.hasNextPage).toBe(true)
      const rest = await world.ok(TransportImagesPage, { first: 100, after: data.images.pageInfo.endCursor })
      expect(rest.images.nodes).toHaveLength(5)
    })

    it('defaults to 20 per page', async () => {
      const data = await world.ok(TransportImagesPage, {})
      expect(data.images.nodes).toHaveLength(20)
      expect(data.images.nodes[0]!.name).toBe('paging/img-000')
    })

    it.each([
      ['an invalid after cursor', { after: 'not-a-cursor' }],
      ['a base64 cursor of nothing we made', { after: Buffer.from('GPC:X:zzz').toString('base64') }],
      ['a cursor holding a string id', { after: Buffer.from('GPC:S:abc').toString('base64') }],
    ])('%s is refused with 400 BAD_USER_INPUT before anything runs', async (_what, variables) => {
      const result = await world.run(TransportImagesPage, variables)
      expect(result.status).toBe(400)
      expect(result.data).toBeUndefined()
      expect(result.errors).toEqual([{ message: `Invalid cursor: ${variables.after}`, extensions: { code: 'BAD_USER_INPUT' } }])
    })

    it.each([
      ['first: -1', { first: -1 }, 'Argument "first" must be a non-negative integer'],
      ['last: -1', { last: -1 }, 'Argument "last" must be a non-negative integer'],
    ])('%s is BAD_USER_INPUT', async (_what, variables, message) => {
      const result = await world.run(TransportImagesPage, variables)
      expect(result.status).toBe(200)
      expect(result.data).toBeNull()
      expect(result.errors).toEqual([
        expect.objectContaining({ message: expect.stringContaining(message), path: ['images'], extensions: { code: 'BAD_USER_INPUT' } }),
      ])
    })
  })

  describe('unexpected failures', () => {
    it('are masked to "Unexpected error." with an incident id that is in the server log, and no internals', async () => {
      // A real database failure: the table the query reads is gone.
      const table = databaseKind === 'postgres' ? '"Category"' : 'Category'
      await world.app.db.$executeRawUnsafe(`ALTER TABLE ${table} RENAME TO "CategoryGone"`)
      try {
        const response = await world.post(JSON.stringify({ query: TransportCategories.toString() }), SPEC_HEADERS)
        const text = await response.text()
        const body = JSON.parse(text) as Body
        expect(response.status).toBeLessThan(600)
        expect(body.errors).toHaveLength(1)
        const [error] = body.errors!
        expect(error).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', incident: expect.stringMatching(/^[0-9a-f-]{36}$/) } })
        expect(Object.keys(error!.extensions!).sort()).toEqual(['code', 'incident'])
        expect(text).not.toMatch(/stack|    at |Category|prisma|sql|\.ts/i)
        // The incident id is what the server logged next to the real error.
        const incident = error!.extensions!.incident as string
        expect(logged.filter((line) => line.incident === incident)).toEqual([expect.objectContaining({ level: 50, err: expect.objectContaining({ stack: expect.stringContaining('    at ') }) })])
      } finally {
        await world.app.db.$executeRawUnsafe(`ALTER TABLE "CategoryGone" RENAME TO ${table}`)
      }
      expect((await world.ok(TransportCategories)).categories.totalCount).toBe(0)
    })
  })

  describe('GraphiQL', () => {
    it('GET /graphql asking for HTML serves the GraphiQL page', async () => {
      const response = await world.app.yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^text\/html/)
      const html = await response.text()
      expect(html).toContain('<title>image-catalog</title>')
      expect(html).toMatch(/graphiql/i)
    })

    it('GET /graphql with a query and no HTML accept runs the query', async () => {
      const response = await world.app.yoga.fetch(`http://localhost/graphql?query=${encodeURIComponent('{ viewer { name } }')}`, {
        headers: { accept: 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      })
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ data: { viewer: { name: 'admin' } }, extensions: { cost: expect.any(Object) } })
    })
  })
})
