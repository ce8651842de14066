// Bootstrap: read the environment, build the app, serve until told to stop.
import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import { startTracing } from './observability/tracing.js'

const config = loadConfig()
// Before the app, so that its first queries are traced too.
const tracing = await startTracing(config)
const app = await buildApp(config)
const url = await app.start()
console.log(`image-catalog is serving GraphQL (and GraphiQL) at ${url}`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // The spans still buffered go out before the process does.
    void app.stop().then(() => tracing?.shutdown()).then(() => process.exit(0))
  })
}
