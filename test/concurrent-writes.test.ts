// Writes under concurrency. Every write either completes or answers SERVICE_BUSY (retryable,
// nothing written), never INTERNAL_SERVER_ERROR; tagImage is not starved by a burst of
// createImage; and nothing acknowledged is lost or half-written. Bounded by counts and by
// events (a held transaction, a blocked lock), never by how long anything takes.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isDatabaseBusy } from '../src/errors.js'
import { graphql } from './gql/index.js'
import { createWorld, databaseKind, gid, type GraphQLResponse, type World } from './support/world.js'

const LoadCreateImage = graphql(`
  mutation LoadCreateImage($input: CreateImageInput!) {
    createImage(input: $input) {
      image { id name }
      userErrors { field message code }
    }
  }
`)

const LoadTagImage = graphql(`
  mutation LoadTagImage($input: TagsInput!) {
    tagImage(input: $input) {
      tags { name }
      userErrors { field message code }
    }
  }
`)

type Outcome = 'completed' | 'retryable' | 'internal' | 'other'

function outcomeOf(response: GraphQLResponse<unknown>, field: string): Outcome {
  const code = response.errors?.[0]?.extensions?.code
  if (code === 'INTERNAL_SERVER_ERROR') return 'internal'
  if (code === 'SERVICE_BUSY' && response.status === 200) return 'retryable'
  const payload = (response.data as Record<string, { userErrors: unknown[] } | null> | null | undefined)?.[field]
  if (response.status === 200 && !response.errors && payload?.userErrors.length === 0) return 'completed'
  return 'other'
}

const tally = (outcomes: Outcome[]) => {
  const counts = { completed: 0, retryable: 0, internal: 0, other: 0 }
  for (const outcome of outcomes) counts[outcome]++
  return counts
}

/** Opens a transaction that holds the database (its connection, or SQLite's turn) until `end` is called. */
async function holdTransaction(world: World, work: (tx: Parameters<Parameters<World['app']['db']['$transaction']>[0]>[0]) => Promise<unknown>) {
  let end!: (how: 'commit' | 'rollback') => void
  const ended = new Promise<'commit' | 'rollback'>((resolve) => (end = resolve))
  let opened!: () => void
  const open = new Promise<void>((resolve) => (opened = resolve))
  const done = world.app.db
    .$transaction(
      async (tx) => {
        await work(tx)
        opened()
        if ((await ended) === 'rollback') throw new Error('rolled back by the test')
      },
      { maxWait: 60_000, timeout: 60_000 },
    )
    .catch((error: Error) => {
      if (error.message !== 'rolled back by the test') throw error
    })
  await open
  return { end: (how: 'commit' | 'rollback') => (end(how), done) }
}

describe(`a burst of 1,000 createImage and 200 tagImage (${databaseKind})`, () => {
  const CREATES = 1000
  const TAGS = 200
  /** tagImage calls spread over this many images, so twenty add tags to one image at once. */
  const TAGGED_IMAGES = 10
  const DEADLINE_MS = 180_000

  let world: World
  let alice: { id: number; token: string }
  beforeAll(async () => {
    // The busy budget is the test's own deadline, so how fast this machine is decides only
    // whether the test finishes, never how many writes are told to retry.
    world = await createWorld({ DATABASE_BUSY_TIMEOUT_MS: String(DEADLINE_MS) })
    alice = await world.createUser('alice')
  })
  afterAll(() => world?.dispose())

  it(
    'every write completes or is SERVICE_BUSY, none INTERNAL; tagImage is not starved; nothing acknowledged is lost',
    async () => {
      const { db } = world.app
      const tagged: { id: number }[] = []
      for (let i = 0; i < TAGGED_IMAGES; i++) tagged.push(await db.image.create({ data: { name: `load/tagged-${i}`, ownerId: alice.id } }))

      const unexpected: GraphQLResponse<unknown>[] = []
      const send = async (document: typeof LoadCreateImage | typeof LoadTagImage, variables: object, field: string, i: number) => {
        const response = await world.run(document as typeof LoadCreateImage, variables as never, { token: alice.token })
        const outcome = outcomeOf(response, field)
        if (outcome === 'internal' || outcome === 'other') unexpected.push(response)
        return { i, outcome }
      }
      const creates = Array.from({ length: CREATES }, (_, i) => send(LoadCreateImage, { input: { name: `alice/new-${i}` } }, 'createImage', i))
      // Each call also adds "shared", which the other nineteen calls on that image add at the same time.
      const tags = Array.from({ length: TAGS }, (_, i) =>
        send(LoadTagImage, { input: { imageId: gid('Image', tagged[i % TAGGED_IMAGES]!.id), tags: [`t${i}`, 'shared'] } }, 'tagImage', i),
      )
      const createResults = await Promise.all(creates)
      const tagResults = await Promise.all(tags)
      const createCounts = tally(createResults.map((r) => r.outcome))
      const tagCounts = tally(tagResults.map((r) => r.outcome))
      console.log(`[${databaseKind}] createImage ${JSON.stringify(createCounts)}; tagImage ${JSON.stringify(tagCounts)}`)

      expect(unexpected.slice(0, 3)).toEqual([])
      expect(createCounts.internal + tagCounts.internal + createCounts.other + tagCounts.other).toBe(0)
      // Not starved: tag calls wait in the same line as the creates and are not told to retry.
      expect(tagCounts.retryable).toBe(0)

      // What was acknowledged is stored; what was refused left nothing behind.
      const created = new Set((await db.image.findMany({ where: { name: { startsWith: 'alice/new-' } }, select: { name: true } })).map((r) => r.name))
      expect(createResults.filter(({ i, outcome }) => created.has(`alice/new-${i}`) !== (outcome === 'completed'))).toEqual([])
      const stored = await db.tag.findMany({ where: { imageId: { in: tagged.map((t) => t.id) } }, select: { imageId: true, name: true } })
      const has = (imageId: number, name: string) => stored.some((t) => t.imageId === imageId && t.name === name)
      expect(tagResults.filter(({ i, outcome }) => has(tagged[i % TAGGED_IMAGES]!.id, `t${i}`) !== (outcome === 'completed'))).toEqual([])
      for (const image of tagged) expect(stored.filter((t) => t.imageId === image.id && t.name === 'shared')).toHaveLength(1)
    },
    DEADLINE_MS,
  )

  it('two tagImage adding the same new tag at once both complete, with one tag', async () => {
    const { db } = world.app
    const image = await db.image.create({ data: { name: 'load/race', ownerId: alice.id } })
    // The test's transaction adds "shared" first and keeps it uncommitted, so the call's own
    // check finds nothing; on PostgreSQL its insert then waits for the test's to commit.
    const held = await holdTransaction(world, (tx) => tx.tag.create({ data: { imageId: image.id, name: 'shared' } }))
    const call = world.run(LoadTagImage, { input: { imageId: gid('Image', image.id), tags: ['shared', 'own'] } }, { token: alice.token })
    if (databaseKind === 'postgres') await waitForLockWaiter(world)
    await held.end('commit')
    const response = await call
    expect(outcomeOf(response, 'tagImage'), JSON.stringify(response)).toBe('completed')
    expect(response.data?.tagImage.tags?.map((t) => t.name).sort()).toEqual(['own', 'shared'])
    expect(await db.tag.count({ where: { imageId: image.id } })).toBe(2)
  })
})

