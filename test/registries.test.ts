// Registries: admin-only writes, a fixed default registry, and write-only passwords.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.js'
import type { AddRegistryInput } from './gql/graphql.js'
import { ADMIN_TOKEN, createWorld, type World, gid } from './support/world.js'

const RegistriesList = graphql(`
  query RegistriesList {
    # Every registry the tests add fits on one page, whatever order the tests run in.
    registries(first: 100) {
      totalCount
      nodes { id name url apiVersion trustSelfSignedCert isDefault hasPassword username }
    }
  }
`)

const RegistriesAdd = graphql(`
  mutation RegistriesAdd($input: AddRegistryInput!) {
    addRegistry(input: $input) {
      registry { id name url apiVersion trustSelfSignedCert isDefault hasPassword username }
      userErrors { field message code }
    }
  }
`)

const RegistriesUpdate = graphql(`
  mutation RegistriesUpdate($input: UpdateRegistryInput!) {
    updateRegistry(input: $input) {
      registry { id name url apiVersion trustSelfSignedCert isDefault hasPassword username }
      userErrors { field message code }
    }
  }
`)

const RegistriesDelete = graphql(`
  mutation RegistriesDelete($input: DeleteRegistryInput!) {
    deleteRegistry(input: $input) {
      deletedRegistryId
      userErrors { field message code }
    }
  }
`)

const RegistriesTypeFields = graphql(`
  query RegistriesTypeFields {
    __type(name: "Registry") { fields { name } }
  }
`)

const idOf = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1])

