// Connection paging exactly as @pothos/plugin-prisma does it (prismaCursorConnectionQuery and
// wrapConnectionResult, with the builder's defaultConnectionSize and maxConnectionSize): one row
// more than the page is read to tell whether another page exists. Arguments Pothos would refuse
// give `null` here, and the ordinary executor then answers with Pothos's own error.
import { decodeBase64, decodeCursorChunk, encodeBase64, encodeCursorChunk } from '@pothos/core'

const DEFAULT_SIZE = 20
const MAX_SIZE = 100

export interface ConnectionArgs {
  first?: number | null
  last?: number | null
  after?: string | null
  before?: string | null
}

export interface Slice {
  /** Rows to read: the page and one more. */
  take: number
  /** From the end of the order (last or before). */
  backward: boolean
  /** The id of the after/before cursor's row; that row itself is skipped. */
  cursorId?: number
  args: ConnectionArgs
}

export function sliceOf(args: ConnectionArgs, options: { cursors: boolean }): Slice | null {
  const { first, last, after, before } = args
  if ((first != null && first < 0) || (last != null && last < 0)) return null
  if (first != null && last != null) return null
  if ((before != null && after != null) || (before != null && first != null) || (after != null && last != null)) return null
  const cursor = before ?? after
  let cursorId: number | undefined
  if (cursor != null) {
    if (!options.cursors) return null
    const parsed = parseCursor(cursor)
    if (parsed === null) return null
    cursorId = parsed
  }
  return { take: Math.min(first ?? last ?? DEFAULT_SIZE, MAX_SIZE) + 1, backward: before != null || last != null, cursorId, args }
}

export interface Page<T> {
  rows: T[]
  hasNextPage: boolean
  hasPreviousPage: boolean
}

/** The page within the rows read for `slice`, in the connection's order. */
export function pageOf<T>(read: T[], slice: Slice): Page<T> {
  const full = read.length === slice.take
  const rows = full ? (slice.backward ? read.slice(1) : read.slice(0, -1)) : read
  const { after, before, last } = slice.args
  return {
    rows,
    hasNextPage: before != null ? true : last != null ? false : full,
    hasPreviousPage: after != null ? true : slice.backward ? full : false,
  }
}

/** The cursor of a row, as plugin-prisma writes it for `cursor: 'id'`. */
export const cursorOf = (id: number) => encodeBase64(`GPC:${encodeCursorChunk(id)}`)

function parseCursor(cursor: string): number | null {
  try {
    const decoded = decodeBase64(cursor)
    if (!decoded.startsWith('GPC:')) return null
    const value = decodeCursorChunk(decoded.slice(4))
    return typeof value === 'number' && Number.isSafeInteger(value) ? value : null
  } catch {
    return null
  }
}
