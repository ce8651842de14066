// Builds on BuildKit, the real engine's: a stage of a multi-stage Dockerfile, the layer cache
// and a cache mount across builds, a secret that goes nowhere it should not, a failing step
// named in the build's error, and the steps' events replayed from any event, over SSE and
// graphql-ws.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { createClient } from 'graphql-ws'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import WebSocket from 'ws'
import { graphql } from '../gql/index.js'
import type { BuildImageInput } from '../gql/graphql.js'
import { dockerFromHost } from '../../src/docker/engine.js'
import { openGate, waitAtGate } from '../support/build-gate.js'
import { BUILD_SECRET } from '../support/run-log.js'
import { collectSubscription } from '../support/sse.js'
import { ADMIN_TOKEN, createWorld, type World } from '../support/world.js'

const KitCreateImage = graphql(`
  mutation KitCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id } userErrors { code } }
  }
`)
const KitBuild = graphql(`
  mutation KitBuild($input: BuildImageInput!) {
    buildImage(input: $input) { build { id } userErrors { field message code } }
  }
`)
const KitBuildUpdated = graphql(`
  subscription KitBuildUpdated($buildId: ID!) {
    buildUpdated(buildId: $buildId) { state }
  }
`)
const KitProgress = graphql(`
  subscription KitProgress($buildId: ID!, $fromEvent: Int!) {
    buildProgress(buildId: $buildId, fromEvent: $fromEvent) { eventNo kind stepNumber stepName stream text at }
  }
`)
const KitBuildLogs = graphql(`
  subscription KitBuildLogs($buildId: ID!) {
    buildLogs(buildId: $buildId, fromLine: 0) { lineNo stream text }
  }
`)
const KitResult = graphql(`
  query KitResult($id: ID!) {
    build(id: $id) {
      state errorMessage builder target noCache platform secretIds startedAt finishedAt
      labels { name value }
      steps { number attempt name digest state startedAt finishedAt durationMs errorMessage logLines(first: 50) { nodes { lineNo kind text } } }
      logLines(first: 500) { nodes { lineNo stream text stepNumber kind } }
      image { tags { nodes { name digest } } }
    }
  }
`)
const KitPrune = graphql(`
  mutation KitPrune($input: PruneBuildCacheInput!) {
    pruneBuildCache(input: $input) { removedCount reclaimedBytes userErrors { field code message } }
  }
`)
const KitEngine = graphql(`
  query KitEngine {
    dockerEngine { reachable builder }
  }
`)

const BASE = 'FROM icat-test/busybox:latest'

