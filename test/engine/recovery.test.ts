// What survives failure: a build running when its server is killed starts over from the start
// at the next start (its log marks the restart), or is failed as "interrupted" when retrying
// is off; an engine that dies mid-build fails the build, not the server.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { graphql } from '../gql/index.js'
import { openGate, waitAtGate } from '../support/build-gate.js'
import { dockerFromHost } from '../../src/docker/engine.js'
import { startPrivateEngine, type PrivateEngine } from '../support/engine-setup.js'
import { postTo, startServer, type Running } from '../support/processes.js'
import { collectSubscription } from '../support/sse.js'
import { ADMIN_TOKEN, createWorld, type World } from '../support/world.js'

const RecoveryCreateImage = graphql(`
  mutation RecoveryCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id } }
  }
`)
const RecoveryBuild = graphql(`
  mutation RecoveryBuild($input: BuildImageInput!) {
    buildImage(input: $input) { build { id } userErrors { message } }
  }
`)
const RecoveryBuildState = graphql(`
  query RecoveryBuildState($id: ID!) {
    build(id: $id) { state attempt errorMessage image { state } logLines(first: 100) { nodes { text } } steps { attempt name state errorMessage } }
  }
`)
const RecoveryBuildUpdated = graphql(`
  subscription RecoveryBuildUpdated($buildId: ID!) {
    buildUpdated(buildId: $buildId) { state errorMessage }
  }
`)
const RecoveryLogs = graphql(`
  subscription RecoveryLogs($buildId: ID!) {
    buildLogs(buildId: $buildId, fromLine: 0) { text }
  }
`)


const SLOW = 'FROM icat-test/busybox:latest\nRUN echo started && sleep 60\n'
const RESTARTED_MARK = 'Restarting the build from the start: the instance running it stopped (attempt 2 of 2)'

/** A subscriber's whole buildUpdated stream, as the SSE text it got. */
async function buildUpdatedStream(server: Running, buildId: string): Promise<string> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ query: RecoveryBuildUpdated.toString(), variables: { buildId } }),
  })
  return response.text()
}

