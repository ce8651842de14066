// Where the drift checker keeps the registry's answers for a while: in this process, or in
// Redis when REDIS_URL is set, so that instances behind one load balancer ask a registry once
// for a tag, not once each. What is kept is only the registry's answer (digest, or the
// failure's code and message); the registry row, with its sealed password, never leaves the
// database.
import { Redis } from 'ioredis'
import type { Logger } from '../logger.js'
import type { UserErrorCode } from '../errors.js'

export interface RememberedAnswer {
  remoteDigest: string | null
  error: { code: UserErrorCode; message: string } | null
  /** When the registry was asked, in ms since the epoch. */
  comparedAt: number
}

export interface UpdateCheckMemory {
  recall(key: string): Promise<RememberedAnswer | undefined>
  remember(key: string, answer: RememberedAnswer): Promise<void>
  close(): Promise<void>
}

/** The answers this process keeps, at most this many (the oldest go first). */
const REMEMBER_AT_MOST = 10_000
/** How long Redis keeps an answer: a caller asking for an older one than this gets a fresh check. */
const KEEP_IN_REDIS_MS = 24 * 60 * 60 * 1000
const COMMAND_TIMEOUT_MS = 1_000

export function inProcessMemory(): UpdateCheckMemory {
  const answers = new Map<string, RememberedAnswer>()
  return {
    recall: async (key) => answers.get(key),
    async remember(key, answer) {
      answers.delete(key)
      answers.set(key, answer)
      // Maps keep insertion order: the first key is the oldest answer.
      if (answers.size > REMEMBER_AT_MOST) answers.delete(answers.keys().next().value!)
    },
    close: async () => {},
  }
}

/**
 * Answers in Redis under `prefix`. Redis being down costs a registry request, never the
 * answer: a failed read is a miss and a failed write is dropped, both logged.
 */
export function redisMemory(url: string, prefix: string, logger: Logger): UpdateCheckMemory {
  // A command waits for a connection (the first ones after a start do) for at most a second:
  // while Redis is unreachable a read or write is then a miss, asked of the registry, instead of
  // waiting through reconnection attempts, seconds a tag.
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, commandTimeout: COMMAND_TIMEOUT_MS })
  // Without a listener ioredis prints each failed reconnection to stderr itself.
  redis.on('error', () => {})
  const report = (what: string) => (error: unknown) => logger.warn({ err: error }, `update check ${what} in Redis failed`)
  return {
    async recall(key) {
      const stored = await redis.get(`${prefix}${key}`).catch(report('read'))
      if (!stored) return undefined
      try {
        return JSON.parse(stored) as RememberedAnswer
      } catch (error) {
        // Not ours (a key written by something else under the prefix): a miss, and asked again.
        report('read')(error)
        return undefined
      }
    },
    async remember(key, answer) {
      await redis.set(`${prefix}${key}`, JSON.stringify(answer), 'PX', KEEP_IN_REDIS_MS).catch(report('write'))
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}
