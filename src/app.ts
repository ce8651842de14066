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
import { guardScopedTokens } from './auth/scoped-tokens.js'
import { closeDb, createDb, type DbOptions } from './db/client.js'
import { EventBus } from './events/bus.js'
import { migrateDatabase } from './db/migrate.js'
import { migrateNamespaces } from './catalog/namespace-migration.js'
import { errorMasking } from './errors-masking.js'
import { renderLocalGraphiQL, serveGraphiQLAssets } from './graphiql.js'
import { limitRequestSize, malformedParamsAreBadRequests, requestErrorStatus } from './http-guards.js'
import { streamUploads } from './http-uploads.js'
import { auditMutations } from './audit/record-mutations.js'
import { AccessError } from './errors.js'
import { clientAddress, createProtection } from './protection/protection.js'
import type { Clock } from './protection/bucket.js'
import { trustedDocuments } from './protection/persisted.js'
import { guardCursors } from './schema/cursor-guard.js'
import { guardInputText } from './schema/text-guard.js'
import { createLoaders } from './schema/loaders.js'
import { schema } from './schema/index.js'
import { createLogger, type Logger } from './logger.js'
import { AppMetrics } from './observability/metrics.js'
import { traceRequests } from './observability/request-spans.js'
import { createServices } from './services.js'
import { serveGitHooks } from './sources/webhook.js'
import { serveWebSockets } from './websocket.js'
import { eventStreams } from './event-stream.js'
import { coalesceWritesPerTurn } from './write-coalescing.js'
import { Shutdown } from './lifecycle/shutdown.js'
import { probes } from './observability/health.js'
import { logRequests } from './observability/request-log.js'
import { compiledReads } from './read-path/plugin.js'

export interface AppOptions extends DbOptions {
  /**
   * Where the first administrator's minted token is shown, once: stderr by default, to the
   * operator who started the process, and never through the logger, whose lines are shipped
   * and kept.
   */
  log?: (message: string) => void
  /** The service's log (see errors-masking.ts for the levels); by default as config says (LOG_LEVEL, LOG_FORMAT), on stdout. */
  logger?: Logger
  /** The clock rate-limit buckets drain by (ms since the epoch); tests pass their own. */
  clock?: Clock
}

