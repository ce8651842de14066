// Protection: query cost (extensions.cost, MAX_QUERY_COST), cost buckets per token and per
// client address (in memory and in a shared Redis), failed sign-ins per address, trusted documents.
// Buckets drain by a clock the test moves, so nothing here waits for time to pass.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { createClient, type FormattedExecutionResult } from 'graphql-ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { graphql } from './gql/index.js'
import { startRedis } from './support/processes.js'
import { ADMIN_TOKEN, createWorld, SPEC_MEDIA_TYPE, type World } from './support/world.js'

const ProtectViewer = graphql(`
  query ProtectViewer { viewer { name } }
`)

const ProtectImages = graphql(`
  query ProtectImages($first: Int) { images(first: $first) { totalCount nodes { name } } }
`)

const ProtectDrift = graphql(`
  query ProtectDrift($first: Int, $tags: Int) {
    images(first: $first) { nodes { name tags(first: $tags) { nodes { name updateAvailable } } } }
  }
`)

const ProtectCreateCategory = graphql(`
  mutation ProtectCreateCategory($input: CreateCategoryInput!) {
    createCategory(input: $input) { category { name } userErrors { code } }
  }
`)

const ProtectCreateImage = graphql(`
  mutation ProtectCreateImage($input: CreateImageInput!) { createImage(input: $input) { image { name } } }
`)

const MANIFEST = path.resolve(import.meta.dirname, 'gql/persisted-documents.json')
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>

/** A clock the test moves by hand. */
function handClock() {
  let now = Date.parse('2026-01-01T00:00:00Z')
  return { now: () => now, advance: (seconds: number) => void (now += seconds * 1000) }
}

type Cost = { requestedQueryCost: number; actualQueryCost: number | null; throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number } }
const costOf = (response: object) => (response as { extensions?: { cost?: Cost } }).extensions?.cost

type ExecutionResult = FormattedExecutionResult<Record<string, unknown>, unknown>

/** One operation over graphql-ws: its last result, or the errors a refused subscribe message gets. */
function wsOnce(client: ReturnType<typeof createClient>, payload: Record<string, unknown>) {
  return new Promise<ExecutionResult>((resolve, reject) => {
    let result: ExecutionResult | undefined
    client.subscribe({ query: '', ...payload } as { query: string }, {
      next: (value) => void (result = value),
      error: (error) => (Array.isArray(error) ? resolve({ errors: error }) : reject(error)),
      complete: () => resolve(result!),
    })
  })
}

async function postJson(world: World, body: unknown, headers: Record<string, string> = {}, token: string | null = ADMIN_TOKEN) {
  const response = await world.post(JSON.stringify(body), { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers })
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[]; extensions?: unknown } }
}

