// One page of a list that is not a database table (a registry's catalog, the engine's images),
// in the shape the schema turns into a Relay connection. Cursors here are plain strings: a
// repository or tag name where the source pages by name, an offset where it pages by count.
import { UserInputError } from '../errors.js'

export interface PageRequest {
  first: number
  after: string | null
}

export interface Page<T> {
  items: { cursor: string; node: T }[]
  hasNextPage: boolean
  /** Where the next page starts; may be set when this page is empty but the scan stopped early. */
  endCursor: string | null
  /** Null when the source cannot say without reading everything. */
  totalCount: number | null
}

/** A page cut from a list already in memory, by offset. */
export function pageOf<T>(all: T[], request: PageRequest): Page<T> {
  const start = offsetOf(request.after)
  const slice = all.slice(start, start + request.first)
  const items = slice.map((node, i) => ({ cursor: String(start + i + 1), node }))
  return { items, hasNextPage: start + slice.length < all.length, endCursor: items.at(-1)?.cursor ?? null, totalCount: all.length }
}

/** An offset cursor back into a number, or INVALID on `after`. */
export function offsetOf(after: string | null): number {
  if (after === null) return 0
  if (!/^(0|[1-9][0-9]{0,8})$/.test(after)) throw new UserInputError('INVALID', ['after'], 'This cursor does not belong to this list')
  return Number(after)
}
