// A registry's stored credentials go only with the requests of those allowed to use them: an
// organization's registry lends them to its members, any other to administrators. Everyone
// else's reads go to the registry anonymously, and a pull or push that names the registry is
// FORBIDDEN. The registry stand-in asks for Basic credentials and records what each request carried.
import type { IncomingMessage } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.js'
import { registryStandIn } from './support/registry-stand-in.js'
import { createWorld, databaseKind, gid, quietBackgroundWork, type World } from './support/world.js'

const CredAddRegistry = graphql(`
  mutation CredAddRegistry($input: AddRegistryInput!) {
    addRegistry(input: $input) { registry { id organization { name } } userErrors { code field } }
  }
`)
const CredUpdateRegistry = graphql(`
  mutation CredUpdateRegistry($input: UpdateRegistryInput!) {
    updateRegistry(input: $input) { registry { id organization { name } } userErrors { code field } }
  }
`)
const CredCreateOrganization = graphql(`
  mutation CredCreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { organization { id } }
  }
`)
const CredSearch = graphql(`
  query CredSearch($registryId: ID!) {
    searchImages(depot: REGISTRY, registryId: $registryId, text: "app", first: 10) { nodes { name } }
  }
`)
const CredPull = graphql(`
  mutation CredPull($input: PullImageInput!) {
    pullImage(input: $input) { pull { id } userErrors { code field } }
  }
`)
const CredPush = graphql(`
  mutation CredPush($input: PushImageInput!) {
    pushImage(input: $input) { push { id } userErrors { code field } }
  }
`)

describe(`who uses a registry's stored credentials (${databaseKind})`, () => {
  let world: World
  let registry: Awaited<ReturnType<typeof registryStandIn>>
  const carried: (string | null)[] = []
  let registryId: string
  let alice: { id: number; token: string }
  let bob: { id: number; token: string }

  beforeAll(async () => {
    registry = await registryStandIn((req: IncomingMessage, res) => {
      if (!req.url?.startsWith('/v2/_catalog')) return false
      carried.push(req.headers.authorization ?? null)
      if (req.headers.authorization !== `Basic ${Buffer.from('robot:s3cret-registry').toString('base64')}`) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="stand-in"', 'docker-distribution-api-version': 'registry/2.0' }).end()
      } else {
        res.writeHead(200, { 'content-type': 'application/json', 'docker-distribution-api-version': 'registry/2.0' }).end(JSON.stringify({ repositories: ['team/app'] }))
      }
      return true
    })
    world = await createWorld()
    await quietBackgroundWork(world)
    alice = await world.createUser('alice')
    bob = await world.createUser('bob')
    const { addRegistry } = await world.ok(CredAddRegistry, { input: { name: 'private', url: registry.url, username: 'robot', password: 's3cret-registry' } })
    registryId = addRegistry.registry!.id
  })
  afterAll(async () => {
    await world?.dispose()
    await registry?.close()
  })

  const search = async (token: string) => {
    carried.length = 0
    const result = await world.run(CredSearch, { registryId }, { token })
    return { result, carried: [...carried] }
  }

  it("carries an administrator's registry credentials for administrators only; others ask anonymously", async () => {
    const admin = await search((await import('./support/world.js')).ADMIN_TOKEN)
    expect(admin.result.data?.searchImages.nodes).toEqual([{ name: 'team/app' }])
    expect(admin.carried.at(-1)).toMatch(/^Basic /)
    const user = await search(alice.token)
    expect(user.carried.every((header) => header === null)).toBe(true)
    expect(user.carried.length).toBeGreaterThan(0)
    expect(user.result.data?.searchImages ?? null).toBeNull()
    expect(JSON.stringify(user.result)).not.toContain('s3cret-registry')
  })

  it("lends an organization's registry to its members, not to others", async () => {
    const { createOrganization } = await world.ok(CredCreateOrganization, { input: { name: 'acme' } }, { token: alice.token })
    const { updateRegistry } = await world.ok(CredUpdateRegistry, { input: { id: registryId, organizationId: createOrganization.organization!.id } })
    expect(updateRegistry).toMatchObject({ userErrors: [], registry: { organization: { name: 'acme' } } })
    const member = await search(alice.token)
    expect(member.result.data?.searchImages.nodes).toEqual([{ name: 'team/app' }])
    expect(member.carried.at(-1)).toMatch(/^Basic /)
    const outsider = await search(bob.token)
    expect(outsider.carried.every((header) => header === null)).toBe(true)
  })

  it('refuses a pull or a push that names the registry to someone who may not use its credentials', async () => {
    const pull = await world.run(CredPull, { input: { reference: 'team/app:1', registryId, name: 'bob/app' } }, { token: bob.token })
    expect(pull.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    const image = await world.app.db.image.create({ data: { name: 'bob/pushed', ownerId: bob.id } })
    const tag = await world.app.db.tag.create({ data: { imageId: image.id, name: '1', engineImageId: `sha256:${'c'.repeat(64)}` } })
    const push = await world.run(CredPush, { input: { tagId: gid('Tag', tag.id), registryId } }, { token: bob.token })
    expect(push.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect(await world.app.db.pull.count()).toBe(0)
    expect(await world.app.db.push.count()).toBe(0)
    // A member passes that check (and meets the next: here, no engine).
    const memberPull = await world.run(CredPull, { input: { reference: 'team/app:1', registryId, name: 'alice/app' } }, { token: alice.token })
    expect(memberPull.errors?.map((error) => error.extensions?.code) ?? []).not.toContain('FORBIDDEN')
  })

  it('names an unknown organization on the field', async () => {
    const { updateRegistry } = await world.ok(CredUpdateRegistry, { input: { id: registryId, organizationId: gid('Organization', 999_999) } })
    expect(updateRegistry.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'organizationId'] }])
  })
})