describe('query cost', () => {
  let world: World
  beforeAll(async () => {
    world = await createWorld({ PORT: '0' })
    for (const name of ['cost/a', 'cost/b', 'cost/c']) await world.ok(ProtectCreateImage, { input: { name } })
  })
  afterAll(() => world.dispose())

  it('reports requested and actual cost and the bucket in extensions.cost, in Shopify\'s form', async () => {
    const response = await postJson(world, { query: ProtectImages.toString(), variables: { first: 5 } })
    expect(response.status).toBe(200)
    // The operation: 100; images: 2, plus 5 nodes of 1 each asked; 3 were there.
    expect(costOf(response.body)).toEqual({
      requestedQueryCost: 107,
      actualQueryCost: 105,
      throttleStatus: { maximumAvailable: 100000000, currentlyAvailable: expect.any(Number), restoreRate: 100000000 },
    })
  })

  it('charges every operation a fixed 100 for its request, parse and validation, and never refunds it', async () => {
    expect(costOf((await postJson(world, { query: '{ __typename }' })).body)).toMatchObject({ requestedQueryCost: 100, actualQueryCost: 100 })
    // Asked 20 images, 3 were there: the unspent 17 flow back, the operation's 100 and the connection's 2 do not.
    const page = costOf((await postJson(world, { query: ProtectImages.toString(), variables: { first: 20 } })).body)!
    expect(page).toMatchObject({ requestedQueryCost: 122, actualQueryCost: 105 })
  })

  it('multiplies by the default page size of 20 when no page is asked, and a mutation costs more than a read', async () => {
    const read = costOf((await postJson(world, { query: ProtectImages.toString() })).body)!
    expect(read.requestedQueryCost).toBe(122)
    const write = costOf((await postJson(world, { query: ProtectCreateCategory.toString(), variables: { input: { name: 'cost-write' } } })).body)!
    expect(write.actualQueryCost).toBeGreaterThanOrEqual(110)
    expect(write.requestedQueryCost).toBeGreaterThan(read.actualQueryCost!)
  })

  it('prices registry fields far above database fields', async () => {
    const plain = costOf((await postJson(world, { query: ProtectImages.toString(), variables: { first: 1 } })).body)!
    const drift = costOf((await postJson(world, { query: ProtectDrift.toString(), variables: { first: 1, tags: 1 } })).body)!
    expect(drift.requestedQueryCost).toBeGreaterThanOrEqual(plain.requestedQueryCost + 1000)
  })

  it('refuses images(first:100){tags(first:100){updateAvailable}} before anything runs, with the limit and the cost', async () => {
    world.statements.length = 0
    const response = await postJson(world, { query: ProtectDrift.toString(), variables: { first: 100, tags: 100 } })
    expect(response.status).toBe(400)
    expect(response.body.data).toBeUndefined()
    expect(response.body.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'QUERY_TOO_COMPLEX', maxCost: 100000, requestedCost: 10010402 } }),
    ])
    expect(response.body.errors![0]!.message).toContain('100000')
    expect(world.statements.filter((sql) => /"Image"|"Tag"/.test(sql))).toEqual([])
  })

  it('answers a plain application/json client with 200, as for other requests that never ran', async () => {
    const response = await postJson(world, { query: ProtectDrift.toString(), variables: { first: 100, tags: 100 } }, { accept: 'application/json' })
    expect(response.status).toBe(200)
    expect(response.body.errors![0]!.extensions.code).toBe('QUERY_TOO_COMPLEX')
  })

  it('honours MAX_QUERY_COST', async () => {
    const strict = await createWorld({ MAX_QUERY_COST: '110' })
    try {
      expect((await strict.run(ProtectImages, { first: 8 })).errors).toBeUndefined()
      const refused = await strict.run(ProtectImages, { first: 9 })
      expect(refused.status).toBe(400)
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 110, requestedCost: 111 })
    } finally {
      await strict.dispose()
    }
  })

  it('applies over graphql-ws too: the cost is reported, and a dear operation refused', async () => {
    const url = (await world.app.start()).replace('http:', 'ws:')
    const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    try {
      const once = (query: string, variables: Record<string, unknown>) => wsOnce(client, { query, variables })
      const cheap = await once(ProtectImages.toString(), { first: 5 })
      expect(cheap.extensions).toMatchObject({ cost: { requestedQueryCost: 107, actualQueryCost: 105 } })
      const dear = await once(ProtectDrift.toString(), { first: 100, tags: 100 })
      expect(dear.data).toBeUndefined()
      expect(dear.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 100000 })
    } finally {
      await client.dispose()
    }
  })
})

// ProtectViewer costs 101 (the operation, one object): a token's bucket holds 100 of them and
// gets one back a second. Anonymously ProtectImages(first: 0) costs 102 (the operation, a
// connection): the address's bucket holds 51 of them, and 5 flow back a second.
const SMALL_BUCKET = {
  RATE_LIMIT_CAPACITY: '10100',
  RATE_LIMIT_RESTORE_RATE: '101',
  RATE_LIMIT_ANONYMOUS_CAPACITY: '5200',
  RATE_LIMIT_ANONYMOUS_RESTORE_RATE: '510',
  MAX_QUERY_COST: '5200',
}

