// imageUpdated on the real engine and a real registry: an import, engine-backed tag and untag,
// a push, a pull, retention that removes from engine and registry, and a delete that removes
// from the engine each send the image as they left it; the delete ends the stream.
// Every step waits for its event, never for time.
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { dockerFromHost } from '../../src/docker/engine.js'
import { graphql } from '../gql/index.js'
import { startRegistry, type TestRegistry } from '../support/registries.js'
import { collectSubscription, openSubscription, type OpenSubscription } from '../support/sse.js'
import { createWorld, type World } from '../support/world.js'

const EngEventsImageUpdated = graphql(`
  subscription EngEventsImageUpdated($imageId: ID!) {
    imageUpdated(imageId: $imageId) {
      name state
      tags { nodes { id name digest pushedDigest } }
    }
  }
`)
const EngEventsCreateImage = graphql(`
  mutation EngEventsCreateImage($input: CreateImageInput!) { createImage(input: $input) { image { id } userErrors { code } } }
`)
const EngEventsAddRegistry = graphql(`
  mutation EngEventsAddRegistry($input: AddRegistryInput!) { addRegistry(input: $input) { registry { id } userErrors { code } } }
`)
const EngEventsImport = graphql(`
  mutation EngEventsImport($input: ImportLocalImageInput!) { importLocalImage(input: $input) { tag { id } userErrors { code message } } }
`)
const EngEventsTag = graphql(`
  mutation EngEventsTag($input: TagsInput!) { tagImage(input: $input) { userErrors { code message } } }
`)
const EngEventsUntag = graphql(`
  mutation EngEventsUntag($input: TagsInput!) { untagImage(input: $input) { userErrors { code message } } }
`)
const EngEventsPush = graphql(`
  mutation EngEventsPush($input: PushImageInput!) { pushImage(input: $input) { push { id } userErrors { code message } } }
`)
const EngEventsPushFollow = graphql(`
  subscription EngEventsPushFollow($pushId: ID!) { pushProgress(pushId: $pushId) { push { state errorMessage digest } } }
`)
const EngEventsPull = graphql(`
  mutation EngEventsPull($input: PullImageInput!) { pullImage(input: $input) { pull { id } userErrors { code message } } }
`)
const EngEventsPullFollow = graphql(`
  subscription EngEventsPullFollow($pullId: ID!) { pullProgress(pullId: $pullId) { pull { state errorMessage } } }
`)
const EngEventsSetRetention = graphql(`
  mutation EngEventsSetRetention($input: SetRetentionPoliciesInput!) { setRetentionPolicies(input: $input) { userErrors { code message } } }
`)
const EngEventsApplyRetention = graphql(`
  mutation EngEventsApplyRetention($input: ApplyRetentionInput!) {
    applyRetention(input: $input) { removed { tagName removed engine registry } userErrors { code message } }
  }
`)
const EngEventsDelete = graphql(`
  mutation EngEventsDelete($input: DeleteImageInput!) { deleteImage(input: $input) { deletedImageId userErrors { code message } } }
`)

const BASE = 'icat-test/busybox:latest'
const NAME = 'events/engine-app'
let docker: Docker
let world: World
let registry: TestRegistry
let registryId: string
let imageId: string
let events: OpenSubscription<{ imageUpdated: unknown }>
/** The image as the last event showed it. */
let latest: Image

type Image = { name: string; state: string; tags: { nodes: { id: string; name: string; digest: string | null; pushedDigest: string | null }[] } }

/** The next event: the image as the change left it. */
async function nextImage(): Promise<Image> {
  const event = await events.next(60_000)
  expect(event, 'the stream ended instead of sending the change').not.toBeNull()
  expect(event!.errors).toBeUndefined()
  latest = event!.data!.imageUpdated as Image
  return latest
}
const tagNames = (image: Image) => image.tags.nodes.map((t) => t.name)

beforeAll(async () => {
  docker = dockerFromHost(inject('dockerHost'))
  world = await createWorld({ DOCKER_HOST: inject('dockerHost') })
  registry = await startRegistry('open')
  const { addRegistry } = await world.ok(EngEventsAddRegistry, { input: { name: 'events-registry', url: registry.url } })
  registryId = addRegistry.registry!.id
  // Content of its own, so the push uploads and the pull downloads a layer.
  const container = await docker.createContainer({ Image: BASE, Cmd: ['sh', '-c', `echo ${NAME} ${Date.now()} > /marker`], NetworkDisabled: true })
  await container.start()
  await container.wait()
  await container.commit({ repo: NAME, tag: '1.0' })
  await container.remove()
  const { createImage } = await world.ok(EngEventsCreateImage, { input: { name: NAME } })
  imageId = createImage.image!.id
  events = await openSubscription(world, EngEventsImageUpdated, { imageId })
  expect(await nextImage()).toMatchObject({ name: NAME, state: 'EMPTY', tags: { nodes: [] } })
}, 120_000)

