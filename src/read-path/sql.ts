// One SQL statement for a plan's rows: each row is a JSON array of its slots, nested pages are
// JSON arrays of child rows cut per parent with ORDER BY ... LIMIT inside a correlated subquery,
// and the whole page comes back as one JSON text that JSON.parse reads in one native call.
// Only the columns the query asks for (and the keys that join them) are read. Names come from
// MODELS and sizes are integers worked out by slices.ts, so nothing a client sends is spliced in.
import { MODELS, type ConnectionField } from './models.js'
import type { RowPlan } from './plan.js'
import type { Slice } from './slices.js'

export type DialectName = 'sqlite' | 'postgresql'

interface Dialect {
  array(items: string[]): string
  /** A JSON array of `row` over the rows of `from`, in `order`; '[]' when there are none. */
  aggregate(row: string, order: string, from: string): string
  /** A nested subquery's JSON, embedded as JSON rather than as a string. */
  embed(json: string): string
  dateTime(column: string): string
  page(row: string, from: string): string
}

const DIALECTS: Record<DialectName, Dialect> = {
  postgresql: {
    array: (items) => `json_build_array(${items.join(', ')})`,
    aggregate: (row, order, from) => `(SELECT coalesce(json_agg(s.r ORDER BY ${order}), '[]'::json) FROM (${from}) s)`,
    embed: (json) => json,
    // Prisma keeps UTC instants in timestamp(3) without a zone: written out here exactly as
    // DateTime serialises them, so no Date is made per value.
    dateTime: (column) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    page: (row, from) => `SELECT coalesce(json_agg(${row}), '[]'::json)::text AS "page" FROM ${from} WHERE t0."id" = ANY($1::int[])`,
  },
  sqlite: {
    // JSONB (SQLite 3.45+) nests without reparsing: a JSONB blob given to a JSON function is
    // read as JSON, where text would have to be parsed again at every level.
    array: (items) => `jsonb_array(${items.join(', ')})`,
    aggregate: (row, order, from) => `(SELECT jsonb_group_array(s.r ORDER BY ${order}) FROM (${from}) s)`,
    embed: (json) => json,
    dateTime: (column) => column,
    page: (row, from) => `SELECT json(jsonb_group_array(${row})) AS "page" FROM ${from} WHERE t0."id" IN (SELECT value FROM json_each(?))`,
  },
}

const quoted = (name: string) => `"${name}"`

/** The statement returning the rows of `plan` for a list of ids, and how to pass the ids. */
export function pageStatement(dialectName: DialectName, row: RowPlan, slices: Map<object, Slice>) {
  const dialect = DIALECTS[dialectName]
  let aliases = 0
  const nextAlias = () => `t${++aliases}`

  function rowExpression(plan: RowPlan, alias: string): string {
    return dialect.array(
      plan.slots.map((slot) => {
        switch (slot.kind) {
          case 'column': {
            const column = `${alias}.${quoted(slot.field.column)}`
            return slot.field.value === 'dateTime' ? dialect.dateTime(column) : column
          }
          case 'toOne': {
            const child = nextAlias()
            return dialect.embed(`(SELECT ${rowExpression(slot.row, child)} FROM ${quoted(slot.row.model.table)} ${child} WHERE ${child}."id" = ${alias}.${quoted(slot.parentKey)})`)
          }
          case 'count': {
            const child = nextAlias()
            return `(SELECT count(*) FROM ${linkedRows(slot.field.link, MODELS[slot.field.model]!.table, child, alias, true)})`
          }
          case 'connection': {
            const child = nextAlias()
            const slice = slices.get(slot)!
            const order = slot.field.orderBy.map(({ column, direction }, i) => ({ column, direction, name: `o${i}` }))
            // A backward page (last) takes the last rows of the order: read in reverse, then put back.
            const inner = order.map(({ column, direction }) => `${child}.${quoted(column)} ${slice.backward === (direction === 'asc') ? 'DESC' : 'ASC'}`)
            const outer = order.map(({ name, direction }) => `s.${name} ${direction.toUpperCase()}`)
            const from =
              `SELECT ${rowExpression(slot.row, child)} AS r, ${order.map(({ column, name }) => `${child}.${quoted(column)} AS ${name}`).join(', ')}` +
              ` FROM ${linkedRows(slot.field.link, slot.row.model.table, child, alias, false)} ORDER BY ${inner.join(', ')} LIMIT ${slice.take}`
            return dialect.embed(dialect.aggregate('s.r', outer.join(', '), from))
          }
        }
      }),
    )
  }

  const sql = dialect.page(rowExpression(row, 't0'), `${quoted(row.model.table)} t0`)
  return { sql, ids: (ids: number[]) => (dialectName === 'postgresql' ? ids : JSON.stringify(ids)) }
}

/** FROM ... WHERE for the children of `parent` along a connection's link. */
function linkedRows(link: ConnectionField['link'], table: string, child: string, parent: string, countOnly: boolean): string {
  if ('childKey' in link) return `${quoted(table)} ${child} WHERE ${child}.${quoted(link.childKey)} = ${parent}."id"`
  // Each join row names an existing child (a foreign key), so counting join rows counts children.
  if (countOnly) return `${quoted(link.joinTable)} ${child} WHERE ${child}.${quoted(link.joinParent)} = ${parent}."id"`
  return `${quoted(table)} ${child} JOIN ${quoted(link.joinTable)} ${child}j ON ${child}j.${quoted(link.joinChild)} = ${child}."id" WHERE ${child}j.${quoted(link.joinParent)} = ${parent}."id"`
}
