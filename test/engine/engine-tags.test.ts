// tagImage and untagImage on a real engine, and Tag.details (a local inspect): new names
// point at the source's engine image, untagging removes exactly one reference, an image a
// container needs keeps its last name, and a missing engine is DOCKER_UNAVAILABLE or null.
import Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { dockerFromHost } from '../../src/docker/engine.js'
import { graphql } from '../gql/index.js'
import { collectSubscription } from '../support/sse.js'
import { createWorld, gid, type World } from '../support/world.js'

const EngTagsCreateImage = graphql(`
  mutation EngTagsCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id name } userErrors { code } }
  }
`)
const EngTagsBuild = graphql(`
  mutation EngTagsBuild($input: BuildImageInput!) {
    buildImage(input: $input) { build { id } userErrors { field message code } }
  }
`)
const EngTagsBuildUpdated = graphql(`
  subscription EngTagsBuildUpdated($buildId: ID!) {
    buildUpdated(buildId: $buildId) { state }
  }
`)
const EngTagsTag = graphql(`
  mutation EngTagsTag($input: TagsInput!) {
    tagImage(input: $input) {
      tags { name digest sizeBytes }
      userErrors { field message code }
    }
  }
`)
const EngTagsUntag = graphql(`
  mutation EngTagsUntag($input: TagsInput!) {
    untagImage(input: $input) { removedTags userErrors { field message code } }
  }
`)
const EngTagsDetails = graphql(`
  query EngTagsDetails($id: ID!) {
    image(id: $id) {
      tags(first: 10) {
        nodes {
          name
          details {
            id digest repoDigests sizeBytes created architecture os layers env cmd entrypoint exposedPorts
            labels { name value }
            history { created createdBy comment emptyLayer }
          }
        }
      }
    }
  }
`)

const BASE = 'FROM icat-test/busybox:latest\n'
let docker: Docker
let world: World
let dead: World
let imageCount = 0
const containers: string[] = []

