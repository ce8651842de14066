// SIGTERM to a real server process while a request is in flight (a remoteTags held open by a
// registry the test controls), subscriptions are open (SSE and graphql-ws) and a build runs
// (held at a gate): /ready turns 503 at once, new requests are refused, the request in flight
// finishes, subscribers get SHUTTING_DOWN and a completion, the process exits 0, and the next
// start recovers the build.
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createClient, type Client } from 'graphql-ws'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import WebSocket from 'ws'
import { graphql } from '../gql/index.js'
import { waitAtGate } from '../support/build-gate.js'
import { freePort, postTo, startServer, type Running } from '../support/processes.js'
import { nextPayloads } from '../support/sse.js'
import { ADMIN_TOKEN } from '../support/world.js'

const StopCreateImage = graphql(`
  mutation StopCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id } }
  }
`)
const StopBuild = graphql(`
  mutation StopBuild($input: BuildImageInput!) {
    buildImage(input: $input) { build { id } }
  }
`)
const StopBuildState = graphql(`
  query StopBuildState($id: ID!) {
    build(id: $id) { state attempt errorMessage logLines(first: 100) { nodes { text } } }
  }
`)
const StopBuildUpdated = graphql(`
  subscription StopBuildUpdated($buildId: ID!) {
    buildUpdated(buildId: $buildId) { state }
  }
`)
const StopBuildLogs = graphql(`
  subscription StopBuildLogs($buildId: ID!) {
    buildLogs(buildId: $buildId, fromLine: 0) { text }
  }
`)
const StopAddRegistry = graphql(`
  mutation StopAddRegistry($input: AddRegistryInput!) {
    addRegistry(input: $input) { registry { id } }
  }
`)
const StopRemoteTags = graphql(`
  query StopRemoteTags($reference: String!, $registryId: ID) {
    remoteTags(reference: $reference, registryId: $registryId, first: 5) { nodes { name } }
  }
`)

