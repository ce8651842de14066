// The audit log: every mutation (with its outcome), every webhook delivery and every failed
// sign-in is recorded with who, which token, from where and on what; never an input value or a
// secret. Administrators read it (auditLog, auditEvents); nobody changes it through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.js'
import { openSubscription } from './support/sse.js'
import { ADMIN_TOKEN, createWorld, databaseKind, gid, quietBackgroundWork, type World } from './support/world.js'

const AuditCreateImage = graphql(`
  mutation AuditCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id } userErrors { code } }
  }
`)
const AuditUpdateImage = graphql(`
  mutation AuditUpdateImage($input: UpdateImageInput!) {
    updateImage(input: $input) { image { id } }
  }
`)
const AuditAddRegistry = graphql(`
  mutation AuditAddRegistry($input: AddRegistryInput!) {
    addRegistry(input: $input) { registry { id } }
  }
`)
const AuditCreateToken = graphql(`
  mutation AuditCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) { token }
  }
`)
const AuditLogQuery = graphql(`
  query AuditLogQuery($filter: AuditLogFilter, $first: Int, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id at actorName actorId tokenId address action targetId imageId outcome detail }
    }
  }
`)
const AuditEventsFeed = graphql(`
  subscription AuditEventsFeed {
    auditEvents { action actorName outcome imageId }
  }
`)

