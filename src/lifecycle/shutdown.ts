// A graceful stop: from the moment it begins the process is not ready (/ready answers 503),
// new requests are answered 503 with `Connection: close`, subscriptions end with a
// SHUTTING_DOWN error and complete, and the requests in flight get SHUTDOWN_GRACE_MS to finish
// before their connections are cut. The listener stays open meanwhile, so that load balancers
// probing /ready see the 503 rather than a refused connection.
import { setMaxListeners } from 'node:events'
import type { ServerResponse } from 'node:http'
import { GraphQLError, type ExecutionResult } from 'graphql'
import { isAsyncIterable, type Plugin } from 'graphql-yoga'

export const SHUTTING_DOWN = 'SHUTTING_DOWN'
const MESSAGE = 'The server is shutting down; send the request again (another instance, or this one once it is back)'

export class Shutdown {
  private readonly stopping = new AbortController()
  private readonly inFlight = new Set<ServerResponse>()
  private readonly streams = new Set<Promise<void>>()

  constructor() {
    // Every open subscription listens for the stop: a thousand of them are no leak to warn of.
    setMaxListeners(Infinity, this.stopping.signal)
  }

  get begun(): boolean {
    return this.stopping.signal.aborted
  }

  begin(): void {
    this.stopping.abort()
  }

  /** Counts a request as in flight until its answer is sent or its connection closes. */
  track(res: ServerResponse): void {
    this.inFlight.add(res)
    res.once('close', () => this.inFlight.delete(res))
  }

  /** The answer to a request that arrives once the stop has begun. */
  refuse(res: ServerResponse): void {
    const body = JSON.stringify({ errors: [{ message: MESSAGE, extensions: { code: SHUTTING_DOWN } }] })
    res.writeHead(503, { 'content-type': 'application/json', connection: 'close', 'retry-after': '1' })
    res.end(body)
  }

  /** Resolves once no request is in flight and every subscription has ended, or after `graceMs`; true when all finished. */
  async settled(graceMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined
    const grace = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))
    const drained = (async () => {
      while (this.streams.size > 0 || this.inFlight.size > 0) {
        await Promise.race([...this.streams, ...[...this.inFlight].map((res) => new Promise((resolve) => res.once('close', resolve)))])
      }
      return true as const
    })()
    try {
      return await Promise.race([drained, grace])
    } finally {
      clearTimeout(timer)
    }
  }

  /** Ends every subscription stream (over SSE or WebSocket) with a SHUTTING_DOWN error, then completes it. */
  endSubscriptions(): Plugin {
    return {
      onSubscribe: () => ({
        onSubscribeResult: ({ result, setResult }) => {
          if (!isAsyncIterable(result)) return
          let ended!: () => void
          const done = new Promise<void>((resolve) => (ended = resolve)).then(() => void this.streams.delete(done))
          this.streams.add(done)
          setResult(endWhenStopping(result, this.stopping.signal, ended))
        },
      }),
    }
  }
}

const shuttingDown = (): ExecutionResult => ({ errors: [new GraphQLError(MESSAGE, { extensions: { code: SHUTTING_DOWN } })] })

/**
 * The stream's events until the server stops; then one SHUTTING_DOWN error, then its end.
 * Written out rather than racing each next event against one promise of the stop: every race
 * leaves a reaction on that promise (about 300 bytes) until the stream ends, and a chatty
 * build's log streams 100,000 events to each of its subscribers.
 */
function endWhenStopping(source: AsyncIterable<ExecutionResult>, signal: AbortSignal, ended: () => void): AsyncIterableIterator<ExecutionResult> {
  const iterator = source[Symbol.asyncIterator]()
  let over = false
  let toldOfStop = false
  /** Answers the pending `next` with the error, when the stop comes while it waits. */
  let interrupt: (() => void) | null = null
  const onStop = () => interrupt?.()
  signal.addEventListener('abort', onStop, { once: true })
  const end = (): IteratorReturnResult<undefined> => {
    if (!over) {
      over = true
      signal.removeEventListener('abort', onStop)
      // Not awaited: a source that waits for its next event would hold the stop up.
      void Promise.resolve(iterator.return?.()).catch(() => {})
      ended()
    }
    return { done: true, value: undefined }
  }
  const stream: AsyncIterableIterator<ExecutionResult> = {
    next() {
      if (over || toldOfStop) return Promise.resolve(end())
      if (signal.aborted) {
        toldOfStop = true
        return Promise.resolve({ done: false, value: shuttingDown() })
      }
      return new Promise((resolve, reject) => {
        interrupt = () => {
          interrupt = null
          toldOfStop = true
          resolve({ done: false, value: shuttingDown() })
        }
        iterator.next().then(
          (result) => {
            // Null: the stop answered first, and this event goes unsent.
            if (!interrupt) return
            interrupt = null
            resolve(result.done ? end() : result)
          },
          (error: unknown) => {
            if (!interrupt) return
            interrupt = null
            end()
            reject(error)
          },
        )
      })
    },
    return: () => Promise.resolve(end()),
    [Symbol.asyncIterator]: () => stream,
  }
  return stream
}
