// Bad input gets a clear answer, never INTERNAL_SERVER_ERROR: JSON inputs too deep or too large,
// GET parameters that are not JSON, malformed bodies; and the log tells a client's mistake
// (info, no stack) from a failure of the server (error, with its incident id).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createLogger } from '../src/logger.js'
import { graphql } from './gql/index.js'
import { ADMIN_TOKEN, createWorld, databaseKind, gid, type World } from './support/world.js'

const BadInputCreate = graphql(`
  mutation BadInputCreate($input: CreateImageInput!) {
    createImage(input: $input) {
      image { name metadata }
      userErrors { field message code }
    }
  }
`)
const BadInputUpdate = graphql(`
  mutation BadInputUpdate($input: UpdateImageInput!) {
    updateImage(input: $input) {
      image { name metadata }
      userErrors { field message code }
    }
  }
`)
const BadInputPage = graphql(`
  query BadInputPage($first: Int) {
    images(first: $first) { totalCount }
  }
`)
const BadInputToken = graphql(`
  mutation BadInputToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      userErrors { field message code }
    }
  }
`)
const BadInputImage = graphql(`
  query BadInputImage($name: String) {
    image(name: $name) { name }
  }
`)
const BadInputCategories = graphql(`
  query BadInputCategories {
    categories { totalCount }
  }
`)

interface LogLine {
  level: number
  msg: string
  incident?: string
  code?: string
  err?: { type: string; message: string; stack: string }
  [key: string]: unknown
}

const lines: LogLine[] = []
let world: World

beforeAll(async () => {
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) } })
  world = await createWorld({}, { logger })
})
afterAll(() => world?.dispose())

