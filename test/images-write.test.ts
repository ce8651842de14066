// createImage and updateImage: every field, every validation rule, who may write, and
// that a refused write leaves the database as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.js'
import { expectError, gid, seedImage } from './support/images-fixtures.js'
import { createWorld, type World } from './support/world.js'

const ImagesWriteCreate = graphql(`
  mutation ImagesWriteCreate($input: CreateImageInput!) {
    createImage(input: $input) {
      image {
        id name description iconUrl isPrivate jumpstart loginUsername minDiskGb minRamMb metadata
        state starCount viewerHasStarred
        owner { name }
        registry { name }
        categories { nodes { name } }
      }
      userErrors { field message code }
    }
  }
`)
const ImagesWriteUpdate = graphql(`
  mutation ImagesWriteUpdate($input: UpdateImageInput!) {
    updateImage(input: $input) {
      image {
        id name description iconUrl isPrivate jumpstart loginUsername minDiskGb minRamMb metadata
        registry { name }
        categories { nodes { name } }
      }
      userErrors { field message code }
    }
  }
`)

let world: World
let alice: { id: number; token: string }
let bob: { id: number; token: string }
let mirrorId = 0
const categories: Record<string, number> = {}

const imageCount = () => world.app.db.image.count()
const stored = (name: string) => world.app.db.image.findUnique({ where: { name }, include: { categories: { orderBy: { name: 'asc' } } } })

/** Runs createImage as `token` and returns its single userError (failing if there is none). */
async function createRefused(input: Record<string, unknown>, token?: string | null) {
  const before = await imageCount()
  const data = await world.ok(ImagesWriteCreate, { input: { name: 'refused/image', ...input } as never }, { token })
  expect(data.createImage.image).toBeNull()
  expect(data.createImage.userErrors).toHaveLength(1)
  expect(await imageCount()).toBe(before)
  return data.createImage.userErrors[0]!
}

beforeAll(async () => {
  world = await createWorld()
  alice = await world.createUser('alice')
  bob = await world.createUser('bob')
  mirrorId = (await world.app.db.registry.create({ data: { name: 'mirror', url: 'https://mirror.example.test' } })).id
  for (const name of ['web', 'db', 'tools']) categories[name] = (await world.app.db.category.create({ data: { name } })).id
})
afterAll(() => world?.dispose())

