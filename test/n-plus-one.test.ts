// A nested catalog query must cost the same number of SQL statements for 5 images as for 50.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CatalogPage, seedCatalog } from './support/catalog-seed.js'
import { createWorld, type World } from './support/world.js'


describe('nested catalog query', () => {
  let world: World
  beforeAll(async () => {
    world = await createWorld()
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
