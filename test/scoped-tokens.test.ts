// Scoped API tokens: limited to images matching their patterns and to the actions given, within
// the user's own rights. Outside the scopes an image does not exist for the token; a change the
// scopes do not allow is FORBIDDEN, and so is every mutation that does not act on images.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.js'
import { ADMIN_TOKEN, createWorld, databaseKind, quietBackgroundWork, type World } from './support/world.js'

const ScopedCreateToken = graphql(`
  mutation ScopedCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) { token apiToken { id scopes { pattern actions } } userErrors { code field message } }
  }
`)
const ScopedCreateImage = graphql(`
  mutation ScopedCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id name } userErrors { code field } }
  }
`)
const ScopedTag = graphql(`
  mutation ScopedTag($input: TagsInput!) {
    tagImage(input: $input) { tags { name } userErrors { code field } }
  }
`)
const ScopedDelete = graphql(`
  mutation ScopedDelete($input: DeleteImageInput!) {
    deleteImage(input: $input) { deletedImageId userErrors { code field } }
  }
`)
const ScopedUpdate = graphql(`
  mutation ScopedUpdate($input: UpdateImageInput!) {
    updateImage(input: $input) { image { id } userErrors { code field } }
  }
`)
const ScopedOrganization = graphql(`
  mutation ScopedOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { organization { id } userErrors { code } }
  }
`)
const ScopedImages = graphql(`
  query ScopedImages {
    images(first: 100, orderBy: { field: NAME, direction: ASC }) { totalCount nodes { name } }
  }
`)
const ScopedImage = graphql(`
  query ScopedImage($name: String!) {
    image(name: $name) { id name viewerPermission }
  }
`)
const ScopedViewerToken = graphql(`
  query ScopedViewerToken {
    viewerToken { name scopes { pattern actions } }
    viewer { name isAdmin }
  }
`)
const ScopedLocalImages = graphql(`
  query ScopedLocalImages {
    localImages(first: 1) { totalCount }
  }
`)
const ScopedAudit = graphql(`
  query ScopedAudit($filter: AuditLogFilter) {
    auditLog(filter: $filter, first: 5) { nodes { action outcome detail tokenId } }
  }
`)