describe('createImage', () => {
  it('creates an image with every field, owned by the caller', async () => {
    const data = await world.ok(
      ImagesWriteCreate,
      {
        input: {
          name: 'alice/full',
          description: '  A complete image  ',
          iconUrl: 'https://icons.example.test/full.png',
          isPrivate: true,
          jumpstart: true,
          registryId: gid('Registry', mirrorId),
          categoryIds: [gid('Category', categories.web!), gid('Category', categories.db!), gid('Category', categories.web!)],
          loginUsername: 'ubuntu',
          minDiskGb: 10,
          minRamMb: 2048,
          metadata: { os: 'linux', plugins: ['vanilla', 2], nested: { ok: true } },
        },
      },
      { token: alice.token },
    )
    expect(data.createImage.userErrors).toEqual([])
    expect(data.createImage.image).toEqual({
      id: expect.any(String),
      name: 'alice/full',
      description: 'A complete image',
      iconUrl: 'https://icons.example.test/full.png',
      isPrivate: true,
      jumpstart: true,
      loginUsername: 'ubuntu',
      minDiskGb: 10,
      minRamMb: 2048,
      metadata: { os: 'linux', plugins: ['vanilla', 2], nested: { ok: true } },
      state: 'EMPTY',
      starCount: 0,
      viewerHasStarred: false,
      owner: { name: 'alice' },
      registry: { name: 'mirror' },
      categories: { nodes: [{ name: 'db' }, { name: 'web' }] },
    })
    const row = await stored('alice/full')
    expect(row).toMatchObject({ ownerId: alice.id, registryId: mirrorId, isPrivate: true, minDiskGb: 10, metadata: { os: 'linux', plugins: ['vanilla', 2], nested: { ok: true } } })
    expect(row!.categories.map((c) => c.name)).toEqual(['db', 'web'])
    expect(data.createImage.image!.id).toBe(gid('Image', row!.id))
  })

  it('fills in defaults for what is not given', async () => {
    const data = await world.ok(ImagesWriteCreate, { input: { name: 'bob/bare' } }, { token: bob.token })
    expect(data.createImage.image).toMatchObject({
      name: 'bob/bare',
      description: '',
      iconUrl: null,
      isPrivate: false,
      jumpstart: false,
      loginUsername: null,
      minDiskGb: null,
      minRamMb: null,
      metadata: null,
      registry: null,
      categories: { nodes: [] },
      owner: { name: 'bob' },
    })
  })

  it.each(['admin/a', 'a.b-c_d/e9', 'x/y/z', '0/1', `admin/${'a'.repeat(121)}/${'b'.repeat(127)}`])('accepts the name %s', async (name) => {
    const data = await world.ok(ImagesWriteCreate, { input: { name } })
    expect(data.createImage.userErrors).toEqual([])
    expect(data.createImage.image?.name).toBe(name)
    expect(await stored(name)).not.toBeNull()
  })

  it.each([
    ['empty', ''],
    ['upper case', 'Team/web'],
    ['an empty component', 'a//b'],
    ['a leading slash', '/a'],
    ['a trailing slash', 'a/'],
    ['two separators in a row', 'a..b'],
    ['a double underscore', 'a__b'],
    ['a leading separator', '-a'],
    ['a trailing separator', 'a-'],
    ['a space', 'a b'],
    ['a tag', 'a:latest'],
    ['a digest', 'a@sha256'],
    ['no namespace', 'web'],
    ['256 characters', `${'a'.repeat(128)}/${'b'.repeat(127)}`],
  ])('refuses a name with %s as INVALID on input.name', async (_rule, name) => {
    expect(await createRefused({ name })).toMatchObject({ field: ['input', 'name'], code: 'INVALID' })
  })

  it('refuses a name that is taken as TAKEN, keeping the first image', async () => {
    await world.ok(ImagesWriteCreate, { input: { name: 'alice/shared-name', description: 'first' } }, { token: alice.token })
    const error = await createRefused({ name: 'alice/shared-name', description: 'second' }, alice.token)
    expect(error).toMatchObject({ field: ['input', 'name'], code: 'TAKEN' })
    expect(await stored('alice/shared-name')).toMatchObject({ ownerId: alice.id, description: 'first' })
  })

  it("answers a name in another user's namespace as not writable, never TAKEN, whether or not it exists", async () => {
    await world.ok(ImagesWriteCreate, { input: { name: 'alice/hidden', isPrivate: true } }, { token: alice.token })
    for (const name of ['alice/hidden', 'alice/not-there']) {
      expect(await createRefused({ name }, bob.token)).toMatchObject({ field: ['input', 'name'], code: 'NAMESPACE_NOT_WRITABLE' })
    }
  })

  it('refuses an unknown registry or category as NOT_FOUND and a malformed one as INVALID_ID', async () => {
    expect(await createRefused({ registryId: gid('Registry', 999_999) })).toMatchObject({ field: ['input', 'registryId'], code: 'NOT_FOUND' })
    expect(await createRefused({ registryId: gid('Category', categories.web!) })).toMatchObject({ field: ['input', 'registryId'], code: 'INVALID_ID' })
    expect(await createRefused({ categoryIds: [gid('Category', categories.web!), gid('Category', 999_999)] })).toMatchObject({
      field: ['input', 'categoryIds'],
      code: 'NOT_FOUND',
    })
    expect(await createRefused({ categoryIds: [gid('Category', categories.web!), 'nonsense'] })).toMatchObject({
      field: ['input', 'categoryIds', '1'],
      code: 'INVALID_ID',
    })
  })

  it.each([
    ['iconUrl', 'ftp://icons.example.test/x.png'],
    ['iconUrl', 'javascript:alert(1)'],
    ['iconUrl', 'not a url'],
    ['iconUrl', `https://icons.example.test/${'x'.repeat(2048)}`],
    ['minDiskGb', -1],
    ['minRamMb', -512],
    ['metadata', [1, 2]],
    ['metadata', 'text'],
    ['metadata', 42],
    ['metadata', { big: 'x'.repeat(17 * 1024) }],
    ['loginUsername', ''],
    ['loginUsername', '   '],
    ['loginUsername', 'u'.repeat(65)],
    ['description', 'd'.repeat(4001)],
  ])('refuses %s = %j as INVALID', async (field, value) => {
    expect(await createRefused({ [field]: value })).toMatchObject({ field: ['input', field], code: 'INVALID' })
  })

  it('refuses anonymous callers with UNAUTHENTICATED and writes nothing', async () => {
    const before = await imageCount()
    const result = await world.run(ImagesWriteCreate, { input: { name: 'anon/image' } }, { token: null })
    expectError(result, 'UNAUTHENTICATED')
    expect(result.data).toBeNull()
    expect(await imageCount()).toBe(before)
    expect(await stored('anon/image')).toBeNull()
  })
})