afterAll(async () => {
  events?.close()
  await world?.dispose()
  for (const ref of [`${NAME}:1.0`, `${NAME}:2.0`, `${NAME}:3.0`, `${registry?.host}/${NAME}:3.0`]) await docker?.getImage(ref).remove({ force: true }).catch(() => {})
  await registry?.stop()
})

// One image through its life; each step needs the one before.
describe.sequential('imageUpdated follows an engine-backed image', () => {
  it('fires on importLocalImage', async () => {
    expect((await world.ok(EngEventsImport, { input: { reference: `${NAME}:1.0` } })).importLocalImage.userErrors).toEqual([])
    const image = await nextImage()
    expect(image).toMatchObject({ state: 'SUCCESS', tags: { nodes: [{ name: '1.0', digest: expect.stringMatching(/^sha256:/) }] } })
  })

  it('fires on tagImage and untagImage on the engine', async () => {
    expect((await world.ok(EngEventsTag, { input: { imageId, tags: ['2.0', '3.0'] } })).tagImage.userErrors).toEqual([])
    expect(tagNames(await nextImage())).toEqual(['1.0', '2.0', '3.0'])
    expect(await docker.getImage(`${NAME}:2.0`).inspect().then(() => true, () => false)).toBe(true)
    expect((await world.ok(EngEventsUntag, { input: { imageId, tags: ['2.0'] } })).untagImage.userErrors).toEqual([])
    expect(tagNames(await nextImage())).toEqual(['1.0', '3.0'])
  })

  it('fires when a push succeeds, with the pushed digest', async () => {
    const tag3 = latest.tags.nodes.find((t) => t.name === '3.0')!
    const { pushImage } = await world.ok(EngEventsPush, { input: { tagId: tag3.id, registryId } })
    expect(pushImage.userErrors).toEqual([])
    const pushed = await nextImage()
    const progress = await collectSubscription(world, EngEventsPushFollow, { pushId: pushImage.push!.id }, { timeoutMs: 120_000 })
    const digest = progress.events.at(-1)!.data!.pushProgress.push.digest
    expect(progress.events.at(-1)!.data!.pushProgress.push).toMatchObject({ state: 'SUCCEEDED', digest: expect.stringMatching(/^sha256:/) })
    expect(pushed.tags.nodes.find((t) => t.name === '3.0')!.pushedDigest).toBe(digest)
  })

  it('fires when a pull brings a tag back from the registry', async () => {
    expect((await world.ok(EngEventsUntag, { input: { imageId, tags: ['3.0'] } })).untagImage.userErrors).toEqual([])
    expect(tagNames(await nextImage())).toEqual(['1.0'])
    const { pullImage } = await world.ok(EngEventsPull, { input: { reference: `${NAME}:3.0`, registryId } })
    expect(pullImage.userErrors).toEqual([])
    const pulled = await nextImage()
    const progress = await collectSubscription(world, EngEventsPullFollow, { pullId: pullImage.pull!.id }, { timeoutMs: 120_000 })
    expect(progress.events.at(-1)!.data!.pullProgress.pull).toMatchObject({ state: 'SUCCEEDED' })
    expect(tagNames(pulled)).toEqual(['1.0', '3.0'])
  })

  it('fires when retention removes a tag from the engine and the registry', async () => {
    const rules = { imageId, policies: [{ rule: 'MATCHING' as const, tagPattern: '3\\.0' }] }
    expect((await world.ok(EngEventsSetRetention, { input: rules })).setRetentionPolicies.userErrors).toEqual([])
    await nextImage()
    const { applyRetention } = await world.ok(EngEventsApplyRetention, { input: { imageId } })
    expect(applyRetention.removed).toEqual([{ tagName: '3.0', removed: true, engine: expect.any(String), registry: expect.any(String) }])
    expect(tagNames(await nextImage())).toEqual(['1.0'])
  })

  it('ends the stream when the image is deleted from catalog and engine', async () => {
    expect((await world.ok(EngEventsDelete, { input: { id: imageId } })).deleteImage).toEqual({ deletedImageId: imageId, userErrors: [] })
    expect(await events.next()).toBeNull()
    expect(await docker.getImage(`${NAME}:1.0`).inspect().then(() => true, () => false)).toBe(false)
  })
})
