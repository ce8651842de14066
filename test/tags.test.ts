// tagImage / untagImage (Sahara's tag and untag) and the Tag type.
// Tag names follow [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}; both mutations are all-or-nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.js'
import { createWorld, type World, gid } from './support/world.js'

const TagsTagImage = graphql(`
  mutation TagsTagImage($input: TagsInput!) {
    tagImage(input: $input) {
      image { id name updatedAt }
      tags { id name reference digest sizeBytes createdAt updatedAt image { id name } build { id } }
      userErrors { field message code }
    }
  }
`)

const TagsUntagImage = graphql(`
  mutation TagsUntagImage($input: TagsInput!) {
    untagImage(input: $input) {
      image { id name updatedAt }
      removedTags
      userErrors { field message code }
    }
  }
`)

const TagsOfImage = graphql(`
  query TagsOfImage($id: ID!) {
    image(id: $id) { name tags(first: 100) { totalCount nodes { name } } }
  }
`)

const TagsTagNode = graphql(`
  query TagsTagNode($id: ID!) {
    node(id: $id) {
      ... on Tag { id name reference digest sizeBytes image { name } build { id state targetTag } }
    }
  }
`)


let world: World
let alice: { id: number; token: string }
let bob: { id: number; token: string }
let imageCount = 0

beforeAll(async () => {
  world = await createWorld()
  alice = await world.createUser('alice')
  bob = await world.createUser('bob')
})
afterAll(() => world?.dispose())

/** A fresh image owned by `ownerId`, with the given tags already on it. */
async function imageOf(ownerId: number, options: { isPrivate?: boolean; tags?: string[] } = {}) {
  const image = await world.app.db.image.create({
    data: { name: `tags/img-${++imageCount}`, ownerId, isPrivate: options.isPrivate ?? false },
  })
  if (options.tags?.length) await world.app.db.tag.createMany({ data: options.tags.map((name) => ({ imageId: image.id, name })) })
  return { ...image, gid: gid('Image', image.id) }
}

async function storedTags(imageId: number) {
  const tags = await world.app.db.tag.findMany({ where: { imageId }, orderBy: { name: 'asc' } })
  return tags.map((t) => t.name)
}

