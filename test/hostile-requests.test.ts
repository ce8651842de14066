// Thousands of hostile requests, generated from the introspected schema (see
// support/hostile-requests.ts) and sent as the administrator, as users who own nothing or
// something, and anonymously: none may answer INTERNAL_SERVER_ERROR, a 5xx or a stack trace.
// The seed makes a failing run reproducible: HOSTILE_SEED=<n> to try another.
import { isNonNullType, type GraphQLField, type GraphQLSchema } from 'graphql'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { gid, seedBuild, seedImage, seedVersion } from './support/images-fixtures.js'
import {
  fieldRequest,
  introspect,
  malformedRequest,
  randomDocument,
  seededRandom,
  type HostileRequest,
  type Pools,
} from './support/hostile-requests.js'
import { ADMIN_TOKEN, createWorld, databaseKind, type World } from './support/world.js'

const SEED = Number(process.env.HOSTILE_SEED ?? 9009)
const REQUESTS = Number(process.env.HOSTILE_REQUESTS ?? 5000)
const IN_FLIGHT = Number(process.env.HOSTILE_IN_FLIGHT ?? 6)
// What a stack trace looks like in a body: frames, source paths, a "stack" member.
const STACK = /\n\s+at \S|\bat [\w.<>]+ \([^)]*:\d+:\d+\)|"stack"|node_modules|\/src\/[\w/-]+\.ts|\.[cm]?[jt]s:\d+:\d+/

let world: World
let schema: GraphQLSchema
const tokens: Record<string, string | null> = { admin: ADMIN_TOKEN, anonymous: null }
const pools: Pools = { rows: {}, cursors: [] }

beforeAll(async () => {
  // No engine, and every registry on a closed loopback port: nothing leaves the machine.
  world = await createWorld({ DOCKER_HOST: 'unix:///nonexistent/icat-hostile.sock', REGISTRY_TIMEOUT_MS: '500', GIT_TIMEOUT_MS: '3000' })
  const { db } = world.app
  await db.registry.updateMany({ where: { isDefault: true }, data: { url: 'http://127.0.0.1:9', searchUrl: 'http://127.0.0.1:9/v1/search' } })
  const alice = await world.createUser('alice')
  const bob = await world.createUser('bob')
  tokens.alice = alice.token
  tokens.bob = bob.token

  const category = await db.category.create({ data: { name: 'tools' } })
  const registry = await db.registry.create({ data: { name: 'local', url: 'http://127.0.0.1:9' } })
  const images = [
    await seedImage(world, { name: 'alice/public', ownerId: alice.id, tags: ['1.0', 'latest'], categoryIds: [category.id] }),
    await seedImage(world, { name: 'alice/secret', ownerId: alice.id, isPrivate: true, tags: ['1.0'] }),
    await seedImage(world, { name: 'team/web', tags: ['latest'], registryId: registry.id }),
  ]
  const rows: Record<string, number[]> = { Image: images.map((i) => i.id), Category: [category.id], Registry: [registry.id, 1] }
  rows.User = [1, alice.id, bob.id]
  rows.Tag = (await db.tag.findMany({ select: { id: true } })).map((t) => t.id)
  rows.Version = []
  rows.Build = []
  for (const image of images) {
    const version = await seedVersion(world, image.id)
    rows.Version.push(version.id)
    rows.Build.push((await seedBuild(world, image.id, { targetTag: '1.0', state: 'SUCCEEDED', versionId: version.id, logLines: 30 })).id)
    rows.Build.push((await seedBuild(world, image.id, { targetTag: 'latest', state: 'QUEUED' })).id)
  }
  const pull = await db.pull.create({ data: { reference: 'alice/public:1.0', requestedById: alice.id, imageId: images[0]!.id } })
  rows.Pull = [pull.id]
  rows.Push = []
  // Tokens of other users than the three callers: revoking one must not end the run early.
  const spare = await world.createUser('spare')
  rows.ApiToken = (await db.apiToken.findMany({ where: { userId: spare.id }, select: { id: true } })).map((t) => t.id)
  pools.rows = rows

  schema = await introspect((body) => world.post(body, { 'content-type': 'application/json' }))
})
afterAll(() => world?.dispose())

interface Outcome {
  request: HostileRequest
  actor: string
  /** -1 when no answer came in time. */
  status: number
  text: string
  ms: number
}

const DEADLINE_MS = 15_000

async function send(request: HostileRequest, actor: string): Promise<Outcome> {
  const headers = { ...request.headers }
  const token = tokens[actor]
  if (token && !headers.authorization) headers.authorization = `Bearer ${token}`
  const url = `http://localhost/graphql${request.search ? `?${request.search}` : ''}`
  const started = Date.now()
  try {
    // Nothing here may take long: a stuck answer is a finding too.
    const response = await world.app.yoga.fetch(url, { method: request.method, body: request.body, headers, signal: AbortSignal.timeout(DEADLINE_MS) })
    const text = await response.text()
    return { request, actor, status: response.status, text, ms: Date.now() - started }
  } catch (error) {
    return { request, actor, status: -1, text: `no answer: ${String(error)}`, ms: Date.now() - started }
  }
}

const CURSOR = /"(?:endCursor|startCursor|cursor)":"([^"]+)"/g

