// Users and API tokens: who is asking, how tokens are minted, stored, used and ended.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.js'
import { ADMIN_TOKEN, createWorld, type World, gid } from './support/world.js'

const AuthViewerToken = graphql(`
  query AuthViewerToken {
    viewerToken { id name lastUsedAt lastUsedAddress }
  }
`)
const AuthViewer = graphql(`
  query AuthViewer {
    viewer { id name isAdmin }
  }
`)

const AuthViewerTokens = graphql(`
  query AuthViewerTokens {
    viewer {
      name
      apiTokens { totalCount nodes { id name prefix createdAt expiresAt lastUsedAt revokedAt } }
    }
  }
`)

const AuthUserTokens = graphql(`
  query AuthUserTokens($id: ID!) {
    node(id: $id) {
      ... on User { name apiTokens { totalCount nodes { id name } } }
    }
  }
`)

const AuthUserTokenCount = graphql(`
  query AuthUserTokenCount($id: ID!) {
    node(id: $id) {
      ... on User { apiTokens { totalCount } }
    }
  }
`)

const AuthTokenNode = graphql(`
  query AuthTokenNode($id: ID!) {
    node(id: $id) { id ... on ApiToken { name prefix revokedAt } }
  }
`)

const AuthCreateUser = graphql(`
  mutation AuthCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      user { id name isAdmin }
      token
      userErrors { field message code }
    }
  }
`)

const AuthCreateToken = graphql(`
  mutation AuthCreateToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      apiToken { id name prefix expiresAt revokedAt }
      token
      userErrors { field message code }
    }
  }
`)

const AuthRevokeToken = graphql(`
  mutation AuthRevokeToken($input: RevokeApiTokenInput!) {
    revokeApiToken(input: $input) {
      apiToken { id name revokedAt }
      userErrors { field message code }
    }
  }
`)

const AuthUserProfile = graphql(`
  query AuthUserProfile($id: ID!) {
    node(id: $id) { id ... on User { name isAdmin createdAt } }
  }
`)

const AuthReachableUsers = graphql(`
  query AuthReachableUsers($imageId: ID!, $buildId: ID!) {
    image: node(id: $imageId) { ... on Image { owner { name isAdmin } } }
    build: node(id: $buildId) { ... on Build { requestedBy { name isAdmin } } }
  }
`)

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const idOf = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1])
const HOUR = 3600_000

