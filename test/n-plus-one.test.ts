// A nested catalog query must cost the same number of SQL statements for 5 images as for 50.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.js'
import { CatalogPage, seedCatalog } from './support/catalog-seed.js'
import { createWorld, quietBackgroundWork, type World } from './support/world.js'

describe('nested catalog query', () => {
  let world: World
  beforeAll(async () => {
    world = await createWorld()
    await quietBackgroundWork(world)
  })
  afterAll(() => world?.dispose())

  async function statementsFor(first: number) {
    world.statements.length = 0
    const data = await world.ok(CatalogPage, { first })
    const count = world.statements.length
    if (process.env.SHOW_SQL) console.log(world.statements.join('\n'))
    return { data, count }
  }

  it('costs the same number of statements for 5 images as for 50', async () => {
    await seedCatalog(world.app.db, 50)
    // Warm-up: the first request of a token also records when it was last used.
    await statementsFor(1)
    const five = await statementsFor(5)
    const fifty = await statementsFor(50)

    expect(five.data.images.nodes).toHaveLength(5)
    expect(fifty.data.images.nodes).toHaveLength(50)
    const sample = fifty.data.images.nodes[49]!
    expect(sample.buildSource).toEqual({
      repositoryUrl: 'https://git.example.test/app.git',
      autotests: 'OFF',
      buildSettings: [{ branch: 'main', tag: 'latest', autobuild: true }, { branch: 'release', tag: '1.0', autobuild: false }],
    })
    expect(sample.retentionPolicies).toEqual([{ rule: 'KEEP_LAST', keepLast: 10, tagPattern: null }])
    expect(sample).toMatchObject({
      state: 'SUCCESS',
      owner: { name: 'admin' },
      registry: { name: 'mirror-0' },
      categories: { totalCount: 2 },
      tags: { totalCount: 2 },
      versions: { totalCount: 1 },
    })
    expect(sample.versions.nodes[0]!.builds.nodes[0]!.logLines).toMatchObject({ totalCount: 4, nodes: [{ text: 'step 0' }, { text: 'step 1' }, { text: 'step 2' }] })
    console.log(`[n+1] ${process.env.TEST_DATABASE}: ${five.count} SQL statements for 5 images, ${fifty.count} for 50`)
    expect(fifty.count).toBe(five.count)
  })
})

const PullsPage = graphql(`
  query NPlusOnePulls($first: Int!) {
    pulls(first: $first) {
      totalCount
      nodes { reference state progress requestedBy { name } registry { name } image { name state } tag { name digest } }
    }
  }
`)

describe('pulls list', () => {
  let world: World
  beforeAll(async () => {
    world = await createWorld()
    await quietBackgroundWork(world)
  })
  afterAll(() => world?.dispose())

  it('costs the same number of statements for 3 pulls as for 30', async () => {
    const { db } = world.app
    const admin = await db.user.findFirstOrThrow({ where: { isAdmin: true } })
    const registry = await db.registry.create({ data: { name: 'pulls-mirror', url: 'https://mirror.example.test' } })
    for (let i = 0; i < 30; i++) {
      const image = await db.image.create({ data: { name: `pulled/app-${i}`, ownerId: admin.id, registryId: registry.id } })
      const tag = await db.tag.create({ data: { imageId: image.id, name: '1.0', digest: `sha256:${String(i).padStart(64, '0')}` } })
      await db.pull.create({
        data: { reference: `pulled/app-${i}:1.0`, requestedById: admin.id, registryId: registry.id, state: 'SUCCEEDED', progress: 1, imageId: image.id, tagId: tag.id },
      })
    }
    await world.ok(PullsPage, { first: 1 })
    const count = async (first: number) => {
      world.statements.length = 0
      const data = await world.ok(PullsPage, { first })
      expect(data.pulls.nodes).toHaveLength(first)
      expect(data.pulls.nodes[0]).toMatchObject({ state: 'SUCCEEDED', requestedBy: { name: 'admin' }, registry: { name: 'pulls-mirror' }, tag: { name: '1.0' } })
      return world.statements.length
    }
    const three = await count(3)
    const thirty = await count(30)
    console.log(`[n+1] ${process.env.TEST_DATABASE} pulls: ${three} SQL statements for 3 pulls, ${thirty} for 30`)
    expect(thirty).toBe(three)
  })
})

const PushesPage = graphql(`
  query NPlusOnePushes($first: Int!) {
    pushes(first: $first) {
      totalCount
      nodes {
        reference state digest requestedBy { name } registry { name }
        tag { name pushedDigest pushedRegistry { name } image { name } updateCheck(maxAgeSeconds: 0) { registry { name } errorCode } }
      }
    }
  }
`)

