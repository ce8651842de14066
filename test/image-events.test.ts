// imageUpdated fires on every change of the image, from the manager that made it: one event
// per change, each showing the image as that change left it; a deleted image's stream ends;
// a private image's events reach only those who may see it. Every test waits for events.
import { pack } from 'tar-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.js'
import { sendWithFile } from './support/multipart.js'
import { openSubscription, type OpenSubscription } from './support/sse.js'
import { createWorld, gid, type World } from './support/world.js'

const EventsImageUpdated = graphql(`
  subscription EventsImageUpdated($imageId: ID!) {
    imageUpdated(imageId: $imageId) {
      name description isPrivate state starCount viewerHasStarred
      categories { nodes { name } }
      tags { nodes { name protected } }
      retentionPolicies { rule tagPattern }
      versions { nodes { version } }
      buildSource { repositoryUrl }
    }
  }
`)
const EventsUpdateImage = graphql(`
  mutation EventsUpdateImage($input: UpdateImageInput!) {
    updateImage(input: $input) { image { id } userErrors { field code } }
  }
`)
const EventsTag = graphql(`
  mutation EventsTag($input: TagsInput!) {
    tagImage(input: $input) { userErrors { field code } }
  }
`)
const EventsUntag = graphql(`
  mutation EventsUntag($input: TagsInput!) {
    untagImage(input: $input) { userErrors { field code } }
  }
`)
const EventsStar = graphql(`
  mutation EventsStar($input: ImageIdInput!) {
    starImage(input: $input) { userErrors { field code } }
  }
`)
const EventsUnstar = graphql(`
  mutation EventsUnstar($input: ImageIdInput!) {
    unstarImage(input: $input) { userErrors { field code } }
  }
`)
const EventsSetCategories = graphql(`
  mutation EventsSetCategories($input: SetImageCategoriesInput!) {
    setImageCategories(input: $input) { userErrors { field code } }
  }
`)
const EventsCreateCategory = graphql(`
  mutation EventsCreateCategory($input: CreateCategoryInput!) {
    createCategory(input: $input) { category { id } userErrors { field code } }
  }
`)
const EventsDeleteCategory = graphql(`
  mutation EventsDeleteCategory($input: DeleteCategoryInput!) {
    deleteCategory(input: $input) { userErrors { field code } }
  }
`)
const EventsProtect = graphql(`
  mutation EventsProtect($input: ProtectTagInput!) {
    protectTag(input: $input) { userErrors { field code } }
  }
`)
const EventsUnprotect = graphql(`
  mutation EventsUnprotect($input: ProtectTagInput!) {
    unprotectTag(input: $input) { userErrors { field code } }
  }
`)
const EventsSetRetention = graphql(`
  mutation EventsSetRetention($input: SetRetentionPoliciesInput!) {
    setRetentionPolicies(input: $input) { userErrors { field code } }
  }
`)
const EventsApplyRetention = graphql(`
  mutation EventsApplyRetention($input: ApplyRetentionInput!) {
    applyRetention(input: $input) { removed { tagName } userErrors { field code } }
  }
`)
const EventsCreateVersion = graphql(`
  mutation EventsCreateVersion($input: CreateVersionInput!) {
    createVersion(input: $input) { version { version } userErrors { field code } }
  }
`)
const EventsSetBuildSource = graphql(`
  mutation EventsSetBuildSource($input: SetBuildSourceInput!) {
    setBuildSource(input: $input) { userErrors { field code } }
  }
`)
const EventsRemoveBuildSource = graphql(`
  mutation EventsRemoveBuildSource($input: BuildSourceImageInput!) {
    removeBuildSource(input: $input) { userErrors { field code } }
  }
`)
const EventsDelete = graphql(`
  mutation EventsDelete($input: DeleteImageInput!) {
    deleteImage(input: $input) { deletedImageId userErrors { field code } }
  }
`)

type Event = NonNullable<Awaited<ReturnType<OpenSubscription<{ imageUpdated: Record<string, unknown> }>['next']>>>

let world: World
let alice: { id: number; token: string }
let bob: { id: number; token: string }
let count = 0
const open: OpenSubscription<unknown>[] = []

beforeAll(async () => {
  world = await createWorld()
  alice = await world.createUser('alice')
  bob = await world.createUser('bob')
})
afterAll(async () => {
  for (const subscription of open) subscription.close()
  await world?.dispose()
})

/** A fresh image of alice's (tags catalog-only) and a subscription to it whose first event has arrived. */
async function watched(options: { isPrivate?: boolean; tags?: string[]; token?: string | null } = {}) {
  const image = await world.app.db.image.create({ data: { name: `alice/img-${++count}`, ownerId: alice.id, isPrivate: options.isPrivate ?? false } })
  if (options.tags?.length) await world.app.db.tag.createMany({ data: options.tags.map((name) => ({ imageId: image.id, name })) })
  const id = gid('Image', image.id)
  const events = await subscribe(id, options.token === undefined ? alice.token : options.token)
  const first = await events.next()
  expect(first?.data?.imageUpdated.name).toBe(image.name)
  return { id, name: image.name, events }
}

