// OpenTelemetry traces of a real server process exporting over OTLP/HTTP (JSON) to a receiver
// on loopback: the spans of one request that builds, from the HTTP request down to the
// database queries, the engine calls and the build it started; a registry call's span; the
// trace id in the log line; and the build in the process's /metrics.
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { graphql } from '../gql/index.js'
import { ADMIN_TOKEN } from '../support/admin-token.js'
import { freePort, postTo, startServer, type Running } from '../support/processes.js'
import { Scrape } from '../support/prometheus.js'

const TracesCreateImage = graphql(`
  mutation TracesCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id } userErrors { code } }
  }
`)
const TracesBuild = graphql(`
  mutation TracesBuild($input: BuildImageInput!) {
    buildImage(input: $input) { build { id state } userErrors { code message } }
  }
`)
const TracesBuildUpdated = graphql(`
  subscription TracesBuildUpdated($buildId: ID!) {
    buildUpdated(buildId: $buildId) { state }
  }
`)
const TracesPing = graphql(`
  query TracesPing($url: String!) {
    pingRegistry(url: $url) { reachable }
  }
`)
const TracesMissingBuild = graphql(`
  query TracesMissingBuild($id: ID!) {
    build(id: $id) { id }
  }
`)

const METRICS_TOKEN = 'traces-metrics-token-0123456789'

interface OtlpSpan {
  traceId: string
  spanId: string
  parentSpanId?: string
  name: string
  kind: number
  attributes: { key: string; value: Record<string, unknown> }[]
  status?: { code?: number; message?: string }
}
interface OtlpExport {
  resourceSpans: { resource: { attributes: OtlpSpan['attributes'] }; scopeSpans: { spans: OtlpSpan[] }[] }[]
}

const attribute = (attributes: OtlpSpan['attributes'], key: string) => {
  const value = attributes.find((a) => a.key === key)?.value
  return value && Object.values(value)[0]
}

