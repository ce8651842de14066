// buildApp wires config, database, services and the GraphQL server; start/stop own the socket.
import { createServer, type Server } from 'node:http'
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
}

export async function buildApp(config: Config, options: AppOptions = {}) {
  const log = options.log ?? ((message: string) => console.log(message))
  await migrateDatabase(config.database)
  const db = createDb(config.database, {
    onQuery: config.logQueries ? (sql) => (log(`sql: ${sql}`), options.onQuery?.(sql)) : options.onQuery,
  })
  const bus = config.redisUrl ? EventBus.redis(config.redisUrl) : EventBus.inProcess()
  const services = createServices(db, config, bus)
  await services.registries.ensureDefault()
  // One SQLite file has one server; PostgreSQL may have several (see src/work/leases.ts).
  const singleInstance = config.database.provider === 'sqlite'
  await services.runner.start({ singleInstance })
  await services.pullJobs.start({ singleInstance })
  await services.pushJobs.start({ singleInstance })
  const { mintedToken } = await services.users.bootstrap(config.adminToken)
  if (mintedToken) log(`Created the first administrator. Its API token, shown only this once:\n  ${mintedToken}`)

  const { maskError, yogaLogger, logClientErrors } = errorMasking(options.logger ?? createLogger())
  const yoga = createYoga<{}, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: { title: 'image-catalog', defaultQuery: '{\n  images(first: 10) {\n    totalCount\n    nodes { name state tags { nodes { name } } }\n  }\n}\n' },
    renderGraphiQL: renderLocalGraphiQL,
    maskedErrors: { maskError },
    logging: yogaLogger,
    plugins: [
      serveGraphiQLAssets(),
      limitRequestSize(config),
      serveGitHooks(services.buildSources),
      maxDepthPlugin({ n: config.maxQueryDepth, flattenFragments: true, exposeLimits: true }),
      maxTokensPlugin({ n: config.maxQueryTokens, exposeLimits: true }),
      maxAliasesPlugin({ n: 30, exposeLimits: true }),
      malformedParamsAreBadRequests(),
      requestErrorStatus(),
      logClientErrors,
      guardCursors(),
      guardInputText(),
    ],
    context: async ({ request }) => {
      const viewer = await viewerFrom(request.headers.get('authorization'), services)
      return { db, viewer, services, loaders: createLoaders(db, services, viewer) }
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
      server = createServer((req, res) => {
        // Without a declared length a body could stream past every size limit; HTTP's own
        // parser then holds the body to the length that limitRequestSize has checked.
        if (req.method === 'POST' && req.headers['content-length'] === undefined) {
          res.writeHead(411, { 'content-type': 'application/json' })
          res.end(JSON.stringify({ errors: [{ message: 'Send Content-Length with the request body', extensions: { code: 'LENGTH_REQUIRED' } }] }))
          return
        }
        void yoga(req, res)
      })
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject)
        server!.listen(config.port, config.host, resolve)
      })
      closeWebSockets = serveWebSockets(server, yoga)
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
      await db.$disconnect()
    },
  }
}

export type App = Awaited<ReturnType<typeof buildApp>>