describe('auth', () => {
  let world: World

  beforeAll(async () => {
    world = await createWorld()
  })
  afterAll(() => world?.dispose())

  /** A fresh API token of a fresh (or given) user, minted through the API. */
  async function mintToken(ownerToken: string, name = 'laptop', expiresAt?: string) {
    const data = await world.ok(AuthCreateToken, { input: { name, expiresAt } }, { token: ownerToken })
    expect(data.createApiToken.userErrors).toEqual([])
    return { token: data.createApiToken.token!, id: data.createApiToken.apiToken!.id, dbId: idOf(data.createApiToken.apiToken!.id) }
  }

  async function expectUnauthenticated(response: Awaited<ReturnType<World['run']>>) {
    expect(response.status).toBe(401)
    expect(response.data ?? null).toBeNull()
    expect(response.errors).toEqual([expect.objectContaining({ message: expect.any(String), extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })])
  }

  describe('who is asking', () => {
    it('no Authorization header is an anonymous caller', async () => {
      const result = await world.run(AuthViewer, undefined, { token: null })
      expect(result.status).toBe(200)
      expect(result.errors).toBeUndefined()
      expect(result.data).toEqual({ viewer: null })
    })

    it('a valid Bearer token is its user', async () => {
      const alice = await world.createUser('alice')
      const data = await world.ok(AuthViewer, undefined, { token: alice.token })
      expect(data.viewer).toEqual({ id: gid('User', alice.id), name: 'alice', isAdmin: false })
      expect((await world.ok(AuthViewer)).viewer).toMatchObject({ name: 'admin', isAdmin: true })
    })

    it('accepts the scheme in any case', async () => {
      const result = await world.run(AuthViewer, undefined, { token: null, headers: { authorization: `bearer ${ADMIN_TOKEN}` } })
      expect(result.data?.viewer?.name).toBe('admin')
    })

    it('an unknown token is refused with 401, never treated as anonymous', async () => {
      await expectUnauthenticated(await world.run(AuthViewer, undefined, { token: 'icat_not-a-real-token' }))
    })

    it.each([
      ['Basic credentials', 'Basic YWRtaW46cGFzcw=='],
      ['a bare token', ADMIN_TOKEN],
      ['Bearer without a token', 'Bearer '],
      ['a token with a space inside', `Bearer ${ADMIN_TOKEN} extra`],
    ])('a malformed Authorization header (%s) is refused with 401', async (_what, header) => {
      await expectUnauthenticated(await world.run(AuthViewer, undefined, { token: null, headers: { authorization: header } }))
    })

    it('a revoked token is refused with 401', async () => {
      const bob = await world.createUser('bob')
      const extra = await mintToken(bob.token, 'to-revoke')
      expect((await world.ok(AuthViewer, undefined, { token: extra.token })).viewer?.name).toBe('bob')
      await world.app.db.apiToken.update({ where: { id: extra.dbId }, data: { revokedAt: new Date() } })
      await expectUnauthenticated(await world.run(AuthViewer, undefined, { token: extra.token }))
    })

    it('an expired token is refused with 401', async () => {
      const carol = await world.createUser('carol')
      const soon = await mintToken(carol.token, 'short-lived', new Date(Date.now() + HOUR).toISOString())
      expect((await world.ok(AuthViewer, undefined, { token: soon.token })).viewer?.name).toBe('carol')
      await world.app.db.apiToken.update({ where: { id: soon.dbId }, data: { expiresAt: new Date(Date.now() - 1000) } })
      const result = await world.run(AuthViewer, undefined, { token: soon.token })
      await expectUnauthenticated(result)
      expect(result.errors![0]!.message).toMatch(/expired/)
    })

    it('stores tokens only as their SHA-256 hex digest', async () => {
      const dave = await world.createUser('dave')
      const minted = await mintToken(dave.token, 'hashed')
      const row = await world.app.db.apiToken.findUniqueOrThrow({ where: { id: minted.dbId } })
      expect(row.tokenHash).toBe(sha256(minted.token))
      expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/)
      expect(row.prefix).toBe(minted.token.slice(0, row.prefix.length))
      expect(row.prefix.length).toBeLessThan(minted.token.length / 2)
      // The secret itself is in no column of any token row.
      const everything = JSON.stringify(await world.app.db.apiToken.findMany())
      expect(everything).not.toContain(minted.token)
      expect(everything).not.toContain(minted.token.slice(row.prefix.length))
    })

    it('records when a token was last used', async () => {
      const erin = await world.createUser('erin')
      const minted = await mintToken(erin.token, 'tracked')
      expect((await world.app.db.apiToken.findUniqueOrThrow({ where: { id: minted.dbId } })).lastUsedAt).toBeNull()
      const before = Date.now()
      await world.ok(AuthViewer, undefined, { token: minted.token })
      const used = (await world.app.db.apiToken.findUniqueOrThrow({ where: { id: minted.dbId } })).lastUsedAt
      expect(used).not.toBeNull()
      expect(used!.getTime()).toBeGreaterThanOrEqual(before - 1000)
      expect(used!.getTime()).toBeLessThanOrEqual(Date.now() + 1000)
    })

    it('records the address a token was last used from, and shows the token in use to its holder', async () => {
      const gina = await world.createUser('gina')
      const minted = await mintToken(gina.token, 'where')
      const { viewerToken } = await world.ok(AuthViewerToken, undefined, { token: minted.token })
      expect(viewerToken).toMatchObject({ name: 'where', lastUsedAddress: 'in-process' })
      expect(viewerToken!.lastUsedAt).not.toBeNull()
      expect((await world.ok(AuthViewerToken, undefined, { token: null })).viewerToken).toBeNull()
      // Nobody else reads it through the token's id.
      expect((await world.ok(AuthTokenNode, { id: viewerToken!.id }, { token: (await world.createUser('hank')).token })).node).toBeNull()
    })
  })

  describe('createUser', () => {
    it('creates a user whose first token works', async () => {
      const data = await world.ok(AuthCreateUser, { input: { name: 'frank' } })
      expect(data.createUser.userErrors).toEqual([])
      expect(data.createUser.user).toMatchObject({ name: 'frank', isAdmin: false })
      expect(data.createUser.token).toMatch(/^icat_/)
      const viewer = await world.ok(AuthViewer, undefined, { token: data.createUser.token! })
      expect(viewer.viewer).toEqual(data.createUser.user)
      const row = await world.app.db.user.findUniqueOrThrow({ where: { name: 'frank' }, include: { apiTokens: true } })
      expect(row.apiTokens.map((t) => t.tokenHash)).toEqual([sha256(data.createUser.token!)])
    })

    it('creates administrators when asked', async () => {
      const data = await world.ok(AuthCreateUser, { input: { name: 'second-admin', isAdmin: true } })
      expect(data.createUser.user).toMatchObject({ isAdmin: true })
      expect((await world.ok(AuthViewer, undefined, { token: data.createUser.token! })).viewer?.isAdmin).toBe(true)
    })

    it.each([
      ['empty', ''],
      ['uppercase', 'Grace'],
      ['starting with a dot', '.grace'],
      ['starting with a dash', '-grace'],
      ['with a space', 'grace hopper'],
      ['with a slash', 'grace/hopper'],
      ['65 characters', 'g'.repeat(65)],
    ])('refuses a name that is %s (INVALID), writing nothing', async (_what, name) => {
      const users = await world.app.db.user.count()
      const tokens = await world.app.db.apiToken.count()
      const data = await world.ok(AuthCreateUser, { input: { name } })
      expect(data.createUser).toEqual({
        user: null,
        token: null,
        userErrors: [{ field: ['input', 'name'], code: 'INVALID', message: expect.stringContaining('[a-z0-9][a-z0-9_.-]{0,63}') }],
      })
      expect(await world.app.db.user.count()).toBe(users)
      expect(await world.app.db.apiToken.count()).toBe(tokens)
    })

    it('accepts names at the edges of the rule', async () => {
      for (const name of ['0', 'a_b.c-d', 'h'.repeat(64)]) {
        const data = await world.ok(AuthCreateUser, { input: { name } })
        expect(data.createUser.userErrors).toEqual([])
        expect(data.createUser.user!.name).toBe(name)
      }
    })

    it('refuses a name that is taken (TAKEN), leaving no stray token', async () => {
      await world.createUser('henry')
      const tokens = await world.app.db.apiToken.count()
      const data = await world.ok(AuthCreateUser, { input: { name: 'henry' } })
      expect(data.createUser.token).toBeNull()
      expect(data.createUser.userErrors).toEqual([{ field: ['input', 'name'], code: 'TAKEN', message: expect.stringContaining('henry') }])
      expect(await world.app.db.user.count({ where: { name: 'henry' } })).toBe(1)
      expect(await world.app.db.apiToken.count()).toBe(tokens)
    })

    it('is for administrators only', async () => {
      const ivy = await world.createUser('ivy')
      const asMember = await world.run(AuthCreateUser, { input: { name: 'ivy-friend', isAdmin: true } }, { token: ivy.token })
      expect(asMember.errors).toEqual([expect.objectContaining({ path: ['createUser'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })])
      const asAnon = await world.run(AuthCreateUser, { input: { name: 'ivy-friend' } }, { token: null })
      expect(asAnon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
      expect(await world.app.db.user.findUnique({ where: { name: 'ivy-friend' } })).toBeNull()
    })
  })

  describe('createApiToken', () => {
    it('returns the secret once; the token works and is listed without it', async () => {
      const jack = await world.createUser('jack')
      const expiresAt = new Date(Date.now() + 24 * HOUR).toISOString()
      const data = await world.ok(AuthCreateToken, { input: { name: ' ci-runner ', expiresAt } }, { token: jack.token })
      expect(data.createApiToken.userErrors).toEqual([])
      const { token, apiToken } = data.createApiToken
      expect(token).toMatch(/^icat_[A-Za-z0-9_-]{43}$/)
      expect(apiToken).toMatchObject({ name: 'ci-runner', prefix: token!.slice(0, apiToken!.prefix.length), expiresAt, revokedAt: null })
      expect((await world.ok(AuthViewer, undefined, { token: token! })).viewer?.name).toBe('jack')

      const listed = await world.run(AuthViewerTokens, undefined, { token: jack.token })
      expect(listed.data!.viewer!.apiTokens.nodes.map((t) => t.name)).toEqual(['ci-runner', 'initial'])
      expect(JSON.stringify(listed)).not.toContain(token!)
    })

    it('mints a different secret every time', async () => {
      const kim = await world.createUser('kim')
      const a = await mintToken(kim.token, 'same')
      const b = await mintToken(kim.token, 'same')
      expect(a.token).not.toBe(b.token)
    })

    it.each([
      ['empty', ''],
      ['blank', '  '],
      ['longer than 64 characters', 'n'.repeat(65)],
    ])('refuses a name that is %s (INVALID)', async (_what, name) => {
      const tokens = await world.app.db.apiToken.count()
      const data = await world.ok(AuthCreateToken, { input: { name } })
      expect(data.createApiToken).toEqual({
        apiToken: null,
        token: null,
        userErrors: [{ field: ['input', 'name'], code: 'INVALID', message: expect.any(String) }],
      })
      expect(await world.app.db.apiToken.count()).toBe(tokens)
    })

    it('requires a name (GraphQL validation)', async () => {
      const result = await world.run(AuthCreateToken, { input: {} as { name: string } })
      expect(result.status).toBe(400)
      expect(result.errors?.[0]?.message).toMatch(/name/)
    })

    it('refuses an expiry in the past (INVALID)', async () => {
      const tokens = await world.app.db.apiToken.count()
      const data = await world.ok(AuthCreateToken, { input: { name: 'stale', expiresAt: new Date(Date.now() - HOUR).toISOString() } })
      expect(data.createApiToken.token).toBeNull()
      expect(data.createApiToken.userErrors).toEqual([{ field: ['input', 'expiresAt'], code: 'INVALID', message: 'Expiry must be in the future' }])
      expect(await world.app.db.apiToken.count()).toBe(tokens)
    })

    it('anonymous callers get UNAUTHENTICATED', async () => {
      const tokens = await world.app.db.apiToken.count()
      const result = await world.run(AuthCreateToken, { input: { name: 'anon' } }, { token: null })
      expect(result.errors).toEqual([expect.objectContaining({ path: ['createApiToken'], extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })])
      expect(await world.app.db.apiToken.count()).toBe(tokens)
    })
  })

  describe('revokeApiToken', () => {
    it('revokes an own token, which then gets 401; revoking again is a no-op', async () => {
      const lena = await world.createUser('lena')
      const extra = await mintToken(lena.token, 'revoke-me')
      const data = await world.ok(AuthRevokeToken, { input: { id: extra.id } }, { token: lena.token })
      expect(data.revokeApiToken.userErrors).toEqual([])
      expect(data.revokeApiToken.apiToken).toMatchObject({ id: extra.id, name: 'revoke-me', revokedAt: expect.any(String) })
      await expectUnauthenticated(await world.run(AuthViewer, undefined, { token: extra.token }))
      // The user's other token still works.
      expect((await world.ok(AuthViewer, undefined, { token: lena.token })).viewer?.name).toBe('lena')

      const again = await world.ok(AuthRevokeToken, { input: { id: extra.id } }, { token: lena.token })
      expect(again.revokeApiToken.userErrors).toEqual([])
      expect(again.revokeApiToken.apiToken!.revokedAt).toBe(data.revokeApiToken.apiToken!.revokedAt)
    })

    it('a token may revoke itself', async () => {
      const mia = await world.createUser('mia')
      const self = await mintToken(mia.token, 'self')
      const data = await world.ok(AuthRevokeToken, { input: { id: self.id } }, { token: self.token })
      expect(data.revokeApiToken.apiToken!.revokedAt).not.toBeNull()
      await expectUnauthenticated(await world.run(AuthViewer, undefined, { token: self.token }))
    })

    it("an administrator may revoke another user's token", async () => {
      const ned = await world.createUser('ned')
      const extra = await mintToken(ned.token, 'admin-revokes')
      const data = await world.ok(AuthRevokeToken, { input: { id: extra.id } })
      expect(data.revokeApiToken.userErrors).toEqual([])
      expect((await world.app.db.apiToken.findUniqueOrThrow({ where: { id: extra.dbId } })).revokedAt).not.toBeNull()
      await expectUnauthenticated(await world.run(AuthViewer, undefined, { token: extra.token }))
    })

    it("another member's token is NOT_FOUND, exactly like a missing one, and stays valid", async () => {
      const olga = await world.createUser('olga')
      const pete = await world.createUser('pete')
      const olgasToken = await mintToken(olga.token, 'olgas')
      const theirs = await world.ok(AuthRevokeToken, { input: { id: olgasToken.id } }, { token: pete.token })
      const missing = await world.ok(AuthRevokeToken, { input: { id: gid('ApiToken', 999_999) } }, { token: pete.token })
      expect(theirs.revokeApiToken).toEqual({
        apiToken: null,
        userErrors: [{ field: ['input', 'id'], code: 'NOT_FOUND', message: 'API token does not exist' }],
      })
      expect(missing.revokeApiToken).toEqual(theirs.revokeApiToken)
      expect((await world.app.db.apiToken.findUniqueOrThrow({ where: { id: olgasToken.dbId } })).revokedAt).toBeNull()
      expect((await world.ok(AuthViewer, undefined, { token: olgasToken.token })).viewer?.name).toBe('olga')
    })

    it('a bad id is INVALID_ID; anonymous callers get UNAUTHENTICATED', async () => {
      const bad = await world.ok(AuthRevokeToken, { input: { id: gid('User', 1) } })
      expect(bad.revokeApiToken.userErrors).toEqual([{ field: ['input', 'id'], code: 'INVALID_ID', message: expect.any(String) }])
      const anon = await world.run(AuthRevokeToken, { input: { id: gid('ApiToken', 1) } }, { token: null })
      expect(anon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
      expect((await world.app.db.apiToken.findUniqueOrThrow({ where: { id: 1 } })).revokedAt).toBeNull()
    })
  })

  describe('viewer.apiTokens and token visibility', () => {
    it('lists the own tokens, newest first, with totalCount', async () => {
      const quinn = await world.createUser('quinn')
      await mintToken(quinn.token, 'one')
      await mintToken(quinn.token, 'two')
      const data = await world.ok(AuthViewerTokens, undefined, { token: quinn.token })
      expect(data.viewer!.apiTokens.totalCount).toBe(3)
      expect(data.viewer!.apiTokens.nodes.map((t) => t.name)).toEqual(['two', 'one', 'initial'])
      expect(data.viewer!.apiTokens.nodes[2]!.lastUsedAt).not.toBeNull()
    })

    it("another user's tokens are FORBIDDEN to a member, visible to an administrator", async () => {
      const rose = await world.createUser('rose')
      const sam = await world.createUser('sam')
      await mintToken(rose.token, 'roses')
      const asSam = await world.run(AuthUserTokens, { id: gid('User', rose.id) }, { token: sam.token })
      expect(asSam.errors).toEqual([expect.objectContaining({ path: ['node', 'apiTokens'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })])
      expect(JSON.stringify(asSam)).not.toContain('roses')

      // Asking for the count alone is refused too.
      const countOnly = await world.run(AuthUserTokenCount, { id: gid('User', rose.id) }, { token: sam.token })
      expect(countOnly.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      expect(countOnly.data).toEqual({ node: null })

      const asAnon = await world.run(AuthUserTokens, { id: gid('User', rose.id) }, { token: null })
      expect(asAnon.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')

      const asAdmin = await world.ok(AuthUserTokens, { id: gid('User', rose.id) })
      expect(asAdmin.node).toMatchObject({ name: 'rose', apiTokens: { totalCount: 2 } })
      const asRose = await world.ok(AuthUserTokens, { id: gid('User', rose.id) }, { token: rose.token })
      expect(asRose.node).toMatchObject({ name: 'rose', apiTokens: { totalCount: 2 } })
    })

    it('node(id:) shows a token to its owner and administrators only', async () => {
      const tom = await world.createUser('tom')
      const uma = await world.createUser('uma')
      const toms = await mintToken(tom.token, 'toms')
      expect((await world.ok(AuthTokenNode, { id: toms.id }, { token: tom.token })).node).toMatchObject({ id: toms.id, name: 'toms' })
      expect((await world.ok(AuthTokenNode, { id: toms.id })).node).toMatchObject({ id: toms.id, name: 'toms' })
      const asUma = await world.run(AuthTokenNode, { id: toms.id }, { token: uma.token })
      expect(asUma.errors).toBeUndefined()
      expect(asUma.data).toEqual({ node: null })
      expect((await world.run(AuthTokenNode, { id: toms.id }, { token: null })).data).toEqual({ node: null })
    })
  })

  describe("a user's public profile", () => {
    it('is the name and createdAt; isAdmin is shown to the user and administrators only', async () => {
      const vera = await world.createUser('vera')
      const wes = await world.createUser('wes')
      const boss = await world.createUser('boss', { isAdmin: true })
      const profile = async (id: number, token: string | null) => (await world.ok(AuthUserProfile, { id: gid('User', id) }, { token })).node
      const createdAt = (await world.app.db.user.findUniqueOrThrow({ where: { id: boss.id } })).createdAt.toISOString()
      const publicOnly = { id: gid('User', boss.id), name: 'boss', isAdmin: null, createdAt }
      expect(await profile(boss.id, null)).toEqual(publicOnly)
      expect(await profile(boss.id, vera.token)).toEqual(publicOnly)
      expect(await profile(boss.id, boss.token)).toEqual({ ...publicOnly, isAdmin: true })
      expect(await profile(vera.id, vera.token)).toMatchObject({ name: 'vera', isAdmin: false })
      expect(await profile(vera.id, wes.token)).toMatchObject({ name: 'vera', isAdmin: null })
      expect(await profile(vera.id, ADMIN_TOKEN)).toMatchObject({ name: 'vera', isAdmin: false })
    })

    it('is the same rule wherever a user is reachable: an image owner, a build requester', async () => {
      const owner = await world.createUser('xena', { isAdmin: true })
      const yan = await world.createUser('yan')
      const image = await world.app.db.image.create({ data: { name: 'profiles/public', ownerId: owner.id, isPrivate: false } })
      const build = await world.app.db.build.create({ data: { imageId: image.id, requestedById: owner.id, targetTag: 'latest', state: 'SUCCEEDED' } })
      const reach = (token: string | null) => world.ok(AuthReachableUsers, { imageId: gid('Image', image.id), buildId: gid('Build', build.id) }, { token })
      const hidden = { name: 'xena', isAdmin: null }
      expect(await reach(null)).toEqual({ image: { owner: hidden }, build: { requestedBy: hidden } })
      expect(await reach(yan.token)).toEqual({ image: { owner: hidden }, build: { requestedBy: hidden } })
      const shown = { name: 'xena', isAdmin: true }
      expect(await reach(owner.token)).toEqual({ image: { owner: shown }, build: { requestedBy: shown } })
      expect(await reach(ADMIN_TOKEN)).toEqual({ image: { owner: shown }, build: { requestedBy: shown } })
    })
  })
})