describe('tagImage', () => {
  it('adds tags and returns them with their fields', async () => {
    const image = await imageOf(alice.id)
    await new Promise((resolve) => setTimeout(resolve, 5))
    const data = await world.ok(TagsTagImage, { input: { imageId: image.gid, tags: ['1.0', 'latest'] } }, { token: alice.token })
    const payload = data.tagImage
    expect(payload.userErrors).toEqual([])
    // The payload shows the image as it is now: tagging touched it.
    const touched = await world.app.db.image.findUniqueOrThrow({ where: { id: image.id } })
    expect(touched.updatedAt.getTime()).toBeGreaterThan(image.updatedAt.getTime())
    expect(payload.image).toEqual({ id: image.gid, name: image.name, updatedAt: touched.updatedAt.toISOString() })
    expect(payload.tags).toHaveLength(2)
    expect(payload.tags!.map((t) => t.name)).toEqual(['1.0', 'latest'])
    const first = payload.tags![0]!
    expect(first).toMatchObject({
      name: '1.0',
      reference: `${image.name}:1.0`,
      digest: null,
      sizeBytes: null,
      image: { id: image.gid, name: image.name },
      build: null,
    })
    const row = await world.app.db.tag.findFirstOrThrow({ where: { imageId: image.id, name: '1.0' } })
    expect(first.id).toBe(gid('Tag', row.id))
    expect(new Date(first.createdAt).getTime()).toBe(row.createdAt.getTime())
    expect(new Date(first.updatedAt).getTime()).toBe(row.updatedAt.getTime())
    expect(await storedTags(image.id)).toEqual(['1.0', 'latest'])

    const read = await world.ok(TagsOfImage, { id: image.gid }, { token: alice.token })
    expect(read.image!.tags).toEqual({ totalCount: 2, nodes: [{ name: '1.0' }, { name: 'latest' }] })
  })

  it('keeps existing tags untouched and returns them with the new ones', async () => {
    const image = await imageOf(alice.id, { tags: ['latest', 'old'] })
    const before = await world.app.db.tag.findFirstOrThrow({ where: { imageId: image.id, name: 'latest' } })
    await world.app.db.tag.update({ where: { id: before.id }, data: { digest: `sha256:${'b'.repeat(64)}` } })

    const data = await world.ok(TagsTagImage, { input: { imageId: image.gid, tags: ['latest', '2.0'] } }, { token: alice.token })
    expect(data.tagImage.userErrors).toEqual([])
    const returned = data.tagImage.tags!
    expect(returned.map((t) => t.name).sort()).toEqual(['2.0', 'latest'])
    // The existing tag is the same row, digest intact: not re-created.
    expect(returned.find((t) => t.name === 'latest')).toMatchObject({ id: gid('Tag', before.id), digest: `sha256:${'b'.repeat(64)}` })
    expect(await storedTags(image.id)).toEqual(['2.0', 'latest', 'old'])
  })

  it('tagging only with tags the image already has adds nothing and returns them', async () => {
    const image = await imageOf(alice.id, { tags: ['a', 'b'] })
    const data = await world.ok(TagsTagImage, { input: { imageId: image.gid, tags: ['b'] } }, { token: alice.token })
    expect(data.tagImage.userErrors).toEqual([])
    expect(data.tagImage.tags!.map((t) => t.name)).toEqual(['b'])
    expect(await storedTags(image.id)).toEqual(['a', 'b'])
  })

  it('collapses duplicates in the input', async () => {
    const image = await imageOf(alice.id)
    const data = await world.ok(TagsTagImage, { input: { imageId: image.gid, tags: ['x', 'y', 'x', 'y', 'x'] } }, { token: alice.token })
    expect(data.tagImage.userErrors).toEqual([])
    expect(data.tagImage.tags!.map((t) => t.name)).toEqual(['x', 'y'])
    expect(await storedTags(image.id)).toEqual(['x', 'y'])
  })

  it('accepts names at the edges of the grammar', async () => {
    const image = await imageOf(alice.id)
    const edges = ['_', '9', 'A.b-c_D', `a${'.'.repeat(127)}`, 'v1.0.0-rc.1']
    const data = await world.ok(TagsTagImage, { input: { imageId: image.gid, tags: edges } }, { token: alice.token })
    expect(data.tagImage.userErrors).toEqual([])
    expect(await storedTags(image.id)).toEqual([...edges].sort())
  })

  const invalidNames: [string, string][] = [
    ['a leading dot', '.hidden'],
    ['a leading dash', '-rc'],
    ['129 characters', 'a'.repeat(129)],
    ['a space', 'has space'],
    ['a slash', 'a/b'],
    ['the empty string', ''],
    ['a colon', 'a:b'],
    ['a non-ASCII letter', 'café'],
  ]
  it.each(invalidNames)('refuses a name with %s as INVALID at its index, adding none of the valid ones', async (_label, bad) => {
    const image = await imageOf(alice.id, { tags: ['kept'] })
    const result = await world.run(TagsTagImage, { input: { imageId: image.gid, tags: ['ok', 'fine', bad, 'also-ok'] } }, { token: alice.token })
    expect(result.errors).toBeUndefined()
    expect(result.data!.tagImage).toMatchObject({ image: null, tags: null })
    expect(result.data!.tagImage.userErrors).toEqual([{ field: ['input', 'tags', '2'], code: 'INVALID', message: expect.stringContaining('[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}') }])
    expect(await storedTags(image.id)).toEqual(['kept'])
  })

  it('names the index of the first invalid name when the same bad name repeats', async () => {
    const image = await imageOf(alice.id)
    const { tagImage } = await world.ok(TagsTagImage, { input: { imageId: image.gid, tags: ['ok', '-x', 'y', '-x'] } }, { token: alice.token })
    expect(tagImage.userErrors).toMatchObject([{ field: ['input', 'tags', '1'], code: 'INVALID' }])
    expect(await storedTags(image.id)).toEqual([])
  })

  it('refuses an empty list as REQUIRED', async () => {
    const image = await imageOf(alice.id)
    const { tagImage } = await world.ok(TagsTagImage, { input: { imageId: image.gid, tags: [] } }, { token: alice.token })
    expect(tagImage).toMatchObject({ image: null, tags: null, userErrors: [{ field: ['input', 'tags'], code: 'REQUIRED' }] })
    expect(await storedTags(image.id)).toEqual([])
  })

  it('takes at most 100 tags per call: 101 is TOO_MANY, 100 is fine', async () => {
    const image = await imageOf(alice.id)
    const names = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`)
    const tooMany = await world.ok(TagsTagImage, { input: { imageId: image.gid, tags: names(101) } }, { token: alice.token })
    expect(tooMany.tagImage).toMatchObject({ tags: null, userErrors: [{ field: ['input', 'tags'], code: 'TOO_MANY' }] })
    expect(await storedTags(image.id)).toEqual([])

    const hundred = await world.ok(TagsTagImage, { input: { imageId: image.gid, tags: names(100) } }, { token: alice.token })
    expect(hundred.tagImage.userErrors).toEqual([])
    expect(hundred.tagImage.tags).toHaveLength(100)
    expect(await world.app.db.tag.count({ where: { imageId: image.id } })).toBe(100)
  })

  it('NOT_FOUND for a missing image and for another user\'s private image, alike', async () => {
    const hidden = await imageOf(bob.id, { isPrivate: true })
    const missing = await world.ok(TagsTagImage, { input: { imageId: gid('Image', 999_999), tags: ['x'] } }, { token: alice.token })
    const invisible = await world.ok(TagsTagImage, { input: { imageId: hidden.gid, tags: ['x'] } }, { token: alice.token })
    for (const { tagImage } of [missing, invisible]) {
      expect(tagImage).toMatchObject({ image: null, tags: null, userErrors: [{ field: ['input', 'imageId'], code: 'NOT_FOUND', message: 'Image does not exist' }] })
    }
    expect(await storedTags(hidden.id)).toEqual([])
  })

  it('INVALID_ID for an ID that is not an image ID', async () => {
    const image = await imageOf(alice.id, { tags: ['a'] })
    const tag = await world.app.db.tag.findFirstOrThrow({ where: { imageId: image.id } })
    for (const imageId of ['not-an-id', gid('Tag', tag.id), gid('Image', 0)]) {
      const { tagImage } = await world.ok(TagsTagImage, { input: { imageId, tags: ['x'] } }, { token: alice.token })
      expect(tagImage.userErrors).toMatchObject([{ field: ['input', 'imageId'], code: 'INVALID_ID' }])
    }
    expect(await storedTags(image.id)).toEqual(['a'])
  })

  it('FORBIDDEN on another user\'s public image; administrators may tag it', async () => {
    const image = await imageOf(bob.id)
    const refused = await world.run(TagsTagImage, { input: { imageId: image.gid, tags: ['x'] } }, { token: alice.token })
    expect(refused.data).toBeNull()
    expect(refused.errors).toHaveLength(1)
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' })
    expect(refused.errors![0]!.path).toEqual(['tagImage'])
    expect(await storedTags(image.id)).toEqual([])

    const byAdmin = await world.ok(TagsTagImage, { input: { imageId: image.gid, tags: ['x'] } })
    expect(byAdmin.tagImage.userErrors).toEqual([])
    expect(byAdmin.tagImage.image).toMatchObject({ id: image.gid })
    expect(await storedTags(image.id)).toEqual(['x'])
  })

  it('the owner may tag their own private image', async () => {
    const image = await imageOf(bob.id, { isPrivate: true })
    const { tagImage } = await world.ok(TagsTagImage, { input: { imageId: image.gid, tags: ['secret'] } }, { token: bob.token })
    expect(tagImage.userErrors).toEqual([])
    expect(tagImage.tags).toMatchObject([{ name: 'secret', reference: `${image.name}:secret` }])
  })

  it('UNAUTHENTICATED for anonymous callers, even with bad input', async () => {
    const image = await imageOf(alice.id)
    for (const tags of [['x'], [], ['.bad']]) {
      const result = await world.run(TagsTagImage, { input: { imageId: image.gid, tags } }, { token: null })
      expect(result.data).toBeNull()
      expect(result.errors).toMatchObject([{ extensions: { code: 'UNAUTHENTICATED' } }])
    }
    expect(await storedTags(image.id)).toEqual([])
  })
})

describe('untagImage', () => {
  it('removes exactly the given tags and leaves the others', async () => {
    const image = await imageOf(alice.id, { tags: ['1.0', '2.0', 'latest', 'stable'] })
    await new Promise((resolve) => setTimeout(resolve, 5))
    const { untagImage } = await world.ok(TagsUntagImage, { input: { imageId: image.gid, tags: ['2.0', 'latest'] } }, { token: alice.token })
    const touched = await world.app.db.image.findUniqueOrThrow({ where: { id: image.id } })
    expect(touched.updatedAt.getTime()).toBeGreaterThan(image.updatedAt.getTime())
    expect(untagImage).toEqual({ image: { id: image.gid, name: image.name, updatedAt: touched.updatedAt.toISOString() }, removedTags: ['2.0', 'latest'], userErrors: [] })
    expect(await storedTags(image.id)).toEqual(['1.0', 'stable'])
  })

  it('collapses duplicates in the input', async () => {
    const image = await imageOf(alice.id, { tags: ['a', 'b'] })
    const { untagImage } = await world.ok(TagsUntagImage, { input: { imageId: image.gid, tags: ['a', 'a'] } }, { token: alice.token })
    expect(untagImage).toMatchObject({ removedTags: ['a'], userErrors: [] })
    expect(await storedTags(image.id)).toEqual(['b'])
  })

  it('a tag the image does not have is NOT_FOUND at its index, and none is removed', async () => {
    const image = await imageOf(alice.id, { tags: ['a', 'b', 'c'] })
    // 'z' is on another image only: tags belong to one image.
    await imageOf(alice.id, { tags: ['z'] })
    const { untagImage } = await world.ok(TagsUntagImage, { input: { imageId: image.gid, tags: ['a', 'b', 'z', 'c'] } }, { token: alice.token })
    expect(untagImage).toMatchObject({ image: null, removedTags: null })
    expect(untagImage.userErrors).toEqual([{ field: ['input', 'tags', '2'], code: 'NOT_FOUND', message: `${image.name} has no tag z` }])
    expect(await storedTags(image.id)).toEqual(['a', 'b', 'c'])
  })

  it('checks the names: INVALID at the index, REQUIRED when empty, TOO_MANY over 100', async () => {
    const image = await imageOf(alice.id, { tags: ['a'] })
    const invalid = await world.ok(TagsUntagImage, { input: { imageId: image.gid, tags: ['a', 'bad/name'] } }, { token: alice.token })
    expect(invalid.untagImage.userErrors).toMatchObject([{ field: ['input', 'tags', '1'], code: 'INVALID' }])
    const empty = await world.ok(TagsUntagImage, { input: { imageId: image.gid, tags: [] } }, { token: alice.token })
    expect(empty.untagImage.userErrors).toMatchObject([{ field: ['input', 'tags'], code: 'REQUIRED' }])
    const many = await world.ok(TagsUntagImage, { input: { imageId: image.gid, tags: Array.from({ length: 101 }, () => 'a') } }, { token: alice.token })
    expect(many.untagImage.userErrors).toMatchObject([{ field: ['input', 'tags'], code: 'TOO_MANY' }])
    expect(await storedTags(image.id)).toEqual(['a'])
  })

  it('NOT_FOUND for a missing image and another user\'s private image', async () => {
    const hidden = await imageOf(bob.id, { isPrivate: true, tags: ['a'] })
    for (const imageId of [gid('Image', 999_999), hidden.gid]) {
      const { untagImage } = await world.ok(TagsUntagImage, { input: { imageId, tags: ['a'] } }, { token: alice.token })
      expect(untagImage).toMatchObject({ image: null, userErrors: [{ field: ['input', 'imageId'], code: 'NOT_FOUND' }] })
    }
    expect(await storedTags(hidden.id)).toEqual(['a'])
  })

  it('INVALID_ID for a malformed image ID', async () => {
    const { untagImage } = await world.ok(TagsUntagImage, { input: { imageId: '%%%', tags: ['a'] } }, { token: alice.token })
    expect(untagImage.userErrors).toMatchObject([{ field: ['input', 'imageId'], code: 'INVALID_ID' }])
  })

  it('FORBIDDEN on another user\'s public image; administrators may untag it', async () => {
    const image = await imageOf(bob.id, { tags: ['a', 'b'] })
    const refused = await world.run(TagsUntagImage, { input: { imageId: image.gid, tags: ['a'] } }, { token: alice.token })
    expect(refused.data).toBeNull()
    expect(refused.errors).toMatchObject([{ path: ['untagImage'], extensions: { code: 'FORBIDDEN' } }])
    expect(await storedTags(image.id)).toEqual(['a', 'b'])

    const byAdmin = await world.ok(TagsUntagImage, { input: { imageId: image.gid, tags: ['a'] } })
    expect(byAdmin.untagImage).toMatchObject({ removedTags: ['a'], userErrors: [] })
    expect(await storedTags(image.id)).toEqual(['b'])
  })

  it('UNAUTHENTICATED for anonymous callers', async () => {
    const image = await imageOf(alice.id, { tags: ['a'] })
    const result = await world.run(TagsUntagImage, { input: { imageId: image.gid, tags: ['a'] } }, { token: null })
    expect(result.data).toBeNull()
    expect(result.errors).toMatchObject([{ extensions: { code: 'UNAUTHENTICATED' } }])
    expect(await storedTags(image.id)).toEqual(['a'])
  })
})

describe('Tag', () => {
  it('shows digest, size and the build that produced it', async () => {
    const image = await imageOf(alice.id, { tags: ['1.0'] })
    const build = await world.app.db.build.create({ data: { imageId: image.id, targetTag: '1.0', state: 'SUCCEEDED', finishedAt: new Date() } })
    const tag = await world.app.db.tag.update({
      where: { imageId_name: { imageId: image.id, name: '1.0' } },
      // Larger than 32 bits: BigInt travels as a JSON number.
      data: { digest: `sha256:${'c'.repeat(64)}`, sizeBytes: 5_000_000_000n, buildId: build.id },
    })
    const data = await world.ok(TagsTagNode, { id: gid('Tag', tag.id) }, { token: null })
    expect(data.node).toEqual({
      id: gid('Tag', tag.id),
      name: '1.0',
      reference: `${image.name}:1.0`,
      digest: `sha256:${'c'.repeat(64)}`,
      sizeBytes: 5_000_000_000,
      image: { name: image.name },
      build: { id: gid('Build', build.id), state: 'SUCCEEDED', targetTag: '1.0' },
    })
  })

  it('a tag of another user\'s private image is null, as is a missing one', async () => {
    const image = await imageOf(bob.id, { isPrivate: true, tags: ['s'] })
    const tag = await world.app.db.tag.findFirstOrThrow({ where: { imageId: image.id } })
    expect((await world.ok(TagsTagNode, { id: gid('Tag', tag.id) }, { token: alice.token })).node).toBeNull()
    expect((await world.ok(TagsTagNode, { id: gid('Tag', tag.id) }, { token: null })).node).toBeNull()
    expect((await world.ok(TagsTagNode, { id: gid('Tag', 999_999) }, { token: alice.token })).node).toBeNull()
    expect((await world.ok(TagsTagNode, { id: gid('Tag', tag.id) }, { token: bob.token })).node).toMatchObject({ name: 's' })
  })
})
