// Relay connections over lists that are not database tables (registries, the engine). Their
// cursors are strings the source understands (a name or an offset), wrapped so that clients
// treat them as opaque, and their totalCount is null where the source cannot count.
import { UserInputError } from '../errors.js'
import type { Page, PageRequest } from '../catalog/page.js'
import { builder } from './builder.js'

const PREFIX = 'GPC:S:'
const DEFAULT_SIZE = 20
const MAX_SIZE = 100

export const encodeCursor = (raw: string) => Buffer.from(`${PREFIX}${raw}`).toString('base64')

/** Shape of a cursor `guardCursors` lets through: printable, bounded. */
export const isStringCursor = (decoded: string) => decoded.startsWith(PREFIX) && /^[\x21-\x7e]{1,300}$/.test(decoded.slice(PREFIX.length))

export function pageRequest(args: { first?: number | null; after?: string | null }): PageRequest {
  if (args.first != null && args.first < 0) throw new UserInputError('INVALID', ['first'], 'first must not be negative')
  const first = Math.min(args.first ?? DEFAULT_SIZE, MAX_SIZE)
  if (args.after == null) return { first, after: null }
  const decoded = Buffer.from(args.after, 'base64').toString('utf8')
  if (!isStringCursor(decoded)) throw new UserInputError('INVALID', ['after'], 'This cursor does not belong to this list')
  return { first, after: decoded.slice(PREFIX.length) }
}

export const pageArgs = builder.args((t) => ({
  first: t.int({ required: false, description: `At most ${MAX_SIZE}; ${DEFAULT_SIZE} when left out.` }),
  after: t.string({ required: false }),
}))

/** `<Name>Connection` and `<Name>Edge` for a node type, with a nullable totalCount. */
export function pageConnection<T>(name: string, node: object) {
  const Edge = builder.objectRef<{ cursor: string; node: T }>(`${name}Edge`).implement({
    fields: (t) => ({
      cursor: t.string({ resolve: (edge) => encodeCursor(edge.cursor) }),
      node: t.field({ type: node as never, resolve: (edge) => edge.node as never }),
    }),
  })
  return builder.objectRef<Page<T> & { after: string | null }>(`${name}Connection`).implement({
    fields: (t) => ({
      edges: t.field({ type: [Edge], resolve: (page) => page.items }),
      nodes: t.field({ type: [node as never], resolve: (page) => page.items.map((item) => item.node) as never }),
      pageInfo: t.field({
        type: builder.pageInfoRef(),
        resolve: (page) => ({
          hasNextPage: page.hasNextPage,
          hasPreviousPage: page.after !== null,
          startCursor: page.items[0] ? encodeCursor(page.items[0].cursor) : null,
          endCursor: page.endCursor === null ? null : encodeCursor(page.endCursor),
        }),
      }),
      totalCount: t.int({ nullable: true, description: 'Null when the source cannot count without reading everything.', resolve: (page) => page.totalCount }),
    }),
  })
}
