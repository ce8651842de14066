// Builds, pulls and pushes left behind by a server process that stopped are taken over by the
// next instance to sweep: a running job starts over as its next attempt (a build's log marks
// the restart) while it has retries left, and is failed as "interrupted" once they are spent
// or retrying is off (JOB_RETRIES=0). On PostgreSQL, where several instances share the
// database, only jobs whose instance stopped beating its heartbeat count as left behind; on
// SQLite one instance runs everything, so whatever is running at a start was left behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { createWorld, databaseKind, quietBackgroundWork, type World } from './support/world.js'
import { runLogger } from './support/run-log.js'

describe(`jobs left behind (${databaseKind})`, () => {
  let world: World
  let adminId: number
  beforeAll(async () => {
    world = await createWorld({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' })
    // Known to be down before any job is recovered: a restarted job then waits for an engine.
    await quietBackgroundWork(world)
    adminId = (await world.app.db.user.findFirstOrThrow({ where: { isAdmin: true } })).id
  })
  afterAll(() => world?.dispose())

  const leases = () => {
    const now = Date.now()
    return {
      alive: { runnerId: 'another-live-instance', heartbeatAt: new Date(now) },
      stale: { runnerId: 'a-dead-instance', heartbeatAt: new Date(now - 10 * 60_000) },
      unowned: { runnerId: null, heartbeatAt: null },
    }
  }

  /** One running build, pull and push per lease, on an image of its own. */
  async function leftBehind(imageName: string, extra: { attempt?: number } = {}) {
    const { db } = world.app
    const image = await db.image.create({ data: { name: imageName, ownerId: adminId, tags: { create: { name: '1.0' } } }, include: { tags: true } })
    const rows: Record<string, { build: number; pull: number; push: number }> = {}
    for (const [name, lease] of Object.entries(leases())) {
      rows[name] = {
        build: (await db.build.create({ data: { imageId: image.id, targetTag: name, state: 'RUNNING', ...extra, ...lease } })).id,
        pull: (await db.pull.create({ data: { reference: `${imageName}-${name}:1`, requestedById: adminId, state: 'RUNNING', ...extra, ...lease } })).id,
        push: (await db.push.create({ data: { reference: `127.0.0.1:5000/${imageName}:${name}`, tagId: image.tags[0]!.id, imageId: image.id, requestedById: adminId, state: 'RUNNING', ...extra, ...lease } })).id,
      }
    }
    return { image, rows }
  }

  const recoveredLeases = databaseKind === 'sqlite' ? ['alive', 'stale', 'unowned'] : ['stale', 'unowned']

  it('starts running jobs of a dead instance over as their next attempt, with a mark in the build log, and leaves live instances alone', async () => {
    const { db } = world.app
    const { rows } = await leftBehind('leases/restarted')
    const next = await buildApp(world.app.config, { log: () => {}, logger: runLogger() })
    try {
      for (const [name, ids] of Object.entries(rows)) {
        const build = await db.build.findUniqueOrThrow({ where: { id: ids.build } })
        const pull = await db.pull.findUniqueOrThrow({ where: { id: ids.pull } })
        const push = await db.push.findUniqueOrThrow({ where: { id: ids.push } })
        if (recoveredLeases.includes(name)) {
          // Started over: queued again, where they wait for an engine (this one is not there).
          for (const [what, row] of Object.entries({ build, pull, push })) {
            expect(row, `${what} ${name}`).toMatchObject({ state: 'QUEUED', attempt: 2, runnerId: null })
          }
          const marks = await db.buildLogLine.findMany({ where: { buildId: ids.build, text: { startsWith: 'Restarting the build from the start' } } })
          expect(marks.map((line) => line.text)).toEqual(['Restarting the build from the start: the instance running it stopped (attempt 2 of 2)'])
          expect(build.errorMessage).not.toBe('interrupted')
        } else {
          expect(build, `build ${name}`).toMatchObject({ state: 'RUNNING', attempt: 1, runnerId: 'another-live-instance' })
          expect(pull, `pull ${name}`).toMatchObject({ state: 'RUNNING', attempt: 1, runnerId: 'another-live-instance' })
          expect(push, `push ${name}`).toMatchObject({ state: 'RUNNING', attempt: 1, runnerId: 'another-live-instance' })
        }
      }
    } finally {
      await next.stop()
    }
  })

  it('fails running jobs as "interrupted" once their retries are spent, and at once when retrying is off', async () => {
    const { db } = world.app
    const spent = await leftBehind('leases/spent', { attempt: 2 })
    const first = await buildApp(world.app.config, { log: () => {}, logger: runLogger() })
    await first.stop()
    const off = await leftBehind('leases/off')
    const second = await buildApp({ ...world.app.config, jobRetries: 0 }, { log: () => {}, logger: runLogger() })
    try {
      for (const { rows } of [spent, off]) {
        for (const name of recoveredLeases) {
          const ids = rows[name]!
          const build = await db.build.findUniqueOrThrow({ where: { id: ids.build } })
          expect(build, `build ${name}`).toMatchObject({ state: 'FAILED', errorMessage: 'interrupted', finishedAt: expect.any(Date) })
          expect(await db.pull.findUniqueOrThrow({ where: { id: ids.pull } }), `pull ${name}`).toMatchObject({ state: 'FAILED', errorMessage: 'interrupted' })
          expect(await db.push.findUniqueOrThrow({ where: { id: ids.push } }), `push ${name}`).toMatchObject({ state: 'FAILED', errorMessage: 'interrupted' })
          expect(await db.buildLogLine.count({ where: { buildId: ids.build, text: { startsWith: 'Restarting' } } })).toBe(0)
        }
      }
    } finally {
      await second.stop()
    }
  })

  it('ends a build being cancelled when its instance died as CANCELLED, not restarted', async () => {
    const { db } = world.app
    const image = await db.image.create({ data: { name: 'leases/cancelled', ownerId: adminId } })
    const build = await db.build.create({ data: { imageId: image.id, targetTag: '1.0', state: 'CANCELLING', ...leases().stale } })
    const next = await buildApp(world.app.config, { log: () => {}, logger: runLogger() })
    try {
      expect(await db.build.findUniqueOrThrow({ where: { id: build.id } })).toMatchObject({ state: 'CANCELLED', attempt: 1, errorMessage: null, finishedAt: expect.any(Date) })
    } finally {
      await next.stop()
    }
  })
})
