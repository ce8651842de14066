// Subscriptions over Server-Sent Events, with the wire format of yoga's own SSE processor (a
// ping first and every 12 s, `event: next` per result, `event: complete` at the end), but each
// event one buffer, made once per result and piped to the response as a Node stream. Yoga's
// processor writes two chunks an event through a web ReadableStream adapted to a Node one: with a
// thousand subscribers to one build's log, that machinery was a fifth of the server's CPU per
// line, and the compiled buildLogs path (src/read-path/events.ts) hands every subscriber the
// same result object, so the same bytes serve them all.
import { Readable } from 'node:stream'
import { GraphQLError, type ExecutionResult } from 'graphql'
import { isAsyncIterable, type Plugin } from 'graphql-yoga'

/** Yoga pings every 12 s (300 ms under NODE_ENV=test, which its own tests rely on): so does this. */
const PING_INTERVAL_MS = process.env.NODE_ENV === 'test' ? 300 : 12_000
const PING = Buffer.from(':\n\n')
const COMPLETE = Buffer.from('event: complete\ndata:\n\n')
const HEADERS = { 'Content-Type': 'text/event-stream', Connection: 'keep-alive', 'Cache-Control': 'no-cache', 'Content-Encoding': 'none' }

/** Where a result keeps its event once made, for every subscriber it reaches. */
const eventOf = Symbol('server-sent event')
type Result = ExecutionResult & { [eventOf]?: Buffer }

function eventFor(result: Result): Buffer {
  return (result[eventOf] ??= Buffer.from(`event: next\ndata: ${JSON.stringify(withoutInternals(result))}\n\n`))
}

/** What yoga leaves out of an answer it sends: the `http` and `unexpected` extensions its plugins use between themselves. */
function withoutInternals(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length && !result.extensions?.http) return result
  const { http: _http, ...extensions } = result.extensions ?? {}
  return {
    ...result,
    ...(result.errors ? { errors: result.errors.map(publicError) } : {}),
    extensions: Object.keys(extensions).length > 0 ? extensions : undefined,
  } as ExecutionResult
}

function publicError(error: unknown) {
  const json = error instanceof GraphQLError ? error.toJSON() : { message: error instanceof Error ? error.message : String(error) }
  if (!('extensions' in json) || !json.extensions) return json
  const { http: _http, unexpected: _unexpected, ...extensions } = json.extensions
  const { extensions: _all, ...rest } = json
  return Object.keys(extensions).length > 0 ? { ...rest, extensions } : rest
}

/** A subscription's results as the bytes of an event stream, read as fast as the response takes them. */
class EventStream extends Readable {
  private reading = false
  private readonly ping: NodeJS.Timeout

  constructor(private readonly results: AsyncIterator<ExecutionResult>) {
    super()
    // First, because some browsers hold a fetch back until a byte of the body comes.
    this.push(PING)
    this.ping = setInterval(() => {
      // Not while the client lags behind: what waits for it keeps the connection alive already.
      if (this.readableLength === 0 && !this.destroyed) this.push(PING)
    }, PING_INTERVAL_MS)
  }

  override _read(): void {
    if (this.reading) return
    this.reading = true
    this.results.next().then(
      ({ done, value }) => {
        this.reading = false
        if (this.destroyed) return
        if (value != null) this.push(eventFor(value))
        if (done) {
          clearInterval(this.ping)
          this.push(COMPLETE)
          this.push(null)
        }
      },
      (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
    )
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    clearInterval(this.ping)
    // The client went away, or the stream failed: the subscription ends (its source lets go of the bus).
    void Promise.resolve(this.results.return?.()).catch(() => {})
    callback(error)
  }
}

/** Serves subscriptions asked for as text/event-stream with EventStream instead of yoga's processor. */
export function eventStreams(): Plugin {
  return {
    onResultProcess({ request, result, resultProcessor, setResultProcessor }) {
      // Yoga has chosen its SSE processor: the only one it has for a subscription's stream.
      if (!resultProcessor || !isAsyncIterable(result) || !request.headers.get('accept')?.includes('text/event-stream')) return
      setResultProcessor(
        (results, fetchAPI) => new fetchAPI.Response(new EventStream((results as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]()) as never, { status: 200, headers: HEADERS }),
        'text/event-stream',
      )
    },
  }
}
