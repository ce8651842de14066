// GET /metrics: per-app prom-client registries scraped after real operations, HTTP and
// GraphQL operations by bounded labels, open subscriptions on both transports, registry and
// engine calls that succeed and fail, database pool use, and the optional bearer token.
import { createClient } from 'graphql-ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { graphql } from './gql/index.js'
import { freePort } from './support/processes.js'
import { registryStandIn } from './support/registry-stand-in.js'
import { Scrape } from './support/prometheus.js'
import { ADMIN_TOKEN, createWorld, type World } from './support/world.js'

const MetricsCreateImage = graphql(`
  mutation MetricsCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id } userErrors { code } }
  }
`)
const MetricsImage = graphql(`
  query MetricsImage($id: ID!) {
    node(id: $id) { id }
  }
`)
const MetricsImageUpdated = graphql(`
  subscription MetricsImageUpdated($imageId: ID!) {
    imageUpdated(imageId: $imageId) { name }
  }
`)
const MetricsPing = graphql(`
  query MetricsPing($url: String!) {
    pingRegistry(url: $url) { reachable errorCode }
  }
`)
const MetricsEngine = graphql(`
  query MetricsEngine {
    dockerEngine { reachable }
  }
`)

const TOKEN = 'metrics-token-0123456789'

async function scrape(world: World, authorization?: string): Promise<Scrape> {
  const response = await world.app.yoga.fetch('http://localhost/metrics', { headers: authorization ? { authorization } : {} })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
  return Scrape.parse(await response.text())
}