/** Resolves once a session of this test's database waits for a row or index lock another holds. */
async function waitForLockWaiter(world: World) {
  const client = new pg.Client({ connectionString: world.app.config.database.url })
  await client.connect()
  try {
    for (;;) {
      const { rows } = await client.query(
        `select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      )
      if (rows[0].waiting > 0) return
      await new Promise((resolve) => setImmediate(resolve))
    }
  } finally {
    await client.end()
  }
}

describe(`waiting for a database that is held (${databaseKind})`, () => {
  let world: World
  let alice: { id: number; token: string }
  beforeAll(async () => {
    // One connection, which the test's transaction holds: nothing else can have it. The budget
    // only bounds how long the refused requests wait; nothing can end the wait sooner.
    world = await createWorld({ DATABASE_POOL_SIZE: '1', DATABASE_BUSY_TIMEOUT_MS: '1000' })
    alice = await world.createUser('alice')
  })
  afterAll(() => world?.dispose())

  it('answers SERVICE_BUSY with HTTP 200 and writes nothing, and the same request completes once the database is free', async () => {
    const { db } = world.app
    const image = await db.image.create({ data: { name: 'held/tagged', ownerId: alice.id } })
    const held = await holdTransaction(world, (tx) => tx.category.create({ data: { name: 'uncommitted' } }))

    const create = await world.run(LoadCreateImage, { input: { name: 'alice/held-new' } }, { token: alice.token })
    const tag = await world.run(LoadTagImage, { input: { imageId: gid('Image', image.id), tags: ['busy'] } }, { token: alice.token })
    const transaction = await db.$transaction((tx) => tx.image.count()).then(
      () => 'started',
      (error: unknown) => (isDatabaseBusy(error) ? 'busy' : error),
    )
    // The held transaction goes; on SQLite a write acknowledged meanwhile would have gone with it.
    await held.end('rollback')

    for (const [response, field] of [[create, 'createImage'], [tag, 'tagImage']] as const) {
      expect(outcomeOf(response, field), JSON.stringify(response)).toBe('retryable')
      expect(response.errors?.[0]?.message).toMatch(/busy.*again/i)
      expect(JSON.stringify(response)).not.toMatch(/prisma|P20\d\d|timeout exceeded|\bat .*\.ts/i)
    }
    expect(transaction).toBe('busy')
    expect(await db.image.count({ where: { name: 'alice/held-new' } })).toBe(0)
    expect(await db.tag.count({ where: { imageId: image.id } })).toBe(0)
    expect(await db.category.count({ where: { name: 'uncommitted' } })).toBe(0)

    expect(outcomeOf(await world.run(LoadCreateImage, { input: { name: 'alice/held-new' } }, { token: alice.token }), 'createImage')).toBe('completed')
    expect(outcomeOf(await world.run(LoadTagImage, { input: { imageId: gid('Image', image.id), tags: ['busy'] } }, { token: alice.token }), 'tagImage')).toBe(
      'completed',
    )
  })
})
