// Retention runs (RETENTION_SCHEDULE): a job of the queue that applies the rules of every image
// that has some, as applyRetention would, image after image. Its schedule is the queue's
// (work-queue.test.ts); here the run itself, on each database's queue backend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorld, databaseKind, quietBackgroundWork, type World } from './support/world.js'

describe(`retention runs (${databaseKind})`, () => {
  let world: World
  let ownerId: number
  beforeAll(async () => {
    // No engine answers: tags the engine holds cannot be removed now; catalog-only ones can.
    world = await createWorld({ DOCKER_HOST: 'unix:///nonexistent/docker.sock', RETENTION_SCHEDULE: '0 3 * * *' })
    await quietBackgroundWork(world)
    ownerId = (await world.app.db.user.findFirstOrThrow({ where: { isAdmin: true } })).id
  })
  afterAll(() => world?.dispose())

  /** An image with these tags, oldest first, and the rules given. */
  async function imageWith(name: string, tags: { name: string; protected?: boolean; onEngine?: boolean }[], keepLast?: number) {
    const { db } = world.app
    const image = await db.image.create({ data: { name, ownerId } })
    const base = Date.now() - 60 * 60_000
    for (const [i, tag] of tags.entries()) {
      await db.tag.create({
        data: {
          imageId: image.id,
          name: tag.name,
          protected: tag.protected ?? false,
          updatedAt: new Date(base + i * 60_000),
          ...(tag.onEngine ? { engineImageId: `sha256:${'ab'.repeat(32)}`, engineReference: `${name}:${tag.name}` } : {}),
        },
      })
    }
    if (keepLast !== undefined) await db.retentionPolicy.create({ data: { imageId: image.id, rule: 'KEEP_LAST', keepLast } })
    return image
  }
  const tagsOf = async (imageId: number) => (await world.app.db.tag.findMany({ where: { imageId }, orderBy: { name: 'asc' } })).map((tag) => tag.name)

  it('runs as a queued job and applies the rules of every image that has some, keeping protected tags', async () => {
    const ruled = await imageWith('runs/ruled', [{ name: '1.0', protected: true }, { name: '1.1' }, { name: '1.2' }, { name: '1.3' }], 1)
    const alsoRuled = await imageWith('runs/also', [{ name: 'a' }, { name: 'b' }], 1)
    const free = await imageWith('runs/free', [{ name: 'x' }, { name: 'y' }, { name: 'z' }])
    await world.app.services.queue.add('retention', { id: 0, attempt: 1 })
    await expect.poll(() => tagsOf(alsoRuled.id), { timeout: 30_000 }).toEqual(['b'])
    await expect.poll(() => tagsOf(ruled.id), { timeout: 30_000 }).toEqual(['1.0', '1.3'])
    expect(await tagsOf(free.id)).toEqual(['x', 'y', 'z'])
  })

  it('goes on past an image whose engine does not answer, and says what it did', async () => {
    const stuck = await imageWith('runs/stuck', [{ name: 'old', onEngine: true }, { name: 'new', onEngine: true }], 1)
    const fine = await imageWith('runs/fine', [{ name: 'old' }, { name: 'new' }], 1)
    const summary = await world.app.services.retention.runAll(new AbortController().signal)
    expect(summary).toMatchObject({ failed: 1, removed: 1 })
    expect(await tagsOf(stuck.id)).toEqual(['new', 'old'])
    expect(await tagsOf(fine.id)).toEqual(['new'])
  })

  it('stops between images when its job is aborted', async () => {
    const controller = new AbortController()
    controller.abort('process stopping')
    expect(await world.app.services.retention.runAll(controller.signal)).toEqual({ images: 0, removed: 0, failed: 0 })
  })
})
