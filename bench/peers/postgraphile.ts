// PostGraphile 5 on the benchmark's PostgreSQL database, as its own process (bench/read-path.bench.ts
// starts it): the strongest peer for nested reads, since it compiles a whole query into one SQL
// statement. Its schema is generated from the tables the service's migrations made; the
// benchmark's query for it is in bench/read-path/pages.ts. Env: DATABASE_URL, PORT, HOST.
import { createServer } from 'node:http'

// PostGraphile 5 declares Node >= 22 and calls Promise.withResolvers (ES2024), which Node 20
// lacks; this one function is all it needs. The packages are imported only after it is in place.
const promise = Promise as PromiseConstructor & { withResolvers?: () => unknown }
promise.withResolvers ??= function withResolvers<T>() {
  let resolve!: (value: T | PromiseLike<T>) => void
  let reject!: (reason?: unknown) => void
  const settled = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise: settled, resolve, reject }
}

const { postgraphile } = await import('postgraphile')
const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber')
const { makePgService } = await import('postgraphile/adaptors/pg')
const { grafserv } = await import('postgraphile/grafserv/node')

const port = Number(process.env.PORT)
const host = process.env.HOST ?? '127.0.0.1'
const pgl = postgraphile({
  extends: [PostGraphileAmberPreset],
  // That plugin hides filters and orders on columns without an index; the page filters on
  // Image.isPrivate (as the service does for anonymous callers), which has none in either.
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  // The service's pool size (DATABASE_POOL_SIZE's default), so both have the same connections.
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ['public'], poolConfig: { max: 10 } })],
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
})
const server = createServer()
await pgl.createServ(grafserv).addTo(server)
// The schema is built on the first request otherwise; the benchmark wants it ready when it starts.
await pgl.getSchema()
server.listen(port, host, () => console.log(`postgraphile is serving GraphQL at http://${host}:${port}/graphql`))

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close()
    server.closeAllConnections()
    void Promise.resolve(pgl.release()).finally(() => process.exit(0))
  })
}
