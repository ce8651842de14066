// Private PostgreSQL databases for tests: one per test file, dropped afterwards.
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { DatabaseTarget } from '../../src/db/migrate.js'

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

export async function isPostgresUp(): Promise<boolean> {
  try {
    await withAdmin((client) => client.query('select 1'))
    return true
  } catch {
    return false
  }
}

export async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `icat_test_${randomBytes(6).toString('hex')}`
  await withAdmin((client) => client.query(`create database ${name}`))
  const url = new URL(POSTGRES_ADMIN_URL)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () => withAdmin((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  }
}

/**
 * An empty database of the test run's kind for migration tests: a scratch PostgreSQL database,
 * or a SQLite file (at `sqliteFile` inside a new temp folder) that does not exist yet.
 */
export async function emptyMigrationTarget(kind: 'sqlite' | 'postgres', sqliteFile: string): Promise<{ target: DatabaseTarget; cleanup: () => Promise<void> }> {
  if (kind === 'postgres') {
    const scratch = await createScratchDatabase()
    return { target: { provider: 'postgresql', url: scratch.url }, cleanup: scratch.drop }
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'icat-migrate-'))
  return { target: { provider: 'sqlite', url: `file:${path.join(dir, sqliteFile)}` }, cleanup: () => rm(dir, { recursive: true, force: true }) }
}