describe('a server killed mid-build', () => {
  const servers: Running[] = []
  const dataDirs: string[] = []
  afterAll(async () => {
    for (const server of servers) await server.stop()
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true })
  })

  /** Starts a server, has it build `dockerfile` until its step echoes "started", kills it (SIGKILL) and starts the next one on its data. */
  async function killedMidBuild(name: string, dockerfile: string, env: Record<string, string> = {}) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'icat-recovery-'))
    dataDirs.push(dataDir)
    const serverEnv = { DATA_DIR: dataDir, DOCKER_HOST: inject('dockerHost'), ADMIN_TOKEN, ...env }
    const first = await startServer(serverEnv)
    servers.push(first)
    const { createImage } = await postTo(first, RecoveryCreateImage, { input: { name } })
    const { buildImage } = await postTo(first, RecoveryBuild, { input: { imageId: createImage.image!.id, dockerfile } })
    const buildId = buildImage.build!.id
    // Its step has begun (and said so in the log) when the server dies.
    const said = async () => (await postTo(first, RecoveryBuildState, { id: buildId })).build!.logLines.nodes.some((line) => line.text === 'started')
    await expect.poll(said, { timeout: 60_000 }).toBe(true)
    await first.kill()
    const second = await startServer(serverEnv)
    servers.push(second)
    return { second, buildId }
  }

  it('starts the build over at the next start, its log marking the restart, and it succeeds', async () => {
    const gated = `FROM icat-test/busybox:latest\nRUN echo started && ${waitAtGate('recovery-restart')} && echo finished\n`
    const { second, buildId } = await killedMidBuild('recovery/restart', gated)
    const restarted = (await postTo(second, RecoveryBuildState, { id: buildId })).build!
    expect(restarted).toMatchObject({ attempt: 2, errorMessage: null })
    expect(['QUEUED', 'RUNNING']).toContain(restarted.state)
    const stream = buildUpdatedStream(second, buildId)
    await expect.poll(async () => (await postTo(second, RecoveryBuildState, { id: buildId })).build!.state, { timeout: 30_000 }).toBe('RUNNING')
    await openGate(dockerFromHost(inject('dockerHost')), 'recovery-restart')
    expect(await stream).toContain('"state":"SUCCEEDED"')
    const { build } = await postTo(second, RecoveryBuildState, { id: buildId })
    expect(build).toMatchObject({ state: 'SUCCEEDED', attempt: 2, image: { state: 'SUCCESS' } })
    const lines = build!.logLines.nodes.map((line) => line.text)
    // The first attempt's lines, the mark, then the second attempt's, in one log.
    expect(lines.filter((line) => line === RESTARTED_MARK)).toHaveLength(1)
    expect(lines.indexOf('started')).toBeLessThan(lines.indexOf(RESTARTED_MARK))
    expect(lines.lastIndexOf('started')).toBeGreaterThan(lines.indexOf(RESTARTED_MARK))
    expect(lines).toContain('finished')
    // BuildKit's steps of both attempts: the first's RUN did not finish, the second's did.
    const runs = build!.steps.filter((step) => step.name.startsWith('[2/2] RUN'))
    expect(runs).toEqual([
      { attempt: 1, name: expect.any(String), state: 'FAILED', errorMessage: 'The build ended before this step did' },
      { attempt: 2, name: expect.any(String), state: 'DONE', errorMessage: null },
    ])
  })

  it('fails the build as "interrupted" at the next start when retrying is off, and subscribers see that end', async () => {
    const { second, buildId } = await killedMidBuild('recovery/crash', SLOW, { JOB_RETRIES: '0' })
    const { build } = await postTo(second, RecoveryBuildState, { id: buildId })
    expect(build).toMatchObject({ state: 'FAILED', attempt: 1, errorMessage: 'interrupted', image: { state: 'FAILED' } })
    expect(build!.logLines.nodes.map((line) => line.text)).not.toContain(RESTARTED_MARK)
    expect(build!.steps.find((step) => step.name.startsWith('[2/2] RUN'))).toMatchObject({ state: 'FAILED', errorMessage: 'The build ended before this step did' })
    // A subscriber arriving now sees the end at once, and the stream completes.
    const text = await buildUpdatedStream(second, buildId)
    expect(text).toContain('"state":"FAILED"')
    expect(text).toContain('event: complete')
  })
})

describe('an engine that dies mid-build', () => {
  let engine: PrivateEngine
  let world: World
  beforeAll(async () => {
    engine = await startPrivateEngine()
    // Without retries: with one, a build whose engine died waits (QUEUED) for an engine to run
    // it again, which scale-out.test.ts follows onto a second engine.
    world = await createWorld({ DOCKER_HOST: engine.dockerHost, JOB_RETRIES: '0' })
  })
  afterAll(async () => {
    await world?.dispose()
    await engine?.stop()
  })

  it("fails the build with the engine's error, completes its subscriptions, and keeps serving", async () => {
    const { createImage } = await world.ok(RecoveryCreateImage, { input: { name: 'recovery/engine' } })
    const { buildImage } = await world.ok(RecoveryBuild, { input: { imageId: createImage.image!.id, dockerfile: SLOW } })
    const buildId = buildImage.build!.id
    const logs = collectSubscription(world, RecoveryLogs, { buildId })
    await expect.poll(async () => (await world.app.db.buildLogLine.count({ where: { text: 'started' } })), { timeout: 30_000 }).toBe(1)
    await engine.stop()

    const { completed } = await logs
    expect(completed).toBe(true)
    const { build } = await world.ok(RecoveryBuildState, { id: buildId })
    expect(build!.state).toBe('FAILED')
    expect(build!.errorMessage).toBeTruthy()
    expect(build!.errorMessage).not.toBe('interrupted')
    expect(build!.errorMessage).toMatch(/^The Docker engine default stopped answering during the build/)
    // The catalog still answers, and the engine's absence is a state.
    const status = await world.run(graphql(`query RecoveryEngine { dockerEngine { reachable } }`))
    expect(status.data).toEqual({ dockerEngine: { reachable: false } })
  })
})