async function subscribe(imageId: string, token: string | null) {
  const subscription = await openSubscription(world, EventsImageUpdated, { imageId }, { token })
  open.push(subscription)
  return subscription
}

/** The next event: the image as the change left it. */
async function nextImage(events: OpenSubscription<{ imageUpdated: unknown }>) {
  const event = (await events.next()) as Event | null
  expect(event, 'the stream ended instead of sending the change').not.toBeNull()
  expect(event!.errors).toBeUndefined()
  return event!.data!.imageUpdated as {
    name: string
    description: string
    isPrivate: boolean
    state: string
    starCount: number
    viewerHasStarred: boolean
    categories: { nodes: { name: string }[] }
    tags: { nodes: { name: string; protected: boolean }[] }
    retentionPolicies: { rule: string; tagPattern: string | null }[]
    versions: { nodes: { version: string }[] }
    buildSource: { repositoryUrl: string } | null
  }
}

const noErrors = { userErrors: [] }

describe('imageUpdated on catalog changes', () => {
  it('fires on updateImage with the new fields', async () => {
    const { id, events } = await watched()
    expect((await world.ok(EventsUpdateImage, { input: { id, description: 'changed' } }, { token: alice.token })).updateImage).toMatchObject(noErrors)
    expect(await nextImage(events)).toMatchObject({ description: 'changed' })
  })

  it('fires on a rename with the new name', async () => {
    const { id, name, events } = await watched()
    await world.ok(EventsUpdateImage, { input: { id, name: `${name}-renamed` } }, { token: alice.token })
    expect(await nextImage(events)).toMatchObject({ name: `${name}-renamed` })
  })

  it('fires on tagImage and untagImage', async () => {
    const { id, events } = await watched()
    expect((await world.ok(EventsTag, { input: { imageId: id, tags: ['1.0', 'latest'] } }, { token: alice.token })).tagImage).toMatchObject(noErrors)
    expect((await nextImage(events)).tags.nodes.map((t) => t.name)).toEqual(['1.0', 'latest'])
    expect((await world.ok(EventsUntag, { input: { imageId: id, tags: ['1.0'] } }, { token: alice.token })).untagImage).toMatchObject(noErrors)
    expect((await nextImage(events)).tags.nodes.map((t) => t.name)).toEqual(['latest'])
  })

  it('fires on starImage and unstarImage, as each subscriber sees it', async () => {
    const { id, events } = await watched()
    const anonymous = await subscribe(id, null)
    expect((await anonymous.next())?.data?.imageUpdated).toMatchObject({ starCount: 0 })
    await world.ok(EventsStar, { input: { imageId: id } }, { token: bob.token })
    expect(await nextImage(events)).toMatchObject({ starCount: 1, viewerHasStarred: false })
    expect(await nextImage(anonymous)).toMatchObject({ starCount: 1, viewerHasStarred: false })
    await world.ok(EventsStar, { input: { imageId: id } }, { token: alice.token })
    expect(await nextImage(events)).toMatchObject({ starCount: 2, viewerHasStarred: true })
    await world.ok(EventsUnstar, { input: { imageId: id } }, { token: bob.token })
    expect(await nextImage(events)).toMatchObject({ starCount: 1, viewerHasStarred: true })
    expect((await nextImage(anonymous)).starCount).toBe(2)
    expect((await nextImage(anonymous)).starCount).toBe(1)
  })

  it('fires on setImageCategories, updateImage(categoryIds) and when a category it is in is deleted', async () => {
    const { id, events } = await watched()
    const category = async (name: string) => (await world.ok(EventsCreateCategory, { input: { name: `${name}-${count}` } })).createCategory.category!.id
    const web = await category('web')
    const db = await category('db')
    expect((await world.ok(EventsSetCategories, { input: { imageId: id, categoryIds: [web] } }, { token: alice.token })).setImageCategories).toMatchObject(noErrors)
    expect((await nextImage(events)).categories.nodes.map((c) => c.name)).toEqual([`web-${count}`])
    await world.ok(EventsUpdateImage, { input: { id, categoryIds: [web, db] } }, { token: alice.token })
    expect((await nextImage(events)).categories.nodes).toHaveLength(2)
    expect((await world.ok(EventsDeleteCategory, { input: { id: web } })).deleteCategory).toMatchObject(noErrors)
    expect((await nextImage(events)).categories.nodes.map((c) => c.name)).toEqual([`db-${count}`])
  })

  it('fires on protectTag and unprotectTag', async () => {
    const { id, events } = await watched({ tags: ['1.0'] })
    expect((await world.ok(EventsProtect, { input: { imageId: id, tag: '1.0' } }, { token: alice.token })).protectTag).toMatchObject(noErrors)
    expect((await nextImage(events)).tags.nodes).toEqual([{ name: '1.0', protected: true }])
    await world.ok(EventsUnprotect, { input: { imageId: id, tag: '1.0' } }, { token: alice.token })
    expect((await nextImage(events)).tags.nodes).toEqual([{ name: '1.0', protected: false }])
  })

  it('fires when retention rules are set, and when they remove catalog-only tags', async () => {
    const { id, events } = await watched({ tags: ['keep', 'tmp-1', 'tmp-2'] })
    const rules = { imageId: id, policies: [{ rule: 'MATCHING' as const, tagPattern: 'tmp-.*' }] }
    expect((await world.ok(EventsSetRetention, { input: rules }, { token: alice.token })).setRetentionPolicies).toMatchObject(noErrors)
    expect((await nextImage(events)).retentionPolicies).toEqual([{ rule: 'MATCHING', tagPattern: 'tmp-.*' }])
    const { applyRetention } = await world.ok(EventsApplyRetention, { input: { imageId: id } }, { token: alice.token })
    expect(applyRetention.removed?.map((r) => r.tagName).sort()).toEqual(['tmp-1', 'tmp-2'])
    expect((await nextImage(events)).tags.nodes.map((t) => t.name)).toEqual(['keep'])
  })

  it('fires on createVersion', async () => {
    const { id, events } = await watched()
    const archive = pack()
    const chunks: Buffer[] = []
    archive.on('data', (chunk: unknown) => chunks.push(chunk as Buffer))
    const ended = new Promise<void>((resolve) => archive.on('end', () => resolve()))
    archive.entry({ name: 'Dockerfile' }, 'FROM scratch\n')
    archive.finalize()
    await ended
    const source = new File([Buffer.concat(chunks)], 'source.tar')
    const created = await sendWithFile(world, EventsCreateVersion, { input: { imageId: id, version: '1.0', source: null as never } }, 'variables.input.source', source, alice.token)
    expect(created.data?.createVersion).toEqual({ version: { version: '1.0' }, userErrors: [] })
    expect((await nextImage(events)).versions.nodes).toEqual([{ version: '1.0' }])
  })

  it('fires on setBuildSource and removeBuildSource', async () => {
    const { id, events } = await watched()
    const source = { imageId: id, repositoryUrl: 'https://git.example.test/app.git', buildSettings: [{ branch: 'main', tag: 'latest' }] }
    expect((await world.ok(EventsSetBuildSource, { input: source }, { token: alice.token })).setBuildSource).toMatchObject(noErrors)
    expect((await nextImage(events)).buildSource).toEqual({ repositoryUrl: 'https://git.example.test/app.git' })
    expect((await world.ok(EventsRemoveBuildSource, { input: { imageId: id } }, { token: alice.token })).removeBuildSource).toMatchObject(noErrors)
    expect((await nextImage(events)).buildSource).toBeNull()
  })

  it('ends the stream of a deleted image', async () => {
    const { id, events } = await watched({ tags: ['1.0'] })
    const anonymous = await subscribe(id, null)
    await anonymous.next()
    expect((await world.ok(EventsDelete, { input: { id } }, { token: alice.token })).deleteImage).toMatchObject({ deletedImageId: id, userErrors: [] })
    expect(await events.next()).toBeNull()
    expect(await anonymous.next()).toBeNull()
  })

  it('sends nothing for a refused change, then the next real one', async () => {
    const { id, events } = await watched()
    const refused = await world.ok(EventsUpdateImage, { input: { id, name: 'Not A Name' } }, { token: alice.token })
    expect(refused.updateImage.userErrors).toEqual([expect.objectContaining({ field: ['input', 'name'] })])
    await world.ok(EventsUpdateImage, { input: { id, description: 'after' } }, { token: alice.token })
    expect(await nextImage(events)).toMatchObject({ name: expect.stringMatching(/^alice\/img-/), description: 'after' })
  })
})

describe('imageUpdated respects visibility', () => {
  it("is NOT_FOUND for another user's private image, which streams to its owner", async () => {
    const { id, events } = await watched({ isPrivate: true })
    for (const token of [bob.token, null]) {
      const peek = await subscribe(id, token)
      expect((await peek.next())?.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })])
      expect(await peek.next()).toBeNull()
    }
    await world.ok(EventsTag, { input: { imageId: id, tags: ['secret'] } }, { token: alice.token })
    expect((await nextImage(events)).tags.nodes.map((t) => t.name)).toEqual(['secret'])
  })

  it('ends the stream of those who may no longer see an image made private, and says nothing of it', async () => {
    const { id, events } = await watched()
    const stranger = await subscribe(id, bob.token)
    await stranger.next()
    await world.ok(EventsUpdateImage, { input: { id, isPrivate: true } }, { token: alice.token })
    expect(await nextImage(events)).toMatchObject({ isPrivate: true })
    expect(await stranger.next()).toBeNull()
  })
})