export async function buildApp(config: Config, options: AppOptions = {}) {
  const log = options.log ?? ((message: string) => void process.stderr.write(`${message}\n`))
  const logger = options.logger ?? createLogger({ level: config.logLevel, format: config.logFormat })
  // A manifest that cannot be read stops the start before anything else has started.
  const trusted = trustedDocuments(config)
  const { applied } = await migrateDatabase(config.database)
  if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated')
  const db = createDb(config.database, {
    poolSize: config.databasePoolSize,
    busyTimeoutMs: config.databaseBusyTimeoutMs,
    onQuery: config.logQueries ? (sql) => (logger.info({ sql }, 'sql'), options.onQuery?.(sql)) : options.onQuery,
  })
  const bus = config.redisUrl ? EventBus.redis(config.redisUrl) : EventBus.inProcess()
  const metrics = new AppMetrics()
  const services = createServices(db, config, bus, logger, metrics.instruments)
  metrics.watch(db, services)
  await services.registries.ensureDefault()
  // Passwords stored in URLs before they were refused or sealed apart move out before anyone reads them.
  await services.registries.moveUrlCredentials()
  await services.buildSources.moveUrlCredentials()
  // Images from before namespaces get one before anyone reads them.
  await migrateNamespaces(db, logger)
  await services.engines.start()
  // The queue first (on PostgreSQL the sweep queues jobs into it), then what dead instances left behind (see src/work/leases.ts).
  services.runner.start()
  await services.queue.start()
  await services.leases.start()
  logger.info({ instance: services.leases.runnerId, queue: services.queue.shared ? 'postgresql' : 'in-process', engines: config.dockerEngines.map((e) => e.name) }, 'job runner ready')
  const { mintedToken } = await services.users.bootstrap(config.adminToken)
  if (mintedToken) {
    logger.warn('created the first administrator; its API token is shown once, on stderr, outside this log')
    log(`Created the first administrator. Its API token, shown only this once:\n  ${mintedToken}`)
  }

  const { maskError, yogaLogger, logClientErrors } = errorMasking(logger)
  const shutdown = new Shutdown()
  const serveProbe = probes({ db, database: config.database, engine: services.engine, stopping: () => shutdown.begun })
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
      // First, so that their spans and timings hold everything the other plugins do.
      traceRequests(),
      ...metrics.plugins(config.metricsToken),
      logRequests(logger),
      shutdown.endSubscriptions(),
      eventStreams(),
      serveGraphiQLAssets(),
      limitRequestSize(config),
      streamUploads({ dir: path.join(config.dataDir, 'uploads'), maxFileBytes: config.maxUploadBytes, maxFieldBytes: config.maxRequestBytes }),
      serveGitHooks(services.buildSources, (req) => clientAddress(req, config.trustProxy)),
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
      ...(config.compiledReads ? [compiledReads(config.database.provider)] : []),
    ],
    context: async ({ request, req }: { request: Request; req?: IncomingMessage }) => {
      const authorization = request.headers.get('authorization')
      const { viewer, client } = await protection.identify(req, authorization, () =>
        viewerFrom(authorization, services, clientAddress(req, config.trustProxy)).catch(async (error: unknown) => {
          // A refused token is a security event: recorded with the address, never the token.
          if (error instanceof AccessError && error.extensions.code === 'UNAUTHENTICATED') {
            await services.audit.record({ actor: null, address: clientAddress(req, config.trustProxy), action: 'auth.failed', outcome: 'DENIED', detail: error.message })
          }
          throw error
        }),
      )
      return { db, viewer, client, services, loaders: createLoaders(db, services, viewer) }
    },
  })

  // The guard inside the audit log's wrapper, so that a refused scoped token is recorded as DENIED.
  guardScopedTokens(schema)
  auditMutations(schema)
  services.audit.start()
  // Last, with no await after it: the app is built before dockerode loads for the first check.
  services.engines.watch()
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
        if (serveProbe(req, res)) return
        if (shutdown.begun) return shutdown.refuse(res)
        shutdown.track(res)
        if (req.headers.accept?.includes('text/event-stream')) coalesceWritesPerTurn(req.socket)
        void yoga(req, res)
      }
      server = createServer(serve)
      // Idle keep-alive connections outlive a client's or load balancer's (undici 4 s, most
      // balancers 60 s): if the server closed first, a request sent at that moment would meet a reset.
      server.keepAliveTimeout = 65_000
      server.headersTimeout = 66_000
      // Without a listener Node tells every client that asks to go on and send its body;
      // limitRequestSize does it only for a body that fits.
      server.on('checkContinue', serve)
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject)
        server!.listen(config.port, config.host, resolve)
      })
      closeWebSockets = serveWebSockets(server, yoga, { refusing: () => shutdown.begun, documentFor: trusted.documentFor })
      const { port } = server.address() as AddressInfo
      return `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/graphql`
    },
    /** Stops gracefully (see src/lifecycle/shutdown.ts); what runs on the engine is left for the next start to recover. */
    async stop(): Promise<void> {
      shutdown.begin()
      if (!(await shutdown.settled(config.shutdownGraceMs))) logger.warn({ graceMs: config.shutdownGraceMs }, 'requests still in flight after the grace period were cut')
      await closeWebSockets?.()
      if (server) {
        server.closeAllConnections()
        await new Promise<void>((resolve) => server!.close(() => resolve()))
        server = undefined
      }
      // What runs on the engines stops; its rows stay RUNNING, released at once for another instance (or the next start) to restart.
      services.runner.stop()
      services.leases.stop()
      await services.queue.stop()
      await services.leases.release()
      services.engines.stop()
      services.audit.stop()
      await bus.close()
      await protection.close()
      await services.drift.close()
      await closeDb(db)
    },
  }
}

export type App = Awaited<ReturnType<typeof buildApp>>

// What a client may still have in flight when a refusal reaches it.
const DRAIN_BYTES = 1024 * 1024
// How long, and how much more, a closing connection is still read (nginx's lingering close).
const LINGER_MS = 2_000
const LINGER_BYTES = 16 * 1024 * 1024

/**
 * A body answered before it was read to the end (refused, or cut off by a bad request) is
 * drained after the answer, up to DRAIN_BYTES, so the connection can carry the next request.
 * Past that the connection closes, but lingering: the server's side is shut (the client sees
 * the end after the answer) and what still arrives is read and dropped, for LINGER_MS or
 * LINGER_BYTES, before the socket goes. Destroyed at once, with the client still sending, it
 * would reset the connection, and a reset can destroy the answer on the client's side before
 * the client has read it: a refused upload would look like a network failure, not a 413.
 */
function drainOrClose(req: IncomingMessage): void {
  if (req.complete || req.destroyed) return
  let drained = 0
  let lingering = false
  const drain = () => {
    for (let chunk: Buffer | null; (chunk = req.read() as Buffer | null) !== null; ) {
      drained += chunk.byteLength
      if (drained > DRAIN_BYTES + LINGER_BYTES) return void req.socket.destroy()
      if (drained > DRAIN_BYTES && !lingering) {
        lingering = true
        req.socket.end()
        setTimeout(() => req.socket.destroy(), LINGER_MS).unref()
      }
    }
  }
  req.on('readable', drain)
  drain()
}
