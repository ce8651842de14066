// Brings a database up to date at start-up with the committed migrations in
// prisma/migrations/<provider>/, through the WASM schema engine. History goes into Prisma's
// own _prisma_migrations table, so `prisma migrate deploy/status` elsewhere agree with it.
// A database already up to date is recognised without the engine (see migration-history.ts).
import { isUpToDate } from './migration-history.js'
import {
  describeTarget,
  noFilters,
  openSchemaEngine,
  readMigrations,
  schemaEngineError,
  type DatabaseTarget,
} from './schema-engine.js'

export type { DatabaseTarget }

/**
 * Applies the migrations target does not have yet and returns their names (empty when it was
 * up to date). Concurrent callers on one PostgreSQL database take turns on an advisory lock.
 * `upTo` stops after that migration: a database as an earlier release left it (tests of upgrades).
 */
export async function migrateDatabase(target: DatabaseTarget, { upTo }: { upTo?: string } = {}): Promise<{ applied: string[] }> {
  const migrationsList = readMigrations(target.provider)
  if (upTo) migrationsList.migrationDirectories = migrationsList.migrationDirectories.filter((migration) => migration.path <= upTo)
  if (migrationsList.migrationDirectories.length === 0) {
    // Migrating to "nothing" would leave an empty database that fails later and less clearly.
    throw new Error(`No migrations found in ${migrationsList.baseDir}; cannot migrate ${describeTarget(target)}`)
  }
  if (await isUpToDate(target, migrationsList)) return { applied: [] }
  const session = await openSchemaEngine(target)
  try {
    const { appliedMigrationNames } = await session.engine.applyMigrations({ migrationsList, filters: noFilters })
    return { applied: appliedMigrationNames }
  } catch (error) {
    throw schemaEngineError(`Could not migrate ${describeTarget(target)}`, error)
  } finally {
    await session.close()
  }
}
