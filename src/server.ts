// Bootstrap: read the environment, build the app, serve until told to stop.
import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import { createLogger } from './logger.js'

const config = loadConfig()
const logger = createLogger({ level: config.logLevel, format: config.logFormat })
const app = await buildApp(config, { logger })
const url = await app.start()
logger.info({ url, database: config.database.provider }, 'image-catalog is serving GraphQL (and GraphiQL)')

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'stopping')
    app.stop().then(
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
