// What survives failure: a build running when its server dies is failed as interrupted at
// the next start, and an engine that dies mid-build fails the build, not the server.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { graphql } from '../gql/index.js'
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
    build(id: $id) { state errorMessage image { state } }
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

describe('a server that dies mid-build', () => {
  let dataDir: string
  const servers: Running[] = []
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'icat-recovery-'))
  })
  afterAll(async () => {
    for (const server of servers) await server.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('has the build failed as "interrupted" at the next start, and subscribers see that end', async () => {
    const env = { DATA_DIR: dataDir, DOCKER_HOST: inject('dockerHost'), ADMIN_TOKEN }
    const first = await startServer(env)
    servers.push(first)
    const { createImage } = await postTo(first, RecoveryCreateImage, { input: { name: 'recovery/crash' } })
    const { buildImage } = await postTo(first, RecoveryBuild, { input: { imageId: createImage.image!.id, dockerfile: SLOW } })
    const buildId = buildImage.build!.id
    await expect.poll(async () => (await postTo(first, RecoveryBuildState, { id: buildId })).build!.state, { timeout: 30_000 }).toBe('RUNNING')
    await first.kill()

    const second = await startServer(env)
    servers.push(second)
    const { build } = await postTo(second, RecoveryBuildState, { id: buildId })
    expect(build).toMatchObject({ state: 'FAILED', errorMessage: 'interrupted', image: { state: 'FAILED' } })
    // A subscriber arriving now sees the end at once, and the stream completes.
    const response = await fetch(second.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ query: RecoveryBuildUpdated.toString(), variables: { buildId } }),
    })
    const text = await response.text()
    expect(text).toContain('"state":"FAILED"')
    expect(text).toContain('event: complete')
  })
})

describe('an engine that dies mid-build', () => {
  let engine: PrivateEngine
  let world: World
  beforeAll(async () => {
    engine = await startPrivateEngine()
    world = await createWorld({ DOCKER_HOST: engine.dockerHost })
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
    // The catalog still answers, and the engine's absence is a state.
    const status = await world.run(graphql(`query RecoveryEngine { dockerEngine { reachable } }`))
    expect(status.data).toEqual({ dockerEngine: { reachable: false } })
  })
})
