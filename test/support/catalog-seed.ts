// A catalog with every relation filled in, for the N+1 test and the benchmark.
import type { Db } from '../../src/db/client.js'
import { graphql } from '../gql/index.js'

/** Every relation of the catalog, nested: what the N+1 test and the benchmark measure. */
export const CatalogPage = graphql(`
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
        tags { totalCount nodes { name digest protected build { state commitSha } } }
        buildSource { repositoryUrl autotests buildSettings { branch tag autobuild } }
        retentionPolicies { rule keepLast tagPattern }
        versions(first: 5) {
          totalCount
          nodes {
            version
            state
            builds(first: 5) { totalCount nodes { state targetTag logLines(first: 3) { totalCount nodes { text } } } }
          }
        }
      }
    }
  }
`)

/** Seeds `count` images, each with tags, categories, a registry, versions and builds with logs. */
export async function seedCatalog(db: Db, count: number, offset = 0) {
  const owner = await db.user.findFirstOrThrow({ where: { isAdmin: true }, orderBy: { id: 'asc' } })
  const registry = await db.registry.create({ data: { name: `mirror-${offset}`, url: 'https://mirror.example.test' } })
  const categories = await Promise.all(['web', 'db'].map((name) => db.category.create({ data: { name: `${name}-${offset}` } })))
  for (let i = 0; i < count; i++) {
    const image = await db.image.create({
      data: {
        name: `seed/app-${String(offset + i).padStart(4, '0')}`,
        ownerId: owner.id,
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
    // Both built, as a build or a pull records them: with a digest.
    const digest = `sha256:${String(offset + i).padStart(64, '0')}`
    await db.tag.createMany({ data: [{ imageId: image.id, name: '1.0', buildId: build.id, digest }, { imageId: image.id, name: 'latest', digest }] })
    await db.buildSource.create({
      data: {
        imageId: image.id,
        repositoryUrl: 'https://git.example.test/app.git',
        secretCiphertext: 'not-a-real-secret',
        settings: { create: [{ branch: 'main', tag: 'latest', autobuild: true }, { branch: 'release', tag: '1.0' }] },
      },
    })
    await db.retentionPolicy.create({ data: { imageId: image.id, rule: 'KEEP_LAST', keepLast: 10 } })
  }
}
