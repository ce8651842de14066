// A BuildKit build's steps as the runner records them from the engine's status messages
// (BuildSteps, driven directly with the messages BuildKit sends: the engine's own run is in
// test/engine/buildkit.test.ts): steps numbered as announced, their events in the log, their
// output split into lines per step even when steps run side by side, a vertex run twice
// counted once, a step the build stopped under marked FAILED, and secrets masked everywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BuildLogWriter } from '../src/builds/build-log.js'
import { BuildSteps, stepFailure } from '../src/builds/build-steps.js'
import type { BuildKitStatus, Vertex } from '../src/docker/buildkit.js'
import { graphql } from './gql/index.js'
import { collectSubscription } from './support/sse.js'
import { ADMIN_TOKEN, createWorld, gid, type World } from './support/world.js'

const StepsProgress = graphql(`
  subscription StepsProgress($buildId: ID!, $fromEvent: Int!) {
    buildProgress(buildId: $buildId, fromEvent: $fromEvent) { eventNo kind stepNumber stepName stream text }
  }
`)
const StepsOfBuild = graphql(`
  query StepsOfBuild($id: ID!) {
    build(id: $id) { steps { number attempt name state durationMs errorMessage logLines(first: 20) { totalCount nodes { text kind } } } }
  }
`)

let world: World
let imageId: number
let builds = 0

beforeAll(async () => {
  world = await createWorld()
  const admin = await world.app.services.users.authenticate(ADMIN_TOKEN)
  imageId = (await world.app.db.image.create({ data: { name: 'steps/app', ownerId: admin!.id } })).id
})
afterAll(() => world?.dispose())

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 4, 12, 0, seconds))
const vertex = (digest: string, name: string, fields: Partial<Vertex> = {}): Vertex => ({ digest, name, cached: false, started: null, completed: null, error: null, ...fields })
const status = (vertexes: Vertex[], logs: Array<[string, number, string]> = []): BuildKitStatus => ({
  vertexes,
  logs: logs.map(([digest, stream, text]) => ({ vertex: digest, stream, data: Buffer.from(text) })),
})

/** A build this instance runs, its log writer and its steps, as the runner makes them. */
async function running(attempt = 1) {
  const build = await world.app.db.build.create({
    data: { imageId, targetTag: `t${++builds}`, state: 'RUNNING', attempt, startedAt: new Date(), runnerId: world.app.services.leases.runnerId, heartbeatAt: new Date() },
  })
  const log = new BuildLogWriter(world.app.db, world.app.services.bus, build.id)
  return { id: build.id, gid: gid('Build', build.id), log, steps: await BuildSteps.of(world.app.db, log, build.id, attempt) }
}

async function end(build: { id: number; log: BuildLogWriter; steps: BuildSteps }) {
  build.steps.end()
  build.log.end()
  await build.log.flushed()
  await world.app.db.build.update({ where: { id: build.id }, data: { state: 'SUCCEEDED', finishedAt: new Date() } })
  world.app.services.bus.publish(`build/${build.id}/log`, { end: 'SUCCEEDED' })
}

const progress = async (buildId: string, fromEvent = 0) =>
  (await collectSubscription(world, StepsProgress, { buildId, fromEvent })).events.map((event) => event.data!.buildProgress)

