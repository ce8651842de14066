// Whether a database already has exactly the committed migrations, read straight from Prisma's
// _prisma_migrations table. Start-up asks this first so that the WASM schema engine (seconds
// of compiling and tens of MB) is only loaded when there is something to apply or to report.
import { createHash } from 'node:crypto'
import Database from 'better-sqlite3'
import pg from 'pg'
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg'
import type { DatabaseTarget } from './schema-engine.js'

interface HistoryRow {
  migration_name: string
  checksum: string
  finished_at: unknown
  rolled_back_at: unknown
}

const HISTORY = 'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations'

/**
 * True only when every committed migration is recorded as finished, not rolled back, with the
 * checksum of its file as committed now, and the history holds nothing else that counts (no
 * failed or unfinished attempt, no migration the folder lacks). Anything else, including no
 * database or no history table, is the engine's to apply or to refuse, as it always did.
 */
export async function isUpToDate(target: DatabaseTarget, migrations: MigrationList): Promise<boolean> {
  const rows = await readHistory(target).catch(() => null)
  if (!rows) return false
  const committed = new Map<string, string>()
  for (const directory of migrations.migrationDirectories) {
    if (directory.migrationFile.content.tag !== 'ok') return false
    committed.set(directory.path, createHash('sha256').update(directory.migrationFile.content.value).digest('hex'))
  }
  const applied = new Set<string>()
  for (const row of rows) {
    if (row.rolled_back_at !== null) continue
    if (row.finished_at === null || committed.get(row.migration_name) !== row.checksum || applied.has(row.migration_name)) return false
    applied.add(row.migration_name)
  }
  return applied.size === committed.size
}

async function readHistory(target: DatabaseTarget): Promise<HistoryRow[]> {
  if (target.provider === 'sqlite') {
    const db = new Database(target.url.replace(/^file:/, ''), { readonly: true, fileMustExist: true })
    try {
      return db.prepare(HISTORY).all() as HistoryRow[]
    } finally {
      db.close()
    }
  }
  const url = new URL(target.url)
  // Prisma's own ?schema= parameter, which pg does not know: the history is in that schema.
  const schema = url.searchParams.get('schema')
  const client = new pg.Client({ connectionString: target.url, ...(schema ? { options: `-c search_path=${schema}` } : {}) })
  await client.connect()
  try {
    return (await client.query<HistoryRow>(HISTORY)).rows
  } finally {
    await client.end()
  }
}
