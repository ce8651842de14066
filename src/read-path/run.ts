// Answers a planned operation: the page of ids by the catalog's own rules (visibility, filter,
// order and cursor, through the same manager the Pothos resolver calls), then every nested row
// in one statement (sql.ts), then the answer built from the plan. At most three statements:
// ids, rows, and the count when totalCount is asked for.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { getArgumentValues, getVariableValues, type ExecutionArgs, type ExecutionResult } from 'graphql'
import type { Context } from '../context.js'
import { sqliteReaderOf } from '../db/client.js'
import { chargeOperation, COSTS } from '../protection/cost.js'
import { toFilter } from '../schema/image.js'
import type { ImageOrderField } from '../catalog/images.js'
import type { ColumnField } from './models.js'
import type { ConnectionOutput, Output, Plan, RowPlan } from './plan.js'
import { pageStatement, type DialectName } from './sql.js'
import { cursorOf, pageOf, sliceOf, type ConnectionArgs, type Page, type Slice } from './slices.js'

type Row = unknown[]

interface RootSource {
  ids(query: { select: { id: true }; take: number; skip: number; cursor?: { id: number } }): Promise<Array<{ id: number }>>
  count(): Promise<number>
}

/** How each of plan.ts's ROOTS finds its page: the calls its Pothos resolver makes. */
const ROOT_SOURCES: Record<string, (ctx: Context, args: Record<string, unknown>) => Promise<RootSource>> = {
  async images(ctx, args) {
    const where = await ctx.loaders.imageWhere.load(toFilter(args.filter as Parameters<typeof toFilter>[0]))
    const order = args.orderBy as { field: ImageOrderField; direction: 'ASC' | 'DESC' } | null
    return { ids: (query) => ctx.services.images.list(where, order, query), count: () => ctx.services.images.count(where) }
  },
}

/**
 * The operation's result, or null when this plan cannot answer these variables exactly as the
 * ordinary executor would (an argument Pothos refuses, say): the caller then runs that executor.
 */
export async function runPlan(plan: Plan, args: ExecutionArgs, dialect: DialectName): Promise<ExecutionResult | null> {
  const ctx = args.contextValue as Context
  // Raw variables lack what the executor fills in (an input field's default, say): coerced
  // here as it would; variables it would refuse leave the operation to it, with its errors.
  const coerced = getVariableValues(args.schema, plan.variableDefinitions, (args.variableValues ?? {}) as Record<string, unknown>)
  if (coerced.errors) return null
  const variables = coerced.coerced
  let rootArgs: Record<string, unknown>
  let slices: Map<object, Slice> | null
  try {
    rootArgs = getArgumentValues(plan.definition, plan.node, variables)
    slices = nestedSlices(plan.row, variables)
  } catch {
    return null
  }
  const slice = sliceOf(rootArgs as ConnectionArgs, { cursors: true })
  if (!slice || !slices) return null
  let source: RootSource
  try {
    source = await ROOT_SOURCES[plan.rootField]!(ctx, rootArgs)
  } catch {
    return null // a filter the resolver refuses, with its own error
  }
  const counting = plan.connection.some((output) => output.kind === 'totalCount')
  const [read, totalCount] = await Promise.all([
    source.ids({
      select: { id: true },
      take: slice.backward ? -slice.take : slice.take,
      skip: slice.cursorId === undefined ? 0 : 1,
      ...(slice.cursorId === undefined ? {} : { cursor: { id: slice.cursorId } }),
    }),
    counting ? source.count() : undefined,
  ])
  const page = pageOf(read, slice)
  const ids = page.rows.map((row) => row.id)
  const rows = plan.needsRows && ids.length > 0 ? await readRows(ctx, plan.row, slices, ids, dialect) : new Map(ids.map((id) => [id, [id]]))
  const shaper = new Shaper(slices)
  // An image deleted between the two statements is left out, as a nested load would have missed it.
  const found = ids.filter((id) => rows.has(id)).map((id) => rows.get(id)!)
  const answer = shaper.connection({ ...page, rows: found }, plan.connection, plan.row, totalCount)
  chargeOperation(ctx, shaper.cost)
  return { data: { [plan.key]: answer } }
}

function nestedSlices(row: RowPlan, variables: Record<string, unknown>, into = new Map<object, Slice>()): Map<object, Slice> | null {
  for (const slot of row.slots) {
    if (slot.kind === 'connection') {
      const slice = sliceOf(getArgumentValues(slot.definition, slot.node, variables) as ConnectionArgs, { cursors: false })
      if (!slice) return null
      into.set(slot, slice)
    }
    if ((slot.kind === 'connection' || slot.kind === 'toOne') && !nestedSlices(slot.row, variables, into)) return null
  }
  return into
}

