// Subscriptions over Server-Sent Events through yoga.fetch, in-process: collects every
// `next` payload until the server completes the stream (or the timeout passes).
import type { TypedDocumentString } from '../gql/graphql.js'
import { ADMIN_TOKEN, type World } from './world.js'

export interface Collected<R> {
  events: { data?: R | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }[]
  completed: boolean
}

export async function collectSubscription<R, V>(
  world: World,
  document: TypedDocumentString<R, V>,
  variables: V,
  options: { token?: string | null; timeoutMs?: number; until?: (events: Collected<R>['events']) => boolean } = {},
): Promise<Collected<R>> {
  const token = options.token === undefined ? ADMIN_TOKEN : options.token
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 60_000)
  const response = await world.app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    signal: controller.signal,
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: document.toString(), variables }),
  })
  const collected: Collected<R> = { events: [], completed: false }
  const decoder = new TextDecoder()
  let buffer = ''
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true })
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const event = /^event: (.*)$/m.exec(message)?.[1]
        const data = /^data: (.*)$/m.exec(message)?.[1]
        if (event === 'complete') {
          collected.completed = true
          return collected
        }
        if (data) collected.events.push(JSON.parse(data))
        if (options.until?.(collected.events)) return collected
      }
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
  next(timeoutMs?: number): Promise<Collected<R>['events'][number] | null>
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
  const token = options.token === undefined ? ADMIN_TOKEN : options.token
  const controller = new AbortController()
  const response = await world.app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    signal: controller.signal,
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: document.toString(), variables }),
  })
  type Item = Collected<R>['events'][number] | null
  const queue: Item[] = []
  let wake = null as (() => void) | null
  let failure: unknown = null
  const push = (item: Item) => {
    queue.push(item)
    wake?.()
  }
  void (async () => {
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event = /^event: (.*)$/m.exec(message)?.[1]
          const data = /^data: (.*)$/m.exec(message)?.[1]
          if (event === 'complete') return push(null)
          if (data) push(JSON.parse(data))
        }
      }
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
