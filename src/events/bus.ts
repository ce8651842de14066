// Live events between the parts of the service, and between instances when REDIS_URL is
// set. Payloads are plain JSON so they cross Redis unchanged.
import { setMaxListeners } from 'node:events'
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target'
import { createPubSub } from 'graphql-yoga'
import { Redis } from 'ioredis'

export interface LogLineEvent {
  lineNo: number
  stream: string
  text: string
  createdAt: string
  /** Set on a BuildKit step's lines: the step's number and name, and what the line says of it (null for output). */
  stepNumber?: number | null
  stepName?: string | null
  kind?: string | null
}

/** One step of a pull or push: a layer's state (layer null for the engine's overall lines) and the fraction done. */
export interface TransferProgressEvent {
  layer: string | null
  status: string
  current: number | null
  total: number | null
  fraction: number
}

/**
 * What changed in an image: every write to an image, its tags, stars, categories or rules
 * publishes one, from the manager that made it, once the change is stored. `deleted` is the
 * last event of an image.
 */
export type ImageChange =
  | 'updated'
  | 'categories'
  | 'starred'
  | 'tagged'
  | 'untagged'
  | 'protected'
  | 'imported'
  | 'retention-rules'
  | 'build-source'
  | 'version'
  | 'retention'
  | 'build-queued'
  | 'build-started'
  | 'build-finished'
  | 'pulled'
  | 'pushed'
  | 'permissions'
  | 'deleted'

/** Every topic and what its events carry. */
export interface Topics {
  /** A build's log lines, a stored batch at a time, in order; then its end. */
  [topic: `build/${number}/log`]: { lines: LogLineEvent[] } | { end: string }
  [topic: `build/${number}`]: { state: string }
  [topic: `image/${number}`]: { change: ImageChange }
  [topic: TransferTopic]: { progress: TransferProgressEvent } | { end: true }
  /** A build was marked CANCELLING: whichever instance holds it stops it. */
  'builds/cancel': { buildId: number }
  /** An administrator added, changed or removed a Docker engine: every instance reads the list again. */
  'engines/changed': { engineId: number }
  /** An organization, its members or its teams changed. */
  [topic: `organization/${number}`]: { change: 'updated' }
  /** An audit entry was written. */
  audit: { id: number; organizationId: number | null }
}

export type TransferTopic = `pull/${number}` | `push/${number}`

type Listener = (event: Event) => void
interface Target {
  addEventListener(topic: string, listener: Listener): void
  removeEventListener(topic: string, listener: Listener): void
  dispatchEvent(event: Event): boolean
}

/** A subscription that buffers from the moment it is made, so nothing published after is missed. */
export interface Subscription<T> extends AsyncIterableIterator<T> {
  close(): void
}

export class EventBus {
  /** Publishing goes through yoga's pubsub, whose event target is in-process or Redis. */
  private readonly pubsub: { publish(topic: string, payload: unknown): void }

  private constructor(
    private readonly target: Target,
    private readonly closeTransport: () => Promise<void>,
  ) {
    this.pubsub = createPubSub({ eventTarget: target as never }) as never
  }

  static inProcess(): EventBus {
    const target = new EventTarget()
    // Each subscriber of a topic is one listener: a thousand on one build's log are no leak to warn of.
    setMaxListeners(Infinity, target)
    return new EventBus(target, async () => {})
  }

  static redis(url: string): EventBus {
    const publishClient = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 })
    const subscribeClient = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 })
    const target = createRedisEventTarget({ publishClient, subscribeClient }) as unknown as Target
    return new EventBus(target, async () => {
      await Promise.all([publishClient.quit(), subscribeClient.quit()])
    })
  }

  publish<K extends keyof Topics & string>(topic: K, payload: Topics[K]): void {
    this.pubsub.publish(topic, payload)
  }

  /** Tells the image's followers (imageUpdated) that it changed; call once the change is stored. */
  imageChanged(imageId: number, change: ImageChange): void {
    this.publish(`image/${imageId}`, { change })
  }

  /**
   * Listens on the same event target yoga's pubsub publishes to, but from the moment of the
   * call: yoga's own subscribe starts listening only when first read, and a build's end
   * published in between would be lost.
   */
  subscribe<K extends keyof Topics & string>(topic: K): Subscription<Topics[K]> {
    type Next = IteratorResult<Topics[K], undefined>
    const buffered: Topics[K][] = []
    /** The read waiting for the next event: handed it directly, the buffer passed over. */
    let waiting: ((next: Next) => void) | null = null
    let closed = false
    const ended: Next = { value: undefined, done: true }
    const answerWaiting = (next: Next) => {
      const answer = waiting
      waiting = null
      answer?.(next)
    }
    const listener: Listener = (event) => {
      const detail = (event as CustomEvent<Topics[K]>).detail
      if (waiting) answerWaiting({ value: detail, done: false })
      else buffered.push(detail)
    }
    this.target.addEventListener(topic, listener)
    const close = () => {
      if (closed) return
      closed = true
      this.target.removeEventListener(topic, listener)
      answerWaiting(ended)
    }
    const subscription: Subscription<Topics[K]> = {
      close,
      next() {
        if (buffered.length > 0) return Promise.resolve({ value: buffered.shift()!, done: false })
        if (closed) return Promise.resolve(ended)
        return new Promise<Next>((resolve) => (waiting = resolve))
      },
      async return() {
        close()
        return { value: undefined, done: true }
      },
      [Symbol.asyncIterator]() {
        return subscription
      },
    }
    return subscription
  }

  close(): Promise<void> {
    return this.closeTransport()
  }
}