describe('registries', () => {
  let world: World
  let member: { id: number; token: string }
  let seq = 0
  const uniqueName = (prefix = 'reg') => `${prefix}-${++seq}`

  beforeAll(async () => {
    world = await createWorld()
    member = await world.createUser('reg-member')
  })
  afterAll(() => world?.dispose())

  /** Adds a registry as the admin through the API and returns its database row. */
  async function addRegistry(input: Partial<AddRegistryInput> = {}) {
    const data = await world.ok(RegistriesAdd, { input: { name: uniqueName(), url: 'https://registry.example.test', ...input } })
    expect(data.addRegistry.userErrors).toEqual([])
    const registry = data.addRegistry.registry!
    return { ...registry, dbId: idOf(registry.id) }
  }

  async function defaultRegistry() {
    return (await world.app.db.registry.findFirstOrThrow({ where: { isDefault: true } }))!
  }

  describe('registries query', () => {
    it('lists the default Docker Hub registry first, with totalCount', async () => {
      await addRegistry({ name: 'aaa-sorts-before-docker' })
      const data = await world.ok(RegistriesList)
      const count = await world.app.db.registry.count()
      expect(data.registries.totalCount).toBe(count)
      expect(data.registries.nodes).toHaveLength(count)
      expect(data.registries.nodes[0]).toMatchObject({
        name: 'Docker Hub',
        url: 'https://registry-1.docker.io',
        apiVersion: 'V2',
        isDefault: true,
        hasPassword: false,
      })
      expect(data.registries.nodes.filter((r) => r.isDefault)).toHaveLength(1)
    })

    it('is readable anonymously', async () => {
      const result = await world.run(RegistriesList, undefined, { token: null })
      expect(result.errors).toBeUndefined()
      expect(result.data!.registries.nodes[0]!.name).toBe('Docker Hub')
    })
  })

  describe('addRegistry', () => {
    it('adds a registry with every field', async () => {
      const data = await world.ok(RegistriesAdd, {
        input: {
          name: 'local-v1',
          url: 'http://127.0.0.1:5000/',
          apiVersion: 'V1',
          trustSelfSignedCert: true,
          username: 'ci',
          password: 's3cret',
        },
      })
      expect(data.addRegistry.userErrors).toEqual([])
      expect(data.addRegistry.registry).toMatchObject({
        name: 'local-v1',
        url: 'http://127.0.0.1:5000',
        apiVersion: 'V1',
        trustSelfSignedCert: true,
        isDefault: false,
        hasPassword: true,
        username: 'ci',
      })
      const stored = await world.app.db.registry.findUniqueOrThrow({ where: { name: 'local-v1' } })
      expect(stored).toMatchObject({ apiVersion: 'v1', trustSelfSignedCert: true, username: 'ci', isDefault: false })
    })

    it('defaults to API V2, no self-signed trust and no credentials', async () => {
      const registry = await addRegistry({ name: 'plain' })
      expect(registry).toMatchObject({ apiVersion: 'V2', trustSelfSignedCert: false, hasPassword: false, username: null, isDefault: false })
    })

    it('refuses a name that is taken', async () => {
      await addRegistry({ name: 'dup-name' })
      const before = await world.app.db.registry.count()
      const data = await world.ok(RegistriesAdd, { input: { name: 'dup-name', url: 'https://other.example.test' } })
      expect(data.addRegistry.registry).toBeNull()
      expect(data.addRegistry.userErrors).toEqual([{ field: ['input', 'name'], code: 'TAKEN', message: expect.stringContaining('dup-name') }])
      expect(await world.app.db.registry.count()).toBe(before)
    })

    it('refuses the name of the default registry', async () => {
      const data = await world.ok(RegistriesAdd, { input: { name: 'Docker Hub', url: 'https://other.example.test' } })
      expect(data.addRegistry.userErrors).toEqual([expect.objectContaining({ field: ['input', 'name'], code: 'TAKEN' })])
    })

    it.each([
      ['an ftp URL', 'ftp://files.example.test'],
      ['a relative path', '/registry'],
      ['not a URL at all', 'registry.example.test'],
      ['a file URL', 'file:///etc/passwd'],
    ])('refuses %s as url', async (_what, url) => {
      const name = uniqueName('bad-url')
      const data = await world.ok(RegistriesAdd, { input: { name, url } })
      expect(data.addRegistry.registry).toBeNull()
      expect(data.addRegistry.userErrors).toEqual([{ field: ['input', 'url'], code: 'INVALID', message: expect.any(String) }])
      expect(await world.app.db.registry.findUnique({ where: { name } })).toBeNull()
    })

    it.each([
      ['empty', ''],
      ['blank', '   '],
      ['longer than 64 characters', 'x'.repeat(65)],
    ])('refuses a name that is %s', async (_what, name) => {
      const before = await world.app.db.registry.count()
      const data = await world.ok(RegistriesAdd, { input: { name, url: 'https://registry.example.test' } })
      expect(data.addRegistry.userErrors).toEqual([{ field: ['input', 'name'], code: 'INVALID', message: expect.any(String) }])
      expect(await world.app.db.registry.count()).toBe(before)
    })

    it('keeps a search API URL, refuses one that is not http(s), and forgets it when emptied', async () => {
      const data = await world.ok(RegistriesAdd, { input: { name: uniqueName(), url: 'https://r.example.test', searchUrl: ' https://r.example.test/v1/search ' } })
      const id = idOf(data.addRegistry.registry!.id)
      expect((await world.app.db.registry.findUniqueOrThrow({ where: { id } })).searchUrl).toBe('https://r.example.test/v1/search')
      const name = uniqueName()
      const bad = await world.ok(RegistriesAdd, { input: { name, url: 'https://r.example.test', searchUrl: 'file:///etc/passwd' } })
      expect(bad.addRegistry.userErrors).toEqual([{ field: ['input', 'searchUrl'], code: 'INVALID', message: expect.any(String) }])
      expect(await world.app.db.registry.findUnique({ where: { name } })).toBeNull()
      await world.ok(RegistriesUpdate, { input: { id: data.addRegistry.registry!.id, searchUrl: '' } })
      expect((await world.app.db.registry.findUniqueOrThrow({ where: { id } })).searchUrl).toBeNull()
      // The default registry is Docker Hub, whose search lives on its index.
      expect((await world.app.db.registry.findFirstOrThrow({ where: { isDefault: true } })).searchUrl).toBe('https://index.docker.io/v1/search')
    })

    it('refuses credentials in url and searchUrl, pointing to username and password, and writes nothing', async () => {
      const before = await world.app.db.registry.count()
      const urls = ['http://user:pw-do-not-leak@127.0.0.1:5000', 'https://u:p@rt-do-not-leak@registry.example.test', 'https://token-do-not-leak@registry.example.test']
      for (const url of urls) {
        const added = await world.run(RegistriesAdd, { input: { name: uniqueName(), url } })
        expect(added.data?.addRegistry).toEqual({
          registry: null,
          userErrors: [{ field: ['input', 'url'], code: 'INVALID', message: expect.stringMatching(/username and password/) }],
        })
        expect(JSON.stringify(added)).not.toContain('do-not-leak')
      }
      const search = await world.ok(RegistriesAdd, { input: { name: uniqueName(), url: 'https://registry.example.test', searchUrl: 'https://u:pw-do-not-leak@index.example.test/v1/search' } })
      expect(search.addRegistry.userErrors).toMatchObject([{ field: ['input', 'searchUrl'], code: 'INVALID', message: expect.stringMatching(/username and password/) }])
      expect(JSON.stringify(search)).not.toContain('do-not-leak')
      // An unparseable URL is not echoed with its password either.
      const broken = await world.ok(RegistriesAdd, { input: { name: uniqueName(), url: 'http://u:pw-do-not-leak@[bad' } })
      expect(broken.addRegistry.userErrors).toMatchObject([{ field: ['input', 'url'], code: 'INVALID' }])
      expect(JSON.stringify(broken)).not.toContain('do-not-leak')
      expect(await world.app.db.registry.count()).toBe(before)
    })

    it('refuses a password longer than 4096 characters', async () => {
      const name = uniqueName()
      const data = await world.ok(RegistriesAdd, { input: { name, url: 'https://r.example.test', username: 'u', password: 'p'.repeat(4097) } })
      expect(data.addRegistry.userErrors).toEqual([{ field: ['input', 'password'], code: 'INVALID', message: expect.any(String) }])
      expect(await world.app.db.registry.findUnique({ where: { name } })).toBeNull()
    })

    it('is for administrators only: a member gets FORBIDDEN and nothing is written', async () => {
      const before = await world.app.db.registry.count()
      const result = await world.run(RegistriesAdd, { input: { name: 'by-member', url: 'https://r.example.test' } }, { token: member.token })
      expect(result.errors).toEqual([expect.objectContaining({ path: ['addRegistry'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })])
      expect(result.status).toBe(403)
      expect(await world.app.db.registry.count()).toBe(before)
    })

    it('anonymous callers get UNAUTHENTICATED and nothing is written', async () => {
      const before = await world.app.db.registry.count()
      const result = await world.run(RegistriesAdd, { input: { name: 'by-anon', url: 'https://r.example.test' } }, { token: null })
      expect(result.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })])
      expect(await world.app.db.registry.count()).toBe(before)
    })
  })

  describe('updateRegistry', () => {
    it('changes the given fields and keeps the others', async () => {
      const registry = await addRegistry({ name: 'to-update', username: 'keep-me', password: 'keep-pw' })
      const data = await world.ok(RegistriesUpdate, {
        input: { id: registry.id, name: 'updated', url: 'https://updated.example.test', apiVersion: 'V1', trustSelfSignedCert: true },
      })
      expect(data.updateRegistry.userErrors).toEqual([])
      expect(data.updateRegistry.registry).toMatchObject({
        id: registry.id,
        name: 'updated',
        url: 'https://updated.example.test',
        apiVersion: 'V1',
        trustSelfSignedCert: true,
        username: 'keep-me',
        hasPassword: true,
      })
      expect(await world.app.services.registries.credentials(registry.dbId)).toEqual({ username: 'keep-me', password: 'keep-pw' })
    })

    it('refuses renaming to a taken name, and writes nothing', async () => {
      const first = await addRegistry({ name: 'rename-a' })
      const second = await addRegistry({ name: 'rename-b', url: 'https://b.example.test' })
      const data = await world.ok(RegistriesUpdate, { input: { id: second.id, name: 'rename-a', url: 'https://changed.example.test' } })
      expect(data.updateRegistry.registry).toBeNull()
      expect(data.updateRegistry.userErrors).toEqual([{ field: ['input', 'name'], code: 'TAKEN', message: expect.stringContaining('rename-a') }])
      expect(await world.app.db.registry.findUniqueOrThrow({ where: { id: second.dbId } })).toMatchObject({ name: 'rename-b', url: 'https://b.example.test' })
      expect(await world.app.db.registry.findUniqueOrThrow({ where: { id: first.dbId } })).toMatchObject({ name: 'rename-a' })
    })

    it('keeps its own name when renamed to itself', async () => {
      const registry = await addRegistry({ name: 'same-name' })
      const data = await world.ok(RegistriesUpdate, { input: { id: registry.id, name: 'same-name' } })
      expect(data.updateRegistry.userErrors).toEqual([])
      expect(data.updateRegistry.registry!.name).toBe('same-name')
    })

    it('refuses a non-http(s) url and keeps the old one', async () => {
      const registry = await addRegistry({ url: 'https://before.example.test' })
      const data = await world.ok(RegistriesUpdate, { input: { id: registry.id, url: 'gopher://after.example.test' } })
      expect(data.updateRegistry.userErrors).toEqual([{ field: ['input', 'url'], code: 'INVALID', message: 'URL must use http or https' }])
      expect((await world.app.db.registry.findUniqueOrThrow({ where: { id: registry.dbId } })).url).toBe('https://before.example.test')
    })

    it('refuses credentials in a new url and keeps the old one', async () => {
      const registry = await addRegistry({ url: 'https://kept.example.test' })
      const { updateRegistry } = await world.ok(RegistriesUpdate, { input: { id: registry.id, url: 'https://ci:pw-do-not-leak@kept.example.test' } })
      expect(updateRegistry).toEqual({
        registry: null,
        userErrors: [{ field: ['input', 'url'], code: 'INVALID', message: expect.stringMatching(/username and password/) }],
      })
      expect(JSON.stringify(updateRegistry)).not.toContain('do-not-leak')
      expect((await world.app.db.registry.findUniqueOrThrow({ where: { id: registry.dbId } })).url).toBe('https://kept.example.test')
    })

    it('refuses to change the default registry (READ_ONLY)', async () => {
      const dockerHub = await defaultRegistry()
      const data = await world.ok(RegistriesUpdate, { input: { id: gid('Registry', dockerHub.id), name: 'Not Docker Hub', url: 'https://evil.example.test' } })
      expect(data.updateRegistry.registry).toBeNull()
      expect(data.updateRegistry.userErrors).toEqual([{ field: ['input', 'id'], code: 'READ_ONLY', message: expect.stringContaining('Docker Hub') }])
      expect(await defaultRegistry()).toEqual(dockerHub)
    })

    it('answers NOT_FOUND for an unknown id', async () => {
      const data = await world.ok(RegistriesUpdate, { input: { id: gid('Registry', 999_999), name: 'ghost' } })
      expect(data.updateRegistry.userErrors).toEqual([{ field: ['input', 'id'], code: 'NOT_FOUND', message: 'Registry does not exist' }])
    })

    it.each([
      ['not base64 of Type:id', 'not-an-id'],
      ['the ID of another type', gid('Category', 1)],
      ['a non-numeric id', gid('Registry', 'abc' as unknown as number)],
    ])('answers INVALID_ID for %s', async (_what, id) => {
      const data = await world.ok(RegistriesUpdate, { input: { id, name: 'whatever' } })
      expect(data.updateRegistry.userErrors).toEqual([{ field: ['input', 'id'], code: 'INVALID_ID', message: expect.any(String) }])
    })

    it('is for administrators only', async () => {
      const registry = await addRegistry({ name: 'member-cannot-touch' })
      const asMember = await world.run(RegistriesUpdate, { input: { id: registry.id, name: 'touched' } }, { token: member.token })
      expect(asMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      const asAnon = await world.run(RegistriesUpdate, { input: { id: registry.id, name: 'touched' } }, { token: null })
      expect(asAnon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
      expect((await world.app.db.registry.findUniqueOrThrow({ where: { id: registry.dbId } })).name).toBe('member-cannot-touch')
    })
  })

  describe('deleteRegistry', () => {
    it('deletes an unused registry', async () => {
      const registry = await addRegistry()
      const data = await world.ok(RegistriesDelete, { input: { id: registry.id } })
      expect(data.deleteRegistry).toEqual({ deletedRegistryId: registry.id, userErrors: [] })
      expect(await world.app.db.registry.findUnique({ where: { id: registry.dbId } })).toBeNull()
    })

    it('refuses while an image uses it (IN_USE), keeping both', async () => {
      const registry = await addRegistry({ name: 'in-use' })
      const image = await world.app.db.image.create({ data: { name: 'reg/uses-registry', ownerId: 1, registryId: registry.dbId } })
      const data = await world.ok(RegistriesDelete, { input: { id: registry.id } })
      expect(data.deleteRegistry.deletedRegistryId).toBeNull()
      expect(data.deleteRegistry.userErrors).toEqual([{ field: ['input', 'id'], code: 'IN_USE', message: expect.stringContaining('in-use') }])
      expect(await world.app.db.registry.findUnique({ where: { id: registry.dbId } })).not.toBeNull()
      expect((await world.app.db.image.findUniqueOrThrow({ where: { id: image.id } })).registryId).toBe(registry.dbId)
    })

    it('refuses to delete the default registry (READ_ONLY)', async () => {
      const dockerHub = await defaultRegistry()
      const data = await world.ok(RegistriesDelete, { input: { id: gid('Registry', dockerHub.id) } })
      expect(data.deleteRegistry.userErrors).toEqual([{ field: ['input', 'id'], code: 'READ_ONLY', message: expect.any(String) }])
      expect(await world.app.db.registry.findUnique({ where: { id: dockerHub.id } })).not.toBeNull()
    })

    it('answers NOT_FOUND for an unknown id and INVALID_ID for a bad one', async () => {
      const missing = await world.ok(RegistriesDelete, { input: { id: gid('Registry', 999_999) } })
      expect(missing.deleteRegistry.userErrors).toEqual([{ field: ['input', 'id'], code: 'NOT_FOUND', message: 'Registry does not exist' }])
      const bad = await world.ok(RegistriesDelete, { input: { id: gid('Image', 1) } })
      expect(bad.deleteRegistry.userErrors).toEqual([{ field: ['input', 'id'], code: 'INVALID_ID', message: expect.any(String) }])
    })

    it('is for administrators only', async () => {
      const registry = await addRegistry()
      const asMember = await world.run(RegistriesDelete, { input: { id: registry.id } }, { token: member.token })
      expect(asMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      const asAnon = await world.run(RegistriesDelete, { input: { id: registry.id } }, { token: null })
      expect(asAnon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
      expect(await world.app.db.registry.findUnique({ where: { id: registry.dbId } })).not.toBeNull()
    })
  })

  describe('secrets', () => {
    const PASSWORD = 'pa55-w0rd-do-not-leak'

    it('stores the password as AES-256-GCM ciphertext that credentials() decrypts', async () => {
      const registry = await addRegistry({ username: 'robot', password: PASSWORD })
      const stored = await world.app.db.registry.findUniqueOrThrow({ where: { id: registry.dbId } })
      expect(stored.passwordCiphertext).not.toBeNull()
      expect(stored.passwordCiphertext).not.toContain(PASSWORD)
      expect(stored.passwordCiphertext).not.toContain(Buffer.from(PASSWORD).toString('base64'))
      // iv.tag.data: a 96-bit IV, a 128-bit GCM tag and as many bytes as the plaintext.
      const [iv, tag, data] = stored.passwordCiphertext!.split('.').map((part) => Buffer.from(part, 'base64'))
      expect(iv).toHaveLength(12)
      expect(tag).toHaveLength(16)
      expect(data).toHaveLength(Buffer.byteLength(PASSWORD))
      expect(await world.app.services.registries.credentials(registry.dbId)).toEqual({ username: 'robot', password: PASSWORD })
    })

    it('seals the same password differently each time (random IV)', async () => {
      const a = await addRegistry({ username: 'u', password: PASSWORD })
      const b = await addRegistry({ username: 'u', password: PASSWORD })
      const [sa, sb] = await Promise.all([a, b].map((r) => world.app.db.registry.findUniqueOrThrow({ where: { id: r.dbId } })))
      expect(sa!.passwordCiphertext).not.toBe(sb!.passwordCiphertext)
    })

    it('has no field that returns the password or its ciphertext', async () => {
      const registry = await addRegistry({ username: 'robot', password: PASSWORD })
      const stored = await world.app.db.registry.findUniqueOrThrow({ where: { id: registry.dbId } })
      const { __type } = await world.ok(RegistriesTypeFields)
      const fields = __type!.fields!.map((f) => f.name)
      expect(fields).not.toContain('password')
      expect(fields).not.toContain('passwordCiphertext')
      // Every field of the type, selected at once, for the admin: neither secret appears.
      // The one object field (the registry's organization) is selected with a field of its own.
      const selection = fields.map((field) => (field === 'organization' ? 'organization { id }' : field))
      const query = `query { node(id: "${registry.id}") { ... on Registry { ${selection.join(' ')} } } }`
      const response = await world.post(JSON.stringify({ query }), { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` })
      const text = await response.text()
      expect(response.status).toBe(200)
      expect(JSON.parse(text).data.node).toMatchObject({ id: registry.id, hasPassword: true, username: 'robot' })
      expect(text).not.toContain(PASSWORD)
      expect(text).not.toContain(stored.passwordCiphertext!)
    })

    it('an update with a new password replaces it; null or empty clears it', async () => {
      const registry = await addRegistry({ username: 'robot', password: PASSWORD })
      const replaced = await world.ok(RegistriesUpdate, { input: { id: registry.id, password: 'second' } })
      expect(replaced.updateRegistry.registry!.hasPassword).toBe(true)
      expect(await world.app.services.registries.credentials(registry.dbId)).toEqual({ username: 'robot', password: 'second' })

      const untouched = await world.ok(RegistriesUpdate, { input: { id: registry.id, url: 'https://moved.example.test' } })
      expect(untouched.updateRegistry.registry!.hasPassword).toBe(true)

      const emptied = await world.ok(RegistriesUpdate, { input: { id: registry.id, password: '' } })
      expect(emptied.updateRegistry.registry!.hasPassword).toBe(false)
      expect((await world.app.db.registry.findUniqueOrThrow({ where: { id: registry.dbId } })).passwordCiphertext).toBeNull()
      expect(await world.app.services.registries.credentials(registry.dbId)).toBeNull()

      await world.ok(RegistriesUpdate, { input: { id: registry.id, password: 'third' } })
      const nulled = await world.ok(RegistriesUpdate, { input: { id: registry.id, password: null } })
      expect(nulled.updateRegistry.registry!.hasPassword).toBe(false)
      expect((await world.app.db.registry.findUniqueOrThrow({ where: { id: registry.dbId } })).passwordCiphertext).toBeNull()
    })

    it('an empty password on add stores none', async () => {
      const registry = await addRegistry({ username: 'robot', password: '' })
      expect(registry.hasPassword).toBe(false)
      expect((await world.app.db.registry.findUniqueOrThrow({ where: { id: registry.dbId } })).passwordCiphertext).toBeNull()
    })

    it('shows the username to administrators only', async () => {
      const registry = await addRegistry({ name: 'with-user', username: 'robot', password: PASSWORD })
      const pick = (data: { registries: { nodes: { id: string; username?: string | null; hasPassword: boolean }[] } }) =>
        data.registries.nodes.find((r) => r.id === registry.id)!
      expect(pick(await world.ok(RegistriesList))).toMatchObject({ username: 'robot', hasPassword: true })
      expect(pick(await world.ok(RegistriesList, undefined, { token: member.token }))).toMatchObject({ username: null, hasPassword: true })
      expect(pick(await world.ok(RegistriesList, undefined, { token: null }))).toMatchObject({ username: null, hasPassword: true })
    })
  })
})
