// What every operation passes before it runs, over HTTP and over WebSocket alike (both go
// through yoga's envelop): its requested cost against MAX_QUERY_COST, then against its
// caller's bucket; after it ran, the unspent part of the estimate goes back to the bucket and
// the answer reports the cost in extensions.cost, in Shopify's form. Failed sign-ins are
// counted per client address in a bucket of their own.
import type { IncomingMessage } from 'node:http'
import { GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql'
import { isAsyncIterable, type Plugin } from 'graphql-yoga'
import { hashToken } from '../auth/tokens.js'
import type { Viewer } from '../auth/viewer.js'
import type { Config } from '../config.js'
import { memoryBuckets, redisBuckets, type Buckets, type BucketSettings, type Clock } from './bucket.js'
import { meterOperation, meterResolvers, requestedCost } from './cost.js'

/** Who is asking, as the limits see them. */
export interface Client {
  /** The socket's remote address, or the proxy's word for it when TRUST_PROXY says so. */
  address: string
  /** The bucket the caller's operations pour into: their API token's, else their address's. */
  bucket: string
  /** No token: the address's smaller bucket. */
  anonymous: boolean
}

export interface ThrottleStatus {
  maximumAvailable: number
  currentlyAvailable: number
  restoreRate: number
}

export interface Cost {
  requestedQueryCost: number
  actualQueryCost: number | null
  throttleStatus: ThrottleStatus
}

/**
 * The client's address: the socket's, or with TRUST_PROXY=n the address n proxies back in
 * X-Forwarded-For (each proxy appends the address it was reached from; entries before those
 * the trusted proxies added are whatever the client wrote). In-process requests have no socket.
 */
export function clientAddress(req: IncomingMessage | undefined, trustedProxies: number): string {
  const socketAddress = req?.socket?.remoteAddress ?? 'in-process'
  const forwarded = req?.headers['x-forwarded-for']
  if (trustedProxies === 0 || typeof forwarded !== 'string') return socketAddress
  const hops = forwarded.split(',').map((hop) => hop.trim()).filter(Boolean)
  return hops[Math.max(0, hops.length - trustedProxies)] ?? socketAddress
}

const BEARER_TOKEN = /^Bearer\s+(\S+)\s*$/i

export function rateLimited(retryAfter: number, what: string): GraphQLError {
  return new GraphQLError(`${what}: try again in ${retryAfter} s`, {
    extensions: { code: 'RATE_LIMITED', retryAfter, http: { status: 429, spec: true, headers: { 'Retry-After': String(retryAfter) } } },
  })
}

export function createProtection(config: Config, clock: Clock = Date.now) {
  const tokenCosts: BucketSettings = { capacity: config.rateLimitCapacity, restoreRate: config.rateLimitRestoreRate }
  const anonymousCosts: BucketSettings = { capacity: config.rateLimitAnonymousCapacity, restoreRate: config.rateLimitAnonymousRestoreRate }
  // N failures a minute, then one more each 60/N seconds.
  const failures: BucketSettings = { capacity: config.failedAuthLimit, restoreRate: config.failedAuthLimit / 60 }
  const buckets = (prefix: string, settings: BucketSettings): Buckets =>
    config.redisUrl ? redisBuckets(config.redisUrl, `icat:ratelimit:${prefix}:`, settings, clock) : memoryBuckets(settings, clock)
  const tokenBuckets = { settings: tokenCosts, store: buckets('cost', tokenCosts) }
  const anonymousBuckets = { settings: anonymousCosts, store: buckets('cost', anonymousCosts) }
  const failureBuckets = buckets('auth', failures)
  const bucketsOf = (client: Client) => (client.anonymous ? anonymousBuckets : tokenBuckets)

  const throttleStatus = ({ settings }: { settings: BucketSettings }, available: number): ThrottleStatus => ({
    maximumAvailable: settings.capacity,
    currentlyAvailable: available,
    restoreRate: settings.restoreRate,
  })

  /**
   * Signs the caller in with `authenticate`, unless their address has failed too often lately:
   * then they are refused before the token is looked at. A refused token counts as a failure.
   */
  async function identify(req: IncomingMessage | undefined, authorization: string | null, authenticate: () => Promise<Viewer | null>) {
    const address = clientAddress(req, config.trustProxy)
    if (authorization) {
      const failed = await failureBuckets.pour(address, 0)
      if (failed.available < 1) throw rateLimited(Math.max(1, Math.ceil(1 / failures.restoreRate)), 'Too many failed sign-ins from this address')
    }
    let viewer: Viewer | null
    try {
      viewer = await authenticate()
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED') await failureBuckets.pour(address, 1)
      throw error
    }
    const token = viewer && authorization ? BEARER_TOKEN.exec(authorization)?.[1] : undefined
    const client: Client = { address, bucket: token ? `token:${hashToken(token)}` : `address:${address}`, anonymous: !token }
    return { viewer, client }
  }

  type Stop = (result: ExecutionResult) => void
  /** Refuses an operation over the limits; else pours its requested cost and starts its meter. */
  async function admit(args: ExecutionArgs, stop: Stop) {
    meterResolvers(args.schema)
    const requested = requestedCost(args.schema, args.document, args.operationName, args.variableValues)
    const client = (args.contextValue as { client: Client }).client
    const costBuckets = bucketsOf(client)
    if (requested > config.maxQueryCost) {
      const { available } = await costBuckets.store.pour(client.bucket, 0)
      return stop({
        errors: [
          new GraphQLError(`This operation may cost ${requested}, more than the ${config.maxQueryCost} one operation may cost: ask for smaller pages or fewer fields`, {
            extensions: { code: 'QUERY_TOO_COMPLEX', maxCost: config.maxQueryCost, requestedCost: requested, http: { status: 400, spec: true } },
          }),
        ],
        extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttleStatus(costBuckets, available) } satisfies Cost },
      })
    }
    const poured = await costBuckets.store.pour(client.bucket, requested)
    if (!poured.allowed) {
      return stop({
        errors: [rateLimited(poured.retryAfter, `This operation costs ${requested} and ${poured.available} of ${costBuckets.settings.capacity} points are left`)],
        extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttleStatus(costBuckets, poured.available) } satisfies Cost },
      })
    }
    return { requested, client, meter: meterOperation(args.contextValue as object) }
  }

  const plugin: Plugin = {
    async onExecute({ args, setResultAndStopExecution }) {
      const admitted = await admit(args, setResultAndStopExecution)
      if (!admitted) return
      const { requested, client, meter } = admitted
      return {
        async onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result)) return
          // The estimate was poured in; what the operation did not spend flows back.
          const costBuckets = bucketsOf(client)
          const { available } = await costBuckets.store.pour(client.bucket, meter.actual - requested)
          const cost: Cost = { requestedQueryCost: requested, actualQueryCost: meter.actual, throttleStatus: throttleStatus(costBuckets, available) }
          setResult({ ...result, extensions: { ...result.extensions, cost } })
        },
      }
    },
    // A subscription pays its requested cost once, when it starts.
    async onSubscribe({ args, setResultAndStopExecution }) {
      await admit(args, setResultAndStopExecution)
    },
  }

  return {
    plugin,
    identify,
    async close() {
      await Promise.all([tokenBuckets.store.close(), anonymousBuckets.store.close(), failureBuckets.close()])
    },
  }
}

export type Protection = ReturnType<typeof createProtection>
