// The read-path benchmark's data set (issue 11): per image 10 tags, 3 of 20 categories, one of
// 5 registries, an owner, and 5 versions with 1 or 2 builds each. One deterministic generator
// feeds both databases, so the SQLite file and the PostgreSQL database hold the same rows (the
// SQLite/PostgreSQL ratio compares like with like). Rows go into the tables the service's own
// migrations made, with explicit ids; the sequences are moved past them afterwards so the
// service's start-up writes (its first administrator, its default registry) still fit.
import Database from 'better-sqlite3'
import pg from 'pg'

export const TAGS_PER_IMAGE = 10
export const VERSIONS_PER_IMAGE = 5
export const CATEGORIES_PER_IMAGE = 3
const CATEGORIES = 20
const REGISTRIES = 5
const IMAGES_PER_OWNER = 100
const BUILD_STATES = ['SUCCEEDED', 'FAILED', 'SUCCEEDED', 'CANCELLED'] as const
/** Image i was created i seconds after this: the service's default order (newest first) is then by id. */
const EPOCH = Date.UTC(2026, 0, 1)

type Value = string | number | boolean | null

interface Column {
  name: string
  /** The PostgreSQL array type unnest() reads this column from. */
  pgArray: string
}

interface Table {
  name: string
  columns: Column[]
  /** One array per column, all of the same length. */
  values: Value[][]
  /** Whether the table has a serial id whose sequence must move past the ids written. */
  serial: boolean
}

const int = (name: string): Column => ({ name, pgArray: 'int[]' })
const text = (name: string): Column => ({ name, pgArray: 'text[]' })
const bool = (name: string): Column => ({ name, pgArray: 'boolean[]' })
const time = (name: string): Column => ({ name, pgArray: 'timestamp(3)[]' })
const enumOf = (name: string, type: string): Column => ({ name, pgArray: `"${type}"[]` })

/** A timestamp as each database stores Prisma's DateTime: UTC wall time (PostgreSQL) or Prisma's ISO form (SQLite). */
type Stamp = (ms: number) => string
const pgStamp: Stamp = (ms) => new Date(ms).toISOString().replace('Z', '')
const sqliteStamp: Stamp = (ms) => new Date(ms).toISOString().replace('Z', '+00:00')

function table(name: string, columns: Column[], serial = true): Table & { push(...row: Value[]): void } {
  const values: Value[][] = columns.map(() => [])
  return {
    name,
    columns,
    values,
    serial,
    push: (...row) => row.forEach((value, i) => values[i]!.push(value)),
  }
}

export function ownerCount(images: number): number {
  return Math.max(1, Math.ceil(images / IMAGES_PER_OWNER))
}

