// Prints how long a build log line takes from leaving the Docker engine (the moment the
// runner reads it off the engine's stream) to reaching a buildLogs subscriber, over SSE,
// in-process. Starts its own private engine like the test suite does (root, Debian packages).
// Run: npm run bench:logs
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { startPrivateEngine } from '../test/support/engine-setup.js'

const TOKEN = 'icat_bench-admin-token'
const LINES = 200

const engine = await startPrivateEngine()
const dataDir = await mkdtemp(path.join(tmpdir(), 'icat-bench-logs-'))
const app = await buildApp(loadConfig({ DATA_DIR: dataDir, ADMIN_TOKEN: TOKEN, DOCKER_HOST: engine.dockerHost, LOG_LEVEL: 'warn' }), { log: () => {} })

async function graphql(query: string, variables: object, accept = 'application/json') {
  return app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query, variables }),
  })
}

try {
  const created = (await (await graphql('mutation($i: CreateImageInput!) { createImage(input: $i) { image { id } } }', { i: { name: 'bench/logs' } })).json()) as {
    data: { createImage: { image: { id: string } } }
  }
  // One line every 10 ms, so each is read and delivered on its own.
  const dockerfile = `FROM icat-test/busybox:latest\nRUN i=0; while [ $i -lt ${LINES} ]; do echo line-$i; i=$((i+1)); sleep 0.01; done\n`
  const queued = (await (await graphql('mutation($i: BuildImageInput!) { buildImage(input: $i) { build { id } } }', { i: { imageId: created.data.createImage.image.id, dockerfile } })).json()) as {
    data: { buildImage: { build: { id: string } } }
  }
  const response = await graphql('subscription($b: ID!) { buildLogs(buildId: $b, fromLine: 0) { text createdAt } }', { b: queued.data.buildImage.build.id }, 'text/event-stream')
  const delays: number[] = []
  let buffer = ''
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    const now = Date.now()
    buffer += Buffer.from(chunk).toString()
    let end: number
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1]
      buffer = buffer.slice(end + 2)
      if (!data) continue
      const line = (JSON.parse(data) as { data?: { buildLogs: { text: string; createdAt: string } } }).data?.buildLogs
      if (line?.text.startsWith('line-')) delays.push(now - new Date(line.createdAt).getTime())
    }
  }
  delays.sort((a, b) => a - b)
  const pct = (p: number) => delays[Math.min(delays.length - 1, Math.floor(p * delays.length))]
  console.log(`${delays.length} lines from the engine to a buildLogs subscriber (SQLite, in-process, SSE):`)
  console.log(`p50 ${pct(0.5)} ms  p95 ${pct(0.95)} ms  p99 ${pct(0.99)} ms  max ${delays.at(-1)} ms`)
} finally {
  await app.stop()
  await engine.stop()
  await rm(dataDir, { recursive: true, force: true })
}
