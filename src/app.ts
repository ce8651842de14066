// buildApp wires config, database, services and the GraphQL server; start/stop own the socket.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases'
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth'
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens'
import { createYoga } from 'graphql-yoga'
import type { Config } from './config.js'
import type { Context } from './context.js'
import { viewerFrom } from './context.js'
import { createDb, type DbOptions } from './db/client.js'
import { EventBus } from './events/bus.js'
import { migrateDatabase } from './db/migrate.js'
import { errorMasking } from './errors-masking.js'
import { renderLocalGraphiQL, serveGraphiQLAssets } from './graphiql.js'
import { limitRequestSize, malformedParamsAreBadRequests, requestErrorStatus } from './http-guards.js'
import { streamUploads } from './http-uploads.js'
import { createProtection } from './protection/protection.js'
import type { Clock } from './protection/bucket.js'
import { trustedDocuments } from './protection/persisted.js'
import { guardCursors } from './schema/cursor-guard.js'
import { guardInputText } from './schema/text-guard.js'
import { createLoaders } from './schema/loaders.js'
import { schema } from './schema/index.js'
import { createLogger, type Logger } from './logger.js'
import { createServices } from './services.js'
import { serveGitHooks } from './sources/webhook.js'
import { serveWebSockets } from './websocket.js'

export interface AppOptions extends DbOptions {
  /** Where start-up messages go (the minted admin token among them). */
  log?: (message: string) => void
  /** Where errors are logged (see errors-masking.ts for the levels); stdout when left out. */
  logger?: Logger
  /** The clock rate-limit buckets drain by (ms since the epoch); tests pass their own. */
  clock?: Clock
}

export async function buildApp(config: Config, options: AppOptions = {}) {
  const log = options.log ?? ((message: string) => console.log(message))
  // A manifest that cannot be read stops the start before anything else has started.
  const trusted = trustedDocuments(config)
  await migrateDatabase(config.database)
  const db = createDb(config.database, {
    poolSize: config.databasePoolSize,
    busyTimeoutMs: config.databaseBusyTimeoutMs,
    onQuery: config.logQueries ? (sql) => (log(`sql: ${sql}`), options.onQuery?.(sql)) : options.onQuery,
  })
  const bus = config.redisUrl ? EventBus.redis(config.redisUrl) : EventBus.inProcess()
  const services = createServices(db, config, bus)
  await services.registries.ensureDefault()
  // Passwords stored in URLs before they were refused or sealed apart move out before anyone reads them.
  await services.registries.moveUrlCredentials()
  await services.buildSources.moveUrlCredentials()
  // One SQLite file has one server; PostgreSQL may have several (see src/work/leases.ts).
  const singleInstance = config.database.provider === 'sqlite'
  await services.runner.start({ singleInstance })
  await services.pullJobs.start({ singleInstance })
  await services.pushJobs.start({ singleInstance })
  const { mintedToken } = await services.users.bootstrap(config.adminToken)
  if (mintedToken) log(`Created the first administrator. Its API token, shown only this once:\n  ${mintedToken}`)

  const { maskError, yogaLogger, logClientErrors } = errorMasking(options.logger ?? createLogger())
  const protection = createProtection(config, options.clock)
  const yoga = createYoga<{}, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: { title: 'image-catalog', defaultQuery: '{\n  images(first: 10) {\n    totalCount\n    nodes { name state tags { nodes { name } } }\n  }\n}\n' },
    renderGraphiQL: renderLocalGraphiQL,
    maskedErrors: { maskError },
    // limitRequestSize holds the limits: yoga's single one (25 MB) would cap uploads below MAX_UPLOAD_BYTES.
    maxRequestBodySize: false,
    logging: yogaLogger,
    plugins: [
      serveGraphiQLAssets(),
      limitRequestSize(config),
      streamUploads({ dir: path.join(config.dataDir, 'uploads'), maxFileBytes: config.maxUploadBytes, maxFieldBytes: config.maxRequestBytes }),
      serveGitHooks(services.buildSources),
      ...trusted.plugins,
      maxDepthPlugin({ n: config.maxQueryDepth, flattenFragments: true, exposeLimits: true }),
      maxTokensPlugin({ n: config.maxQueryTokens, exposeLimits: true }),
      maxAliasesPlugin({ n: 30, exposeLimits: true }),
      malformedParamsAreBadRequests(),
      requestErrorStatus(),
      logClientErrors,
      guardCursors(),
      guardInputText(),
      protection.plugin,
    ],
    context: async ({ request, req }: { request: Request; req?: IncomingMessage }) => {
      const authorization = request.headers.get('authorization')
      const { viewer, client } = await protection.identify(req, authorization, () => viewerFrom(authorization, services))
      return { db, viewer, client, services, loaders: createLoaders(db, services, viewer) }
    },
  })

  let server: Server | undefined
  let closeWebSockets: (() => Promise<void>) | undefined
  return {
    yoga,
    db,
    services,
    config,
    /** Listens on config.host:config.port (0 picks a free port) and returns the URL. */
    async start(): Promise<string> {
      // Bodies with or without a declared length are taken: limitRequestSize bounds both.
      const serve = (req: IncomingMessage, res: ServerResponse) => {
        res.once('finish', () => drainOrClose(req))
        void yoga(req, res)
      }
      server = createServer(serve)
      // Without a listener Node tells every client that asks to go on and send its body;
      // limitRequestSize does it only for a body that fits.
      server.on('checkContinue', serve)
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject)
        server!.listen(config.port, config.host, resolve)
      })
      closeWebSockets = serveWebSockets(server, yoga, trusted.documentFor)
      const { port } = server.address() as AddressInfo
      return `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/graphql`
    },
    async stop(): Promise<void> {
      await closeWebSockets?.()
      if (server) {
        server.closeAllConnections()
        await new Promise<void>((resolve) => server!.close(() => resolve()))
        server = undefined
      }
      await services.runner.stop()
      await Promise.all([services.pullJobs.stop(), services.pushJobs.stop()])
      await bus.close()
      await protection.close()
      await db.$disconnect()
    },
  }
}

export type App = Awaited<ReturnType<typeof buildApp>>

// What a client may still have in flight when a refusal reaches it.
const DRAIN_BYTES = 1024 * 1024

/**
 * A body answered before it was read to the end (refused, or cut off by a bad request) is
 * drained after the answer, up to DRAIN_BYTES, so the connection can carry the next request;
 * past that the connection is closed and nothing more is read. Closing at once, with the client
 * still sending, would reset the connection, and the reset can destroy the answer on the
 * client's side before it has read it.
 */
function drainOrClose(req: IncomingMessage): void {
  if (req.complete || req.destroyed) return
  let drained = 0
  const drain = () => {
    for (let chunk: Buffer | null; (chunk = req.read() as Buffer | null) !== null; ) {
      drained += chunk.byteLength
      if (drained > DRAIN_BYTES) return void req.socket.destroy()
    }
  }
  req.on('readable', drain)
  drain()
}