/** Spends the whole bucket of `token` with 101-point operations (102-point ones anonymously, who has no viewer); returns the first refusal. */
async function drain(world: World, token: string | null) {
  for (let sent = 0; sent < 1000; sent++) {
    const result = token ? await world.run(ProtectViewer, {}, { token }) : await world.run(ProtectImages, { first: 0 }, { token })
    if (result.errors) return { sent, result }
  }
  throw new Error('the bucket never ran dry')
}

describe.each(['memory', 'redis'] as const)('cost rate limits (%s)', (store) => {
  const clock = handClock()
  let world: World
  let other: World | undefined
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined
  beforeAll(async () => {
    redis = store === 'redis' ? await startRedis() : undefined
    const env = { ...SMALL_BUCKET, ...(redis ? { REDIS_URL: redis.url } : {}) }
    world = await createWorld(env, { clock: clock.now })
    if (redis) other = await createWorld(env, { clock: clock.now })
  })
  afterAll(async () => {
    await world.dispose()
    await other?.dispose()
    await redis?.stop()
  })

  it('refuses with RATE_LIMITED, retryAfter and HTTP 429 + Retry-After once the token has spent its bucket, running nothing', async () => {
    const { sent, result } = await drain(world, ADMIN_TOKEN)
    expect(sent).toBe(100)
    expect(result.status).toBe(429)
    expect(result.data).toBeUndefined()
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 1 })
    const refused = await postJson(world, { query: ProtectViewer.toString() })
    expect(costOf(refused.body)).toEqual({ requestedQueryCost: 101, actualQueryCost: null, throttleStatus: { maximumAvailable: 10100, currentlyAvailable: 0, restoreRate: 101 } })

    const response = await world.post(JSON.stringify({ query: ProtectCreateCategory.toString(), variables: { input: { name: 'never-made' } } }), {
      'content-type': 'application/json',
      authorization: `Bearer ${ADMIN_TOKEN}`,
    })
    expect(response.status).toBe(429)
    // createCategory asks 131 points: (131 - 0) / 101 a second.
    expect(response.headers.get('retry-after')).toBe('2')
    expect(await world.app.db.category.count({ where: { name: 'never-made' } })).toBe(0)

    const plain = await world.run(ProtectViewer, {}, { headers: { accept: 'application/json' } })
    expect(plain.status).toBe(200)
    expect(plain.errors![0]!.extensions!.code).toBe('RATE_LIMITED')
  })

  it('keeps a bucket per token and one per anonymous address', async () => {
    const user = await world.createUser(`limited-${store}`)
    expect((await world.run(ProtectViewer, {}, { token: user.token })).errors).toBeUndefined()
    const viewer = await postJson(world, { query: ProtectViewer.toString() }, {}, null)
    // An anonymous viewer is null: only the operation's 100 was spent, from the address's bucket.
    expect(costOf(viewer.body)).toEqual({ requestedQueryCost: 101, actualQueryCost: 100, throttleStatus: { maximumAvailable: 5200, currentlyAvailable: 5100, restoreRate: 510 } })
    const anonymous = await drain(world, null)
    expect(anonymous.sent).toBe(50)
    expect(anonymous.result.status).toBe(429)
    expect(anonymous.result.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 1 })
    // The token's bucket is another one, with its own size.
    const token = await postJson(world, { query: ProtectViewer.toString() }, {}, user.token)
    expect(costOf(token.body)!.throttleStatus).toEqual({ maximumAvailable: 10100, currentlyAvailable: 10100 - 2 * 101, restoreRate: 101 })
  })

  it('restores an anonymous address at its own, slower rate', async () => {
    clock.advance(1)
    // 510 points: 5 operations of 102.
    expect((await drain(world, null)).sent).toBe(5)
  })

  it('restores restoreRate points a second', async () => {
    clock.advance(9)
    // 10 s since it was drained (one of them in the test before): 1,010 points.
    const { sent } = await drain(world, ADMIN_TOKEN)
    expect(sent).toBe(10)
    clock.advance(100)
    expect((await drain(world, ADMIN_TOKEN)).sent).toBe(100)
  })

  it.runIf(store === 'redis')('shares one bucket between two instances on one Redis', async () => {
    clock.advance(100)
    // Half on one instance, the rest on the other: one bucket of 100.
    for (let i = 0; i < 50; i++) expect((await world.run(ProtectViewer, {})).errors).toBeUndefined()
    const { sent, result } = await drain(other!, ADMIN_TOKEN)
    expect(sent).toBe(50)
    expect(result.status).toBe(429)
    expect((await world.run(ProtectViewer, {})).status).toBe(429)
  })
})

