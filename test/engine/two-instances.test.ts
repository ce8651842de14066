// Two server processes on one PostgreSQL database and one Redis: a subscriber on the second
// receives, live, the log lines of a build that runs on the first. Over graphql-ws, on real sockets.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createClient, type Client } from 'graphql-ws'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import WebSocket from 'ws'
import { graphql } from '../gql/index.js'
import { dockerFromHost } from '../../src/docker/engine.js'
import { openGate, waitAtGate } from '../support/build-gate.js'
import { createScratchDatabase } from '../support/postgres.js'
import { postTo, startRedis, startServer, type Running } from '../support/processes.js'
import { ADMIN_TOKEN } from '../support/world.js'

const TwoCreateImage = graphql(`
  mutation TwoCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id } userErrors { code } }
  }
`)
const TwoBuild = graphql(`
  mutation TwoBuild($input: BuildImageInput!) {
    buildImage(input: $input) { build { id } userErrors { field message code } }
  }
`)
const TwoBuildState = graphql(`
  query TwoBuildState($id: ID!) {
    build(id: $id) { state logLines(first: 100) { nodes { lineNo text } } }
  }
`)
const TwoBuildLogs = graphql(`
  subscription TwoBuildLogs($buildId: ID!) {
    buildLogs(buildId: $buildId, fromLine: 0) { lineNo text createdAt }
  }
`)
const TwoCancel = graphql(`
  mutation TwoCancel($input: CancelBuildInput!) {
    cancelBuild(input: $input) { build { state } userErrors { field message code } }
  }
`)
const TwoBuildUpdated = graphql(`
  subscription TwoBuildUpdated($buildId: ID!) {
    buildUpdated(buildId: $buildId) { state }
  }
`)


describe('two instances, one database, one Redis', () => {
  const cleanups: (() => Promise<unknown>)[] = []
  let first: Running
  let second: Running
  let client: Client

  beforeAll(async () => {
    const redis = await startRedis()
    cleanups.push(redis.stop)
    const database = await createScratchDatabase()
    cleanups.push(database.drop)
    const dataDir = await mkdtemp(path.join(tmpdir(), 'icat-two-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      DOCKER_HOST: inject('dockerHost'),
      ADMIN_TOKEN,
      SECRET_KEY: 'ab'.repeat(32),
      DATA_DIR: dataDir,
    }
    first = await startServer(env)
    cleanups.push(first.stop)
    second = await startServer(env)
    cleanups.push(second.stop)
    client = createClient({ url: second.url.replace('http:', 'ws:'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    cleanups.push(async () => client.dispose())
  })
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {})
  })

  it("streams a build's lines from the first instance to a subscriber on the second, as they happen", async () => {
    const { createImage } = await postTo(first, TwoCreateImage, { input: { name: 'two/instances' } })
    const { buildImage } = await postTo(first, TwoBuild, {
      input: { imageId: createImage.image!.id, dockerfile: `FROM icat-test/busybox:latest\nRUN echo live-line && ${waitAtGate('two-instances')} && echo after-gate\n` },
    })
    const buildId = buildImage.build!.id

    const received: { lineNo: number; text: string; createdAt: string; receivedAt: number }[] = []
    let stateWhenLiveLineArrived: string | undefined
    await new Promise<void>((resolve, reject) => {
      client.subscribe(
        { query: TwoBuildLogs.toString(), variables: { buildId } },
        {
          next: ({ data, errors }) => {
            if (errors) return reject(new Error(JSON.stringify(errors)))
            const line = (data as { buildLogs: { lineNo: number; text: string; createdAt: string } }).buildLogs
            received.push({ ...line, receivedAt: Date.now() })
            if (line.text === 'live-line') {
              // The build holds until the state has been read, so it cannot have ended meanwhile.
              void postTo(second, TwoBuildState, { id: buildId })
                .then(({ build }) => (stateWhenLiveLineArrived = build!.state))
                .then(() => openGate(dockerFromHost(inject('dockerHost')), 'two-instances'))
                .catch(reject)
            }
          },
          error: reject,
          complete: resolve,
        },
      )
    })

    // The line arrived while the build still ran on the first instance: it came live, over Redis.
    expect(stateWhenLiveLineArrived).toBe('RUNNING')
    const { build } = await postTo(first, TwoBuildState, { id: buildId })
    expect(build!.state).toBe('SUCCEEDED')
    expect(received.map(({ lineNo, text }) => ({ lineNo, text }))).toEqual(build!.logLines.nodes)
    expect(received.map((l) => l.text)).toEqual(expect.arrayContaining(['live-line', 'after-gate']))

    const delays = received.map((l) => l.receivedAt - new Date(l.createdAt).getTime()).sort((a, b) => a - b)
    console.log(
      `[log latency] engine -> runner (instance 1) -> PostgreSQL + Redis -> subscriber (instance 2, graphql-ws): ` +
        `median ${delays[Math.floor(delays.length / 2)]} ms, max ${delays.at(-1)} ms over ${delays.length} lines`,
    )
  })

  it('cancels from the second instance a build the first runs: CANCELLING, then CANCELLED', async () => {
    const { createImage } = await postTo(first, TwoCreateImage, { input: { name: 'two/cancelled' } })
    const { buildImage } = await postTo(first, TwoBuild, {
      input: { imageId: createImage.image!.id, dockerfile: 'FROM icat-test/busybox:latest\nRUN echo started && sleep 600\n' },
    })
    const buildId = buildImage.build!.id
    const subscribe = <T>(query: string, until: (data: T) => boolean) =>
      new Promise<T[]>((resolve, reject) => {
        const seen: T[] = []
        const stop = client.subscribe(
          { query, variables: { buildId } },
          {
            next: ({ data, errors }) => {
              if (errors) return reject(new Error(JSON.stringify(errors)))
              seen.push(data as T)
              if (until(data as T)) {
                stop()
                resolve(seen)
              }
            },
            error: reject,
            complete: () => resolve(seen),
          },
        )
      })
    await subscribe<{ buildLogs: { text: string } }>(TwoBuildLogs.toString(), (data) => data.buildLogs.text === 'started')
    const states = subscribe<{ buildUpdated: { state: string } }>(TwoBuildUpdated.toString(), () => false)
    const { cancelBuild } = await postTo(second, TwoCancel, { input: { id: buildId } })
    expect(cancelBuild.userErrors).toEqual([])
    // The first instance stops it on hearing of it; the second cannot know whether that has happened yet.
    expect(['CANCELLING', 'CANCELLED']).toContain(cancelBuild.build!.state)
    const seen = (await states).map((s) => s.buildUpdated.state)
    expect(seen.at(-1)).toBe('CANCELLED')
    expect(seen.slice(seen.indexOf('RUNNING') + 1).every((s) => s === 'CANCELLING' || s === 'CANCELLED')).toBe(true)
  })
})