/** Every row of the data set for `images` images, table by table in foreign-key order. */
function generate(images: number, stamp: Stamp): Table[] {
  const users = table('User', [int('id'), text('name'), time('createdAt')])
  for (let u = 1; u <= ownerCount(images); u++) users.push(u, `owner-${String(u).padStart(4, '0')}`, stamp(EPOCH))

  const registries = table('Registry', [int('id'), text('name'), text('url'), time('createdAt'), time('updatedAt')])
  for (let r = 1; r <= REGISTRIES; r++) registries.push(r, `registry-${r}`, `https://registry-${r}.example.test`, stamp(EPOCH), stamp(EPOCH))

  const categories = table('Category', [int('id'), text('name'), time('createdAt')])
  for (let c = 1; c <= CATEGORIES; c++) categories.push(c, `category-${String(c).padStart(2, '0')}`, stamp(EPOCH))

  const imageRows = table('Image', [int('id'), text('name'), text('description'), bool('isPrivate'), int('ownerId'), int('registryId'), time('createdAt'), time('updatedAt')])
  // Prisma's implicit many-to-many table: A is the Category (first by model name), B the Image.
  const categoryLinks = table('_CategoryToImage', [int('A'), int('B')], false)
  const tags = table('Tag', [int('id'), int('imageId'), text('name'), text('digest'), time('createdAt'), time('updatedAt')])
  const versions = table('Version', [
    int('id'), int('imageId'), text('version'), enumOf('state', 'VersionState'), text('sourceSha256'), int('sourceSizeBytes'),
    text('sourceFilename'), text('sourceFormat'), time('createdAt'), time('updatedAt'),
  ])
  const builds = table('Build', [int('id'), int('imageId'), int('versionId'), text('targetTag'), enumOf('state', 'BuildState'), time('createdAt')])

  let buildId = 0
  for (let i = 1; i <= images; i++) {
    const created = stamp(EPOCH + i * 1000)
    imageRows.push(i, `bench/app-${String(i).padStart(6, '0')}`, `Benchmark image ${i}, built from its own sources.`, false, 1 + ((i - 1) % ownerCount(images)), 1 + (i % REGISTRIES), created, created)
    // Offsets 0, 7 and 13 are distinct modulo 20: three different categories.
    for (const offset of [0, 7, 13]) categoryLinks.push(1 + ((i + offset) % CATEGORIES), i)
    for (let t = 0; t < TAGS_PER_IMAGE; t++) {
      const id = (i - 1) * TAGS_PER_IMAGE + t + 1
      // One digit after a shared prefix: every collation (SQLite's bytes, PostgreSQL's locale) orders them alike.
      tags.push(id, i, `v1.${t}`, `sha256:${id.toString(16).padStart(64, '0')}`, created, created)
    }
    for (let v = 0; v < VERSIONS_PER_IMAGE; v++) {
      const versionId = (i - 1) * VERSIONS_PER_IMAGE + v + 1
      versions.push(versionId, i, `1.${v}`, 'BUILT', 'a'.repeat(64), 10_240, 'source.tar', 'tar', created, created)
      const buildsOfVersion = versionId % 2 === 0 ? 2 : 1
      for (let b = 0; b < buildsOfVersion; b++) {
        buildId++
        builds.push(buildId, i, versionId, `1.${v}`, BUILD_STATES[buildId % BUILD_STATES.length]!, created)
      }
    }
  }
  return [users, registries, categories, imageRows, categoryLinks, tags, versions, builds]
}

const ROWS_PER_STATEMENT = 20_000
const quoted = (name: string) => `"${name}"`

/**
 * Writes the data set into a migrated, empty PostgreSQL database, INSERT ... SELECT FROM
 * unnest(arrays) in chunks, and returns how many rows each table got.
 */
export async function fillPostgres(url: string, images: number): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const tables = generate(images, pgStamp)
    await client.query('begin')
    for (const { name, columns, values, serial } of tables) {
      const columnList = columns.map((c) => quoted(c.name)).join(', ')
      const arrays = columns.map((c, i) => `$${i + 1}::${c.pgArray}`).join(', ')
      const sql = `insert into ${quoted(name)} (${columnList}) select * from unnest(${arrays})`
      for (let start = 0; start < values[0]!.length; start += ROWS_PER_STATEMENT) {
        await client.query(sql, values.map((column) => column.slice(start, start + ROWS_PER_STATEMENT)))
      }
      if (serial) await client.query(`select setval(pg_get_serial_sequence('${quoted(name)}', 'id'), (select max(id) from ${quoted(name)}))`)
    }
    await client.query('commit')
    // What autovacuum would do within a minute of such a load: the planner's statistics.
    await client.query('analyze')
    return Object.fromEntries(tables.map((t) => [t.name, t.values[0]!.length]))
  } finally {
    await client.end()
  }
}

/** Writes the same rows into a migrated, empty SQLite file: prepared inserts in one transaction. */
export function fillSqlite(file: string, images: number): void {
  const db = new Database(file)
  try {
    const tables = generate(images, sqliteStamp)
    db.transaction(() => {
      for (const { name, columns, values } of tables) {
        const insert = db.prepare(`insert into ${quoted(name)} (${columns.map((c) => quoted(c.name)).join(', ')}) values (${columns.map(() => '?').join(', ')})`)
        for (let row = 0; row < values[0]!.length; row++) {
          insert.run(...values.map((column) => (typeof column[row] === 'boolean' ? Number(column[row]) : column[row])))
        }
      }
    })()
    // AUTOINCREMENT tables track their highest id in sqlite_sequence by themselves. No ANALYZE:
    // the service never runs one, so its planner works without statistics in production too.
  } finally {
    db.close()
  }
}