const JSON_HEADERS = { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` }

/** `levels` objects inside each other, as JSON text: JSON.stringify itself overflows on such values. */
const nestedJson = (levels: number) => `${'{"a":'.repeat(levels - 1)}{"leaf":1}${'}'.repeat(levels - 1)}`
const nestedLiteral = (levels: number) => `${'{a:'.repeat(levels - 1)}{leaf:1}${'}'.repeat(levels - 1)}`

/** Sends a document with `$input` written as raw JSON text. */
async function sendRaw(document: { toString(): string }, inputJson: string) {
  const response = await world.post(`{"query":${JSON.stringify(document.toString())},"variables":{"input":${inputJson}}}`, JSON_HEADERS)
  return { status: response.status, text: await response.clone().text(), body: (await response.json()) as { data?: any; errors?: any[] } }
}

describe('JSON inputs are bounded in depth and size', () => {
  it.each([5000, 33])('refuses metadata nested %i levels deep with a userError naming the field', async (levels) => {
    const before = await world.app.db.image.count()
    const { status, body, text } = await sendRaw(BadInputCreate, `{"name":"deep/json-${levels}","metadata":${nestedJson(levels)}}`)
    expect(status).toBe(200)
    expect(body.errors).toBeUndefined()
    expect(body.data.createImage).toEqual({
      image: null,
      userErrors: [{ field: ['input', 'metadata'], code: 'TOO_LARGE', message: 'JSON must be nested at most 32 levels deep' }],
    })
    expect(text).not.toMatch(/RangeError|stack/)
    expect(await world.app.db.image.count()).toBe(before)
  })

  it('refuses it on updateImage too, and leaves the image as it was', async () => {
    const created = await world.ok(BadInputCreate, { input: { name: 'deep/update', metadata: { kept: true } } })
    expect(created.createImage.userErrors).toEqual([])
    const image = await world.app.db.image.findUniqueOrThrow({ where: { name: 'deep/update' } })
    const { body } = await sendRaw(BadInputUpdate, `{"id":"${gid('Image', image.id)}","metadata":${nestedJson(5000)}}`)
    expect(body.data.updateImage.userErrors).toEqual([expect.objectContaining({ field: ['input', 'metadata'], code: 'TOO_LARGE' })])
    expect((await world.app.db.image.findUniqueOrThrow({ where: { id: image.id } })).metadata).toEqual({ kept: true })
  })

  it('bounds a literal in the document the same way', async () => {
    const query = `mutation { createImage(input: { name: "deep/literal", metadata: ${nestedLiteral(40)} }) { image { name } userErrors { field code } } }`
    const response = await world.post(JSON.stringify({ query }), JSON_HEADERS)
    expect(await response.json()).toEqual({
      data: { createImage: { image: null, userErrors: [{ field: ['input', 'metadata'], code: 'TOO_LARGE' }] } },
      extensions: { cost: expect.any(Object) },
    })
  })

  it('refuses JSON larger than 64 KiB with a userError naming the field', async () => {
    const wide = JSON.stringify(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`key-${i}`, 'v'.repeat(40)])))
    const { body } = await sendRaw(BadInputCreate, `{"name":"wide/json","metadata":${wide}}`)
    expect(body.data.createImage.userErrors).toEqual([{ field: ['input', 'metadata'], code: 'TOO_LARGE', message: 'JSON must be at most 65536 bytes' }])
  })

  it('accepts metadata exactly 32 levels deep', async () => {
    const { body } = await sendRaw(BadInputCreate, `{"name":"deep/json-32","metadata":${nestedJson(32)}}`)
    expect(body.data.createImage.userErrors).toEqual([])
    expect(JSON.stringify(body.data.createImage.image.metadata)).toBe(nestedJson(32))
  })
})

describe('text with NUL characters, which PostgreSQL cannot store or look up', () => {
  it('is refused in variables with BAD_USER_INPUT naming where it is, and nothing is written', async () => {
    const tokens = await world.app.db.apiToken.count()
    const created = await world.run(BadInputToken, { input: { name: 'ci\u0000token' } })
    expect(created.errors).toEqual([{ message: 'Text must not contain NUL (\\u0000) characters: $input.name', extensions: { code: 'BAD_USER_INPUT' } }])
    expect(await world.app.db.apiToken.count()).toBe(tokens)
    const found = await world.run(BadInputImage, { name: '\u0000'.repeat(64) })
    expect(found.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('$name'), extensions: { code: 'BAD_USER_INPUT' } })])
    const metadata = await world.run(BadInputCreate, { input: { name: 'nul/metadata', metadata: { tags: ['ok', 'n\u0000l'] } } })
    expect(metadata.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('$input.metadata.tags[1]') })])
    const key = await world.run(BadInputCreate, { input: { name: 'nul/metadata', metadata: { ['\u0000']: 1 } } })
    expect(key.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } })])
  })

  it('is refused in the document too', async () => {
    const query = 'mutation { createCategory(input: { name: "a\\u0000b" }) { category { id } userErrors { code } } }'
    const response = await world.post(JSON.stringify({ query }), JSON_HEADERS)
    expect(await response.json()).toEqual({
      errors: [{ message: 'Text must not contain NUL (\\u0000) characters: argument "input"', extensions: { code: 'BAD_USER_INPUT' } }],
    })
    expect(await world.app.db.category.count({ where: { name: { startsWith: 'a' } } })).toBe(0)
  })

  it('other unusual text is stored as given', async () => {
    const data = await world.ok(BadInputToken, { input: { name: '😀 é\u0301 \ud83d' } })
    expect(data.createApiToken.userErrors).toEqual([])
  })
})

describe('parameters and bodies that are not JSON', () => {
  it.each([
    ['variables=notjson', 'variables=notjson', 'The "variables" parameter is not valid JSON'],
    ['extensions=notjson', 'extensions=%7B', 'The "extensions" parameter is not valid JSON'],
    ['both', 'variables=%5B&extensions=x', 'The "variables" and "extensions" parameters are not valid JSON'],
  ])('GET with %s is 400 BAD_REQUEST for every client', async (_what, params, message) => {
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const response = await world.app.yoga.fetch(`http://localhost/graphql?query=${encodeURIComponent('{__typename}')}&${params}`, { headers: { accept } })
      expect(response.status).toBe(400)
      expect(await response.json()).toEqual({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] })
    }
  })

  it('a malformed JSON body gets a clear message and code, without the parser’s own error', async () => {
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const response = await world.post('{"query": "{ __typename }", ', { 'content-type': 'application/json', accept })
      expect(response.status).toBe(400)
      const text = await response.text()
      expect(JSON.parse(text)).toEqual({ errors: [{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }] })
      expect(text).not.toMatch(/SyntaxError|originalError|position/)
    }
  })

  it('a mutation over GET is 405 with Allow: POST, for every client, and runs nothing', async () => {
    const query = encodeURIComponent('mutation { createCategory(input: { name: "via-get" }) { category { id } } }')
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const response = await world.app.yoga.fetch(`http://localhost/graphql?query=${query}`, { headers: { accept, authorization: `Bearer ${ADMIN_TOKEN}` } })
      expect(response.status).toBe(405)
      expect(response.headers.get('allow')).toBe('POST')
      expect(await response.json()).toEqual({ errors: [{ message: 'Can only perform a mutation operation from a POST request.', extensions: { code: 'BAD_REQUEST' } }] })
    }
    expect(await world.app.db.category.count({ where: { name: 'via-get' } })).toBe(0)
  })

  it('an operationName that is not a string is 400 BAD_REQUEST', async () => {
    const response = await world.post(JSON.stringify({ query: '{ __typename }', operationName: { a: 1 } }), { 'content-type': 'application/json' })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ errors: [{ message: 'The "operationName" parameter must be a string', extensions: { code: 'BAD_REQUEST' } }] })
  })
})