it(`answers ${REQUESTS} hostile requests without INTERNAL_SERVER_ERROR, 5xx or stack traces`, { timeout: 240_000 }, async () => {
  const random = seededRandom(SEED)
  const roots = [
    ...Object.values(schema.getQueryType()!.getFields()).map((field) => ['query', field] as const),
    ...Object.values(schema.getMutationType()!.getFields()).map((field) => ['mutation', field] as const),
  ] satisfies (readonly ['query' | 'mutation', GraphQLField<unknown, unknown>])[]
  const valid: string[] = []
  const actors = ['admin', 'alice', 'bob', 'anonymous']

  // Every field in turn, so each is hit about equally often, with documents and malformed
  // requests mixed in. Each request is drawn whole before any is sent, so the seed alone
  // decides what is sent whatever order the answers come back in.
  const draw = (i: number): [HostileRequest, string] => {
    const roll = random.next()
    let request: HostileRequest
    if (roll < 0.12 && valid.length > 0) request = randomDocument(random, valid)
    else if (roll < 0.2 && valid.length > 0) request = malformedRequest(random, valid)
    else {
      const [root, field] = roots[i % roots.length]!
      request = fieldRequest(random, schema, root, field, pools)
      if (typeof request.body === 'string' && valid.length < 200) valid.push((JSON.parse(request.body) as { query: string }).query)
    }
    return [request, random.pick(actors)]
  }

  const started = Date.now()
  const outcomes: Outcome[] = []
  const record = (outcome: Outcome) => {
    outcomes.push(outcome)
    for (const match of outcome.text.matchAll(CURSOR)) if (pools.cursors.length < 300) pools.cursors.push(match[1]!)
  }
  // A first round, one at a time, gathers the cursors that later requests use on other lists.
  for (let i = 0; i < 2 * roots.length; i++) record(await send(...draw(i)))
  const rest = Array.from({ length: REQUESTS - outcomes.length }, (_, i) => draw(outcomes.length + i))
  let taken = 0
  const worker = async () => {
    while (taken < rest.length) {
      record(await send(...rest[taken++]!))
      // In-process requests on SQLite can complete in microtasks alone: let timers and sockets run.
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  const seconds = (Date.now() - started) / 1000

  const internal = outcomes.filter((o) => o.text.includes('INTERNAL_SERVER_ERROR'))
  const serverErrors = outcomes.filter((o) => o.status >= 500)
  const stacks = outcomes.filter((o) => STACK.test(o.text))
  const stuck = outcomes.filter((o) => o.status === -1)
  const slowest = [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 5)
  if (process.env.HOSTILE_PROFILE) {
    const perKind: Record<string, [number, number]> = {}
    for (const o of outcomes) {
      const entry = (perKind[o.request.kind.split(' ')[0]!] ??= [0, 0])
      entry[0]++
      entry[1] += o.ms
    }
    console.log(Object.entries(perKind).sort((a, b) => b[1][1] - a[1][1]).slice(0, 25).map(([k, [n, ms]]) => `${k} n=${n} total=${ms} avg=${Math.round(ms / n)}`).join('\n'))
  }
  if (process.env.HOSTILE_PROFILE) for (const o of [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 25)) console.log(o.ms, o.request.kind, o.actor, typeof o.request.body === 'string' ? o.request.body.slice(0, 400) : o.request.search, '=>', o.text.slice(0, 300))
  const byStatus: Record<number, number> = {}
  for (const o of outcomes) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1
  const fields = new Set(outcomes.map((o) => /^((?:query|mutation)\.\w+)/.exec(o.request.kind)?.[1]).filter(Boolean))
  console.log(
    `hostile requests (${databaseKind}, seed ${SEED}): ${outcomes.length} sent in ${seconds.toFixed(1)} s over ${fields.size} root fields; ` +
      `INTERNAL_SERVER_ERROR ${internal.length}, 5xx ${serverErrors.length}, stack traces ${stacks.length}, unanswered ${stuck.length}; ` +
      `statuses ${JSON.stringify(byStatus)}; slowest ${slowest.map((o) => `${o.request.kind} ${o.ms} ms`).join(', ')}`,
  )
  const { db } = world.app
  const written = { images: await db.image.count(), tags: await db.tag.count(), categories: await db.category.count(), users: await db.user.count(), registries: await db.registry.count() }
  console.log(`rows after the run: ${JSON.stringify(written)}`)
  const show = (o: Outcome) =>
    `${o.request.kind} as ${o.actor}: ${o.status} ${o.text.slice(0, 600)}\n  request: ${typeof o.request.body === 'string' ? o.request.body.slice(0, 600) : o.request.search ?? '(form)'}`
  expect(internal.map(show)).toEqual([])
  expect(serverErrors.map(show)).toEqual([])
  expect(stacks.map(show)).toEqual([])
  expect(stuck.map(show)).toEqual([])
  expect(outcomes.length).toBeGreaterThanOrEqual(5000)
  // Every query and mutation field was tried, with arguments where it has them.
  expect(fields.size).toBe(roots.length)
  expect(roots.filter(([, field]) => field.args.some((arg) => isNonNullType(arg.type))).length).toBeGreaterThan(10)
  // Ids of real rows were among the values: the pools are not empty.
  expect(gid('Image', pools.rows.Image![0]!)).toBeTruthy()
})
