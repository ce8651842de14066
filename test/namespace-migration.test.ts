// Upgrading a catalog made before namespaces: the database is migrated as the previous release
// left it (up to its last migration), filled the way that release filled it, then started by
// this one. Every image ends in a namespace, nothing is lost, and the next start changes nothing.
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateNamespaces } from '../src/catalog/namespace-migration.js'
import { createDb, type Db } from '../src/db/client.js'
import { migrateDatabase, type DatabaseTarget } from '../src/db/migrate.js'
import { graphql } from './gql/index.js'
import { emptyMigrationTarget } from './support/postgres.js'
import { runLogger } from './support/run-log.js'
import { createWorld, databaseKind, quietBackgroundWork, type World } from './support/world.js'

/** The last migration of the release before namespaces. */
const PREVIOUS_RELEASE = '20261203171448_audit_log'

const MigratedImages = graphql(`
  query MigratedImages {
    images(first: 100, orderBy: { field: NAME, direction: ASC }) { nodes { name isPrivate owner { name } organization { name } } }
  }
`)
const MigratedOrganization = graphql(`
  query MigratedOrganization($name: String!) {
    organization(name: $name) { name members { nodes { user { name } role } } }
  }
`)

describe(`upgrading a catalog from before namespaces (${databaseKind})`, () => {
  let target: DatabaseTarget
  let cleanup: () => Promise<void>
  let world: World
  let tokens: Record<string, string>

  beforeAll(async () => {
    ;({ target, cleanup } = await emptyMigrationTarget(databaseKind, path.join('previous', 'catalog.db')))
    await migrateDatabase(target, { upTo: PREVIOUS_RELEASE })
    const old = createDb(target.provider === 'sqlite' ? { ...target, file: target.url.slice(5) } : target)
    try {
      await fillAsThePreviousReleaseDid(old)
    } finally {
      await old.$disconnect()
    }
    world = await createWorld({ DATABASE_URL: target.url })
    await quietBackgroundWork(world)
    tokens = {}
    for (const name of ['alice', 'bob']) {
      const user = await world.app.db.user.findUniqueOrThrow({ where: { name } })
      tokens[name] = (await world.app.services.users.createApiToken({ id: user.id, name, isAdmin: false }, { name: 'test' })).token
    }
  })
  afterAll(async () => {
    await world?.dispose()
    await cleanup?.()
  })

  it('gives every image a namespace: a free first component becomes an organization its owner owns, anything else moves to the owner', async () => {
    const { images } = await world.ok(MigratedImages, {}, { token: tokens.alice })
    expect(images.nodes).toEqual([
      { name: 'alice/bob/x', isPrivate: false, owner: { name: 'alice' }, organization: null },
      { name: 'alice/own', isPrivate: false, owner: { name: 'alice' }, organization: null },
      { name: 'alice/web', isPrivate: false, owner: { name: 'alice' }, organization: null },
      { name: 'alice/web-2', isPrivate: false, owner: { name: 'alice' }, organization: null },
      { name: 'bob/team/other', isPrivate: false, owner: { name: 'bob' }, organization: null },
      { name: 'team/api', isPrivate: true, owner: { name: 'alice' }, organization: { name: 'team' } },
      { name: 'team/cli', isPrivate: false, owner: { name: 'alice' }, organization: { name: 'team' } },
    ])
    expect((await world.ok(MigratedOrganization, { name: 'team' }, { token: tokens.alice })).organization).toEqual({
      name: 'team',
      members: { nodes: [{ user: { name: 'alice' }, role: 'OWNER' }] },
    })
  })

  it("keeps a private image its owner's alone, and keeps the engine's name of a renamed image's tags", async () => {
    const { images } = await world.ok(MigratedImages, {}, { token: tokens.bob })
    expect(images.nodes.map((image) => image.name)).not.toContain('team/api')
    const tag = await world.app.db.tag.findFirstOrThrow({ where: { image: { name: 'alice/web-2' } } })
    expect(tag).toMatchObject({ name: 'latest', engineReference: 'web:latest' })
    const untouched = await world.app.db.tag.findFirstOrThrow({ where: { image: { name: 'alice/own' } } })
    expect(untouched.engineReference).toBeNull()
  })

  it('finds nothing to do on the next start', async () => {
    expect(await migrateNamespaces(world.app.db, runLogger())).toBe(0)
  })
})

/** Rows as the previous release wrote them: no organizations, names without a namespace. */
async function fillAsThePreviousReleaseDid(db: Db) {
  const now = 'CURRENT_TIMESTAMP'
  for (const name of ['alice', 'bob']) await db.$executeRawUnsafe(`INSERT INTO "User" ("name", "isAdmin", "createdAt") VALUES ('${name}', false, ${now})`)
  const ids = Object.fromEntries((await db.$queryRawUnsafe<{ id: number; name: string }[]>(`SELECT "id", "name" FROM "User"`)).map((u) => [u.name, Number(u.id)]))
  const images: [string, string, boolean][] = [
    ['web', 'alice', false],
    ['alice/own', 'alice', false],
    ['alice/web', 'alice', false],
    ['team/api', 'alice', true],
    ['team/cli', 'alice', false],
    ['team/other', 'bob', false],
    ['bob/x', 'alice', false],
  ]
  for (const [name, owner, isPrivate] of images) {
    await db.$executeRawUnsafe(
      `INSERT INTO "Image" ("name", "ownerId", "isPrivate", "createdAt", "updatedAt") VALUES ('${name}', ${ids[owner]}, ${isPrivate}, ${now}, ${now})`,
    )
  }
  for (const name of ['web', 'alice/own']) {
    await db.$executeRawUnsafe(
      `INSERT INTO "Tag" ("imageId", "name", "engineImageId", "createdAt", "updatedAt") SELECT "id", 'latest', 'sha256:${'a'.repeat(64)}', ${now}, ${now} FROM "Image" WHERE "name" = '${name}'`,
    )
  }
}
