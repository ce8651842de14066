// A nested catalog query must cost the same number of SQL statements for 5 images as for 50.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.js'
import { createWorld, type World } from './support/world.js'

const CatalogPage = graphql(`
  query CatalogPage($first: Int!) {
    images(first: $first, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      nodes {
        name
        state
        lastBuildDate
        starCount
        viewerHasStarred
        owner { name }
        registry { name url }
        categories { totalCount nodes { name } }
        tags { totalCount nodes { name digest build { state } } }
        versions {
          totalCount
          nodes {
            version
            state
            builds { totalCount nodes { state targetTag logLines(first: 3) { totalCount nodes { text } } } }
          }
        }
      }
    }
  }
`)

/** Seeds `count` images, each with tags, categories, a registry, versions and builds with logs. */
async function seedCatalog(world: World, offset: number, count: number) {
  const { db } = world.app
  const registry = await db.registry.create({ data: { name: `mirror-${offset}`, url: 'https://mirror.example.test' } })
  const categories = await Promise.all(['web', 'db'].map((name) => db.category.create({ data: { name: `${name}-${offset}` } })))
  for (let i = 0; i < count; i++) {
    const image = await db.image.create({
      data: {
        name: `seed/app-${String(offset + i).padStart(4, '0')}`,
        ownerId: 1,
        registryId: registry.id,
        categories: { connect: categories.map((c) => ({ id: c.id })) },
      },
    })
    const version = await db.version.create({
      data: { imageId: image.id, version: '1.0', sourceSha256: 'a'.repeat(64), sourceSizeBytes: 10, sourceFilename: 'src.tar', sourceFormat: 'tar' },
    })
    const build = await db.build.create({
      data: { imageId: image.id, versionId: version.id, targetTag: '1.0', state: 'SUCCEEDED', finishedAt: new Date() },
    })
    await db.buildLogLine.createMany({ data: [0, 1, 2, 3].map((lineNo) => ({ buildId: build.id, lineNo, text: `step ${lineNo}` })) })
    await db.tag.createMany({ data: [{ imageId: image.id, name: '1.0', buildId: build.id }, { imageId: image.id, name: 'latest' }] })
  }
}

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
    return { data, count }
  }

  it('costs the same number of statements for 5 images as for 50', async () => {
    await seedCatalog(world, 0, 50)
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
