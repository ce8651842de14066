// Subscriptions over Server-Sent Events through yoga.fetch, in-process: collected until the
// server completes the stream, or read one event at a time.
import type { TypedDocumentString } from '../gql/graphql.js'
import { ADMIN_TOKEN, type World } from './world.js'

export interface Collected<R> {
  events: { data?: R | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }[]
  completed: boolean
}
type Event<R> = Collected<R>['events'][number]

function subscribe(world: World, document: { toString(): string }, variables: unknown, token: string | null | undefined, signal: AbortSignal) {
  const bearer = token === undefined ? ADMIN_TOKEN : token
  return Promise.resolve(
    world.app.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ query: document.toString(), variables }),
    }),
  )
}

/** The stream's `next` payloads, in order; it ends when the server completes the stream. */
export async function* nextPayloads<R>(response: Response): AsyncGenerator<Event<R>, { completed: boolean }> {
  const decoder = new TextDecoder()
  let buffer = ''
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true })
    let end: number
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      if (/^event: complete$/m.test(message)) return { completed: true }
      const data = /^data: (.*)$/m.exec(message)?.[1]
      if (data) yield JSON.parse(data) as Event<R>
    }
  }
  return { completed: false }
}

export async function collectSubscription<R, V>(
  world: World,
  document: TypedDocumentString<R, V>,
  variables: V,
  options: { token?: string | null; timeoutMs?: number; until?: (events: Collected<R>['events']) => boolean } = {},
): Promise<Collected<R>> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 60_000)
  const collected: Collected<R> = { events: [], completed: false }
  try {
    const payloads = nextPayloads<R>(await subscribe(world, document, variables, options.token, controller.signal))
    for (;;) {
      const { value, done } = await payloads.next()
      if (done) {
        collected.completed = value.completed
        return collected
      }
      collected.events.push(value)
      if (options.until?.(collected.events)) return collected
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error
  } finally {
    clearTimeout(timer)
    controller.abort()
  }
  return collected
}

export interface OpenSubscription<R> {
  /** The next `next` payload, or null once the server completed the stream. Fails after `timeoutMs` without one. */
  next(timeoutMs?: number): Promise<Event<R> | null>
  close(): void
}

/**
 * A subscription read one event at a time, so a test can act between events: wait for the
 * first (the state now), change something, then wait for the event that change caused.
 */
export async function openSubscription<R, V>(
  world: World,
  document: TypedDocumentString<R, V>,
  variables: V,
  options: { token?: string | null } = {},
): Promise<OpenSubscription<R>> {
  const controller = new AbortController()
  const response = await subscribe(world, document, variables, options.token, controller.signal)
  const queue: (Event<R> | null)[] = []
  let wake = null as (() => void) | null
  let failure: unknown = null
  const push = (item: Event<R> | null) => {
    queue.push(item)
    wake?.()
  }
  void (async () => {
    try {
      for await (const payload of nextPayloads<R>(response)) push(payload)
      push(null)
    } catch (error) {
      if (!controller.signal.aborted) {
        failure = error
        wake?.()
      }
    }
  })()
  return {
    async next(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs
      while (queue.length === 0) {
        if (failure) throw failure
        const remaining = deadline - Date.now()
        if (remaining <= 0) throw new Error(`No subscription event within ${timeoutMs} ms`)
        let timer: NodeJS.Timeout | undefined
        await new Promise<void>((resolve) => {
          wake = resolve
          timer = setTimeout(resolve, remaining)
        })
        clearTimeout(timer)
        wake = null
      }
      return queue.shift()!
    },
    close: () => controller.abort(),
  }
}
