// Bootstrap: read the environment, build the app, serve until told to stop.
import './runtime/v8-flags.js'
import { buildApp } from './app.js'
import { ConfigError, loadConfig, type Config } from './config.js'
import { createLogger } from './logger.js'
import { startTracing } from './observability/tracing.js'
import { withTimeout } from './work/timeout.js'

const SPAN_FLUSH_MS = 5_000

// Before there is a logger (LOG_LEVEL may be what is wrong): the rule, without a stack.
let config: Config
try {
  config = loadConfig()
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  process.stderr.write(`image-catalog: ${error.message}\n`)
  process.exit(2)
}
const logger = createLogger({ level: config.logLevel, format: config.logFormat })
// Before the app, so that its first queries are traced too.
const tracing = await startTracing(config)
const app = await buildApp(config, { logger })
const url = await app.start()
logger.info({ url, database: config.database.provider }, 'image-catalog is serving GraphQL (and GraphiQL)')

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'stopping')
    app
      .stop()
      // The spans still buffered go out before the process does, if the collector takes them
      // soon: an absent or slow collector costs the traces, not a clean exit.
      .then(() =>
        tracing
          ? withTimeout(tracing.shutdown(), SPAN_FLUSH_MS).catch((error: unknown) => logger.warn({ err: error }, 'buffered spans were not exported'))
          : undefined,
      )
      .then(
        () => {
          logger.info('stopped')
          process.exit(0)
        },
        (error: unknown) => {
          logger.fatal({ err: error }, 'stopping failed')
          process.exit(1)
        },
      )
  })
}
