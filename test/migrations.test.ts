// Start-up migrations through the WASM schema engine, on the database this project runs on.
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../src/db/client.js'
import { migrateDatabase, type DatabaseTarget } from '../src/db/migrate.js'
import { readMigrations } from '../src/db/schema-engine.js'
import { emptyMigrationTarget } from './support/postgres.js'
import { databaseKind } from './support/world.js'

describe(`migrations on ${databaseKind}`, () => {
  let target: DatabaseTarget
  let cleanup: () => Promise<void>

  beforeAll(async () => {
    ({ target, cleanup } = await emptyMigrationTarget(databaseKind, path.join('nested', 'catalog.db')))
  })
  afterAll(() => cleanup?.())

  it('applies every committed migration once, records them in _prisma_migrations, and is a no-op after', async () => {
    const committed = readMigrations(target.provider).migrationDirectories.map((m) => m.path)
    expect(committed.length).toBeGreaterThanOrEqual(2)

    expect((await migrateDatabase(target)).applied).toEqual(committed)
    expect((await migrateDatabase(target)).applied).toEqual([])

    const db = createDb(target.provider === 'sqlite' ? { ...target, file: target.url.slice(5) } : target)
    try {
      const history = await db.$queryRawUnsafe<{ migration_name: string; finished: unknown }[]>(
        'SELECT migration_name, finished_at AS finished FROM _prisma_migrations ORDER BY migration_name',
      )
      expect(history.map((row) => row.migration_name)).toEqual(committed)
      expect(history.every((row) => row.finished !== null)).toBe(true)
      // The schema is really there: a row goes in and comes back out.
      const user = await db.user.create({ data: { name: 'migrated' } })
      expect(await db.user.findUnique({ where: { id: user.id } })).toMatchObject({ name: 'migrated', isAdmin: false })
    } finally {
      await db.$disconnect()
    }
  })

  it('runs concurrent start-ups on one database without applying anything twice', async () => {
    const results = await Promise.all([migrateDatabase(target), migrateDatabase(target)])
    expect(results.flatMap((r) => r.applied)).toEqual([])
  })
})
