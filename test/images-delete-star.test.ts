// deleteImage, setImageCategories, starImage and unstarImage: what they write, what goes
// with a deleted image, and who may call them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.js'
import { expectError, gid, seedBuild, seedImage, seedVersion } from './support/images-fixtures.js'
import { ADMIN_TOKEN, createWorld, type World } from './support/world.js'

const ImagesDeleteDelete = graphql(`
  mutation ImagesDeleteDelete($input: DeleteImageInput!) {
    deleteImage(input: $input) {
      deletedImageId
      userErrors { field message code }
    }
  }
`)
const ImagesDeleteSetCategories = graphql(`
  mutation ImagesDeleteSetCategories($input: SetImageCategoriesInput!) {
    setImageCategories(input: $input) {
      image { name categories { totalCount nodes { name } } }
      userErrors { field message code }
    }
  }
`)
const ImagesDeleteStar = graphql(`
  mutation ImagesDeleteStar($input: ImageIdInput!) {
    starImage(input: $input) {
      image { name starCount viewerHasStarred }
      userErrors { field message code }
    }
  }
`)
const ImagesDeleteUnstar = graphql(`
  mutation ImagesDeleteUnstar($input: ImageIdInput!) {
    unstarImage(input: $input) {
      image { name starCount viewerHasStarred }
      userErrors { field message code }
    }
  }
`)
const ImagesDeleteStarred = graphql(`
  query ImagesDeleteStarred($id: ID!) {
    image(id: $id) { starCount viewerHasStarred }
  }
`)

let world: World
let alice: { id: number; token: string }
let bob: { id: number; token: string }
const categories: Record<string, number> = {}

beforeAll(async () => {
  world = await createWorld()
  alice = await world.createUser('alice')
  bob = await world.createUser('bob')
  for (const name of ['web', 'db', 'tools']) categories[name] = (await world.app.db.category.create({ data: { name } })).id
})
afterAll(() => world?.dispose())

/** An image with two tags, a version, two builds with logs, a star and a category. */
async function seedFullImage(name: string, ownerId: number, isPrivate = false) {
  const image = await seedImage(world, { name, ownerId, isPrivate, categoryIds: [categories.web!] })
  const version = await seedVersion(world, image.id)
  const build = await seedBuild(world, image.id, { targetTag: '1.0', state: 'SUCCEEDED', versionId: version.id, finishedAt: new Date(), logLines: 3 })
  await seedBuild(world, image.id, { targetTag: '1.0', state: 'FAILED', logLines: 2 })
  await world.app.db.tag.createMany({ data: [{ imageId: image.id, name: '1.0', buildId: build.id }, { imageId: image.id, name: 'latest' }] })
  await world.app.db.star.create({ data: { userId: bob.id, imageId: image.id } })
  return image.id
}

/** How many rows the image has in each table that hangs off it. */
async function rowsOf(imageId: number) {
  const { db } = world.app
  return {
    image: await db.image.count({ where: { id: imageId } }),
    tags: await db.tag.count({ where: { imageId } }),
    versions: await db.version.count({ where: { imageId } }),
    builds: await db.build.count({ where: { imageId } }),
    logLines: await db.buildLogLine.count({ where: { build: { imageId } } }),
    stars: await db.star.count({ where: { imageId } }),
  }
}
const FULL = { image: 1, tags: 2, versions: 1, builds: 2, logLines: 5, stars: 1 }
const GONE = { image: 0, tags: 0, versions: 0, builds: 0, logLines: 0, stars: 0 }