beforeAll(async () => {
  docker = dockerFromHost(inject('dockerHost'))
  world = await createWorld({ DOCKER_HOST: inject('dockerHost') })
  dead = await createWorld({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' })
})
afterAll(async () => {
  await Promise.allSettled(containers.map((id) => docker.getContainer(id).remove({ force: true })))
  await world?.dispose()
  await dead?.dispose()
})

async function newImage(options: { token?: string } = {}) {
  const { createImage } = await world.ok(EngTagsCreateImage, { input: { name: `engtags/app-${imageCount++}` } }, { token: options.token })
  return { gid: createImage.image!.id, name: createImage.image!.name, id: Number(Buffer.from(createImage.image!.id, 'base64').toString().split(':')[1]) }
}

/** Builds a distinct image (the label makes its id unique) as name:tag and waits for it. */
async function build(image: { gid: string; id: number }, tag: string, extra = '') {
  const dockerfile = `${BASE}LABEL test.unique="${Math.random()}"\n${extra}`
  const { buildImage } = await world.ok(EngTagsBuild, { input: { imageId: image.gid, dockerfile, tag } })
  expect(buildImage.userErrors).toEqual([])
  const states = await collectSubscription(world, EngTagsBuildUpdated, { buildId: buildImage.build!.id })
  expect(states.events.at(-1)!.data!.buildUpdated.state).toBe('SUCCEEDED')
  return world.app.db.tag.findUniqueOrThrow({ where: { imageId_name: { imageId: image.id, name: tag } } })
}

async function engineId(reference: string): Promise<string | null> {
  try {
    return (await docker.getImage(reference).inspect()).Id
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null
    throw error
  }
}

async function runContainer(reference: string, start = true) {
  const container = await docker.createContainer({ Image: reference, Cmd: ['sleep', '60'], NetworkDisabled: true, HostConfig: { NetworkMode: 'none' } })
  containers.push(container.id)
  if (start) await container.start()
  return container
}

const tagRows = async (imageId: number) =>
  (await world.app.db.tag.findMany({ where: { imageId }, orderBy: { name: 'asc' } })).map((t) => ({
    name: t.name,
    engineImageId: t.engineImageId,
    digest: t.digest,
    sizeBytes: t.sizeBytes,
  }))

describe('tagImage on the engine', () => {
  it('points each new name:tag at the latest engine image and records its digest, id and size', async () => {
    const image = await newImage()
    const latest = await build(image, 'latest')
    const { tagImage } = await world.ok(EngTagsTag, { input: { imageId: image.gid, tags: ['1.0', 'stable', 'latest'] } })
    expect(tagImage.userErrors).toEqual([])
    expect(tagImage.tags).toEqual([
      { name: 'latest', digest: latest.digest, sizeBytes: Number(latest.sizeBytes) },
      { name: '1.0', digest: latest.digest, sizeBytes: Number(latest.sizeBytes) },
      { name: 'stable', digest: latest.digest, sizeBytes: Number(latest.sizeBytes) },
    ])
    expect(await engineId(`${image.name}:1.0`)).toBe(latest.engineImageId)
    expect(await engineId(`${image.name}:stable`)).toBe(latest.engineImageId)
    const rows = await tagRows(image.id)
    expect(rows.map((r) => r.engineImageId)).toEqual([latest.engineImageId, latest.engineImageId, latest.engineImageId])
  })

  it('uses the most recently built tag by default, and sourceTag when given', async () => {
    const image = await newImage()
    const old = await build(image, 'old')
    const recent = await build(image, 'recent')
    expect(old.engineImageId).not.toBe(recent.engineImageId)
    await world.ok(EngTagsTag, { input: { imageId: image.gid, tags: ['implicit'] } })
    const { tagImage } = await world.ok(EngTagsTag, { input: { imageId: image.gid, tags: ['pinned'], sourceTag: 'old' } })
    expect(tagImage.userErrors).toEqual([])
    expect(await engineId(`${image.name}:implicit`)).toBe(recent.engineImageId)
    expect(await engineId(`${image.name}:pinned`)).toBe(old.engineImageId)
    const rows = await tagRows(image.id)
    expect(rows.find((r) => r.name === 'pinned')).toMatchObject({ engineImageId: old.engineImageId, digest: old.digest, sizeBytes: old.sizeBytes })
  })

  it('refuses a bad, unknown or catalog-only sourceTag and writes nothing, here or on the engine', async () => {
    const image = await newImage()
    await build(image, 'latest')
    await world.app.db.tag.create({ data: { imageId: image.id, name: 'paper' } })
    const before = await tagRows(image.id)
    const refused = async (sourceTag: string) =>
      (await world.ok(EngTagsTag, { input: { imageId: image.gid, tags: ['new'], sourceTag } })).tagImage
    expect(await refused('nope')).toEqual({ tags: null, userErrors: [{ field: ['input', 'sourceTag'], code: 'NOT_FOUND', message: `${image.name} has no tag nope` }] })
    expect(await refused('paper')).toEqual({ tags: null, userErrors: [{ field: ['input', 'sourceTag'], code: 'INVALID', message: expect.stringContaining('not on the Docker engine') }] })
    expect(await refused('bad tag')).toEqual({ tags: null, userErrors: [{ field: ['input', 'sourceTag'], code: 'INVALID', message: expect.any(String) }] })
    expect(await tagRows(image.id)).toEqual(before)
    expect(await engineId(`${image.name}:new`)).toBeNull()
  })

  it('keeps tags catalog-only when no tag of the image is on the engine', async () => {
    const image = await newImage()
    const { tagImage } = await world.ok(EngTagsTag, { input: { imageId: image.gid, tags: ['1.0'] } })
    expect(tagImage).toEqual({ tags: [{ name: '1.0', digest: null, sizeBytes: null }], userErrors: [] })
    expect(await engineId(`${image.name}:1.0`)).toBeNull()
  })

  it('is FORBIDDEN to someone else and touches nothing', async () => {
    const image = await newImage()
    await build(image, 'latest')
    const mallory = await world.createUser('mallory-tags')
    const result = await world.run(EngTagsTag, { input: { imageId: image.gid, tags: ['evil'] } }, { token: mallory.token })
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect(await engineId(`${image.name}:evil`)).toBeNull()
  })
})

describe('untagImage on the engine', () => {
  it('removes exactly that name; the image survives under its other tags', async () => {
    const image = await newImage()
    const latest = await build(image, 'latest')
    await world.ok(EngTagsTag, { input: { imageId: image.gid, tags: ['1.0'] } })
    const { untagImage } = await world.ok(EngTagsUntag, { input: { imageId: image.gid, tags: ['1.0'] } })
    expect(untagImage).toEqual({ removedTags: ['1.0'], userErrors: [] })
    expect(await engineId(`${image.name}:1.0`)).toBeNull()
    expect(await engineId(`${image.name}:latest`)).toBe(latest.engineImageId)
    expect(await engineId(latest.engineImageId!)).toBe(latest.engineImageId)
    expect((await tagRows(image.id)).map((r) => r.name)).toEqual(['latest'])
  })

  it("keeps an image's last name while a container uses it (IMAGE_IN_USE), but lets other names go", async () => {
    const image = await newImage()
    await build(image, 'latest')
    await world.ok(EngTagsTag, { input: { imageId: image.gid, tags: ['extra'] } })
    const container = await runContainer(`${image.name}:latest`, false)
    const info = await container.inspect()

    const { untagImage: both } = await world.ok(EngTagsUntag, { input: { imageId: image.gid, tags: ['extra', 'latest'] } })
    expect(both.removedTags).toBeNull()
    expect(both.userErrors).toEqual([
      { field: ['input', 'tags', '0'], code: 'IMAGE_IN_USE', message: expect.stringContaining(info.Name.replace(/^\//, '')) },
    ])
    expect(await engineId(`${image.name}:extra`)).not.toBeNull()
    expect(await engineId(`${image.name}:latest`)).not.toBeNull()
    expect((await tagRows(image.id)).map((r) => r.name)).toEqual(['extra', 'latest'])

    const { untagImage: one } = await world.ok(EngTagsUntag, { input: { imageId: image.gid, tags: ['extra'] } })
    expect(one).toEqual({ removedTags: ['extra'], userErrors: [] })
    expect(await engineId(`${image.name}:extra`)).toBeNull()
    const { untagImage: last } = await world.ok(EngTagsUntag, { input: { imageId: image.gid, tags: ['latest'] } })
    expect(last.userErrors).toEqual([{ field: ['input', 'tags', '0'], code: 'IMAGE_IN_USE', message: expect.any(String) }])
    expect(await engineId(`${image.name}:latest`)).not.toBeNull()
  })

  it('refuses a sourceTag, and a missing tag, removing nothing', async () => {
    const image = await newImage()
    await build(image, 'latest')
    const withSource = await world.ok(EngTagsUntag, { input: { imageId: image.gid, tags: ['latest'], sourceTag: 'latest' } })
    expect(withSource.untagImage.userErrors).toEqual([{ field: ['input', 'sourceTag'], code: 'INVALID', message: 'untagImage takes no sourceTag' }])
    const missing = await world.ok(EngTagsUntag, { input: { imageId: image.gid, tags: ['latest', 'ghost'] } })
    expect(missing.untagImage.userErrors).toEqual([{ field: ['input', 'tags', '1'], code: 'NOT_FOUND', message: `${image.name} has no tag ghost` }])
    expect(await engineId(`${image.name}:latest`)).not.toBeNull()
    expect((await tagRows(image.id)).map((r) => r.name)).toEqual(['latest'])
  })
})

describe('Tag.details', () => {
  it('inspects name:tag locally: config, layers, labels and history', async () => {
    const image = await newImage()
    const tag = await build(image, 'latest', 'ENV GREETING=hello\nEXPOSE 8080/tcp\nLABEL team=web\nENTRYPOINT ["/bin/sh", "-c"]\nCMD ["echo hi"]\nRUN echo layer > /layer.txt\n')
    const { image: found } = await world.ok(EngTagsDetails, { id: image.gid })
    const details = found!.tags.nodes[0]!.details!
    const info = await docker.getImage(`${image.name}:latest`).inspect()
    expect(details).toMatchObject({
      id: tag.engineImageId,
      digest: null,
      repoDigests: [],
      sizeBytes: info.Size,
      created: new Date(info.Created).toISOString(),
      architecture: info.Architecture,
      os: 'linux',
      layers: info.RootFS.Layers,
      cmd: ['echo hi'],
      entrypoint: ['/bin/sh', '-c'],
      exposedPorts: ['8080/tcp'],
    })
    expect(details.env).toContain('GREETING=hello')
    expect(details.labels).toEqual(expect.arrayContaining([{ name: 'team', value: 'web' }]))
    expect(details.layers.length).toBeGreaterThanOrEqual(2)
    const [run, ...older] = details.history
    expect(run).toMatchObject({ createdBy: expect.stringContaining('echo layer'), emptyLayer: false })
    expect(older.find((h) => h.createdBy.includes('EXPOSE'))).toMatchObject({ emptyLayer: true })
    expect(details.history.filter((h) => !h.emptyLayer)).toHaveLength(details.layers.length)
    // The base image's symlinks-only layer has size 0, and is still a layer.
    expect(details.history.find((h) => h.createdBy.includes('--install'))).toMatchObject({ emptyLayer: false })
  })

  it('shows the registry digest once the image has been pushed', async () => {
    const image = await newImage()
    await build(image, 'latest')
    const pushed = `${inject('registryHost')}/${image.name}`
    await docker.getImage(`${image.name}:latest`).tag({ repo: pushed, tag: 'latest' })
    const stream = await docker.getImage(`${pushed}:latest`).push({ authconfig: {} })
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(stream, (error, output) => {
        const failed = output?.find((event: { error?: string }) => event.error)
        if (error || failed) reject(error ?? new Error(failed.error))
        else resolve()
      }),
    )
    const { image: found } = await world.ok(EngTagsDetails, { id: image.gid })
    expect(found!.tags.nodes[0]!.details!.repoDigests).toEqual([expect.stringMatching(new RegExp(`^${pushed}@sha256:[0-9a-f]{64}$`))])
    await docker.getImage(`${pushed}:latest`).remove({ noprune: true })
  })

  it('is null for a tag the engine does not hold', async () => {
    const image = await newImage()
    await world.ok(EngTagsTag, { input: { imageId: image.gid, tags: ['paper'] } })
    const { image: found } = await world.ok(EngTagsDetails, { id: image.gid })
    expect(found!.tags.nodes).toEqual([{ name: 'paper', details: null }])
  })
})

describe('tags without an engine', () => {
  let image: { id: number; gid: string; name: string }
  beforeAll(async () => {
    const row = await dead.app.db.image.create({ data: { name: 'engtags/offline', ownerId: 1 } })
    await dead.app.db.tag.create({
      data: { imageId: row.id, name: 'latest', engineImageId: `sha256:${'a'.repeat(64)}`, digest: `sha256:${'a'.repeat(64)}`, sizeBytes: 5n },
    })
    image = { id: row.id, gid: gid('Image', row.id), name: row.name }
  })

  it('answers DOCKER_UNAVAILABLE for an image on the engine, and writes nothing', async () => {
    const tagged = await dead.ok(EngTagsTag, { input: { imageId: image.gid, tags: ['1.0'] } })
    expect(tagged.tagImage.userErrors).toEqual([{ field: [], code: 'DOCKER_UNAVAILABLE', message: expect.stringContaining('DOCKER_HOST') }])
    const untagged = await dead.ok(EngTagsUntag, { input: { imageId: image.gid, tags: ['latest'] } })
    expect(untagged.untagImage.userErrors).toEqual([{ field: [], code: 'DOCKER_UNAVAILABLE', message: expect.stringContaining('DOCKER_HOST') }])
    expect((await dead.app.db.tag.findMany({ where: { imageId: image.id } })).map((t) => t.name)).toEqual(['latest'])
  })

  it('shows details as null', async () => {
    const { image: found } = await dead.ok(EngTagsDetails, { id: image.gid })
    expect(found!.tags.nodes).toEqual([{ name: 'latest', details: null }])
  })

  it('still tags and untags catalog-only images', async () => {
    const row = await dead.app.db.image.create({ data: { name: 'engtags/paper', ownerId: 1 } })
    const tagged = await dead.ok(EngTagsTag, { input: { imageId: gid('Image', row.id), tags: ['1.0'] } })
    expect(tagged.tagImage.userErrors).toEqual([])
    const untagged = await dead.ok(EngTagsUntag, { input: { imageId: gid('Image', row.id), tags: ['1.0'] } })
    expect(untagged.untagImage).toEqual({ removedTags: ['1.0'], userErrors: [] })
  })
})