describe('updateImage', () => {
  let full: number
  let alicePublic: number
  let alicePrivate: number

  beforeAll(async () => {
    full = (
      await seedImage(world, { name: 'alice/editable', ownerId: alice.id, description: 'before', registryId: mirrorId, categoryIds: [categories.web!] })
    ).id
    await world.app.db.image.update({
      where: { id: full },
      data: { iconUrl: 'https://icons.example.test/e.png', loginUsername: 'root', minDiskGb: 5, minRamMb: 512, metadata: { a: 1 }, jumpstart: true },
    })
    alicePublic = (await seedImage(world, { name: 'alice/public', ownerId: alice.id, description: 'untouched' })).id
    alicePrivate = (await seedImage(world, { name: 'alice/private', ownerId: alice.id, isPrivate: true, description: 'untouched' })).id
  })

  const row = (id: number) => world.app.db.image.findUniqueOrThrow({ where: { id }, include: { categories: true } })
  const comparable = ({ updatedAt: _u, ...rest }: Awaited<ReturnType<typeof row>>) => rest

  it('changes only the fields given', async () => {
    const before = await row(full)
    const data = await world.ok(ImagesWriteUpdate, { input: { id: gid('Image', full), description: 'after' } }, { token: alice.token })
    expect(data.updateImage.userErrors).toEqual([])
    expect(data.updateImage.image).toMatchObject({ description: 'after', iconUrl: 'https://icons.example.test/e.png', minDiskGb: 5, registry: { name: 'mirror' } })
    expect(comparable(await row(full))).toEqual({ ...comparable(before), description: 'after' })
  })

  it('sets every field', async () => {
    const data = await world.ok(
      ImagesWriteUpdate,
      {
        input: {
          id: gid('Image', full),
          jumpstart: false,
          isPrivate: true,
          loginUsername: 'admin',
          minDiskGb: 0,
          minRamMb: 0,
          metadata: { b: [true] },
          iconUrl: 'http://icons.example.test/new.png',
          categoryIds: [gid('Category', categories.tools!), gid('Category', categories.db!)],
        },
      },
      { token: alice.token },
    )
    expect(data.updateImage.userErrors).toEqual([])
    expect(data.updateImage.image).toMatchObject({
      jumpstart: false,
      isPrivate: true,
      loginUsername: 'admin',
      minDiskGb: 0,
      minRamMb: 0,
      metadata: { b: [true] },
      iconUrl: 'http://icons.example.test/new.png',
      categories: { nodes: [{ name: 'db' }, { name: 'tools' }] },
    })
    await world.ok(ImagesWriteUpdate, { input: { id: gid('Image', full), isPrivate: false } }, { token: alice.token })
    expect((await row(full)).isPrivate).toBe(false)
  })

  it('clears iconUrl, registry, metadata and the other optional fields with null', async () => {
    const data = await world.ok(
      ImagesWriteUpdate,
      { input: { id: gid('Image', full), iconUrl: null, registryId: null, metadata: null, loginUsername: null, minDiskGb: null, minRamMb: null, description: null } },
      { token: alice.token },
    )
    expect(data.updateImage.image).toMatchObject({ iconUrl: null, registry: null, metadata: null, loginUsername: null, minDiskGb: null, minRamMb: null, description: '' })
    expect(await row(full)).toMatchObject({ iconUrl: null, registryId: null, metadata: null, loginUsername: null, minDiskGb: null, minRamMb: null, description: '' })
    const cleared = await world.ok(ImagesWriteUpdate, { input: { id: gid('Image', full), categoryIds: [] } }, { token: alice.token })
    expect(cleared.updateImage.image?.categories.nodes).toEqual([])
  })

  it('renames, and the old name is gone', async () => {
    const data = await world.ok(ImagesWriteUpdate, { input: { id: gid('Image', full), name: 'alice/renamed' } }, { token: alice.token })
    expect(data.updateImage.image?.name).toBe('alice/renamed')
    expect(await stored('alice/editable')).toBeNull()
    expect((await stored('alice/renamed'))?.id).toBe(full)
    const same = await world.ok(ImagesWriteUpdate, { input: { id: gid('Image', full), name: 'alice/renamed' } }, { token: alice.token })
    expect(same.updateImage.userErrors).toEqual([])
  })

  it('refuses a rename to a taken or invalid name and changes nothing', async () => {
    const before = comparable(await row(full))
    const taken = await world.ok(ImagesWriteUpdate, { input: { id: gid('Image', full), name: 'alice/public', description: 'x' } }, { token: alice.token })
    expect(taken.updateImage).toEqual({ image: null, userErrors: [{ field: ['input', 'name'], code: 'TAKEN', message: expect.any(String) }] })
    const invalid = await world.ok(ImagesWriteUpdate, { input: { id: gid('Image', full), name: 'Bad Name' } }, { token: alice.token })
    expect(invalid.updateImage.userErrors).toMatchObject([{ field: ['input', 'name'], code: 'INVALID' }])
    expect(comparable(await row(full))).toEqual(before)
    expect((await row(alicePublic)).description).toBe('untouched')
  })

  it('refuses each invalid field and writes none of the valid ones beside it', async () => {
    const before = comparable(await row(full))
    const cases: [string, unknown, string][] = [
      ['iconUrl', 'ftp://x.example.test', 'INVALID'],
      ['minDiskGb', -1, 'INVALID'],
      ['minRamMb', -1, 'INVALID'],
      ['metadata', ['list'], 'INVALID'],
      ['loginUsername', '', 'INVALID'],
      ['registryId', gid('Registry', 999_999), 'NOT_FOUND'],
      ['registryId', 'bogus', 'INVALID_ID'],
    ]
    for (const [field, value, code] of cases) {
      const data = await world.ok(ImagesWriteUpdate, { input: { id: gid('Image', full), description: 'changed', [field]: value } as never }, { token: alice.token })
      expect(data.updateImage.userErrors, field).toMatchObject([{ field: ['input', field], code }])
    }
    const data = await world.ok(ImagesWriteUpdate, { input: { id: gid('Image', full), description: 'changed', categoryIds: [gid('Category', 999_999)] } }, { token: alice.token })
    expect(data.updateImage.userErrors).toMatchObject([{ field: ['input', 'categoryIds'], code: 'NOT_FOUND' }])
    expect(comparable(await row(full))).toEqual(before)
  })

  it("refuses another user's public image with FORBIDDEN and changes nothing", async () => {
    const result = await world.run(ImagesWriteUpdate, { input: { id: gid('Image', alicePublic), description: 'hacked' } }, { token: bob.token })
    expectError(result, 'FORBIDDEN')
    expect(result.data).toBeNull()
    expect((await row(alicePublic)).description).toBe('untouched')
  })

  it("answers NOT_FOUND for another user's private image, exactly as for a missing one", async () => {
    const hidden = await world.ok(ImagesWriteUpdate, { input: { id: gid('Image', alicePrivate), description: 'hacked' } }, { token: bob.token })
    const missing = await world.ok(ImagesWriteUpdate, { input: { id: gid('Image', 999_999), description: 'hacked' } }, { token: bob.token })
    expect(hidden.updateImage).toEqual({ image: null, userErrors: [{ field: ['input', 'id'], code: 'NOT_FOUND', message: expect.any(String) }] })
    expect(hidden.updateImage.userErrors[0]!.message).toBe(missing.updateImage.userErrors[0]!.message)
    // Administrators cannot see it either.
    const asAdmin = await world.ok(ImagesWriteUpdate, { input: { id: gid('Image', alicePrivate), description: 'hacked' } })
    expect(asAdmin.updateImage.userErrors).toMatchObject([{ field: ['input', 'id'], code: 'NOT_FOUND' }])
    expect((await row(alicePrivate)).description).toBe('untouched')
  })

  it('refuses a malformed id or the id of another type as INVALID_ID', async () => {
    for (const id of ['garbage', gid('Registry', mirrorId)]) {
      const data = await world.ok(ImagesWriteUpdate, { input: { id, description: 'x' } }, { token: alice.token })
      expect(data.updateImage.userErrors).toMatchObject([{ field: ['input', 'id'], code: 'INVALID_ID' }])
    }
  })

  it("lets an administrator update another user's public image", async () => {
    const data = await world.ok(ImagesWriteUpdate, { input: { id: gid('Image', alicePublic), description: 'by admin' } })
    expect(data.updateImage).toMatchObject({ image: { description: 'by admin' }, userErrors: [] })
    expect(await row(alicePublic)).toMatchObject({ description: 'by admin', ownerId: alice.id })
  })

  it('refuses anonymous callers with UNAUTHENTICATED and changes nothing', async () => {
    const result = await world.run(ImagesWriteUpdate, { input: { id: gid('Image', alicePublic), description: 'anon' } }, { token: null })
    expectError(result, 'UNAUTHENTICATED')
    expect((await row(alicePublic)).description).toBe('by admin')
  })
})
