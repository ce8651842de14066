// deleteImage on a real engine (metaOnly, cascade, IMAGE_IN_USE, DOCKER_UNAVAILABLE) and
// Image.inUse / Image.containers, which ask the engine once per request.
import Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { dockerFromHost } from '../../src/docker/engine.js'
import { graphql } from '../gql/index.js'
import { collectSubscription } from '../support/sse.js'
import { createWorld, gid, type World } from '../support/world.js'

const EngDelCreateImage = graphql(`
  mutation EngDelCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id name } userErrors { code } }
  }
`)
const EngDelBuild = graphql(`
  mutation EngDelBuild($input: BuildImageInput!) {
    buildImage(input: $input) { build { id } userErrors { field message code } }
  }
`)
const EngDelBuildUpdated = graphql(`
  subscription EngDelBuildUpdated($buildId: ID!) {
    buildUpdated(buildId: $buildId) { state }
  }
`)
const EngDelTag = graphql(`
  mutation EngDelTag($input: TagsInput!) {
    tagImage(input: $input) { userErrors { field message code } }
  }
`)
const EngDelDelete = graphql(`
  mutation EngDelDelete($input: DeleteImageInput!) {
    deleteImage(input: $input) { deletedImageId userErrors { field message code } }
  }
`)
const EngDelUsage = graphql(`
  query EngDelUsage($id: ID!) {
    image(id: $id) { inUse containers { id name state status imageReference createdAt } }
  }
`)
const EngDelUsageList = graphql(`
  query EngDelUsageList($nameContains: String!) {
    images(first: 50, filter: { nameContains: $nameContains }, orderBy: { field: NAME, direction: ASC }) {
      nodes { name inUse containers { name } }
    }
  }
`)

const BASE = 'FROM icat-test/busybox:latest\n'
let docker: Docker
let world: World
let dead: World
let imageCount = 0
const created: string[] = []