describe('GET /metrics without METRICS_TOKEN', () => {
  let world: World
  let imageId: string
  beforeAll(async () => {
    // An engine socket nothing listens on: every engine call fails, and is counted as failed.
    world = await createWorld({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' })
    const { createImage } = await world.ok(MetricsCreateImage, { input: { name: 'metrics/app' } })
    imageId = createImage.image!.id
  })
  afterAll(() => world?.dispose())

  it('counts HTTP requests by method, route and status, with every unknown path as one route', async () => {
    const before = await scrape(world)
    await world.ok(MetricsImage, { id: imageId })
    expect((await world.app.yoga.fetch('http://localhost/no/such/path?x=1')).status).toBe(404)
    const after = await scrape(world)
    const count = (s: Scrape, labels: Record<string, string>) => s.value('http_request_duration_seconds_count', labels)
    expect(count(after, { method: 'POST', route: '/graphql', status: '200' }) - count(before, { method: 'POST', route: '/graphql', status: '200' })).toBe(1)
    expect(count(after, { method: 'GET', route: 'other', status: '404' }) - count(before, { method: 'GET', route: 'other', status: '404' })).toBe(1)
    // The scrape before this one is a request too.
    expect(count(after, { method: 'GET', route: '/metrics', status: '200' })).toBeGreaterThanOrEqual(1)
    expect(after.all('http_request_duration_seconds_count').every((s) => !s.labels.route!.includes('?'))).toBe(true)
  })

  it('counts GraphQL operations and their errors by name and type', async () => {
    const before = await scrape(world)
    await world.ok(MetricsImage, { id: imageId })
    const failed = await world.run(MetricsImage, { id: 'not-an-id' })
    expect(failed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    const after = await scrape(world)
    const labels = { operationName: 'MetricsImage', operationType: 'query' }
    expect(after.value('graphql_envelop_request', labels) - before.value('graphql_envelop_request', labels)).toBe(2)
    expect(after.value('graphql_envelop_request_duration_count', labels) - before.value('graphql_envelop_request_duration_count', labels)).toBe(2)
    const errors = { ...labels, phase: 'execute', code: 'BAD_USER_INPUT' }
    expect(after.value('graphql_envelop_error_result', errors) - before.value('graphql_envelop_error_result', errors)).toBe(1)
  })

  it('bounds operation names: cut to 64 characters, and past 100 names the rest fold into __other__', async () => {
    const long = `Q${'x'.repeat(300)}`
    await world.post(JSON.stringify({ query: `query ${long} { viewer { id } }` }), { 'content-type': 'application/json' })
    for (let i = 0; i < 110; i++) {
      await world.post(JSON.stringify({ query: `query Guess${i} { viewer { id } }` }), { 'content-type': 'application/json' })
    }
    const after = await scrape(world)
    const names = new Set(after.all('graphql_envelop_request').map((s) => s.labels.operationName!))
    expect(names.has(long.slice(0, 64))).toBe(true)
    expect(names.size).toBeLessThanOrEqual(101)
    expect(names.has('__other__')).toBe(true)
    expect([...names].every((name) => name.length <= 64)).toBe(true)
  })

  it('reports subscriptions open now, over SSE and graphql-ws, and forgets them when they close', async () => {
    // Over a real socket: a closed connection is how a server learns that a subscriber left.
    const url = await world.app.start()
    const controller = new AbortController()
    const response = await fetch(url, {
      method: 'POST',
      signal: controller.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ query: MetricsImageUpdated.toString(), variables: { imageId } }),
    })
    const reader = response.body!.getReader()
    let first = ''
    while (!first.includes('metrics/app')) first += new TextDecoder().decode((await reader.read()).value)
    expect((await scrape(world)).value('graphql_subscriptions_open', { transport: 'sse' })).toBe(1)

    const client = createClient({ url: url.replace('http:', 'ws:'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    const overWs = client.iterate({ query: MetricsImageUpdated.toString(), variables: { imageId } })
    expect(((await overWs.next()).value as { data: { imageUpdated: { name: string } } }).data.imageUpdated.name).toBe('metrics/app')
    const both = await scrape(world)
    expect(both.value('graphql_subscriptions_open', { transport: 'websocket' })).toBe(1)
    expect(both.value('graphql_subscriptions_open', { transport: 'sse' })).toBe(1)

    controller.abort()
    await overWs.return?.(undefined)
    // The server learns of each close when its message or the socket's end arrives: asked until it has.
    await expect.poll(async () => (await scrape(world)).value('graphql_subscriptions_open', { transport: 'sse' }), { interval: 20, timeout: 20_000 }).toBe(0)
    await expect.poll(async () => (await scrape(world)).value('graphql_subscriptions_open', { transport: 'websocket' }), { interval: 20, timeout: 20_000 }).toBe(0)
    await client.dispose()
  })

  it('times registry calls, and counts a refused connection as a failure with its cause', async () => {
    const registry = await registryStandIn()
    const closed = `http://127.0.0.1:${await freePort()}`
    try {
      const before = await scrape(world)
      expect((await world.ok(MetricsPing, { url: registry.url })).pingRegistry.reachable).toBe(true)
      expect((await world.ok(MetricsPing, { url: closed })).pingRegistry.errorCode).toBe('CONNECTION_REFUSED')
      const after = await scrape(world)
      const delta = (name: string, labels: Record<string, string>) => after.value(name, labels) - before.value(name, labels)
      expect(delta('icat_registry_call_duration_seconds_count', { operation: 'GET /v2/', outcome: 'ok' })).toBe(1)
      expect(delta('icat_registry_call_duration_seconds_count', { operation: 'GET /v2/', outcome: 'error' })).toBe(1)
      expect(delta('icat_registry_call_failures_total', { operation: 'GET /v2/', reason: 'CONNECTION_REFUSED' })).toBe(1)
    } finally {
      await registry.close()
    }
  })

  it('times engine calls, and counts those to an engine that is not there as failures', async () => {
    const before = await scrape(world)
    expect((await world.ok(MetricsEngine)).dockerEngine.reachable).toBe(false)
    const after = await scrape(world)
    const failures = (s: Scrape) => s.value('icat_engine_call_failures_total', { operation: 'GET /version', reason: 'ENOENT' })
    expect(failures(after) - failures(before)).toBe(1)
    expect(after.value('icat_engine_call_duration_seconds_count', { operation: 'GET /version', outcome: 'error' })).toBeGreaterThanOrEqual(1)
  })

  it('reads jobs by state, queue depth and pool use at scrape time, with the process metrics', async () => {
    const s = await scrape(world)
    for (const kind of ['build', 'pull', 'push']) {
      expect(s.all('icat_job_queue_depth', { kind, position: 'waiting' })).toHaveLength(1)
      expect(s.value('icat_job_queue_depth', { kind, position: 'running' })).toBe(0)
    }
    // Nothing has been built here: the gauge has no series for builds yet.
    expect(s.all('icat_jobs', { kind: 'build' })).toEqual([])
    expect(s.value('icat_db_pool_connections')).toBeGreaterThanOrEqual(1)
    expect(s.all('icat_db_pool_waiting')).toHaveLength(1)
    expect(s.value('process_resident_memory_bytes')).toBeGreaterThan(0)
    expect(s.all('nodejs_eventloop_lag_seconds')).toHaveLength(1)
  })

  it('keeps each app its own counts', async () => {
    const other = await createWorld({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' })
    try {
      const fresh = await scrape(other)
      expect(fresh.all('graphql_envelop_request', { operationName: 'MetricsImage' })).toEqual([])
      expect((await scrape(world)).value('graphql_envelop_request', { operationName: 'MetricsImage' })).toBeGreaterThan(0)
    } finally {
      await other.dispose()
    }
  })

  it('answers only GET and HEAD', async () => {
    const response = await world.app.yoga.fetch('http://localhost/metrics', { method: 'POST', body: '' })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET, HEAD')
  })
})

describe('GET /metrics with METRICS_TOKEN', () => {
  let world: World
  beforeAll(async () => {
    world = await createWorld({ METRICS_TOKEN: TOKEN })
  })
  afterAll(() => world?.dispose())

  it('asks for the token as a bearer, and answers with it', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${TOKEN}x`, TOKEN, `Basic ${TOKEN}`]) {
      const response = await world.app.yoga.fetch('http://localhost/metrics', { headers: authorization ? { authorization } : {} })
      expect(response.status, String(authorization)).toBe(401)
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="metrics"')
      expect(await response.text()).not.toContain('graphql')
    }
    const s = await scrape(world, `Bearer ${TOKEN}`)
    expect(s.value('http_request_duration_seconds_count', { route: '/metrics', status: '401' })).toBe(5)
  })
})
