// `npm run db:migration -- <name>`: writes the next migration for both providers, i.e. the SQL
// that takes a database built from the committed migrations to prisma/schema.prisma.
// There is no shadow database here: the committed migrations are applied to a throwaway
// database (a temp SQLite file; a temporary database on the local PostgreSQL server), and the
// engine diffs that database against the model file.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import {
  describeTarget,
  lockfileContent,
  migrationsDir,
  noFilters,
  openSchemaEngine,
  projectRoot,
  readMigrations,
  schemaEngineError,
  type DatabaseTarget,
  type Provider,
} from '../src/db/schema-engine.js'
import { postgresSchema } from './prisma-schema-variants.mjs'

const DEFAULT_SCRATCH_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres'
const EMPTY_MIGRATION = '-- This is an empty migration.\n'

const name = migrationName(process.argv.slice(2).filter((arg) => arg !== '--').join(' '))
const sqliteModel = readFileSync(path.join(projectRoot, 'prisma', 'schema.prisma'), 'utf8')
const models: Record<Provider, string> = { sqlite: sqliteModel, postgresql: postgresSchema(sqliteModel) }

const pending: Record<Provider, string | null> = {
  sqlite: await withScratchDatabase('sqlite', (target) => pendingChanges(target, models.sqlite)),
  postgresql: await withScratchDatabase('postgresql', (target) => pendingChanges(target, models.postgresql)),
}

if (pending.sqlite === null && pending.postgresql === null) {
  console.log('No changes: prisma/schema.prisma matches the committed migrations of both providers. Nothing written.')
} else {
  const folder = `${timestamp(new Date())}_${name}`
  for (const provider of ['sqlite', 'postgresql'] as const) {
    const baseDir = migrationsDir(provider)
    mkdirSync(baseDir, { recursive: true })
    const lockfile = path.join(baseDir, 'migration_lock.toml')
    if (!existsSync(lockfile)) writeFileSync(lockfile, lockfileContent(provider))
    // Both providers get the folder, even an empty one, so their histories keep the same names.
    mkdirSync(path.join(baseDir, folder))
    writeFileSync(path.join(baseDir, folder, 'migration.sql'), pending[provider] ?? EMPTY_MIGRATION)
    console.log(`${pending[provider] === null ? 'Wrote (empty)' : 'Wrote'} ${path.relative(projectRoot, path.join(baseDir, folder, 'migration.sql'))}`)
  }
}

/** The SQL from the committed migrations to model, or null when there is none. */
async function pendingChanges(target: DatabaseTarget, model: string): Promise<string | null> {
  const session = await openSchemaEngine(target)
  try {
    await session.engine.applyMigrations({ migrationsList: readMigrations(target.provider), filters: noFilters })
    const files = [{ path: 'schema.prisma', content: model }]
    const diff = await session.engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: projectRoot },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: true, // makes the engine report 2 when there is a difference
      filters: noFilters,
    })
    return diff.exitCode === 2 ? (diff.stdout ?? '') : null
  } catch (error) {
    throw schemaEngineError(`Could not diff the ${target.provider} migrations against prisma/schema.prisma (scratch ${describeTarget(target)})`, error)
  } finally {
    await session.close()
  }
}

async function withScratchDatabase<T>(provider: Provider, use: (target: DatabaseTarget) => Promise<T>): Promise<T> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'icat-scratch-'))
    try {
      return await use({ provider, url: `file:${path.join(dir, 'scratch.db')}` })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  const adminUrl = process.env.MIGRATION_SCRATCH_DATABASE_URL || DEFAULT_SCRATCH_ADMIN_URL
  const admin = new pg.Client({ connectionString: adminUrl })
  try {
    await admin.connect()
  } catch (error) {
    throw new Error(`Could not connect to ${describeTarget({ provider, url: adminUrl })} to create a scratch database (set MIGRATION_SCRATCH_DATABASE_URL): ${(error as Error).message}`, { cause: error })
  }
  const database = `icat_scratch_${randomBytes(6).toString('hex')}`
  try {
    await admin.query(`CREATE DATABASE "${database}"`)
    try {
      const url = new URL(adminUrl)
      url.pathname = `/${database}`
      return await use({ provider, url: url.toString() })
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
    }
  } finally {
    await admin.end()
  }
}

/** Prisma's own rule (slugify with "_", at most 200 characters): "Add user" and "AddUser" give add_user. */
function migrationName(raw: string): string {
  const slug = raw
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200)
  if (!slug) {
    console.error('Usage: npm run db:migration -- <name>   (e.g. npm run db:migration -- add_image_labels)')
    process.exit(2)
  }
  return slug
}

/** Prisma's folder prefix: UTC YYYYMMDDHHMMSS. */
function timestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, '').slice(0, 14)
}