it('limits graphql-ws operations from the same bucket as HTTP ones', async () => {
  const world = await createWorld({ ...SMALL_BUCKET, PORT: '0' }, { clock: handClock().now })
  const client = createClient({ url: (await world.app.start()).replace('http:', 'ws:'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${ADMIN_TOKEN}` } })
  try {
    expect((await wsOnce(client, { query: ProtectViewer.toString() })).data).toEqual({ viewer: { name: 'admin' } })
    expect((await drain(world, ADMIN_TOKEN)).sent).toBe(99)
    const refused = await wsOnce(client, { query: ProtectViewer.toString() })
    expect(refused.data).toBeUndefined()
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 1 })
  } finally {
    await client.dispose()
    await world.dispose()
  }
})

describe('failed sign-ins', () => {
  const clock = handClock()
  let world: World
  beforeAll(async () => {
    world = await createWorld({ FAILED_AUTH_LIMIT: '3' }, { clock: clock.now })
  })
  afterAll(() => world.dispose())

  it('refuses an address with RATE_LIMITED after FAILED_AUTH_LIMIT bad tokens in a minute, before any token is checked', async () => {
    for (let i = 0; i < 3; i++) {
      const bad = await world.run(ProtectViewer, {}, { token: `icat_guess${i}` })
      expect(bad.status).toBe(401)
      expect(bad.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED')
    }
    const limited = await world.run(ProtectViewer, {}, { token: 'icat_guess3' })
    expect(limited.status).toBe(429)
    expect(limited.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 20 })
    // Even the right token: it is not looked at.
    world.statements.length = 0
    expect((await world.run(ProtectViewer, {})).errors![0]!.extensions!.code).toBe('RATE_LIMITED')
    expect(world.statements.filter((sql) => sql.includes('ApiToken'))).toEqual([])
    // Anonymous requests carry no token to guess with.
    expect((await world.run(ProtectViewer, {}, { token: null })).errors).toBeUndefined()
  })

  it('lets one more attempt through every 60/N seconds', async () => {
    clock.advance(20)
    expect((await world.run(ProtectViewer, {})).errors).toBeUndefined()
    expect((await world.run(ProtectViewer, {}, { token: 'icat_guess4' })).status).toBe(401)
    expect((await world.run(ProtectViewer, {}, { token: 'icat_guess5' })).status).toBe(429)
  })

  it.each([
    ['ignores X-Forwarded-For without TRUST_PROXY', {}, 429],
    ['counts by the X-Forwarded-For address with TRUST_PROXY=1', { TRUST_PROXY: '1' }, 401],
  ])('%s', async (_name, env, secondStatus) => {
    const real = await createWorld({ PORT: '0', FAILED_AUTH_LIMIT: '1', ...env })
    try {
      const url = await real.app.start()
      const guess = (forwardedFor: string) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: SPEC_MEDIA_TYPE, authorization: 'Bearer icat_guess', 'x-forwarded-for': `192.0.2.9, ${forwardedFor}` },
          body: JSON.stringify({ query: ProtectViewer.toString() }),
        }).then((response) => response.status)
      expect(await guess('10.0.0.1')).toBe(401)
      expect(await guess('10.0.0.1')).toBe(429)
      expect(await guess('10.0.0.2')).toBe(secondStatus)
    } finally {
      await real.dispose()
    }
  })
})

it('refuses to start with a manifest it cannot read, naming the variable', async () => {
  await expect(createWorld({ PERSISTED_OPERATIONS: 'only', PERSISTED_OPERATIONS_MANIFEST: '/nonexistent/manifest.json' })).rejects.toThrow(/^PERSISTED_OPERATIONS_MANIFEST: must be a readable JSON file/)
})

describe.each(['only', 'allow', 'off'] as const)('trusted documents (PERSISTED_OPERATIONS=%s)', (mode) => {
  let world: World
  beforeAll(async () => {
    world = await createWorld({ PORT: '0', PERSISTED_OPERATIONS: mode, PERSISTED_OPERATIONS_MANIFEST: MANIFEST })
  })
  afterAll(() => world.dispose())

  const byHash = (hash: string, how: 'documentId' | 'apollo') =>
    postJson(world, how === 'documentId' ? { documentId: hash } : { extensions: { persistedQuery: { version: 1, sha256Hash: hash.replace(/^sha256:/, '') } } })

  it.runIf(mode !== 'off')('accepts every document of the manifest by its hash', async () => {
    expect(Object.keys(manifest).length).toBeGreaterThan(100)
    for (const hash of Object.keys(manifest)) {
      const response = await world.post(JSON.stringify({ documentId: hash }), { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}`, accept: `${SPEC_MEDIA_TYPE}, text/event-stream` })
      if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
        // A subscription that runs: accepted (a refused hash is a JSON error), and it may stay open (auditEvents), so it is not read to its end.
        expect(response.status, hash).toBe(200)
        await response.body?.cancel()
        continue
      }
      const text = await response.text()
      expect(text, hash).not.toContain('PERSISTED_QUERY')
    }
  })

  it.runIf(mode !== 'off')('runs one by documentId and by Apollo\'s sha256Hash', async () => {
    const hash = ProtectViewer.__meta__!.hash as string
    for (const how of ['documentId', 'apollo'] as const) {
      expect((await byHash(hash, how)).body).toMatchObject({ data: { viewer: { name: 'admin' } } })
    }
  })

  it.runIf(mode !== 'off')('refuses an unknown hash with PERSISTED_QUERY_NOT_FOUND', async () => {
    const response = await byHash(`sha256:${'0'.repeat(64)}`, 'documentId')
    expect(response.status).toBe(400)
    expect(response.body.errors![0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND')
  })

  it(`${mode === 'only' ? 'refuses' : 'runs'} a document sent in full`, async () => {
    const response = await postJson(world, { query: '{ viewer { name } }' })
    if (mode === 'only') {
      expect(response.status).toBe(400)
      expect(response.body.errors![0]!.extensions.code).toBe('PERSISTED_QUERY_ONLY')
    } else {
      expect(response.body).toMatchObject({ data: { viewer: { name: 'admin' } } })
    }
  })

  it.runIf(mode === 'off')('ignores a documentId', async () => {
    const response = await byHash(ProtectViewer.__meta__!.hash as string, 'documentId')
    expect(response.body.data).toBeUndefined()
    expect(JSON.stringify(response.body)).not.toContain('PERSISTED_QUERY')
  })

  it('applies over graphql-ws', async () => {
    const url = (await world.app.start()).replace('http:', 'ws:')
    const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    const once = (payload: Record<string, unknown>) => wsOnce(client, payload)
    try {
      const free = await once({ query: '{ viewer { name } }' })
      const trusted = await once({ documentId: ProtectViewer.__meta__!.hash })
      if (mode === 'only') expect(free.errors![0]!.extensions!.code).toBe('PERSISTED_QUERY_ONLY')
      else expect(free.data).toEqual({ viewer: { name: 'admin' } })
      if (mode === 'off') expect(trusted.data).toBeUndefined()
      else expect(trusted.data).toEqual({ viewer: { name: 'admin' } })
    } finally {
      await client.dispose()
    }
  })
})
