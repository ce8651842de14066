// A test's world, built step by step: a fresh database and app, then the users and
// images the test asks for. Nothing is shared between test files.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { encodeGlobalID } from '@pothos/plugin-relay'
import { buildApp, type App } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import type { Logger } from '../../src/logger.js'
import type { TypedDocumentString } from '../gql/graphql.js'
import { createScratchDatabase } from './postgres.js'
import { runLogger } from './run-log.js'

import { ADMIN_TOKEN } from './admin-token.js'

export { ADMIN_TOKEN }
/** The global ID the API gives a row, e.g. gid('Image', 3). */
export const gid = (type: string, id: number | string) => encodeGlobalID(type, id)

/** The media type of the GraphQL-over-HTTP spec, which `post` and `run` accept by default. */
export const SPEC_MEDIA_TYPE = 'application/graphql-response+json'

export const databaseKind = (process.env.TEST_DATABASE ?? 'sqlite') as 'sqlite' | 'postgres'

/**
 * Test files send thousands of requests as one token, or anonymously from one address: rate
 * limits with an operator's defaults would throttle them. The buckets still run, only large;
 * the tests of the limits themselves set their own.
 */
export const UNTHROTTLED = {
  RATE_LIMIT_CAPACITY: '100000000',
  RATE_LIMIT_RESTORE_RATE: '100000000',
  RATE_LIMIT_ANONYMOUS_CAPACITY: '100000000',
  RATE_LIMIT_ANONYMOUS_RESTORE_RATE: '100000000',
  FAILED_AUTH_LIMIT: '100000000',
}

/**
 * The answer with the caller's bucket level taken out: `throttleStatus.currentlyAvailable`
 * depends on how many milliseconds passed since the caller's last request, so two answers are
 * compared without it (the costs themselves stay in).
 */
export function withoutBucketLevel<T>(answer: T): T {
  return JSON.parse(JSON.stringify(answer), (key, value) => (key === 'currentlyAvailable' ? '<level>' : value))
}

export interface GraphQLResponse<T> {
  status: number
  data?: T | null
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[]
}

export interface RequestOptions {
  token?: string | null
  headers?: Record<string, string>
}

export interface World {
  app: App
  dataDir: string
  /** Every SQL statement the app ran, in order; tests may clear it. */
  statements: string[]
  /** Runs an operation through yoga.fetch, as `token` (the admin's unless given; null = anonymous). */
  run<R, V>(document: TypedDocumentString<R, V>, variables?: V, options?: RequestOptions): Promise<GraphQLResponse<R>>
  /** Same as run, but fails the test on any GraphQL error and returns the data. */
  ok<R, V>(document: TypedDocumentString<R, V>, variables?: V, options?: RequestOptions): Promise<R>
  /** Posts a raw body, for transport-level tests; it accepts SPEC_MEDIA_TYPE unless `headers` say otherwise. */
  post(body: BodyInit, headers?: Record<string, string>): Promise<Response>
  createUser(name: string, options?: { isAdmin?: boolean }): Promise<{ id: number; token: string }>
  dispose(): Promise<void>
}

export interface WorldOptions {
  /** The app's logger; by default the run's log (see run-log.ts), which prints warnings and errors only, not clients' mistakes. */
  logger?: Logger
  /** The clock rate-limit buckets drain by (see AppOptions.clock). */
  clock?: () => number
}

export async function createWorld(env: Record<string, string> = {}, options: WorldOptions = {}): Promise<World> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'icat-test-'))
  const scratch = databaseKind === 'postgres' ? await createScratchDatabase() : null
  const config = loadConfig({ DATA_DIR: dataDir, ADMIN_TOKEN, ...UNTHROTTLED, ...(scratch ? { DATABASE_URL: scratch.url } : {}), ...env })
  const statements: string[] = []
  const logger = options.logger ?? runLogger()
  const app = await buildApp(config, { onQuery: (sql) => statements.push(sql), log: () => {}, logger, clock: options.clock })

  // As a GraphQL-over-HTTP client asks, unless told otherwise: a request that never ran is then a 4xx.
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    Promise.resolve(app.yoga.fetch('http://localhost/graphql', { method: 'POST', body, headers: { accept: SPEC_MEDIA_TYPE, ...headers } }))

  const run: World['run'] = async (document, variables, options = {}) => {
    const token = options.token === undefined ? ADMIN_TOKEN : options.token
    const response = await post(JSON.stringify({ query: document.toString(), variables }), {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...options.headers,
    })
    // Every answer reports its cost (src/protection); tests of it read it with `post`.
    const { extensions, ...body } = (await response.json()) as { extensions?: Record<string, unknown> }
    const { cost: _cost, ...otherExtensions } = extensions ?? {}
    return { status: response.status, ...body, ...(Object.keys(otherExtensions).length > 0 ? { extensions: otherExtensions } : {}) }
  }

  return {
    app,
    dataDir,
    statements,
    run,
    async ok(document, variables, options) {
      const result = await run(document, variables, options)
      if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`)
      return result.data
    },
    post,
    async createUser(name, options = {}) {
      const admin = await app.services.users.authenticate(ADMIN_TOKEN)
      const { user, token } = await app.services.users.createUser(admin, { name, isAdmin: options.isAdmin })
      return { id: user.id, token }
    },
    async dispose() {
      await app.stop()
      await scratch?.drop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * Only the operation under test may run statements while they are counted: the job leases'
 * heartbeats and sweeps (every few seconds) and the engines' health checks (a read and a write
 * of the Engine table every ENGINE_CHECK_SECONDS) otherwise land in a measurement. The check
 * the app began at start (it loads dockerode first, which takes a while) is waited for.
 */
export async function quietBackgroundWork(world: World) {
  world.app.services.leases.stop()
  const deadline = Date.now() + 30_000
  while ((await world.app.db.engine.count({ where: { checkedAt: null } })) > 0) {
    if (Date.now() > deadline) throw new Error('the engines were not checked within 30 s of the start')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  world.app.services.engines.stop()
}
