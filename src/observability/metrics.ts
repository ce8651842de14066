// Prometheus metrics, one prom-client Registry per app: tests build many apps in one process,
// and no app may see another's counts. GraphQL operations are counted by yoga's Prometheus
// plugin; HTTP requests by a hook of our own, since the plugin's HTTP histogram sees only
// requests that carried a GraphQL document and labels them by the whole URL, query included.
import { createHash, timingSafeEqual } from 'node:crypto'
import { createCounter, createHistogram, usePrometheus, type FillLabelsFnParams } from '@graphql-yoga/plugin-prometheus'
import type { GraphQLError } from 'graphql'
import { isAsyncIterable, type Plugin } from 'graphql-yoga'
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import { poolUse, type Db } from '../db/client.js'
import type { Services } from '../services.js'
import type { Instruments, JobKind } from './instruments.js'
import { BoundedLabel, httpRoute } from './labels.js'

const METRICS_PATH = '/metrics'
const CALL_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
const JOB_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600]

// The process's own metrics (CPU, memory, event loop, GC) are the process's, whichever app
// asks: collected once, into a registry of their own, and added to every app's answer.
let processRegistry: Registry | undefined
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry()
    collectDefaultMetrics({ register: processRegistry })
  }
  return processRegistry
}

export class AppMetrics {
  readonly registry = new Registry()
  private readonly operationNames = new BoundedLabel(100, 64)
  private readonly callOperations = new BoundedLabel(200, 80)
  private readonly failureReasons = new BoundedLabel(50, 40)

  private readonly calls = {
    engine: this.callMetrics('engine', 'the Docker engine'),
    registry: this.callMetrics('registry', 'registries'),
  }
  private readonly jobDuration = new Histogram({
    name: 'icat_job_duration_seconds',
    help: 'How long builds, pulls and pushes ran, by the state they ended in',
    labelNames: ['kind', 'state'],
    buckets: JOB_BUCKETS,
    registers: [this.registry],
  })

  readonly instruments: Instruments = {
    callEnded: (target, operation, seconds, failure) => {
      const { duration, failures } = this.calls[target]
      const labeled = this.callOperations.value(operation)
      duration.observe({ operation: labeled, outcome: failure ? 'error' : 'ok' }, seconds)
      if (failure) failures.inc({ operation: labeled, reason: this.failureReasons.value(failure) })
    },
    jobEnded: (kind, state, seconds) => this.jobDuration.observe({ kind, state }, seconds),
  }

  private callMetrics(target: string, what: string) {
    return {
      duration: new Histogram({
        name: `icat_${target}_call_duration_seconds`,
        help: `Latency of calls to ${what}, until the answer (for a stream, its start)`,
        labelNames: ['operation', 'outcome'],
        buckets: CALL_BUCKETS,
        registers: [this.registry],
      }),
      failures: new Counter({
        name: `icat_${target}_call_failures_total`,
        help: `Calls to ${what} that failed, by why`,
        labelNames: ['operation', 'reason'],
        registers: [this.registry],
      }),
    }
  }

  /** Gauges read at scrape time: jobs by state from the database, queues, connections. */
  watch(db: Db, services: Pick<Services, 'runner' | 'pullJobs' | 'pushJobs' | 'engines'>): void {
    const registers = [this.registry]
    const queues: Record<JobKind, { depth: { waiting: number; running: number } }> = { build: services.runner, pull: services.pullJobs, push: services.pushJobs }
    new Gauge({
      name: 'icat_jobs',
      help: 'Builds, pulls and pushes stored, by state (all instances)',
      labelNames: ['kind', 'state'],
      registers,
      async collect() {
        const [builds, pulls, pushes] = await Promise.all([
          db.build.groupBy({ by: ['state'], _count: { _all: true } }),
          db.pull.groupBy({ by: ['state'], _count: { _all: true } }),
          db.push.groupBy({ by: ['state'], _count: { _all: true } }),
        ])
        this.reset()
        for (const [kind, groups] of [['build', builds], ['pull', pulls], ['push', pushes]] as const) {
          for (const group of groups) this.set({ kind, state: group.state }, group._count._all)
        }
      },
    })
    new Gauge({
      name: 'icat_job_queue_depth',
      help: "Jobs running on this instance, and waiting in its own queue (SQLite; on PostgreSQL jobs wait in the shared queue: icat_jobs{state=\"QUEUED\"})",
      labelNames: ['kind', 'position'],
      registers,
      collect() {
        for (const [kind, queue] of Object.entries(queues)) {
          const { waiting, running } = queue.depth
          this.set({ kind, position: 'waiting' }, waiting)
          this.set({ kind, position: 'running' }, running)
        }
      },
    })
    new Gauge({
      name: 'icat_engine_up',
      help: 'Whether each Docker engine answered its last health check (any instance), 1 or 0',
      labelNames: ['engine'],
      registers,
      async collect() {
        this.reset()
        for (const engine of await services.engines.refresh()) this.set({ engine: engine.name }, engine.reachable ? 1 : 0)
      },
    })
    new Gauge({
      name: 'icat_engine_running_jobs',
      help: 'Builds, pulls and pushes running on each Docker engine (all instances), against its capacity',
      labelNames: ['engine', 'of'],
      registers,
      async collect() {
        this.reset()
        const load = await services.engines.occupancy(db)
        for (const engine of services.engines.known) {
          this.set({ engine: engine.name, of: 'running' }, load.get(engine.id) ?? 0)
          this.set({ engine: engine.name, of: 'capacity' }, engine.capacity)
        }
      },
    })
    new Gauge({
      name: 'icat_db_pool_connections',
      help: 'Database connections by use (SQLite: its one connection, busy while a request holds its turn)',
      labelNames: ['state'],
      registers,
      collect() {
        const use = poolUse(db)
        this.set({ state: 'idle' }, use.idle)
        this.set({ state: 'busy' }, use.total - use.idle)
      },
    })
    new Gauge({
      name: 'icat_db_pool_waiting',
      help: 'Requests waiting for a database connection (SQLite: for their turn)',
      registers,
      collect() {
        this.set(poolUse(db).waiting)
      },
    })
  }