describe('BuildSteps', () => {
  it('numbers steps as announced and logs started, output, done and cached, each line with its step', async () => {
    const build = await running()
    build.log.system('Building steps/app:t1')
    build.steps.apply(status([vertex('sha256:a', '[1/3] FROM base'), vertex('sha256:b', '[2/3] RUN make'), vertex('sha256:c', '[3/3] RUN test')]))
    build.steps.apply(status([vertex('sha256:a', '[1/3] FROM base', { started: at(0), completed: at(0), cached: true })]))
    build.steps.apply(status([vertex('sha256:b', '[2/3] RUN make', { started: at(1) })], [['sha256:b', 1, 'compiling\nlin'], ['sha256:b', 1, 'king\n']]))
    build.steps.apply(status([vertex('sha256:b', '[2/3] RUN make', { started: at(1), completed: at(3) })]))
    await end(build)

    expect(await progress(build.gid)).toEqual([
      { eventNo: 0, kind: 'LOG', stepNumber: null, stepName: null, stream: 'system', text: 'Building steps/app:t1' },
      { eventNo: 1, kind: 'CACHED', stepNumber: 1, stepName: '[1/3] FROM base', stream: 'system', text: 'CACHED [1/3] FROM base' },
      { eventNo: 2, kind: 'STARTED', stepNumber: 2, stepName: '[2/3] RUN make', stream: 'system', text: '[2/3] RUN make' },
      { eventNo: 3, kind: 'LOG', stepNumber: 2, stepName: '[2/3] RUN make', stream: 'stdout', text: 'compiling' },
      { eventNo: 4, kind: 'LOG', stepNumber: 2, stepName: '[2/3] RUN make', stream: 'stdout', text: 'linking' },
      { eventNo: 5, kind: 'DONE', stepNumber: 2, stepName: '[2/3] RUN make', stream: 'system', text: 'DONE [2/3] RUN make (2.0s)' },
    ])
    const { build: stored } = await world.ok(StepsOfBuild, { id: build.gid })
    expect(stored!.steps).toEqual([
      { number: 1, attempt: 1, name: '[1/3] FROM base', state: 'CACHED', durationMs: 0, errorMessage: null, logLines: { totalCount: 1, nodes: [{ text: 'CACHED [1/3] FROM base', kind: 'CACHED' }] } },
      {
        number: 2,
        attempt: 1,
        name: '[2/3] RUN make',
        state: 'DONE',
        durationMs: 2_000,
        errorMessage: null,
        logLines: { totalCount: 4, nodes: [{ text: '[2/3] RUN make', kind: 'STARTED' }, { text: 'compiling', kind: null }, { text: 'linking', kind: null }, { text: 'DONE [2/3] RUN make (2.0s)', kind: 'DONE' }] },
      },
      { number: 3, attempt: 1, name: '[3/3] RUN test', state: 'WAITING', durationMs: null, errorMessage: null, logLines: { totalCount: 0, nodes: [] } },
    ])
  })

  it("keeps the lines of steps that run side by side apart, and each stream's unfinished line its own", async () => {
    const build = await running()
    build.steps.apply(status([vertex('sha256:x', '[a 1/1] RUN left', { started: at(0) }), vertex('sha256:y', '[b 1/1] RUN right', { started: at(0) })]))
    build.steps.apply(status([], [['sha256:x', 1, 'left-'], ['sha256:y', 1, 'right-'], ['sha256:x', 2, 'warn-'], ['sha256:y', 1, 'one\n'], ['sha256:x', 1, 'one\n']]))
    // Ending a step ends its unfinished lines too.
    build.steps.apply(status([vertex('sha256:x', '[a 1/1] RUN left', { started: at(0), completed: at(1) })]))
    await end(build)
    const lines = (await progress(build.gid)).filter((event) => event.kind === 'LOG').map(({ stepNumber, stream, text }) => [stepNumber, stream, text])
    expect(lines).toEqual([
      [2, 'stdout', 'right-one'],
      [1, 'stdout', 'left-one'],
      [1, 'stderr', 'warn-'],
    ])
  })

  it('counts a vertex BuildKit runs again once, and names the first failed step in the error', async () => {
    const build = await running()
    build.steps.apply(status([vertex('sha256:f', '[1/2] FROM base', { started: at(0), completed: at(1) })]))
    build.steps.apply(status([vertex('sha256:f', '[1/2] FROM base', { started: at(2) })]))
    build.steps.apply(status([vertex('sha256:f', '[1/2] FROM base', { started: at(2), completed: at(3), cached: true })]))
    const error = 'executor failed running [/bin/sh -c make]: exit code: 2'
    build.steps.apply(status([vertex('sha256:g', '[2/2] RUN make', { started: at(3), completed: at(4), error })]))
    await end(build)
    const events = await progress(build.gid)
    expect(events.map((event) => [event.stepNumber, event.kind])).toEqual([
      [1, 'STARTED'],
      [1, 'DONE'],
      [2, 'STARTED'],
      [2, 'FAILED'],
    ])
    expect(events.at(-1)).toMatchObject({ stream: 'stderr', text: `ERROR [2/2] RUN make: ${error}` })
    expect(build.steps.failed).toMatchObject({ number: 2, state: 'FAILED', errorMessage: error })
    expect(stepFailure(build.steps.failed!)).toBe('step [2/2] RUN make failed with exit code 2')
    expect(stepFailure({ ...build.steps.failed!, errorMessage: 'failed to compute cache key: "/app" not found' })).toBe(
      'step [2/2] RUN make failed: failed to compute cache key: "/app" not found',
    )
  })

  it('marks a step still running when the build ends FAILED, and numbers a restarted attempt\'s steps after the first\'s', async () => {
    const build = await running()
    build.steps.apply(status([vertex('sha256:s', '[1/1] RUN sleep 60', { started: at(0) })]))
    build.steps.end()
    build.log.end()
    await build.log.flushed()
    const again = await BuildSteps.of(world.app.db, build.log, build.id, 2)
    again.apply(status([vertex('sha256:s', '[1/1] RUN sleep 60', { started: at(5) })]))
    await end({ ...build, steps: again })
    const { build: stored } = await world.ok(StepsOfBuild, { id: build.gid })
    expect(stored!.steps.map(({ number, attempt, state, errorMessage }) => ({ number, attempt, state, errorMessage }))).toEqual([
      { number: 1, attempt: 1, state: 'FAILED', errorMessage: 'The build ended before this step did' },
      { number: 2, attempt: 2, state: 'FAILED', errorMessage: 'The build ended before this step did' },
    ])
  })

  it('masks the secrets in step names, output, errors and the events, and replays from the middle exactly the rest', async () => {
    const build = await running()
    build.log.mask(['hunter2-secret', 'hunter2'])
    build.steps.apply(status([vertex('sha256:m', '[1/1] RUN echo hunter2-secret', { started: at(0) })], [['sha256:m', 1, 'token=hunter2-secret and hunter2\n']]))
    build.steps.apply(status([vertex('sha256:m', '[1/1] RUN echo hunter2-secret', { started: at(0), completed: at(1), error: 'exit hunter2' })]))
    await end(build)
    const events = await progress(build.gid)
    expect(JSON.stringify(events)).not.toContain('hunter2')
    expect(events.map((event) => event.text)).toEqual(['[1/1] RUN echo ***', 'token=*** and ***', 'ERROR [1/1] RUN echo ***: exit ***'])
    const row = await world.app.db.buildStep.findFirstOrThrow({ where: { buildId: build.id } })
    expect([row.name, row.errorMessage]).toEqual(['[1/1] RUN echo ***', 'exit ***'])
    expect(await progress(build.gid, 1)).toEqual(events.slice(1))
    expect(await progress(build.gid, 3)).toEqual([])
  })
})
