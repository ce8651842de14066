// Bootstrap: read the environment, build the app, serve until told to stop.
import './runtime/v8-flags.js'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'

const app = await buildApp(loadConfig())
const url = await app.start()
console.log(`image-catalog is serving GraphQL (and GraphiQL) at ${url}`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.stop().then(() => process.exit(0))
  })
}