describe(`the audit log (${databaseKind})`, () => {
  let world: World
  let alice: { id: number; token: string }
  let bob: { id: number; token: string }
  beforeAll(async () => {
    world = await createWorld({ AUDIT_RETENTION_DAYS: '30' })
    await quietBackgroundWork(world)
    alice = await world.createUser('alice')
    bob = await world.createUser('bob')
  })
  afterAll(() => world?.dispose())

  const log = async (filter: Record<string, unknown>, first = 100) => (await world.ok(AuditLogQuery, { filter, first })).auditLog!

  it('records a mutation with who did it, the token, the address, the target and the outcome', async () => {
    const { createImage } = await world.ok(AuditCreateImage, { input: { name: 'alice/web' } }, { token: alice.token })
    const imageId = createImage.image!.id
    await world.ok(AuditUpdateImage, { input: { id: imageId, description: 'changed' } }, { token: alice.token })
    const { nodes } = await log({ actor: 'alice' })
    const [update, create] = nodes
    expect(update).toMatchObject({ actorName: 'alice', actorId: gid('User', alice.id), action: 'mutation.updateImage', targetId: imageId, imageId, outcome: 'OK', detail: null, address: 'in-process' })
    expect(update!.tokenId).toMatch(/\S/)
    expect(create).toMatchObject({ action: 'mutation.createImage', outcome: 'OK', targetId: null })
    expect(Number(update!.id)).toBeGreaterThan(Number(create!.id))
  })

  it('records a refused input as REJECTED with its codes, and a refused caller as DENIED', async () => {
    await world.ok(AuditCreateImage, { input: { name: 'Not A Name!' } }, { token: alice.token })
    const { createImage } = await world.ok(AuditCreateImage, { input: { name: 'alice/alices' } }, { token: alice.token })
    const forbidden = await world.run(AuditUpdateImage, { input: { id: createImage.image!.id, description: 'not yours' } }, { token: bob.token })
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    const [rejected] = (await log({ actor: 'alice', action: 'mutation.createImage' })).nodes.filter((node) => node.outcome === 'REJECTED')
    expect(rejected).toMatchObject({ outcome: 'REJECTED', detail: 'INVALID input.name' })
    expect((await log({ actor: 'bob' })).nodes[0]).toMatchObject({ action: 'mutation.updateImage', outcome: 'DENIED', detail: 'FORBIDDEN', imageId: createImage.image!.id })
  })

  it('records a failed sign-in with the address, and a webhook delivery, never the token or the body', async () => {
    const badToken = 'icat_this-is-not-a-token-0123456789'
    const refused = await world.run(AuditCreateImage, { input: { name: 'audit/never' } }, { token: badToken })
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    const [failed] = (await log({ action: 'auth.failed' })).nodes
    expect(failed).toMatchObject({ actorName: null, address: 'in-process', outcome: 'DENIED', detail: 'The API token is not valid' })

    const hook = await world.app.yoga.fetch('http://localhost/hooks/git/audit/nothing-here', {
      method: 'POST',
      headers: { 'x-github-delivery': 'delivery-1', 'x-hub-signature-256': 'sha256=00' },
      body: JSON.stringify({ secret: 'webhook-body-secret' }),
    })
    expect(hook.status).toBe(401)
    expect((await log({ action: 'webhook.delivery' })).nodes[0]).toMatchObject({ outcome: 'DENIED', detail: 'HTTP 401 (delivery delivery-1)', imageId: null })

    const everything = JSON.stringify(await world.app.db.auditEvent.findMany())
    expect(everything).not.toContain(badToken)
    expect(everything).not.toContain('webhook-body-secret')
  })

  it('holds no password or token that a mutation was given or answered', async () => {
    await world.ok(AuditAddRegistry, { input: { name: 'audit-registry', url: 'http://127.0.0.1:1', username: 'robot', password: 'hunter2-registry-password' } })
    const { createApiToken } = await world.ok(AuditCreateToken, { input: { name: 'ci' } }, { token: alice.token })
    const everything = JSON.stringify(await world.app.db.auditEvent.findMany())
    expect(everything).toContain('mutation.addRegistry')
    expect(everything).toContain('mutation.createApiToken')
    for (const secret of ['hunter2-registry-password', createApiToken.token, ADMIN_TOKEN, alice.token]) expect(everything).not.toContain(secret)
  })

  it('is for administrators only: others are refused, and nobody may change it', async () => {
    const asAlice = await world.run(AuditLogQuery, { first: 1 }, { token: alice.token })
    expect(asAlice).toMatchObject({ data: { auditLog: null }, errors: [{ extensions: { code: 'FORBIDDEN' } }] })
    const anonymous = await world.run(AuditLogQuery, { first: 1 }, { token: null })
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    const mutations = Object.keys(world.app.yoga.getEnveloped().schema.getMutationType()!.getFields())
    expect(mutations.filter((name) => /audit/i.test(name))).toEqual([])
  })

  it('filters by actor, image, action and time, pages newest first, and names a bad filter', async () => {
    const { createImage } = await world.ok(AuditCreateImage, { input: { name: 'bob/filtered' } }, { token: bob.token })
    const imageId = createImage.image!.id
    for (const description of ['one', 'two', 'three']) await world.ok(AuditUpdateImage, { input: { id: imageId, description } }, { token: bob.token })
    const byImage = await log({ imageId })
    expect(byImage.totalCount).toBe(3)
    expect(byImage.nodes.every((node) => node.imageId === imageId && node.action === 'mutation.updateImage')).toBe(true)

    const firstPage = (await world.ok(AuditLogQuery, { filter: { imageId }, first: 2 })).auditLog!
    expect(firstPage.nodes).toHaveLength(2)
    expect(firstPage.pageInfo.hasNextPage).toBe(true)
    const secondPage = (await world.ok(AuditLogQuery, { filter: { imageId }, first: 2, after: firstPage.pageInfo.endCursor })).auditLog!
    expect(secondPage.nodes.map((node) => node.id)).toEqual([byImage.nodes[2]!.id])

    const now = new Date()
    expect((await log({ since: new Date(now.getTime() + 60_000).toISOString() })).totalCount).toBe(0)
    expect((await log({ until: new Date(now.getTime() - 24 * 60 * 60_000).toISOString() })).totalCount).toBe(0)
    expect((await log({ actor: 'nobody-at-all' })).totalCount).toBe(0)
    const backwards = await world.run(AuditLogQuery, { filter: { since: now.toISOString(), until: new Date(now.getTime() - 1000).toISOString() } })
    expect(backwards.errors?.[0]).toMatchObject({ message: 'until must not be before since', extensions: { code: 'BAD_USER_INPUT' } })
    const badImage = await world.run(AuditLogQuery, { filter: { imageId: gid('User', 1) } })
    expect(badImage.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })

  it('streams entries to administrators as they are written', async () => {
    const feed = await openSubscription(world, AuditEventsFeed, {})
    await world.ok(AuditCreateImage, { input: { name: 'alice/live' } }, { token: alice.token })
    expect((await feed.next())?.data?.auditEvents).toEqual({ action: 'mutation.createImage', actorName: 'alice', outcome: 'OK', imageId: null })
    feed.close()
    const refused = await openSubscription(world, AuditEventsFeed, {}, { token: alice.token })
    expect((await refused.next())?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    refused.close()
  })

  it('removes entries older than AUDIT_RETENTION_DAYS and keeps the rest', async () => {
    const old = await world.app.db.auditEvent.create({ data: { action: 'mutation.old', outcome: 'OK', at: new Date(Date.now() - 31 * 24 * 60 * 60_000) } })
    const kept = await world.app.db.auditEvent.count()
    expect(await world.app.services.audit.prune()).toBe(1)
    expect(await world.app.db.auditEvent.findUnique({ where: { id: old.id } })).toBeNull()
    expect(await world.app.db.auditEvent.count()).toBe(kept - 1)
  })
})
