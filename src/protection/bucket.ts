// Leaky buckets, Shopify's way: each key has a bucket of `capacity` points that drains at
// `restoreRate` points a second; a request pours its cost in and is refused when it would
// overflow. In memory for one instance; in Redis, with the whole step in one Lua script so
// that every instance sees one bucket and two requests never both take the last points.
//
// Hand-written rather than rate-limiter-flexible: its limiters count points in fixed windows
// (all back at the window's end), not a level that drains continuously, and actual cost is
// known only after execution, so a bucket must also take points back.
import { Redis } from 'ioredis'

export interface BucketSettings {
  capacity: number
  /** Points a second. */
  restoreRate: number
}

export interface BucketState {
  /** The cost fitted (or nothing was asked) and was poured in. */
  allowed: boolean
  /** Points free after this step. */
  available: number
  /** When refused: seconds until the cost would fit. */
  retryAfter: number
}

export interface Buckets {
  /**
   * Pours `cost` into the bucket at `key` if it fits; a negative cost takes points back
   * (never below empty) and is always allowed; 0 only reads.
   */
  pour(key: string, cost: number): Promise<BucketState>
  close(): Promise<void>
}

/** Milliseconds since the epoch; tests pass their own clock. */
export type Clock = () => number

function outcome(settings: BucketSettings, level: number, allowed: boolean, cost: number): BucketState {
  const overflow = level + cost - settings.capacity
  return {
    allowed,
    available: Math.max(0, Math.floor(settings.capacity - level)),
    retryAfter: allowed ? 0 : Math.max(1, Math.ceil(overflow / settings.restoreRate)),
  }
}

const SWEEP_EVERY = 10_000

export function memoryBuckets(settings: BucketSettings, clock: Clock): Buckets {
  const buckets = new Map<string, { level: number; at: number }>()
  // Clients that spent and never came back would stay forever: every SWEEP_EVERY steps the
  // buckets that have drained by now go.
  let steps = 0
  const sweep = (now: number) => {
    for (const [key, bucket] of buckets) {
      if (bucket.level - ((now - bucket.at) / 1000) * settings.restoreRate <= 0) buckets.delete(key)
    }
  }
  return {
    async pour(key, cost) {
      const now = clock()
      if (++steps % SWEEP_EVERY === 0) sweep(now)
      const bucket = buckets.get(key) ?? { level: 0, at: now }
      bucket.level = Math.max(0, bucket.level - ((now - bucket.at) / 1000) * settings.restoreRate)
      bucket.at = now
      const allowed = cost <= 0 || bucket.level + cost <= settings.capacity
      if (allowed) bucket.level = Math.max(0, bucket.level + cost)
      // An empty bucket is the same as none: the map holds only clients that spent lately.
      if (bucket.level === 0) buckets.delete(key)
      else buckets.set(key, bucket)
      return outcome(settings, bucket.level, allowed, cost)
    },
    async close() {},
  }
}

// KEYS[1] the bucket; ARGV: capacity, restore rate (points/s), now (ms), cost. Returns
// { allowed (0/1), level as a string } (Lua numbers would be cut to integers).
const POUR = `
local capacity, rate, now, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 'level', 'at')
local level, at = tonumber(state[1]) or 0, tonumber(state[2]) or now
level = math.max(0, level - math.max(0, now - at) / 1000 * rate)
local allowed = cost <= 0 or level + cost <= capacity
if allowed then level = math.max(0, level + cost) end
redis.call('HSET', KEYS[1], 'level', tostring(level), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
return { allowed and 1 or 0, tostring(level) }
`

export function redisBuckets(url: string, prefix: string, settings: BucketSettings, clock: Clock): Buckets {
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 })
  redis.defineCommand('pourBucket', { numberOfKeys: 1, lua: POUR })
  const pour = (redis as unknown as { pourBucket(...args: (string | number)[]): Promise<[number, string]> }).pourBucket.bind(redis)
  return {
    async pour(key, cost) {
      const [allowed, level] = await pour(`${prefix}${key}`, settings.capacity, settings.restoreRate, clock(), cost)
      return outcome(settings, Number(level), allowed === 1, cost)
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}
