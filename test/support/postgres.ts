// Private PostgreSQL databases for tests: one per test file, dropped afterwards.
import { randomBytes } from 'node:crypto'
import pg from 'pg'

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