  /** Yoga's plugins: GraphQL operations, HTTP requests, open subscriptions, and GET /metrics. */
  plugins(metricsToken: string | undefined): Plugin[] {
    return [this.graphqlMetrics(), this.httpMetrics(), this.subscriptionMetrics(), this.endpoint(metricsToken)]
  }

  private operationLabels = (params: FillLabelsFnParams) => ({
    operationName: this.operationNames.value(params.operationName, 'Anonymous'),
    operationType: params.operationType ?? 'unknown',
  })

  private graphqlMetrics(): Plugin {
    const registry = this.registry
    const codes = new BoundedLabel(30, 40)
    return usePrometheus({
      registry,
      endpoint: false,
      metrics: {
        graphql_envelop_request: createCounter({
          registry,
          counter: { name: 'graphql_envelop_request', help: 'GraphQL operations, by name and type', labelNames: ['operationName', 'operationType'] },
          fillLabelsFn: this.operationLabels,
        }),
        graphql_envelop_request_duration: createHistogram({
          registry,
          histogram: { name: 'graphql_envelop_request_duration', help: 'GraphQL operation durations, by name and type', labelNames: ['operationName', 'operationType'], buckets: CALL_BUCKETS },
          fillLabelsFn: this.operationLabels,
        }),
        graphql_envelop_error_result: createCounter({
          registry,
          counter: { name: 'graphql_envelop_error_result', help: 'Errors in GraphQL results, by operation, phase and code', labelNames: ['operationName', 'operationType', 'phase', 'code'] },
          fillLabelsFn: (params) => ({
            ...this.operationLabels(params),
            phase: params.errorPhase ?? 'unknown',
            code: codes.value(String((params.error as GraphQLError | undefined)?.extensions?.code ?? ''), 'none'),
          }),
        }),
        // Off: each multiplies the series by phase or by field, for little an operator acts on.
        graphql_envelop_request_time_summary: false,
        graphql_envelop_phase_parse: false,
        graphql_envelop_phase_validate: false,
        graphql_envelop_phase_context: false,
        graphql_envelop_phase_execute: false,
        graphql_envelop_phase_subscribe: false,
        graphql_envelop_deprecated_field: false,
        graphql_envelop_schema_change: false,
        graphql_yoga_http_duration: false,
      },
    })
  }

  private httpMetrics(): Plugin {
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests (the _count is the number of requests), by method, route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: CALL_BUCKETS,
      registers: [this.registry],
    })
    // By the server's context, which every hook of one request shares: a plugin may replace the request.
    const started = new WeakMap<object, number>()
    return {
      onRequest({ serverContext }) {
        started.set(serverContext, performance.now())
      },
      onResponse({ request, response, serverContext }) {
        const start = started.get(serverContext)
        if (start === undefined) return
        const method = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH'].includes(request.method) ? request.method : 'other'
        duration.observe({ method, route: httpRoute(new URL(request.url).pathname), status: String(response.status) }, (performance.now() - start) / 1000)
      },
    }
  }

  private subscriptionMetrics(): Plugin {
    const open = new Gauge({
      name: 'graphql_subscriptions_open',
      help: 'Subscriptions open now, over server-sent events (sse) and graphql-ws (websocket)',
      labelNames: ['transport'],
      registers: [this.registry],
    })
    return {
      onSubscribe({ args }) {
        // graphql-ws builds its context from its own (see websocket.ts), with `extra` in it.
        const transport = 'extra' in (args.contextValue as object) ? 'websocket' : 'sse'
        return {
          onSubscribeResult({ result }) {
            if (!isAsyncIterable(result)) return
            open.inc({ transport })
            return { onEnd: () => open.dec({ transport }) }
          },
        }
      },
    }
  }

  private endpoint(metricsToken: string | undefined): Plugin {
    const expected = metricsToken ? Buffer.from(`Bearer ${metricsToken}`) : null
    return {
      onRequest: async ({ request, url, endResponse, fetchAPI }) => {
        if (url.pathname !== METRICS_PATH) return
        if (request.method !== 'GET' && request.method !== 'HEAD') {
          return endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }))
        }
        if (expected && !sameSecret(request.headers.get('authorization'), expected)) {
          return endResponse(new fetchAPI.Response('Unauthorized\n', { status: 401, headers: { 'www-authenticate': 'Bearer realm="metrics"' } }))
        }
        const merged = Registry.merge([this.registry, processMetrics()])
        endResponse(new fetchAPI.Response(await merged.metrics(), { headers: { 'content-type': merged.contentType } }))
      },
    }
  }
}

/** Compares digests, in constant time, so that neither where they differ nor the length shows. */
function sameSecret(given: string | null, expected: Buffer): boolean {
  const digest = (value: Buffer | string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(given ?? ''), digest(expected))
}