async function readRows(ctx: Context, row: RowPlan, slices: Map<object, Slice>, ids: number[], dialect: DialectName): Promise<Map<number, Row>> {
  const statement = pageStatement(dialect, row, slices)
  // On SQLite the statement runs on the read-only connection in a worker thread, beside this one.
  const reader = sqliteReaderOf(ctx.db)
  const page = reader
    ? ((await reader.value(statement.sql, [statement.ids(ids)])) as string)
    : (await ctx.db.$queryRawUnsafe<Array<{ page: string }>>(statement.sql, statement.ids(ids)))[0]!.page
  const rows = JSON.parse(page) as Row[]
  return new Map(rows.map((each) => [Number(each[0]), each]))
}

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

/**
 * An instant as SQLite holds it: Prisma writes ISO text with +00:00, or epoch milliseconds when
 * so configured; a column default (CURRENT_TIMESTAMP) is 'YYYY-MM-DD HH:MM:SS' in UTC, which
 * Prisma also reads as UTC.
 */
function sqliteInstant(value: string | number): string {
  if (typeof value === 'number') return new Date(value).toISOString()
  return new Date(/(z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value.replace(' ', 'T')}Z`).toISOString()
}

function valueOf(value: unknown, field: ColumnField): unknown {
  if (value === null || value === undefined) return null
  switch (field.value) {
    case 'boolean':
      return value === true || value === 1
    case 'bigInt':
      return Number(value)
    case 'dateTime':
      // PostgreSQL writes the ISO string itself (sql.ts); SQLite returns what was stored.
      return typeof value === 'string' && ISO_UTC.test(value) ? value : sqliteInstant(value as string | number)
    default:
      return field.map ? field.map(value as string) : value
  }
}

/** Builds the answer from rows, counting what the ordinary resolvers would have charged (src/protection/cost.ts). */
class Shaper {
  cost = 0

  constructor(private readonly slices: Map<object, Slice>) {}

  row(values: Row, shape: Output[], plan: RowPlan): Record<string, unknown> {
    const answer: Record<string, unknown> = {}
    for (const output of shape) {
      switch (output.kind) {
        case 'typename':
          answer[output.key] = output.value
          break
        case 'value':
          answer[output.key] = valueOf(values[output.slot], output.field)
          break
        case 'globalId':
          answer[output.key] = encodeGlobalID(output.typeName, String(values[0]))
          break
        case 'object': {
          const child = values[output.slot] as Row | null
          const slot = plan.slots[output.slot] as { row: RowPlan }
          if (child != null) this.cost += COSTS.object
          answer[output.key] = child == null ? null : this.row(child, output.shape, slot.row)
          break
        }
        case 'connection': {
          const slot = plan.slots[output.slot]!
          const page = pageOf(values[output.slot] as Row[], this.slices.get(slot)!)
          const count = output.countSlot === undefined ? undefined : Number(values[output.countSlot])
          answer[output.key] = this.connection(page, output.connection, (slot as { row: RowPlan }).row, count)
          break
        }
      }
    }
    return answer
  }

  connection(page: Page<Row>, outputs: ConnectionOutput[], plan: RowPlan, totalCount: number | undefined): Record<string, unknown> {
    this.cost += COSTS.connection
    const answer: Record<string, unknown> = {}
    for (const output of outputs) {
      switch (output.kind) {
        case 'typename':
          answer[output.key] = output.value
          break
        case 'totalCount':
          answer[output.key] = totalCount
          break
        case 'nodes':
          this.cost += page.rows.length * COSTS.object
          answer[output.key] = page.rows.map((values) => this.row(values, output.shape, plan))
          break
        case 'edges':
          this.cost += page.rows.length * COSTS.object
          answer[output.key] = page.rows.map((values) => {
            const edge: Record<string, unknown> = {}
            for (const part of output.edge) {
              if (part.kind === 'typename') edge[part.key] = part.value
              else if (part.kind === 'cursor') edge[part.key] = cursorOf(Number(values[0]))
              else {
                this.cost += COSTS.object
                edge[part.key] = this.row(values, part.shape, plan)
              }
            }
            return edge
          })
          break
        case 'pageInfo': {
          this.cost += COSTS.object
          const info: Record<string, unknown> = {}
          const first = page.rows[0]
          const last = page.rows[page.rows.length - 1]
          for (const part of output.info) {
            if (part.kind === 'typename') info[part.key] = part.value
            else if (part.kind === 'hasNextPage') info[part.key] = page.hasNextPage
            else if (part.kind === 'hasPreviousPage') info[part.key] = page.hasPreviousPage
            else if (part.kind === 'startCursor') info[part.key] = first ? cursorOf(Number(first[0])) : null
            else info[part.key] = last ? cursorOf(Number(last[0])) : null
          }
          answer[output.key] = info
          break
        }
      }
    }
    return answer
  }
}