describe('pushes list, with each tag compared against its registry', () => {
  let world: World
  beforeAll(async () => {
    world = await createWorld({ REGISTRY_TIMEOUT_MS: '2000' })
  })
  afterAll(() => world?.dispose())

  it('costs the same number of statements for 3 pushes as for 30', async () => {
    const { db } = world.app
    const admin = await db.user.findFirstOrThrow({ where: { isAdmin: true } })
    // Nothing listens on port 1: every comparison fails at once, without leaving the machine.
    const registry = await db.registry.create({ data: { name: 'pushes-target', url: 'http://127.0.0.1:1' } })
    for (let i = 0; i < 30; i++) {
      const digest = `sha256:${String(i).padStart(64, '0')}`
      const image = await db.image.create({ data: { name: `pushed/app-${i}`, ownerId: admin.id } })
      const tag = await db.tag.create({ data: { imageId: image.id, name: '1.0', digest, pushedDigest: digest, pushedRegistryId: registry.id, pushedAt: new Date() } })
      await db.push.create({
        data: { reference: `127.0.0.1:1/pushed/app-${i}:1.0`, tagId: tag.id, imageId: image.id, requestedById: admin.id, registryId: registry.id, state: 'SUCCEEDED', progress: 1, digest },
      })
    }
    await world.ok(PushesPage, { first: 1 })
    const count = async (first: number) => {
      world.statements.length = 0
      const data = await world.ok(PushesPage, { first })
      expect(data.pushes.nodes).toHaveLength(first)
      expect(data.pushes.nodes[0]).toMatchObject({
        state: 'SUCCEEDED',
        requestedBy: { name: 'admin' },
        registry: { name: 'pushes-target' },
        tag: { name: '1.0', pushedRegistry: { name: 'pushes-target' }, updateCheck: { registry: { name: 'pushes-target' }, errorCode: 'REGISTRY_UNREACHABLE' } },
      })
      return world.statements.length
    }
    const three = await count(3)
    const thirty = await count(30)
    console.log(`[n+1] ${process.env.TEST_DATABASE} pushes: ${three} SQL statements for 3 pushes, ${thirty} for 30`)
    expect(thirty).toBe(three)
  })
})

const DeliveriesPage = graphql(`
  query NPlusOneDeliveries($id: ID!, $first: Int!) {
    image(id: $id) { buildSource { deliveries(first: $first) { deliveryId state builds { targetTag state image { name } } } } }
  }
`)

describe("a build source's webhook deliveries, with the builds each queued", () => {
  let world: World
  beforeAll(async () => {
    world = await createWorld()
    await quietBackgroundWork(world)
  })
  afterAll(() => world?.dispose())

  it('costs the same number of statements for 3 deliveries as for 30', async () => {
    const { db } = world.app
    const owner = await db.user.findFirstOrThrow({ where: { isAdmin: true } })
    const image = await db.image.create({ data: { name: 'nplusone/hooked', ownerId: owner.id } })
    const source = await db.buildSource.create({ data: { imageId: image.id, repositoryUrl: 'https://git.example.test/app.git', secretCiphertext: 'sealed' } })
    for (let i = 0; i < 30; i++) {
      const builds = await Promise.all(['a', 'b'].map((tag) => db.build.create({ data: { imageId: image.id, targetTag: `${tag}${i}`, state: 'SUCCEEDED', trigger: 'WEBHOOK' } })))
      await db.hookDelivery.create({ data: { sourceId: source.id, deliveryId: `d-${i}`, state: 'DONE', event: 'push', buildIds: builds.map((build) => build.id) } })
    }
    const id = Buffer.from(`Image:${image.id}`).toString('base64')
    const statementsFor = async (first: number) => {
      world.statements.length = 0
      const data = await world.ok(DeliveriesPage, { id, first })
      if (process.env.SHOW_SQL) console.log(world.statements.join('\n'))
      return { deliveries: data.image!.buildSource!.deliveries, count: world.statements.length }
    }
    await statementsFor(1)
    const three = await statementsFor(3)
    const thirty = await statementsFor(30)
    expect(three.deliveries.map((delivery) => delivery.deliveryId)).toEqual(['d-29', 'd-28', 'd-27'])
    expect(thirty.deliveries).toHaveLength(30)
    expect(thirty.deliveries[29]).toEqual({ deliveryId: 'd-0', state: 'DONE', builds: [{ targetTag: 'a0', state: 'SUCCEEDED', image: { name: 'nplusone/hooked' } }, { targetTag: 'b0', state: 'SUCCEEDED', image: { name: 'nplusone/hooked' } }] })
    console.log(`[n+1] ${process.env.TEST_DATABASE}: ${three.count} SQL statements for 3 deliveries, ${thirty.count} for 30`)
    expect(thirty.count).toBe(three.count)
  })
})