/** An OTLP/HTTP collector's traces endpoint, keeping every export it is sent. */
async function startReceiver(): Promise<{ url: string; exports: OtlpExport[]; server: Server }> {
  const exports: OtlpExport[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      if (req.url === '/v1/traces' && req.headers['content-type']?.startsWith('application/json')) {
        exports.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport)
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
      } else res.writeHead(415).end()
    })
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${port}`, exports, server }
}

/** Follows the build over SSE until the server completes the stream (the build is over); returns the states seen. */
async function followBuild(server: Running, buildId: string): Promise<string[]> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ query: TracesBuildUpdated.toString(), variables: { buildId } }),
  })
  const text = await response.text()
  return [...text.matchAll(/"state":"([A-Z]+)"/g)].map((m) => m[1]!)
}

describe('OpenTelemetry traces over OTLP', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let server: Running
  let dataDir: string
  let buildId: string
  let output = ''
  let spans: OtlpSpan[] = []
  let resources: OtlpExport['resourceSpans'][number]['resource'][] = []
  let scrapes: { anonymous: number; wrongToken: number; scrape: Scrape }

  beforeAll(async () => {
    receiver = await startReceiver()
    dataDir = await mkdtemp(path.join(tmpdir(), 'icat-traces-'))
    server = await startServer({
      DATA_DIR: dataDir,
      ADMIN_TOKEN,
      DOCKER_HOST: inject('dockerHost'),
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      METRICS_TOKEN,
    })
    try {
      const { createImage } = await postTo(server, TracesCreateImage, { input: { name: 'traces/app' } })
      const { buildImage } = await postTo(server, TracesBuild, {
        input: { imageId: createImage.image!.id, dockerfile: 'FROM icat-test/busybox:latest\nRUN echo traced\n', tag: 'v1' },
      })
      expect(buildImage.userErrors).toEqual([])
      buildId = buildImage.build!.id
      expect((await followBuild(server, buildId)).at(-1)).toBe('SUCCEEDED')
      expect((await postTo(server, TracesPing, { url: `http://${inject('registryHost')}` })).pingRegistry.reachable).toBe(true)
      // A client's mistake is logged (at info): that line is written inside the request's spans.
      const missing = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({ query: TracesMissingBuild.toString(), variables: { id: 'no-such-build' } }),
      })
      expect(((await missing.json()) as { errors: unknown[] }).errors).toHaveLength(1)

      const metricsUrl = server.url.replace(/\/graphql$/, '/metrics')
      const anonymous = (await fetch(metricsUrl)).status
      const wrongToken = (await fetch(metricsUrl, { headers: { authorization: 'Bearer not-the-token' } })).status
      const scrape = Scrape.parse(await (await fetch(metricsUrl, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text())
      scrapes = { anonymous, wrongToken, scrape }
    } finally {
      // SIGTERM: the server stops and its tracer sends what it still holds before it exits.
      output = server.output()
      await server.stop()
      output = server.output()
    }
    spans = receiver.exports.flatMap((e) => e.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)))
    resources = receiver.exports.flatMap((e) => e.resourceSpans.map((r) => r.resource))
  })
  afterAll(async () => {
    await server?.stop()
    receiver?.server.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  const byId = () => new Map(spans.map((s) => [s.spanId, s]))
  /** The span's ancestors, nearest first. */
  const ancestors = (span: OtlpSpan): OtlpSpan[] => {
    const index = byId()
    const chain: OtlpSpan[] = []
    for (let parent = span.parentSpanId && index.get(span.parentSpanId); parent; parent = parent.parentSpanId && index.get(parent.parentSpanId)) chain.push(parent)
    return chain
  }
  const operation = (name: string) => {
    const found = spans.filter((s) => attribute(s.attributes, 'graphql.operation.name') === name)
    expect(found, `the span of operation ${name}`).toHaveLength(1)
    return found[0]!
  }

  it('names the service image-catalog', () => {
    expect(resources.length).toBeGreaterThan(0)
    for (const resource of resources) expect(attribute(resource.attributes, 'service.name')).toBe('image-catalog')
  })

  it('has a span per GraphQL operation, under the HTTP request span, with its name and type', () => {
    const build = operation('TracesBuild')
    expect(build.name).toBe('mutation TracesBuild')
    expect(attribute(build.attributes, 'graphql.operation.type')).toBe('mutation')
    const [http] = ancestors(build)
    expect(http?.name).toBe('POST /graphql')
    expect(http?.kind).toBe(2) // SERVER
    expect(attribute(http!.attributes, 'http.response.status_code')).toBe(200)
    expect(build.status?.code ?? 0).not.toBe(2)
  })

  it('has the database queries and engine calls of the request under its operation span', () => {
    const build = operation('TracesBuild')
    const under = spans.filter((s) => ancestors(s).includes(build))
    const queries = under.filter((s) => s.name === 'prisma:client:db_query')
    expect(queries.length).toBeGreaterThan(0)
    expect(queries.some((q) => /INSERT INTO .*Build/i.test(String(attribute(q.attributes, 'db.query.text'))))).toBe(true)
    const engineCalls = under.filter((s) => s.name.startsWith('engine '))
    expect(engineCalls.length).toBeGreaterThan(0)
    expect(engineCalls.every((s) => s.kind === 3)).toBe(true) // CLIENT
    // The request itself at most asks whether the engine is there (when no background check has
    // answered yet); building is the queued run's work, in the next test.
    const run = under.find((s) => s.name === 'build run')
    const ownCalls = engineCalls.filter((s) => !run || !ancestors(s).includes(run)).map((s) => s.name)
    for (const call of ownCalls) expect(['engine GET /version', 'engine GET /info']).toContain(call)
  })

  it('puts the build the request started in the same trace, with its own queries and engine calls', () => {
    const build = operation('TracesBuild')
    const runs = spans.filter((s) => s.name === 'build run' && attribute(s.attributes, 'icat.job.id') !== undefined)
    expect(runs).toHaveLength(1)
    const run = runs[0]!
    expect(run.traceId).toBe(build.traceId)
    expect(ancestors(run)).toContain(build)
    const inRun = spans.filter((s) => ancestors(s).includes(run))
    expect(inRun.map((s) => s.name)).toEqual(expect.arrayContaining(['engine POST /build', 'prisma:client:db_query']))
    // The build's image is tagged and inspected by name: the name is not in the operation.
    expect(inRun.map((s) => s.name)).toEqual(expect.arrayContaining(['engine POST /images/{name}/tag', 'engine GET /images/{name}/json']))
  })

  it('prints the trace of the request that built, for the closing note', () => {
    const build = operation('TracesBuild')
    const trace = spans.filter((s) => s.traceId === build.traceId)
    const children = (id: string | undefined) => trace.filter((s) => (s.parentSpanId || undefined) === id)
    const lines: string[] = []
    const walk = (span: OtlpSpan, depth: number) => {
      const query = attribute(span.attributes, 'db.query.text')
      lines.push(`${'  '.repeat(depth)}${span.name}${query ? `  ${String(query).slice(0, 60)}` : ''}`)
      for (const child of children(span.spanId)) walk(child, depth + 1)
    }
    for (const root of trace.filter((s) => !s.parentSpanId)) walk(root, 0)
    console.log(`[trace of one build] ${trace.length} spans\n${lines.join('\n')}`)
    expect(trace.length).toBeGreaterThan(10)
  })

  it('has a span for a registry call, under the operation that made it', () => {
    const ping = operation('TracesPing')
    const calls = spans.filter((s) => s.name === 'registry GET /v2/' && ancestors(s).includes(ping))
    expect(calls).toHaveLength(1)
    expect(attribute(calls[0]!.attributes, 'server.address')).toBe(inject('registryHost'))
  })

  it('marks an operation with errors failed, with their codes, and logs its line with the same trace id', () => {
    const missing = operation('TracesMissingBuild')
    expect(missing.status?.code).toBe(2) // ERROR
    expect(attribute(missing.attributes, 'graphql.error.codes')).toEqual({ values: [{ stringValue: 'BAD_USER_INPUT' }] })
    const lines = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg?: string; code?: string; trace_id?: string; span_id?: string })
    const logged = lines.filter((line) => line.msg === 'client error' && line.code === 'BAD_USER_INPUT')
    expect(logged).toHaveLength(1)
    expect(logged[0]!.trace_id).toBe(missing.traceId)
    expect(spans.some((s) => s.spanId === logged[0]!.span_id && s.traceId === missing.traceId)).toBe(true)
  })

  it("serves the build in the process's /metrics, to the token only", () => {
    expect(scrapes.anonymous).toBe(401)
    expect(scrapes.wrongToken).toBe(401)
    const { scrape } = scrapes
    expect(scrape.value('icat_job_duration_seconds_count', { kind: 'build', state: 'SUCCEEDED' })).toBe(1)
    expect(scrape.value('icat_jobs', { kind: 'build', state: 'SUCCEEDED' })).toBe(1)
    expect(scrape.value('icat_engine_call_duration_seconds_count', { operation: 'POST /build', outcome: 'ok' })).toBe(1)
    expect(scrape.value('icat_registry_call_duration_seconds_count', { operation: 'GET /v2/', outcome: 'ok' })).toBe(1)
    expect(scrape.value('icat_job_queue_depth', { kind: 'build' })).toBe(0)
    expect(scrape.value('graphql_envelop_request', { operationName: 'TracesBuild', operationType: 'mutation' })).toBe(1)
  })
})