describe('deleteImage', () => {
  it('removes the image with its tags, versions, builds, log lines and stars, and nothing else', async () => {
    const doomed = await seedFullImage('alice/doomed', alice.id)
    const kept = await seedFullImage('alice/kept', alice.id)
    const buildIds = (await world.app.db.build.findMany({ where: { imageId: doomed }, select: { id: true } })).map((b) => b.id)
    expect(await rowsOf(doomed)).toEqual(FULL)

    const data = await world.ok(ImagesDeleteDelete, { input: { id: gid('Image', doomed) } }, { token: alice.token })
    expect(data.deleteImage).toEqual({ deletedImageId: gid('Image', doomed), userErrors: [] })
    expect(await rowsOf(doomed)).toEqual(GONE)
    expect(await world.app.db.buildLogLine.count({ where: { buildId: { in: buildIds } } })).toBe(0)
    expect(await rowsOf(kept)).toEqual(FULL)
    expect(await world.app.db.category.count()).toBe(3)
    expect(await world.app.db.user.count({ where: { id: { in: [alice.id, bob.id] } } })).toBe(2)
  })

  it('accepts the cascade and metaOnly flags', async () => {
    for (const [i, flags] of [{ cascade: true }, { metaOnly: true }, { cascade: true, metaOnly: true }, { cascade: false, metaOnly: false }].entries()) {
      const id = await seedFullImage(`alice/flags-${i}`, alice.id)
      const data = await world.ok(ImagesDeleteDelete, { input: { id: gid('Image', id), ...flags } }, { token: alice.token })
      expect(data.deleteImage, JSON.stringify(flags)).toEqual({ deletedImageId: gid('Image', id), userErrors: [] })
      expect(await rowsOf(id)).toEqual(GONE)
    }
  })

  it('answers NOT_FOUND for a missing image, one already deleted, and another user\'s private image', async () => {
    const hidden = await seedFullImage('alice/private-doomed', alice.id, true)
    const gone = await seedImage(world, { name: 'bob/gone', ownerId: bob.id })
    await world.ok(ImagesDeleteDelete, { input: { id: gid('Image', gone.id) } }, { token: bob.token })
    for (const id of [999_999, gone.id, hidden]) {
      const data = await world.ok(ImagesDeleteDelete, { input: { id: gid('Image', id) } }, { token: bob.token })
      expect(data.deleteImage).toEqual({ deletedImageId: null, userErrors: [{ field: ['input', 'id'], code: 'NOT_FOUND', message: expect.any(String) }] })
    }
    // Not even an administrator sees another user's private image.
    const asAdmin = await world.ok(ImagesDeleteDelete, { input: { id: gid('Image', hidden) } })
    expect(asAdmin.deleteImage.userErrors).toMatchObject([{ code: 'NOT_FOUND' }])
    expect(await rowsOf(hidden)).toEqual(FULL)
  })

  it('refuses a malformed id as INVALID_ID', async () => {
    const data = await world.ok(ImagesDeleteDelete, { input: { id: gid('Tag', 1) } }, { token: alice.token })
    expect(data.deleteImage.userErrors).toMatchObject([{ field: ['input', 'id'], code: 'INVALID_ID' }])
  })

  it("refuses another user's public image with FORBIDDEN, and anonymous callers with UNAUTHENTICATED", async () => {
    const id = await seedFullImage('alice/protected', alice.id)
    const asBob = await world.run(ImagesDeleteDelete, { input: { id: gid('Image', id) } }, { token: bob.token })
    expectError(asBob, 'FORBIDDEN')
    expectError(await world.run(ImagesDeleteDelete, { input: { id: gid('Image', id) } }, { token: null }), 'UNAUTHENTICATED')
    expect(await rowsOf(id)).toEqual(FULL)
  })

  it("lets an administrator delete another user's public image", async () => {
    const id = await seedFullImage('alice/admin-deletes', alice.id)
    const data = await world.ok(ImagesDeleteDelete, { input: { id: gid('Image', id) } })
    expect(data.deleteImage).toEqual({ deletedImageId: gid('Image', id), userErrors: [] })
    expect(await rowsOf(id)).toEqual(GONE)
  })
})

