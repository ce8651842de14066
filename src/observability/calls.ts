// Calls that leave the process, to the Docker engine and to registries: a client span each
// (in the trace of whatever made the call) and a latency/failure observation in the metrics.
import { SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api'
import type Docker from 'dockerode'
import type { CallTarget, Instruments } from './instruments.js'
import { tracer } from './tracing.js'

/** Starts one call; the returned function ends it, with why it failed when it did. */
export function startCall(instruments: Instruments, target: CallTarget, operation: string, attributes: Attributes): (failure?: string | null) => void {
  const span = tracer.startSpan(`${target} ${operation}`, { kind: SpanKind.CLIENT, attributes: { 'icat.call.operation': operation, ...attributes } })
  const started = performance.now()
  let ended = false
  return (failure = null) => {
    if (ended) return
    ended = true
    instruments.callEnded(target, operation, (performance.now() - started) / 1000, failure)
    if (failure) span.setStatus({ code: SpanStatusCode.ERROR, message: failure })
    span.end()
  }
}

type Dial = (options: { method?: string; path?: string }, callback?: (error: unknown, data: unknown) => void) => unknown

/**
 * Every engine API call of dockerode goes through its modem's dial: timing it there covers
 * them all. The callback comes when the engine has answered (for a stream, when it starts).
 */
export function instrumentEngine(docker: Docker, instruments: Instruments): void {
  const modem = docker.modem as unknown as { dial: Dial }
  const dial = modem.dial.bind(modem)
  modem.dial = (options, callback) => {
    if (typeof callback !== 'function') return dial(options, callback)
    const method = options.method ?? 'GET'
    const operation = `${method} ${engineOperation(options.path ?? '')}`
    const end = startCall(instruments, 'engine', operation, { 'http.request.method': method })
    return dial(options, (error, data) => {
      end(error ? engineFailure(error) : null)
      callback(error, data)
    })
  }
}

// The engine's paths that name a collection (`/images/json`), not an object (`/images/{name}`).
const COLLECTION_ACTIONS = new Set(['json', 'create', 'search', 'load', 'prune', 'get'])

/**
 * The path with the names in it replaced, so that the operation is the API's and not the
 * image's: `/images/reg:5000/app:1/json` is `/images/{name}/json`. Image names hold slashes,
 * so the name is everything between the resource and its last segment.
 */
export function engineOperation(path: string): string {
  const segments = path.split('?')[0]!.split('/').filter(Boolean)
  if (/^v\d+\.\d+$/.test(segments[0] ?? '')) segments.shift()
  if (segments.length <= 1) return `/${segments.join('/')}`
  if (segments.length === 2) return `/${segments[0]}/${COLLECTION_ACTIONS.has(segments[1]!) ? segments[1] : '{name}'}`
  return `/${segments[0]}/{name}/${segments.at(-1)}`
}

function engineFailure(error: unknown): string {
  const { statusCode, code } = error as { statusCode?: number; code?: string }
  if (statusCode) return `http_${statusCode}`
  return code ?? 'error'
}

/** The Distribution API's operation a registry URL calls: `/v2/{name}/manifests/{reference}`. */
export function registryOperation(url: URL): string {
  const path = url.pathname
  if (/^\/v2\/?$/.test(path)) return '/v2/'
  if (path === '/v2/_catalog') return '/v2/_catalog'
  const api = /^\/v2\/.+\/(manifests|blobs|tags)\/.*$/.exec(path)
  if (api) return `/v2/{name}/${api[1]}`
  if (/\/v1\/search\/?$/.test(path)) return '/v1/search'
  // A token service's realm or a blob store's redirect: the path is theirs, not the API's.
  return 'other'
}
