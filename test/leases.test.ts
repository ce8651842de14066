// Builds, pulls and pushes left behind by a server process that stopped are failed as "interrupted"
// by the next one to start; on PostgreSQL, where several instances may share the database,
// only jobs whose process stopped beating its heartbeat count as left behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app.js'
import { createWorld, databaseKind, type World } from './support/world.js'
import { runLogger } from './support/run-log.js'

describe(`jobs left behind (${databaseKind})`, () => {
  let world: World
  beforeAll(async () => {
    world = await createWorld({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' })
  })
  afterAll(() => world?.dispose())

  it('fails orphaned builds, pulls and pushes at the next start, and leaves live instances alone', async () => {
    const { db } = world.app
    const admin = await db.user.findFirstOrThrow({ where: { isAdmin: true } })
    const image = await db.image.create({ data: { name: 'leases/app', ownerId: admin.id, tags: { create: { name: '1.0' } } }, include: { tags: true } })
    const now = Date.now()
    const rows = {
      alive: { runnerId: 'another-live-instance', heartbeatAt: new Date(now) },
      stale: { runnerId: 'a-dead-instance', heartbeatAt: new Date(now - 10 * 60_000) },
      unowned: { runnerId: null, heartbeatAt: null },
    }
    const builds: Record<string, number> = {}
    const pulls: Record<string, number> = {}
    const pushes: Record<string, number> = {}
    for (const [name, lease] of Object.entries(rows)) {
      builds[name] = (await db.build.create({ data: { imageId: image.id, targetTag: name, state: 'RUNNING', ...lease } })).id
      pulls[name] = (await db.pull.create({ data: { reference: `leases/${name}:1`, requestedById: admin.id, state: 'QUEUED', ...lease } })).id
      pushes[name] = (
        await db.push.create({ data: { reference: `127.0.0.1:5000/leases/app:${name}`, tagId: image.tags[0]!.id, imageId: image.id, requestedById: admin.id, state: 'RUNNING', ...lease } })
      ).id
    }

    // A second server starts on the same database.
    const next = await buildApp(world.app.config, { log: () => {}, logger: runLogger() })
    try {
      const interrupted = databaseKind === 'sqlite' ? ['alive', 'stale', 'unowned'] : ['stale', 'unowned']
      for (const name of Object.keys(rows)) {
        const build = await db.build.findUniqueOrThrow({ where: { id: builds[name] } })
        const pull = await db.pull.findUniqueOrThrow({ where: { id: pulls[name] } })
        const push = await db.push.findUniqueOrThrow({ where: { id: pushes[name] } })
        if (interrupted.includes(name)) {
          expect(build, `build ${name}`).toMatchObject({ state: 'FAILED', errorMessage: 'interrupted' })
          expect(build.finishedAt).toBeInstanceOf(Date)
          expect(pull, `pull ${name}`).toMatchObject({ state: 'FAILED', errorMessage: 'interrupted' })
          expect(push, `push ${name}`).toMatchObject({ state: 'FAILED', errorMessage: 'interrupted' })
        } else {
          expect(build.state, `build ${name}`).toBe('RUNNING')
          expect(pull.state, `pull ${name}`).toBe('QUEUED')
          expect(push.state, `push ${name}`).toBe('RUNNING')
        }
      }
    } finally {
      await next.stop()
    }
  })
})