describe('setImageCategories', () => {
  let image: number
  const categoryNames = async (id: number) =>
    (await world.app.db.category.findMany({ where: { images: { some: { id } } }, orderBy: { name: 'asc' } })).map((c) => c.name)
  const set = (ids: (number | string)[], token: string | null = alice.token, imageId = image) =>
    world.run(ImagesDeleteSetCategories, { input: { imageId: gid('Image', imageId), categoryIds: ids.map((id) => (typeof id === 'number' ? gid('Category', id) : id)) } }, { token })

  beforeAll(async () => {
    image = (await seedImage(world, { name: 'alice/categorized', ownerId: alice.id, categoryIds: [categories.web!] })).id
  })

  it('replaces the whole set, ignoring repeats', async () => {
    const { data } = await set([categories.db!, categories.tools!, categories.db!])
    expect(data?.setImageCategories).toEqual({
      image: { name: 'alice/categorized', categories: { totalCount: 2, nodes: [{ name: 'db' }, { name: 'tools' }] } },
      userErrors: [],
    })
    expect(await categoryNames(image)).toEqual(['db', 'tools'])
  })

  it('clears the set with an empty list', async () => {
    const { data } = await set([])
    expect(data?.setImageCategories.image?.categories).toEqual({ totalCount: 0, nodes: [] })
    expect(await categoryNames(image)).toEqual([])
    await set([categories.web!])
  })

  it('refuses an unknown or malformed category, or too many, and changes nothing', async () => {
    const unknown = await set([categories.db!, 999_999])
    expect(unknown.data?.setImageCategories).toEqual({ image: null, userErrors: [{ field: ['input', 'categoryIds'], code: 'NOT_FOUND', message: expect.any(String) }] })
    const malformed = await set([categories.db!, gid('Registry', 1)])
    expect(malformed.data?.setImageCategories.userErrors).toMatchObject([{ field: ['input', 'categoryIds', '1'], code: 'INVALID_ID' }])
    const tooMany = await set(Array.from({ length: 51 }, (_, i) => i + 1))
    expect(tooMany.data?.setImageCategories.userErrors).toMatchObject([{ field: ['input', 'categoryIds'], code: 'TOO_MANY' }])
    expect(await categoryNames(image)).toEqual(['web'])
  })

  it("refuses another user's public image with FORBIDDEN, a private one as NOT_FOUND, anonymous callers with UNAUTHENTICATED", async () => {
    expectError(await set([categories.db!], bob.token), 'FORBIDDEN')
    expectError(await set([categories.db!], null), 'UNAUTHENTICATED')
    const hidden = (await seedImage(world, { name: 'alice/hidden-categories', ownerId: alice.id, isPrivate: true, categoryIds: [categories.web!] })).id
    const asBob = await set([categories.db!], bob.token, hidden)
    expect(asBob.data?.setImageCategories.userErrors).toMatchObject([{ field: ['input', 'imageId'], code: 'NOT_FOUND' }])
    const missing = await set([categories.db!], alice.token, 999_999)
    expect(missing.data?.setImageCategories.userErrors).toMatchObject([{ field: ['input', 'imageId'], code: 'NOT_FOUND' }])
    expect(await categoryNames(image)).toEqual(['web'])
    expect(await categoryNames(hidden)).toEqual(['web'])
  })

  it("lets an administrator set another user's public image's categories", async () => {
    const { data } = await set([categories.tools!], ADMIN_TOKEN)
    expect(data?.setImageCategories.userErrors).toEqual([])
    expect(await categoryNames(image)).toEqual(['tools'])
  })
})

