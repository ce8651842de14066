// Start-up skips the schema engine only when _prisma_migrations says exactly what the folder says.
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../src/db/client.js'
import { migrateDatabase, type DatabaseTarget } from '../src/db/migrate.js'
import { isUpToDate } from '../src/db/migration-history.js'
import { readMigrations } from '../src/db/schema-engine.js'
import { emptyMigrationTarget } from './support/postgres.js'
import { databaseKind } from './support/world.js'

describe(`the migration fast path on ${databaseKind}`, () => {
  let target: DatabaseTarget
  let db: Db
  let cleanup: () => Promise<void>
  const committed = () => readMigrations(target.provider)
  const last = () => committed().migrationDirectories.at(-1)!.path
  const now = () => (target.provider === 'sqlite' ? `'${new Date().toISOString()}'` : 'now()')

  beforeAll(async () => {
    ({ target, cleanup } = await emptyMigrationTarget(databaseKind, 'catalog.db'))
  })
  afterAll(async () => {
    await db?.$disconnect()
    await cleanup?.()
  })

  it('does not count a database that does not exist yet as up to date, and migrates it', async () => {
    expect(await isUpToDate(target, committed())).toBe(false)
    expect((await migrateDatabase(target)).applied).toEqual(committed().migrationDirectories.map((m) => m.path))
    db = createDb(target.provider === 'sqlite' ? { ...target, file: target.url.slice(5) } : target)
  })

  beforeEach(async () => {
    if (!db) return
    // Every case starts from the history the engine wrote, with nothing else in it.
    await db.$executeRawUnsafe(`DELETE FROM _prisma_migrations WHERE finished_at IS NULL OR rolled_back_at IS NOT NULL OR migration_name = 'not_in_the_folder'`)
  })

  it('counts a database with every committed migration finished as up to date', async () => {
    expect(await isUpToDate(target, committed())).toBe(true)
    expect((await migrateDatabase(target)).applied).toEqual([])
  })

  it('hands a migration edited since it was applied (another checksum) to the engine', async () => {
    const edited = committed()
    const file = edited.migrationDirectories.at(-1)!.migrationFile
    file.content = { tag: 'ok', value: `${(file.content as { value: string }).value}\n-- edited\n` }
    expect(await isUpToDate(target, edited)).toBe(false)
  })

  it('hands a failed attempt to the engine, which refuses to start over it', async () => {
    await db.$executeRawUnsafe(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ('failed-attempt', 'x', '${last()}', ${now()}, 0)`,
    )
    expect(await isUpToDate(target, committed())).toBe(false)
    await expect(migrateDatabase(target)).rejects.toThrow(/failed/i)
  })

  it('ignores a rolled-back attempt beside the finished one, but not a migration that is only rolled back', async () => {
    await db.$executeRawUnsafe(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, rolled_back_at, applied_steps_count) VALUES ('rolled-back', 'x', '${last()}', ${now()}, ${now()}, 0)`,
    )
    expect(await isUpToDate(target, committed())).toBe(true)
    const withoutLast = committed()
    withoutLast.migrationDirectories.pop()
    await db.$executeRawUnsafe(`UPDATE _prisma_migrations SET rolled_back_at = ${now()} WHERE migration_name = '${last()}'`)
    try {
      expect(await isUpToDate(target, committed())).toBe(false)
    } finally {
      await db.$executeRawUnsafe(`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = '${last()}' AND id <> 'rolled-back'`)
    }
  })

  it('hands a history holding a migration the folder lacks to the engine', async () => {
    await db.$executeRawUnsafe(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ('extra', 'x', 'not_in_the_folder', ${now()}, ${now()}, 1)`,
    )
    expect(await isUpToDate(target, committed())).toBe(false)
  })
})