beforeAll(async () => {
  docker = dockerFromHost(inject('dockerHost'))
  world = await createWorld({ DOCKER_HOST: inject('dockerHost') })
  dead = await createWorld({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' })
})
afterAll(async () => {
  await Promise.allSettled(created.map((id) => docker.getContainer(id).remove({ force: true })))
  await world?.dispose()
  await dead?.dispose()
})

/** A catalog image built on the engine as name:latest (a distinct engine image), also tagged `tags`. */
/** Built and tagged, in the engdel/ namespace (the admin's) or in `namespace` as `token`. */
async function builtImage(prefix: string, tags: string[] = [], token?: string, namespace = 'engdel') {
  const { createImage } = await world.ok(EngDelCreateImage, { input: { name: `${namespace}/${prefix}-${imageCount++}` } }, { token })
  const image = { gid: createImage.image!.id, name: createImage.image!.name }
  const dockerfile = `${BASE}LABEL test.unique="${Math.random()}"\n`
  const { buildImage } = await world.ok(EngDelBuild, { input: { imageId: image.gid, dockerfile, tag: 'latest' } }, { token })
  expect(buildImage.userErrors).toEqual([])
  const states = await collectSubscription(world, EngDelBuildUpdated, { buildId: buildImage.build!.id }, { token })
  expect(states.events.at(-1)!.data!.buildUpdated.state).toBe('SUCCEEDED')
  if (tags.length) expect((await world.ok(EngDelTag, { input: { imageId: image.gid, tags } }, { token })).tagImage.userErrors).toEqual([])
  const row = await world.app.db.image.findUniqueOrThrow({ where: { name: image.name }, include: { tags: true } })
  return { ...image, id: row.id, engineImageId: row.tags[0]!.engineImageId!, references: row.tags.map((t) => `${image.name}:${t.name}`) }
}

async function onEngine(reference: string): Promise<boolean> {
  try {
    await docker.getImage(reference).inspect()
    return true
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false
    throw error
  }
}

async function containerExists(id: string): Promise<boolean> {
  try {
    await docker.getContainer(id).inspect()
    return true
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false
    throw error
  }
}

async function runContainer(reference: string, options: { start: boolean }) {
  const container = await docker.createContainer({ Image: reference, Cmd: ['sleep', '60'], NetworkDisabled: true, HostConfig: { NetworkMode: 'none' } })
  created.push(container.id)
  if (options.start) await container.start()
  const info = await container.inspect()
  return { id: container.id, name: info.Name.replace(/^\//, '') }
}

describe('deleteImage on the engine', () => {
  it('removes every name:tag of the image from the engine, then the record', async () => {
    const image = await builtImage('plain', ['1.0', 'stable'])
    expect(image.references).toHaveLength(3)
    const { deleteImage } = await world.ok(EngDelDelete, { input: { id: image.gid } })
    expect(deleteImage).toEqual({ deletedImageId: image.gid, userErrors: [] })
    for (const reference of image.references) expect(await onEngine(reference), reference).toBe(false)
    expect(await onEngine(image.engineImageId)).toBe(false)
    expect(await world.app.db.image.count({ where: { id: image.id } })).toBe(0)
  })

  it('keeps the engine image under names outside the catalog', async () => {
    const image = await builtImage('shared')
    await docker.getImage(image.references[0]!).tag({ repo: 'engdel-outside/keep', tag: 'v1' })
    const { deleteImage } = await world.ok(EngDelDelete, { input: { id: image.gid } })
    expect(deleteImage.userErrors).toEqual([])
    expect(await onEngine(image.references[0]!)).toBe(false)
    expect(await onEngine('engdel-outside/keep:v1')).toBe(true)
    await docker.getImage('engdel-outside/keep:v1').remove()
  })

  it('with metaOnly forgets the record and leaves the engine alone', async () => {
    const image = await builtImage('meta', ['1.0'])
    const { deleteImage } = await world.ok(EngDelDelete, { input: { id: image.gid, metaOnly: true } })
    expect(deleteImage).toEqual({ deletedImageId: image.gid, userErrors: [] })
    for (const reference of image.references) expect(await onEngine(reference)).toBe(true)
    expect(await world.app.db.image.count({ where: { id: image.id } })).toBe(0)
    for (const reference of image.references) await docker.getImage(reference).remove()
  })

  it('is IMAGE_IN_USE while containers (running or stopped) use it, naming them, and removes nothing', async () => {
    const image = await builtImage('busy', ['1.0'])
    const running = await runContainer(image.references[0]!, { start: true })
    const stopped = await runContainer(image.engineImageId, { start: false })
    const { deleteImage } = await world.ok(EngDelDelete, { input: { id: image.gid, cascade: false } })
    expect(deleteImage.deletedImageId).toBeNull()
    expect(deleteImage.userErrors).toEqual([{ field: ['input', 'id'], code: 'IMAGE_IN_USE', message: expect.stringContaining('cascade: true') }])
    const message = deleteImage.userErrors[0]!.message
    for (const c of [running, stopped]) {
      expect(message).toContain(c.name)
      expect(message).toContain(c.id.slice(0, 12))
    }
    expect(await world.app.db.image.count({ where: { id: image.id } })).toBe(1)
    expect(await world.app.db.tag.count({ where: { imageId: image.id } })).toBe(2)
    for (const reference of image.references) expect(await onEngine(reference)).toBe(true)
    expect(await containerExists(running.id)).toBe(true)
    expect(await containerExists(stopped.id)).toBe(true)
  })

  it('with cascade stops and removes the containers, then the images, then the record', async () => {
    const image = await builtImage('cascade', ['1.0'])
    const running = await runContainer(image.references[1]!, { start: true })
    const stopped = await runContainer(image.references[0]!, { start: false })
    const { deleteImage } = await world.ok(EngDelDelete, { input: { id: image.gid, cascade: true } })
    expect(deleteImage).toEqual({ deletedImageId: image.gid, userErrors: [] })
    expect(await containerExists(running.id)).toBe(false)
    expect(await containerExists(stopped.id)).toBe(false)
    for (const reference of image.references) expect(await onEngine(reference)).toBe(false)
    expect(await onEngine(image.engineImageId)).toBe(false)
    expect(await world.app.db.image.count({ where: { id: image.id } })).toBe(0)
  })

  it("is FORBIDDEN on someone else's image and NOT_FOUND on a private or missing one, touching nothing", async () => {
    const owner = await world.createUser('engdel-owner')
    const image = await builtImage('owned', [], owner.token, 'engdel-owner')
    const other = await world.createUser('engdel-other')
    const forbidden = await world.run(EngDelDelete, { input: { id: image.gid } }, { token: other.token })
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    await world.app.db.image.update({ where: { id: image.id }, data: { isPrivate: true } })
    const hidden = await world.ok(EngDelDelete, { input: { id: image.gid } }, { token: other.token })
    expect(hidden.deleteImage).toEqual({ deletedImageId: null, userErrors: [{ field: ['input', 'id'], code: 'NOT_FOUND', message: 'Image does not exist' }] })
    const missing = await world.ok(EngDelDelete, { input: { id: gid('Image', 999999) } })
    expect(missing.deleteImage.userErrors).toEqual([{ field: ['input', 'id'], code: 'NOT_FOUND', message: 'Image does not exist' }])
    expect(await onEngine(image.references[0]!)).toBe(true)
    expect(await world.app.db.image.count({ where: { id: image.id } })).toBe(1)
  })
})

describe('Image.inUse and Image.containers', () => {
  it('list the containers that use the image, running or stopped', async () => {
    const image = await builtImage('usage')
    const idle = await world.ok(EngDelUsage, { id: image.gid })
    expect(idle.image).toEqual({ inUse: false, containers: [] })
    const running = await runContainer(image.references[0]!, { start: true })
    const stopped = await runContainer(image.engineImageId, { start: false })
    const { image: used } = await world.ok(EngDelUsage, { id: image.gid })
    expect(used!.inUse).toBe(true)
    expect([...used!.containers].sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      [
        { id: running.id, name: running.name, state: 'running', status: expect.stringMatching(/^Up /), imageReference: image.references[0], createdAt: expect.any(String) },
        { id: stopped.id, name: stopped.name, state: 'created', status: 'Created', imageReference: image.engineImageId, createdAt: expect.any(String) },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    )
    // Others see that it is in use, not which containers run on the machine.
    const stranger = await world.createUser(`stranger-${image.references[0]!.replace(/[^a-z0-9]/g, '')}`)
    expect((await world.ok(EngDelUsage, { id: image.gid }, { token: stranger.token })).image).toEqual({ inUse: true, containers: [] })
    expect((await world.ok(EngDelUsage, { id: image.gid }, { token: null })).image).toEqual({ inUse: true, containers: [] })
  })

  it('ask the engine for its containers once per request, however many images are shown', async () => {
    const a = await builtImage('batch')
    const b = await builtImage('batch')
    const c = await runContainer(b.references[0]!, { start: false })
    const spy = vi.spyOn(world.app.services.engineImages, 'containers')
    try {
      const { images } = await world.ok(EngDelUsageList, { nameContains: 'engdel/batch-' })
      expect(images.nodes).toEqual([
        { name: a.name, inUse: false, containers: [] },
        { name: b.name, inUse: true, containers: [{ name: c.name }] },
      ])
      expect(spy).toHaveBeenCalledTimes(1)
    } finally {
      spy.mockRestore()
    }
  })

  it('do not ask the engine for images none of whose tags is on it', async () => {
    const { createImage } = await world.ok(EngDelCreateImage, { input: { name: `engdel/paper-${imageCount++}` } })
    const spy = vi.spyOn(world.app.services.engineImages, 'containers')
    try {
      expect((await world.ok(EngDelUsage, { id: createImage.image!.id })).image).toEqual({ inUse: false, containers: [] })
      expect(spy).not.toHaveBeenCalled()
    } finally {
      spy.mockRestore()
    }
  })
})

describe('without an engine', () => {
  const engineImageId = `sha256:${'b'.repeat(64)}`
  async function recordedImage(name: string) {
    const row = await dead.app.db.image.create({ data: { name, ownerId: 1 } })
    await dead.app.db.tag.create({ data: { imageId: row.id, name: 'latest', engineImageId, digest: engineImageId, sizeBytes: 5n } })
    return { id: row.id, gid: gid('Image', row.id) }
  }

  it('deleteImage is DOCKER_UNAVAILABLE for an image on the engine, and removes nothing', async () => {
    const image = await recordedImage('engdel/offline')
    for (const cascade of [false, true]) {
      const { deleteImage } = await dead.ok(EngDelDelete, { input: { id: image.gid, cascade } })
      expect(deleteImage).toEqual({ deletedImageId: null, userErrors: [{ field: [], code: 'DOCKER_UNAVAILABLE', message: expect.stringContaining('DOCKER_HOST') }] })
    }
    expect(await dead.app.db.tag.count({ where: { imageId: image.id } })).toBe(1)
  })

  it('deleteImage with metaOnly, or of a catalog-only image, needs no engine', async () => {
    const image = await recordedImage('engdel/offline-meta')
    expect((await dead.ok(EngDelDelete, { input: { id: image.gid, metaOnly: true } })).deleteImage).toEqual({ deletedImageId: image.gid, userErrors: [] })
    const paper = await dead.app.db.image.create({ data: { name: 'engdel/offline-paper', ownerId: 1 } })
    await dead.app.db.tag.create({ data: { imageId: paper.id, name: 'latest' } })
    expect((await dead.ok(EngDelDelete, { input: { id: gid('Image', paper.id) } })).deleteImage).toEqual({ deletedImageId: gid('Image', paper.id), userErrors: [] })
    expect(await dead.app.db.image.count({ where: { id: { in: [image.id, paper.id] } } })).toBe(0)
  })

  it('inUse is false and containers is empty: a missing engine is a state', async () => {
    const image = await recordedImage('engdel/offline-usage')
    const result = await dead.run(EngDelUsage, { id: image.gid })
    expect(result.errors).toBeUndefined()
    expect(result.data!.image).toEqual({ inUse: false, containers: [] })
  })
})