/** A registry whose tag lists wait until the test lets them go. */
async function holdingRegistry() {
  const held: ServerResponse[] = []
  const waiting: (() => void)[] = []
  const port = await freePort()
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.includes('/tags/list')) {
      res.writeHead(200, { 'content-type': 'application/json', 'docker-distribution-api-version': 'registry/2.0' })
      return void res.end('{}')
    }
    held.push(res)
    for (const wake of waiting.splice(0)) wake()
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${port}`,
    /** Resolves when the next tag list arrives (ask before sending the request). */
    nextHeld: () => new Promise<void>((resolve) => waiting.push(resolve)),
    release() {
      for (const res of held.splice(0)) {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ name: 'held/repo', tags: ['v1', 'v2'] }))
      }
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

describe('SIGTERM', () => {
  let dataDir: string
  const servers: Running[] = []
  let registry: Awaited<ReturnType<typeof holdingRegistry>>
  let client: Client | undefined
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'icat-shutdown-'))
    registry = await holdingRegistry()
  })
  afterAll(async () => {
    await client?.dispose()
    for (const server of servers) await server.stop()
    await registry?.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('stops gracefully during a request, two subscriptions and a build, and the next start recovers the build', async () => {
    const env = { DATA_DIR: dataDir, DOCKER_HOST: inject('dockerHost'), ADMIN_TOKEN, REGISTRY_TIMEOUT_MS: '120000', SHUTDOWN_GRACE_MS: '60000' }
    const first = await startServer(env)
    servers.push(first)
    const base = first.url.replace(/\/graphql$/, '')

    // A build held at a gate.
    const { createImage } = await postTo(first, StopCreateImage, { input: { name: 'shutdown/app' } })
    const { buildImage } = await postTo(first, StopBuild, {
      input: { imageId: createImage.image!.id, dockerfile: `FROM icat-test/busybox:latest\nRUN echo started && ${waitAtGate('shutdown')}\n` },
    })
    const buildId = buildImage.build!.id
    await expect.poll(async () => (await postTo(first, StopBuildState, { id: buildId })).build!.logLines.nodes.map((line) => line.text), { timeout: 60_000 }).toContain('started')

    // A subscriber over SSE, seen to be attached (its first event is the state now).
    const sse = nextPayloads<{ buildUpdated: { state: string } }>(
      await fetch(first.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({ query: StopBuildUpdated.toString(), variables: { buildId } }),
      }),
    )
    expect((await sse.next()).value).toEqual({ data: { buildUpdated: { state: 'RUNNING' } } })

    // A subscriber over graphql-ws, attached once it has the log's first line.
    const wsEvents: { data?: unknown; errors?: readonly { extensions?: Record<string, unknown> }[] }[] = []
    let closed!: (event: { code: number; reason: string }) => void
    const wsClosed = new Promise<{ code: number; reason: string }>((resolve) => (closed = resolve))
    let wsCompleted!: () => void
    const wsComplete = new Promise<void>((resolve) => (wsCompleted = resolve))
    client = createClient({
      url: first.url.replace('http:', 'ws:'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      // Kept open after its subscription completes, so that the server is the one that closes it.
      lazy: false,
      connectionParams: { authorization: `Bearer ${ADMIN_TOKEN}` },
      on: { closed: (event) => closed(event as { code: number; reason: string }) },
    })
    await new Promise<void>((resolve, reject) => {
      client!.subscribe(
        { query: StopBuildLogs.toString(), variables: { buildId } },
        {
          next: (event) => {
            wsEvents.push(event as (typeof wsEvents)[number])
            resolve()
          },
          error: reject,
          complete: wsCompleted,
        },
      )
    })

    // A request in flight: the registry holds its tag list.
    const { addRegistry } = await postTo(first, StopAddRegistry, { input: { name: 'holding', url: registry.url } })
    const held = registry.nextHeld()
    const inFlight = postTo(first, StopRemoteTags, { reference: `${registry.url.replace('http://', '')}/held/repo`, registryId: addRegistry.registry!.id })
    await held

    process.kill(first.pid, 'SIGTERM')

    // Not ready at once, and new requests are refused; /health still says the process lives.
    await expect.poll(async () => (await fetch(`${base}/ready`)).status, { timeout: 30_000 }).toBe(503)
    const refused = await fetch(first.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ viewer { name } }' }) })
    expect(refused.status).toBe(503)
    expect(refused.headers.get('connection')).toBe('close')
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'SHUTTING_DOWN' } }] })
    expect((await fetch(`${base}/health`)).status).toBe(200)

    // Both subscribers get a last error with the reason, then a completion, while the request is still held.
    const last = await sse.next()
    expect(last.value).toMatchObject({ errors: [{ extensions: { code: 'SHUTTING_DOWN' } }] })
    expect(await sse.next()).toEqual({ done: true, value: { completed: true } })
    await wsComplete
    expect(wsEvents.at(-1)).toMatchObject({ errors: [{ extensions: { code: 'SHUTTING_DOWN' } }] })

    // The request in flight finishes with its answer; then the WebSocket closes as "going away" and the process exits 0.
    registry.release()
    expect(await inFlight).toEqual({ remoteTags: { nodes: [{ name: 'v1' }, { name: 'v2' }] } })
    expect(await wsClosed).toMatchObject({ code: 1001, reason: 'Server shutting down' })
    expect(await first.exited).toEqual({ code: 0, signal: null })
    expect(first.output()).not.toContain('still in flight after the grace period')

    // The next start finds the build its predecessor gave up, and starts it over from the start.
    const second = await startServer(env)
    servers.push(second)
    const { build } = await postTo(second, StopBuildState, { id: buildId })
    expect(build).toMatchObject({ attempt: 2, errorMessage: null })
    expect(['QUEUED', 'RUNNING']).toContain(build!.state)
    const lines = build!.logLines.nodes.map((line) => line.text)
    expect(lines).toContain('The service stopped during the build')
    expect(lines).toContain('Restarting the build from the start: the instance running it stopped (attempt 2 of 2)')
    expect(lines.indexOf('The service stopped during the build')).toBeLessThan(lines.indexOf('Restarting the build from the start: the instance running it stopped (attempt 2 of 2)'))
  })

  it('cuts requests still in flight after SHUTDOWN_GRACE_MS, and still exits 0', async () => {
    const env = { DATA_DIR: dataDir, DOCKER_HOST: inject('dockerHost'), ADMIN_TOKEN, REGISTRY_TIMEOUT_MS: '120000', SHUTDOWN_GRACE_MS: '500' }
    const server = await startServer(env)
    servers.push(server)
    const { addRegistry } = await postTo(server, StopAddRegistry, { input: { name: 'holding-again', url: registry.url } })
    const held = registry.nextHeld()
    const inFlight = postTo(server, StopRemoteTags, { reference: `${registry.url.replace('http://', '')}/held/repo`, registryId: addRegistry.registry!.id }).then(
      () => 'answered',
      () => 'cut',
    )
    await held
    process.kill(server.pid, 'SIGTERM')
    expect(await server.exited).toEqual({ code: 0, signal: null })
    expect(await inFlight).toBe('cut')
    expect(server.output()).toContain('still in flight after the grace period')
    registry.release()
  })
})
