// Prints the wall time of a multi-stage BuildKit build through the API, cold and cached, beside
// the engine's own CLI (Debian's docker 20.10 client, DOCKER_BUILDKIT=1 docker build) building
// the same context on the same engine, and the step events of one build. Each round makes the
// build cold with a fresh first step, so neither side reuses the other's layers. Starts its own
// private engine like the test suite does (root, Debian packages).
// Run: npm run bench:build
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { startPrivateEngine } from '../test/support/engine-setup.js'

const TOKEN = 'icat_bench-admin-token'
const ROUNDS = 3
/** The engine's own client: the CLI on PATH may be a newer one that needs buildx for BuildKit. */
const DOCKER_CLI = '/usr/bin/docker'

const dockerfile = (nonce: string) => `FROM icat-test/busybox:latest AS build
RUN echo round ${nonce}
RUN --mount=type=cache,target=/cache sh -c 'i=0; while [ $i -lt 300 ]; do [ -e /cache/f$i ] || echo $i > /cache/f$i; i=$((i+1)); done; ls /cache | wc -l'
RUN dd if=/dev/urandom of=/blob bs=1M count=16 2>/dev/null && sha256sum /blob > /blob.sha && rm /blob
FROM icat-test/busybox:latest AS final
COPY --from=build /blob.sha /blob.sha
RUN cat /blob.sha
`

const engine = await startPrivateEngine()
const dataDir = await mkdtemp(path.join(tmpdir(), 'icat-bench-buildkit-'))
const contextDir = await mkdtemp(path.join(tmpdir(), 'icat-bench-context-'))
const app = await buildApp(loadConfig({ DATA_DIR: dataDir, ADMIN_TOKEN: TOKEN, DOCKER_HOST: engine.dockerHost, LOG_LEVEL: 'warn' }), { log: () => {} })

async function graphql<T>(query: string, variables: object): Promise<T> {
  const response = await app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query, variables }),
  })
  const body = (await response.json()) as { data: T; errors?: unknown }
  if (body.errors) throw new Error(JSON.stringify(body.errors))
  return body.data
}

interface ProgressEvent {
  eventNo: number
  kind: string
  stepNumber: number | null
  stepName: string | null
  text: string
  at: string
}

/** Every event of the build, to its end: the subscription completes when the build is over. */
async function progressOf(buildId: string): Promise<ProgressEvent[]> {
  const response = await app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query: 'subscription($b: ID!) { buildProgress(buildId: $b, fromEvent: 0) { eventNo kind stepNumber stepName text at } }', variables: { b: buildId } }),
  })
  const events: ProgressEvent[] = []
  let buffer = ''
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += Buffer.from(chunk).toString()
    let end: number
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1]
      buffer = buffer.slice(end + 2)
      const event = data ? (JSON.parse(data) as { data?: { buildProgress: ProgressEvent } }).data?.buildProgress : undefined
      if (event) events.push(event)
    }
  }
  return events
}

/** One build through the API: from the mutation to the end of its progress stream. */
async function apiBuild(imageId: string, text: string) {
  const started = performance.now()
  const { buildImage } = await graphql<{ buildImage: { build: { id: string } } }>('mutation($i: BuildImageInput!) { buildImage(input: $i) { build { id } } }', { i: { imageId, dockerfile: text } })
  const events = await progressOf(buildImage.build.id)
  const ms = performance.now() - started
  const { build } = await graphql<{ build: { state: string; steps: { state: string }[] } }>('query($id: ID!) { build(id: $id) { state steps { state } } }', { id: buildImage.build.id })
  if (build.state !== 'SUCCEEDED') throw new Error(`The API build ended ${build.state}`)
  return { ms, events, cached: build.steps.filter((step) => step.state === 'CACHED').length, steps: build.steps.length }
}

async function cliBuild(text: string) {
  await writeFile(path.join(contextDir, 'Dockerfile'), text)
  const started = performance.now()
  execFileSync(DOCKER_CLI, ['build', '--network', 'none', '--progress', 'plain', '-t', 'bench/cli:latest', contextDir], {
    env: { ...process.env, DOCKER_HOST: engine.dockerHost, DOCKER_BUILDKIT: '1' },
    stdio: 'ignore',
  })
  return performance.now() - started
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

try {
  const { createImage } = await graphql<{ createImage: { image: { id: string } } }>('mutation($i: CreateImageInput!) { createImage(input: $i) { image { id } } }', { i: { name: 'bench/buildkit' } })
  const imageId = createImage.image.id
  const times = { apiCold: [] as number[], apiCached: [] as number[], cliCold: [] as number[], cliCached: [] as number[] }
  let shown: { cold: ProgressEvent[]; cached: ProgressEvent[]; cachedSteps: string } | undefined
  // A first build of each, untimed: the engine loads its BuildKit and the base image's metadata once.
  await apiBuild(imageId, dockerfile(randomBytes(6).toString('hex')))
  await cliBuild(dockerfile(randomBytes(6).toString('hex')))
  for (let round = 0; round < ROUNDS; round++) {
    const api = dockerfile(randomBytes(6).toString('hex'))
    const cold = await apiBuild(imageId, api)
    const cached = await apiBuild(imageId, api)
    times.apiCold.push(cold.ms)
    times.apiCached.push(cached.ms)
    shown ??= { cold: cold.events, cached: cached.events, cachedSteps: `${cached.cached} of ${cached.steps} steps CACHED` }
    const cli = dockerfile(randomBytes(6).toString('hex'))
    times.cliCold.push(await cliBuild(cli))
    times.cliCached.push(await cliBuild(cli))
  }
  const ms = (value: number) => `${value.toFixed(0)} ms`
  console.log(`Multi-stage build (7 steps, a cache mount, 16 MB of work), ${ROUNDS} rounds, medians, same engine (docker.io 20.10, vfs):`)
  console.log(`  through the API, first build   ${ms(median(times.apiCold))}   (${times.apiCold.map(ms).join(', ')})`)
  console.log(`  through the API, second build  ${ms(median(times.apiCached))}   (${times.apiCached.map(ms).join(', ')}; ${shown!.cachedSteps})`)
  console.log(`  DOCKER_BUILDKIT=1 docker build, first   ${ms(median(times.cliCold))}   (${times.cliCold.map(ms).join(', ')})`)
  console.log(`  DOCKER_BUILDKIT=1 docker build, second  ${ms(median(times.cliCached))}   (${times.cliCached.map(ms).join(', ')})`)
  console.log(`  first / second build through the API: ${(median(times.apiCold) / median(times.apiCached)).toFixed(1)}x`)
  console.log(`  API / CLI, first build: ${(median(times.apiCold) / median(times.cliCold)).toFixed(2)}   second build: ${(median(times.apiCached) / median(times.cliCached)).toFixed(2)}`)
  const print = (events: ProgressEvent[]) => {
    const t0 = new Date(events[0]!.at).getTime()
    for (const event of events) {
      const step = event.stepNumber === null ? '  ' : `#${event.stepNumber}`.padEnd(3)
      console.log(`  ${String(event.eventNo).padStart(3)} +${String(new Date(event.at).getTime() - t0).padStart(5)} ms ${event.kind.padEnd(7)} ${step} ${event.text.slice(0, 110)}`)
    }
  }
  console.log('\nStep events of the first build of round 1 (buildProgress):')
  print(shown!.cold)
  console.log('\nStep events of its second, cached, build:')
  print(shown!.cached)
} finally {
  await app.stop()
  await engine.stop()
  await rm(dataDir, { recursive: true, force: true })
  await rm(contextDir, { recursive: true, force: true })
}
