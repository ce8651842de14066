// /health says the process lives; /ready says the database answers and is migrated, and
// reports the engine without depending on it.
import { afterEach, describe, expect, it } from 'vitest'
import { createScratchDatabase } from './support/postgres.js'
import { createWorld, databaseKind, type World } from './support/world.js'

// Nothing listens there: the engine is reported unreachable.
const NO_ENGINE = 'tcp://127.0.0.1:9'

async function probe(base: string, path: string) {
  const response = await fetch(new URL(path, base))
  return { status: response.status, body: (await response.json()) as Record<string, any>, cacheControl: response.headers.get('cache-control') }
}

describe('/health and /ready', () => {
  let world: World | undefined
  afterEach(async () => {
    await world?.dispose()
    world = undefined
  })

  async function serve(env: Record<string, string> = {}) {
    world = await createWorld({ PORT: '0', DOCKER_HOST: NO_ENGINE, ...env })
    return world.app.start()
  }

  it('answer 200 while the database is migrated, with the engine reported but not required', async () => {
    const url = await serve()
    expect(await probe(url, '/health')).toEqual({ status: 200, body: { status: 'ok' }, cacheControl: 'no-store' })
    const ready = await probe(url, '/ready')
    expect(ready.status).toBe(200)
    expect(ready.body).toMatchObject({
      ready: true,
      status: 'ready',
      database: { reachable: true, migrated: true },
      engine: { reachable: false, version: null, error: expect.any(String) },
    })
    // Only GET and HEAD are probes; anything else is the GraphQL server's (which has no such route).
    const posted = await fetch(new URL('/ready', url), { method: 'POST' })
    expect(posted.status).toBe(404)
  })

  it('/ready is 503 while a shipped migration is missing from the database, /health stays 200', async () => {
    const url = await serve()
    await world!.app.db.$executeRawUnsafe(`DELETE FROM _prisma_migrations WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations)`)
    const ready = await probe(url, '/ready')
    expect(ready.status).toBe(503)
    expect(ready.body).toMatchObject({ ready: false, status: 'not ready', database: { reachable: true, migrated: false, pendingMigrations: [expect.any(String)] } })
    expect((await probe(url, '/health')).status).toBe(200)
  })

  it.runIf(databaseKind === 'postgres')('/ready is 503 once the database went away, and says why', async () => {
    // A database of its own, so that dropping it leaves the other tests' alone.
    const own = await createScratchDatabase()
    try {
      const url = await serve({ DATABASE_URL: own.url })
      expect((await probe(url, '/ready')).status).toBe(200)
      await own.drop()
      const ready = await probe(url, '/ready')
      expect(ready.status).toBe(503)
      expect(ready.body).toMatchObject({ ready: false, database: { reachable: false, migrated: false, error: expect.any(String) } })
      expect(JSON.stringify(ready.body)).not.toContain(own.url)
      expect((await probe(url, '/health')).status).toBe(200)
    } finally {
      await own.drop()
    }
  })
})