describe(`scoped API tokens (${databaseKind})`, () => {
  let world: World
  let alice: { id: number; token: string }
  let scoped: string
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    world = await createWorld()
    await quietBackgroundWork(world)
    alice = await world.createUser('alice')
    for (const [name, isPrivate] of [['alice/api', false], ['alice/api-worker', true], ['alice/web', true]] as const) {
      ids[name] = (await world.ok(ScopedCreateImage, { input: { name, isPrivate } }, { token: alice.token })).createImage.image!.id
    }
    const { createApiToken } = await world.ok(
      ScopedCreateToken,
      { input: { name: 'ci', scopes: [{ pattern: 'alice/api*', actions: ['TAG', 'BUILD'] }] } },
      { token: alice.token },
    )
    expect(createApiToken.apiToken!.scopes).toEqual([{ pattern: 'alice/api*', actions: ['TAG', 'BUILD'] }])
    scoped = createApiToken.token!
  })
  afterAll(() => world?.dispose())

  it('sees only the images its scopes cover, in lists and by name', async () => {
    const { images } = await world.ok(ScopedImages, {}, { token: scoped })
    expect(images.nodes.map((node) => node.name)).toEqual(['alice/api', 'alice/api-worker'])
    expect(images.totalCount).toBe(2)
    expect((await world.ok(ScopedImage, { name: 'alice/web' }, { token: scoped })).image).toBeNull()
    expect((await world.ok(ScopedImage, { name: 'alice/api-worker' }, { token: scoped })).image).toMatchObject({ viewerPermission: 'ADMIN' })
  })

  it('does what its actions allow, and is FORBIDDEN the rest; outside its scopes an image is NOT_FOUND', async () => {
    expect((await world.ok(ScopedTag, { input: { imageId: ids['alice/api']!, tags: ['1.0'] } }, { token: scoped })).tagImage.userErrors).toEqual([])
    const outside = await world.ok(ScopedTag, { input: { imageId: ids['alice/web']!, tags: ['1.0'] } }, { token: scoped })
    expect(outside.tagImage.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'imageId'] }])
    const deleted = await world.run(ScopedDelete, { input: { id: ids['alice/api']! } }, { token: scoped })
    expect(deleted.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect(deleted.errors?.[0]?.message).toContain('DELETE')
    const settings = await world.run(ScopedUpdate, { input: { id: ids['alice/api']!, description: 'no' } }, { token: scoped })
    expect(settings.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect((await world.ok(ScopedImage, { name: 'alice/api' }, { token: alice.token })).image).not.toBeNull()
  })

  it('creates images only under its patterns', async () => {
    expect((await world.ok(ScopedCreateImage, { input: { name: 'alice/api-new' } }, { token: scoped })).createImage.userErrors).toEqual([])
    const refused = await world.run(ScopedCreateImage, { input: { name: 'alice/other' } }, { token: scoped })
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect(await world.app.db.image.count({ where: { name: 'alice/other' } })).toBe(0)
  })

  it('runs no mutation that does not act on images, and never with an administrator\'s powers', async () => {
    for (const result of [
      await world.run(ScopedCreateToken, { input: { name: 'escalate' } }, { token: scoped }),
      await world.run(ScopedOrganization, { input: { name: 'scoped-org' } }, { token: scoped }),
    ]) {
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    }
    const { createApiToken } = await world.ok(ScopedCreateToken, { input: { name: 'admin-scoped', scopes: [{ pattern: 'admin', actions: ['READ'] }] } })
    const adminScoped = createApiToken.token!
    // The account is an administrator's; the token does not carry those powers.
    expect((await world.ok(ScopedViewerToken, {}, { token: adminScoped })).viewer).toEqual({ name: 'admin', isAdmin: true })
    expect((await world.run(ScopedLocalImages, {}, { token: adminScoped })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    // The same account's unscoped token passes that check (and meets the next: here, no engine).
    expect((await world.run(ScopedLocalImages, {}, { token: ADMIN_TOKEN })).errors?.map((error) => error.extensions?.code) ?? []).not.toContain('FORBIDDEN')
  })

  it('shows its scopes to its holder', async () => {
    expect((await world.ok(ScopedViewerToken, {}, { token: scoped })).viewerToken).toEqual({ name: 'ci', scopes: [{ pattern: 'alice/api*', actions: ['TAG', 'BUILD'] }] })
    expect((await world.ok(ScopedViewerToken, {}, { token: alice.token })).viewerToken!.scopes).toBeNull()
  })

  it('records a refused scoped call as DENIED, with the token', async () => {
    await world.run(ScopedDelete, { input: { id: ids['alice/api-worker']! } }, { token: scoped })
    const [entry] = (await world.ok(ScopedAudit, { filter: { actor: 'alice', action: 'mutation.deleteImage' } })).auditLog!.nodes
    expect(entry).toMatchObject({ outcome: 'DENIED', detail: 'FORBIDDEN' })
    expect(entry!.tokenId).toMatch(/\S/)
  })

  it('refuses bad scopes, naming the field and the rule', async () => {
    const attempt = async (scopes: unknown) =>
      (await world.ok(ScopedCreateToken, { input: { name: 'bad', scopes: scopes as never } }, { token: alice.token })).createApiToken.userErrors
    expect(await attempt([])).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'scopes'] })])
    expect(await attempt([{ pattern: 'Alice/*web', actions: ['READ'] }])).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'scopes', '0', 'pattern'] })])
    expect(await attempt([{ pattern: 'alice', actions: [] }])).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'scopes', '0', 'actions'] })])
    expect(await attempt(Array.from({ length: 21 }, () => ({ pattern: 'alice', actions: ['READ'] })))).toEqual([expect.objectContaining({ code: 'TOO_MANY', field: ['input', 'scopes'] })])
  })
})
