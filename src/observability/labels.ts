// Label values that clients choose (operation names, paths, image names inside engine paths)
// would otherwise grow a metric's series without bound: every value is cut to a length, and
// past a number of distinct values the new ones all fold into one.
export const OTHER = '__other__'

export class BoundedLabel {
  private readonly seen = new Set<string>()

  constructor(
    private readonly maxValues = 100,
    private readonly maxLength = 64,
  ) {}

  value(raw: string | null | undefined, fallback = 'unknown'): string {
    const value = (raw || fallback).slice(0, this.maxLength)
    if (this.seen.has(value)) return value
    if (this.seen.size >= this.maxValues) return OTHER
    this.seen.add(value)
    return value
  }
}

/** The first path segments this server answers; any other path is a client's guess. */
const ROUTES = new Set(['/graphql', '/metrics', '/health', '/ready', '/hooks', '/graphiql'])

/** A request's route by its first path segment, with every unknown path as `other`. */
export function httpRoute(pathname: string): string {
  const segment = `/${pathname.split('/')[1] ?? ''}`
  return ROUTES.has(segment) ? segment : 'other'
}