describe('starImage and unstarImage', () => {
  let image: number
  let hidden: number
  const stars = (imageId = image) => world.app.db.star.findMany({ where: { imageId }, select: { userId: true }, orderBy: { userId: 'asc' } })
  const starCount = async (imageId = image) => (await world.app.db.image.findUniqueOrThrow({ where: { id: imageId } })).starCount
  const star = (token: string | null, imageId = image) => world.run(ImagesDeleteStar, { input: { imageId: gid('Image', imageId) } }, { token })
  const unstar = (token: string | null, imageId = image) => world.run(ImagesDeleteUnstar, { input: { imageId: gid('Image', imageId) } }, { token })

  beforeAll(async () => {
    image = (await seedImage(world, { name: 'alice/starry', ownerId: alice.id })).id
    hidden = (await seedImage(world, { name: 'alice/starry-private', ownerId: alice.id, isPrivate: true })).id
  })

  it('counts each user once, and tells each viewer whether they starred it', async () => {
    const first = await star(bob.token)
    expect(first.data?.starImage).toEqual({ image: { name: 'alice/starry', starCount: 1, viewerHasStarred: true }, userErrors: [] })
    const again = await star(bob.token)
    expect(again.data?.starImage.image).toEqual({ name: 'alice/starry', starCount: 1, viewerHasStarred: true })
    expect(await stars()).toEqual([{ userId: bob.id }])

    expect((await star(alice.token)).data?.starImage.image).toMatchObject({ starCount: 2, viewerHasStarred: true })
    expect(await stars()).toEqual([{ userId: alice.id }, { userId: bob.id }])
    expect((await world.ok(ImagesDeleteStarred, { id: gid('Image', image) }, { token: null })).image).toEqual({ starCount: 2, viewerHasStarred: false })
    expect((await world.ok(ImagesDeleteStarred, { id: gid('Image', image) })).image).toEqual({ starCount: 2, viewerHasStarred: false })
  })

  it('unstarring removes only the caller\'s star, and twice is the same as once', async () => {
    expect((await unstar(bob.token)).data?.unstarImage).toEqual({ image: { name: 'alice/starry', starCount: 1, viewerHasStarred: false }, userErrors: [] })
    expect((await unstar(bob.token)).data?.unstarImage.image).toEqual({ name: 'alice/starry', starCount: 1, viewerHasStarred: false })
    expect(await stars()).toEqual([{ userId: alice.id }])
    // The admin never starred it.
    expect((await unstar(ADMIN_TOKEN)).data?.unstarImage.image).toMatchObject({ starCount: 1, viewerHasStarred: false })
    expect(await starCount()).toBe(1)
    expect((await world.ok(ImagesDeleteStarred, { id: gid('Image', image) }, { token: alice.token })).image?.viewerHasStarred).toBe(true)
  })

  it('keeps one star per user when the same user stars or unstars many times at once', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => star(bob.token)))
    for (const result of results) {
      expect(result.errors).toBeUndefined()
      expect(result.data?.starImage.userErrors).toEqual([])
    }
    expect(await stars()).toEqual([{ userId: alice.id }, { userId: bob.id }])
    expect(await starCount()).toBe(2)

    const unstars = await Promise.all(Array.from({ length: 5 }, () => unstar(bob.token)))
    for (const result of unstars) expect(result.data?.unstarImage.userErrors).toEqual([])
    expect(await stars()).toEqual([{ userId: alice.id }])
    expect(await starCount()).toBe(1)
    await star(bob.token)
  })

  it('refuses anonymous callers with UNAUTHENTICATED and writes nothing', async () => {
    expectError(await star(null), 'UNAUTHENTICATED')
    expectError(await unstar(null), 'UNAUTHENTICATED')
    expect(await starCount()).toBe(2)
    expect(await stars()).toHaveLength(2)
  })

  it("answers NOT_FOUND for another user's private image and a missing one", async () => {
    for (const id of [hidden, 999_999]) {
      for (const run of [star, unstar]) {
        const { data } = await run(bob.token, id)
        const payload = data && ('starImage' in data ? data.starImage : data.unstarImage)
        expect(payload).toEqual({ image: null, userErrors: [{ field: ['input', 'imageId'], code: 'NOT_FOUND', message: expect.any(String) }] })
      }
    }
    expect(await stars(hidden)).toEqual([])
    expect(await starCount(hidden)).toBe(0)
    const invalid = await star(bob.token, 'x' as never)
    expect(invalid.data?.starImage.userErrors).toMatchObject([{ field: ['input', 'imageId'], code: 'INVALID_ID' }])
  })

  it('lets an owner star their own private image', async () => {
    expect((await star(alice.token, hidden)).data?.starImage.image).toEqual({ name: 'alice/starry-private', starCount: 1, viewerHasStarred: true })
    expect(await stars(hidden)).toEqual([{ userId: alice.id }])
  })
})