describe('builds on BuildKit', () => {
  let world: World
  let images = 0
  beforeAll(async () => {
    world = await createWorld({ DOCKER_HOST: inject('dockerHost'), PORT: '0' })
  })
  afterAll(() => world?.dispose())

  async function newImage() {
    const { createImage } = await world.ok(KitCreateImage, { input: { name: `kit/app-${images++}` } })
    return createImage.image!.id
  }

  async function build(input: BuildImageInput) {
    const { buildImage } = await world.ok(KitBuild, { input })
    expect(buildImage.userErrors).toEqual([])
    return buildImage.build!.id
  }

  /** Waits for the build to end, and answers with it as the API shows it. */
  async function finished(id: string) {
    const states = await collectSubscription(world, KitBuildUpdated, { buildId: id }, { timeoutMs: 180_000 })
    expect(states.completed).toBe(true)
    return (await world.ok(KitResult, { id })).build!
  }

  it('says the engine builds with BuildKit', async () => {
    expect((await world.ok(KitEngine)).dockerEngine).toEqual({ reachable: true, builder: 'BUILDKIT' })
  })

  it('builds the target stage of a multi-stage Dockerfile, with its labels, and none of the stages after it', async () => {
    const imageId = await newImage()
    const dockerfile = [
      `${BASE} AS base`,
      'RUN echo base-stage > /stage',
      'FROM base AS broken',
      'RUN echo this stage must not run && exit 9',
      'FROM base AS final',
      'RUN echo final-stage > /stage',
      '',
    ].join('\n')
    // The engine's own platform: BuildKit builds for another only where the engine can run it.
    const id = await build({ imageId, dockerfile, target: 'base', platform: 'linux/amd64', labels: [{ name: 'org.opencontainers.image.title', value: 'kit demo' }] })
    const done = await finished(id)
    expect(done).toMatchObject({
      state: 'SUCCEEDED',
      errorMessage: null,
      builder: 'BUILDKIT',
      target: 'base',
      platform: 'linux/amd64',
      noCache: false,
      labels: [{ name: 'org.opencontainers.image.title', value: 'kit demo' }],
    })
    const names = done.steps.map((step) => step.name)
    expect(names).toContain('[base 2/2] RUN echo base-stage > /stage')
    expect(names.filter((name) => /broken|final/.test(name))).toEqual([])
    expect(done.steps.map((step) => step.number)).toEqual(done.steps.map((_, i) => i + 1))
    expect(done.steps.every((step) => ['DONE', 'CACHED'].includes(step.state))).toBe(true)

    const docker = dockerFromHost(inject('dockerHost'))
    const details = await docker.getImage(`kit/app-${images - 1}:latest`).inspect()
    expect(details.Config.Labels).toMatchObject({ 'org.opencontainers.image.title': 'kit demo' })
    expect(details.Architecture).toBe('amd64')
    expect(done.image.tags.nodes).toEqual([{ name: 'latest', digest: details.Id }])
  })

  it('takes every step of a second identical build from the cache, keeps a cache mount for a changed step, and runs all afresh with noCache', async () => {
    const imageId = await newImage()
    // The cache mount counts the runs that saw it; the layer cache makes a second run unneeded.
    const counting = (round: string) => `${BASE}\nRUN --mount=type=cache,target=/cache sh -c 'true ${round}; n=$(cat /cache/runs 2>/dev/null || echo 0); echo "runs before: $n"; echo $((n + 1)) > /cache/runs'\n`
    const dockerfile = counting('first')
    const runStep = (build: Awaited<ReturnType<typeof finished>>) => build.steps.find((step) => step.name.includes('--mount=type=cache'))!

    const first = await finished(await build({ imageId, dockerfile }))
    expect(first.state).toBe('SUCCEEDED')
    expect(runStep(first)).toMatchObject({ state: 'DONE' })
    expect(runStep(first).logLines.nodes.map((line) => line.text)).toContain('runs before: 0')

    const second = await finished(await build({ imageId, dockerfile }))
    expect(second.state).toBe('SUCCEEDED')
    expect(runStep(second)).toMatchObject({ state: 'CACHED', logLines: { nodes: [expect.objectContaining({ kind: 'CACHED' })] } })
    expect(second.logLines.nodes.map((line) => line.text)).not.toContain('runs before: 1')

    // A changed step runs again, and its cache mount holds what the first run left there.
    const third = await finished(await build({ imageId, dockerfile: counting('second') }))
    expect(runStep(third)).toMatchObject({ state: 'DONE' })
    expect(runStep(third).logLines.nodes.map((line) => line.text)).toContain('runs before: 1')

    // noCache runs every step again, the unchanged one too.
    const fourth = await finished(await build({ imageId, dockerfile, noCache: true }))
    expect(fourth).toMatchObject({ state: 'SUCCEEDED', noCache: true })
    expect(fourth.steps.filter((step) => step.state === 'CACHED' && step.name.includes(' RUN '))).toEqual([])
    expect(runStep(fourth)).toMatchObject({ state: 'DONE' })
  })

  it("frees the engine's build cache for administrators: the next build runs every step, its cache mount empty", async () => {
    const imageId = await newImage()
    const dockerfile = `${BASE}\nRUN --mount=type=cache,target=/prune-cache sh -c 'ls /prune-cache | wc -l | sed "s/^ */entries: /"; touch /prune-cache/$$'\n`
    const runStep = (build: Awaited<ReturnType<typeof finished>>) => build.steps.find((step) => step.name.includes('--mount=type=cache'))!
    const first = await finished(await build({ imageId, dockerfile }))
    expect(runStep(first).logLines.nodes.map((line) => line.text)).toContain('entries: 0')

    const alice = await world.createUser('kit-alice')
    const refused = await world.run(KitPrune, { input: { name: 'default' } }, { token: alice.token })
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect((await world.ok(KitPrune, { input: { name: 'no-such-engine' } })).pruneBuildCache.userErrors).toEqual([{ field: ['input', 'name'], code: 'NOT_FOUND', message: expect.any(String) }])
    expect((await world.ok(KitPrune, { input: { name: 'default', keepBytes: -1 } })).pruneBuildCache.userErrors).toEqual([{ field: ['input', 'keepBytes'], code: 'INVALID', message: expect.any(String) }])

    const { pruneBuildCache } = await world.ok(KitPrune, { input: { name: 'default' } })
    expect(pruneBuildCache.userErrors).toEqual([])
    expect(pruneBuildCache.removedCount).toBeGreaterThan(0)
    expect(Number(pruneBuildCache.reclaimedBytes)).toBeGreaterThan(0)
    const again = await finished(await build({ imageId, dockerfile }))
    expect(runStep(again)).toMatchObject({ state: 'DONE' })
    expect(runStep(again).logLines.nodes.map((line) => line.text)).toContain('entries: 0')
  })

  it('mounts a secret in a RUN step, and the value is nowhere: not in the log, the database, the API or the image', async () => {
    const imageId = await newImage()
    const digest = createHash('sha256').update(BUILD_SECRET).digest('hex')
    const dockerfile = [
      BASE,
      // Checked by its hash, so the Dockerfile does not hold it; then printed, which the log must mask.
      `RUN --mount=type=secret,id=api_token sh -c 'test "$(sha256sum < /run/secrets/api_token | cut -d" " -f1)" = ${digest} && echo secret-matches'`,
      'RUN --mount=type=secret,id=api_token sh -c \'echo "printed: $(cat /run/secrets/api_token)"; ls /run/secrets\'',
      '',
    ].join('\n')
    const id = await build({ imageId, dockerfile, secrets: [{ id: 'api_token', value: BUILD_SECRET }] })
    // While it is queued or running, the sealed value is all the row holds.
    const row = await world.app.db.build.findFirstOrThrow({ where: { imageId: decodeRowId(imageId) } })
    expect(JSON.stringify(row)).not.toContain(BUILD_SECRET)

    const done = await finished(id)
    expect(done).toMatchObject({ state: 'SUCCEEDED', secretIds: ['api_token'] })
    const texts = done.logLines.nodes.map((line) => line.text)
    expect(texts).toContain('secret-matches')
    expect(texts).toContain('printed: ***')
    // The API: the build with everything it has, its log over SSE too.
    expect(JSON.stringify(done)).not.toContain(BUILD_SECRET)
    expect(JSON.stringify(await collectSubscription(world, KitBuildLogs, { buildId: id }))).not.toContain(BUILD_SECRET)
    // The database, every table of it, and its files on disk: the sealed copy is gone once the build is over.
    expect((await world.app.db.build.findUniqueOrThrow({ where: { id: row.id } })).secretsCiphertext).toBeNull()
    for (const file of readdirSync(world.dataDir, { recursive: true }) as string[]) {
      const full = path.join(world.dataDir, file)
      if (/\.(db|sqlite)(-wal|-shm)?$|\.db-journal$/.test(file)) expect(readFileSync(full).includes(BUILD_SECRET), full).toBe(false)
    }
    // The image: a secret mount leaves nothing in a layer.
    const docker = dockerFromHost(inject('dockerHost'))
    const saved = await docker.getImage(`kit/app-${images - 1}:latest`).get()
    const chunks: Buffer[] = []
    for await (const chunk of saved) chunks.push(chunk as Buffer)
    expect(Buffer.concat(chunks).includes(BUILD_SECRET)).toBe(false)
  })

  it('names the failing step in the error, leaves the steps after it WAITING, and keeps the step\'s own output', async () => {
    const imageId = await newImage()
    const dockerfile = `${BASE}\nRUN echo fine\nRUN echo about-to-fail >&2; exit 2\nRUN echo never-runs\n`
    const done = await finished(await build({ imageId, dockerfile }))
    expect(done.state).toBe('FAILED')
    expect(done.errorMessage).toBe('step [3/4] RUN echo about-to-fail >&2; exit 2 failed with exit code 2')
    const byName = Object.fromEntries(done.steps.map((step) => [step.name, step]))
    expect(byName['[2/4] RUN echo fine']).toMatchObject({ state: 'DONE' })
    expect(byName['[3/4] RUN echo about-to-fail >&2; exit 2']).toMatchObject({ state: 'FAILED', errorMessage: expect.stringContaining('exit code: 2') })
    expect(byName['[3/4] RUN echo about-to-fail >&2; exit 2']!.logLines.nodes.map((line) => line.text)).toContain('about-to-fail')
    expect(byName['[4/4] RUN echo never-runs']).toMatchObject({ state: 'WAITING', startedAt: null, finishedAt: null })
    const failedLine = done.logLines.nodes.find((line) => line.text === 'about-to-fail')
    expect(failedLine).toMatchObject({ stream: 'stderr', stepNumber: byName['[3/4] RUN echo about-to-fail >&2; exit 2']!.number })
    expect(done.image.tags.nodes).toEqual([])
  })

  it('streams step events live, replays from a middle event exactly the rest, and graphql-ws sees the same events', async () => {
    const imageId = await newImage()
    const dockerfile = `${BASE}\nRUN echo step-one\nRUN echo waiting && ${waitAtGate('kit-progress')} && echo step-two-done\nRUN echo step-three\n`
    const id = await build({ imageId, dockerfile })
    // Live, from the start: the build is held at its gate until the second step has been seen running.
    const live = collectSubscription(world, KitProgress, { buildId: id, fromEvent: 0 }, { timeoutMs: 180_000 })
    const running = await collectSubscription(world, KitProgress, { buildId: id, fromEvent: 0 }, {
      until: (events) => events.some((event) => event.data?.buildProgress.text === 'waiting'),
    })
    const seen = running.events.map((event) => event.data!.buildProgress)
    expect(seen.find((event) => event.kind === 'STARTED' && event.stepName?.startsWith('[3/4]'))).toBeDefined()
    await openGate(dockerFromHost(inject('dockerHost')), 'kit-progress')

    const all = (await live).events.map((event) => event.data!.buildProgress)
    expect((await live).completed).toBe(true)
    expect(all.map((event) => event.eventNo)).toEqual(all.map((_, i) => i))
    // Each step: STARTED, its lines, then DONE; in the order the Dockerfile gives.
    const kinds = (prefix: string) => all.filter((event) => event.stepName?.startsWith(prefix)).map((event) => (event.kind === 'LOG' ? event.text : event.kind))
    expect(kinds('[2/4]')).toEqual(['STARTED', 'step-one', 'DONE'])
    expect(kinds('[3/4]')).toEqual(['STARTED', 'waiting', 'step-two-done', 'DONE'])
    expect(kinds('[4/4]')).toEqual(['STARTED', 'step-three', 'DONE'])
    expect(all.findIndex((event) => event.text === 'step-two-done')).toBeLessThan(all.findIndex((event) => event.text === 'step-three'))
    // The build's own lines are events too, with no step.
    expect(all[0]).toMatchObject({ kind: 'LOG', stepNumber: null, stream: 'system', text: `Building kit/app-${images - 1}:latest` })
    // buildLogs is the same lines.
    const logs = (await collectSubscription(world, KitBuildLogs, { buildId: id })).events.map((event) => event.data!.buildLogs)
    expect(logs.map(({ lineNo, text }) => [lineNo, text])).toEqual(all.map(({ eventNo, text }) => [eventNo, text]))

    // From the middle: exactly the rest, in order, then the end.
    const middle = Math.floor(all.length / 2)
    const replay = await collectSubscription(world, KitProgress, { buildId: id, fromEvent: middle })
    expect(replay).toEqual({ events: all.slice(middle).map((event) => ({ data: { buildProgress: event } })), completed: true })

    // Over graphql-ws, on a socket: the same events from the same event on.
    const client = createClient({ url: (await world.app.start()).replace('http:', 'ws:'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    try {
      const overSocket: unknown[] = []
      await new Promise<void>((resolve, reject) =>
        client.subscribe({ query: KitProgress.toString(), variables: { buildId: id, fromEvent: middle } }, {
          next: (event) => void overSocket.push(event.data?.buildProgress),
          error: reject,
          complete: resolve,
        }),
      )
      expect(overSocket).toEqual(all.slice(middle))
    } finally {
      await client.dispose()
    }
  })

  it('refuses a bad stage, platform, label or secret, naming the field, and queues nothing', async () => {
    const imageId = await newImage()
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ target: '-stage' }, ['input', 'target']],
      [{ platform: 'linux' }, ['input', 'platform']],
      [{ labels: [{ name: 'has space', value: 'x' }] }, ['input', 'labels', '0', 'name']],
      [{ secrets: [{ id: 'a', value: 'x' }, { id: 'a', value: 'y' }] }, ['input', 'secrets', '1', 'id']],
      [{ secrets: [{ id: '../etc', value: 'x' }] }, ['input', 'secrets', '0', 'id']],
    ]
    for (const [input, field] of cases) {
      const { buildImage } = await world.ok(KitBuild, { input: { imageId, dockerfile: `${BASE}\n`, ...input } as never })
      expect(buildImage).toEqual({ build: null, userErrors: [{ field, code: 'INVALID', message: expect.any(String) }] })
    }
    expect(await world.app.db.build.count({ where: { imageId: decodeRowId(imageId) } })).toBe(0)
  })
})

describe('builds with BUILDER=classic', () => {
  let world: World
  beforeAll(async () => {
    world = await createWorld({ DOCKER_HOST: inject('dockerHost'), BUILDER: 'classic' })
  })
  afterAll(() => world?.dispose())

  it('says so, and refuses secrets, which only BuildKit can mount', async () => {
    expect((await world.ok(KitEngine)).dockerEngine).toEqual({ reachable: true, builder: 'CLASSIC' })
    const { createImage } = await world.ok(KitCreateImage, { input: { name: 'kitclassic/app' } })
    const { buildImage } = await world.ok(KitBuild, { input: { imageId: createImage.image!.id, dockerfile: `${BASE}\n`, secrets: [{ id: 'a', value: BUILD_SECRET }] } })
    expect(buildImage).toEqual({ build: null, userErrors: [{ field: ['input', 'secrets'], code: 'INVALID', message: expect.stringContaining('BuildKit') }] })
  })
})

function decodeRowId(globalId: string): number {
  return Number(Buffer.from(globalId, 'base64').toString().split(':')[1])
}