describe('log levels', () => {
  beforeEach(() => void (lines.length = 0))

  it('logs a client’s mistake at info, without a stack or the input', async () => {
    const result = await world.run(BadInputPage, { first: -1 })
    expect(result.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } })])
    await world.run(BadInputCreate, { input: { name: 'Not A Name!' } })
    await world.post(JSON.stringify({ query: '{ node(id: "SW1hZ2U6YWJj") { id } }' }), { 'content-type': 'application/json' })
    await world.post(JSON.stringify({ query: '{ nope }' }), { 'content-type': 'application/json' })
    await world.post('{', { 'content-type': 'application/json' })
    await world.app.yoga.fetch('http://localhost/graphql?query={__typename}&variables=notjson')

    expect(lines.filter((line) => line.level >= 40)).toEqual([])
    expect(lines).toContainEqual(expect.objectContaining({ level: 30, msg: 'client error', code: 'BAD_USER_INPUT', path: ['images'] }))
    expect(lines).toContainEqual(expect.objectContaining({ level: 30, msg: 'client error', code: 'BAD_REQUEST' }))
    expect(lines).toContainEqual(expect.objectContaining({ level: 30, msg: 'client error', code: 'GRAPHQL_VALIDATION_FAILED' }))
    expect(lines).toContainEqual(expect.objectContaining({ level: 30, msg: 'client error', code: 'BAD_USER_INPUT', reason: 'INVALID_ID', field: ['id'] }))
    // Each is tied to its request's own line by the request id.
    const requestIds = new Set(lines.filter((line) => line.msg === 'request').map((line) => line.reqId))
    const clientErrors = lines.filter((line) => line.msg === 'client error')
    expect(clientErrors.map((line) => line.reqId).filter((id) => !requestIds.has(id))).toEqual([])
    const text = JSON.stringify(lines)
    expect(text).not.toMatch(/stack|    at |Not A Name/)
  })

  it('logs an unexpected failure once, at error, with its incident id and stack', async () => {
    const table = databaseKind === 'postgres' ? '"Category"' : 'Category'
    await world.app.db.$executeRawUnsafe(`ALTER TABLE ${table} RENAME TO "CategoryGone"`)
    try {
      const result = await world.run(BadInputCategories)
      const incident = result.errors?.[0]?.extensions?.incident
      expect(result.errors).toEqual([expect.objectContaining({ extensions: { code: 'INTERNAL_SERVER_ERROR', incident: expect.any(String) } })])
      const errors = lines.filter((line) => line.level >= 40)
      expect(errors).toEqual([expect.objectContaining({ level: 50, msg: 'unexpected error', incident })])
      expect(errors[0]!.err!.stack).toMatch(/\n    at /)
      // The request's own line names the incident, so the stack can be found from the request id.
      expect(lines.filter((line) => line.msg === 'request')).toEqual([expect.objectContaining({ operations: ['query BadInputCategories'], incidents: [incident] })])
    } finally {
      await world.app.db.$executeRawUnsafe(`ALTER TABLE "CategoryGone" RENAME TO ${table}`)
    }
  })
})
