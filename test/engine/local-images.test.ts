// localImages (what the engine holds, admin only) and importLocalImage (one of them into
// the catalog), on a real engine and without one.
import Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { pack } from 'tar-stream'
import { dockerFromHost } from '../../src/docker/engine.js'
import { graphql } from '../gql/index.js'
import { ADMIN_TOKEN, createWorld, type World } from '../support/world.js'

const LocalImgList = graphql(`
  query LocalImgList($first: Int, $after: String) {
    localImages(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id repoTags sizeBytes created inCatalog } }
    }
  }
`)
const LocalImgPages = graphql(`
  query LocalImgPages($after: String!, $before: String!) {
    all: localImages(first: 4) { totalCount nodes { id } }
    second: localImages(first: 2, after: $after) { nodes { id } pageInfo { hasPreviousPage hasNextPage } }
    lastBefore: localImages(last: 1, before: $before) { nodes { id } }
  }
`)
const LocalImgImport = graphql(`
  mutation LocalImgImport($input: ImportLocalImageInput!) {
    importLocalImage(input: $input) {
      image { id name isPrivate owner { name } }
      tag { name digest sizeBytes reference details { id } build { id } }
      userErrors { field message code }
    }
  }
`)

let docker: Docker
let world: World
let dead: World
let count = 0
const made: string[] = []

beforeAll(async () => {
  docker = dockerFromHost(inject('dockerHost'))
  world = await createWorld({ DOCKER_HOST: inject('dockerHost') })
  dead = await createWorld({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' })
})
afterAll(async () => {
  for (const reference of made) await docker.getImage(reference).remove({ noprune: true }).catch(() => {})
  await world?.dispose()
  await dead?.dispose()
})

/** A reference only the engine knows: the base image under a new name. */
async function engineOnly(tag = '1.0') {
  const repo = `localimg/only-${count++}`
  await docker.getImage('icat-test/busybox:latest').tag({ repo, tag })
  made.push(`${repo}:${tag}`)
  return { repo, tag, reference: `${repo}:${tag}`, info: await docker.getImage(`${repo}:${tag}`).inspect() }
}

/** A new engine image of its own (the label makes its id unique), as repo:1. */
async function distinctImage() {
  const repo = `localimg/distinct-${count++}`
  const context = pack()
  context.entry({ name: 'Dockerfile' }, `FROM icat-test/busybox:latest\nLABEL test.unique="${Math.random()}"\n`)
  context.finalize()
  const stream = await docker.buildImage(context as unknown as NodeJS.ReadableStream, { t: `${repo}:1`, networkmode: 'none' })
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(stream, (error, output) => {
      const failed = output?.find((event: { error?: string }) => event.error)
      if (error || failed) reject(error ?? new Error(failed.error))
      else resolve()
    }),
  )
  made.push(`${repo}:1`)
}

const cursor = (position: number) => Buffer.from(`GPC:N:${position}`).toString('base64')

async function allLocalImages() {
  const { localImages } = await world.ok(LocalImgList, { first: 100 })
  return localImages!
}

describe('localImages', () => {
  it('lists what the engine holds, newest first, with repo tags, size and whether the catalog has it', async () => {
    const only = await engineOnly()
    const list = await allLocalImages()
    expect(list.totalCount).toBeGreaterThanOrEqual(1)
    const base = list.edges.find((e) => e.node.repoTags.includes(only.reference))!.node
    expect(base).toEqual({
      id: only.info.Id,
      repoTags: expect.arrayContaining(['icat-test/busybox:latest', only.reference]),
      sizeBytes: only.info.Size,
      created: new Date(Math.floor(new Date(only.info.Created).getTime() / 1000) * 1000).toISOString(),
      inCatalog: false,
    })
    const created = list.edges.map((e) => new Date(e.node.created).getTime())
    expect(created).toEqual([...created].sort((a, b) => b - a))

    await world.ok(LocalImgImport, { input: { reference: only.reference } })
    const after = await allLocalImages()
    expect(after.edges.find((e) => e.node.id === only.info.Id)!.node.inCatalog).toBe(true)
  })

  it('pages by position with first/after and last/before', async () => {
    for (let i = 0; i < 4; i++) await distinctImage()
    const first = await world.ok(LocalImgList, { first: 1 })
    expect(first.localImages!.edges).toHaveLength(1)
    expect(first.localImages!.edges[0]!.cursor).toBe(cursor(1))
    expect(first.localImages!.pageInfo).toEqual({ hasPreviousPage: false, hasNextPage: first.localImages!.totalCount > 1, startCursor: cursor(1), endCursor: cursor(1) })

    // One request sees one listing, so its pages agree with each other.
    const { all, second, lastBefore } = await world.ok(LocalImgPages, { after: cursor(1), before: cursor(3) })
    expect(second!.nodes).toEqual(all!.nodes.slice(1, 3))
    expect(all!.nodes).toHaveLength(4)
    expect(second!.pageInfo).toEqual({ hasPreviousPage: true, hasNextPage: true })
    expect(lastBefore!.nodes).toEqual(all!.nodes.slice(1, 2))

    const beyond = await world.ok(LocalImgList, { first: 5, after: cursor(100000) })
    expect(beyond.localImages!.edges).toEqual([])
    expect(beyond.localImages!.pageInfo.hasNextPage).toBe(false)
  })

  it('refuses a negative page size and a malformed cursor', async () => {
    const negative = await world.run(LocalImgList, { first: -1 })
    expect(negative.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID', field: ['first'] })
    const bad = await world.run(LocalImgList, { first: 1, after: 'not-a-cursor' })
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })

  it('is for administrators only', async () => {
    const user = await world.createUser('localimg-user')
    expect((await world.run(LocalImgList, { first: 1 }, { token: user.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect((await world.run(LocalImgList, { first: 1 }, { token: null })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
  })

  it('is null with DOCKER_UNAVAILABLE without an engine', async () => {
    const result = await dead.run(LocalImgList, { first: 1 })
    expect(result.data).toEqual({ localImages: null })
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DOCKER_UNAVAILABLE' })
  })
})

describe('importLocalImage', () => {
  it('creates the image, owned by the viewer, and the tag with what the engine says', async () => {
    const only = await engineOnly('2.5')
    const { importLocalImage } = await world.ok(LocalImgImport, { input: { reference: only.reference } })
    expect(importLocalImage.userErrors).toEqual([])
    expect(importLocalImage.image).toMatchObject({ name: only.repo, isPrivate: false, owner: { name: 'admin' } })
    expect(importLocalImage.tag).toEqual({
      name: '2.5',
      digest: only.info.Id,
      sizeBytes: only.info.Size,
      reference: only.reference,
      details: { id: only.info.Id },
      build: null,
    })
    const row = await world.app.db.tag.findFirstOrThrow({ where: { name: '2.5', image: { name: only.repo } } })
    expect(row).toMatchObject({ engineImageId: only.info.Id, digest: only.info.Id, sizeBytes: BigInt(only.info.Size) })
  })

  it('adds a tag to an existing image, and refreshes it when imported again', async () => {
    const only = await engineOnly('1.0')
    await world.ok(LocalImgImport, { input: { reference: only.reference } })
    await docker.getImage('icat-test/busybox:latest').tag({ repo: only.repo, tag: '2.0' })
    made.push(`${only.repo}:2.0`)
    const second = await world.ok(LocalImgImport, { input: { reference: `${only.repo}:2.0` } })
    expect(second.importLocalImage.userErrors).toEqual([])
    expect(await world.app.db.image.count({ where: { name: only.repo } })).toBe(1)
    const image = await world.app.db.image.findUniqueOrThrow({ where: { name: only.repo }, include: { tags: { orderBy: { name: 'asc' } } } })
    expect(image.tags.map((t) => t.name)).toEqual(['1.0', '2.0'])

    // The catalog's record of 1.0 goes stale; importing it again catches up.
    await world.app.db.tag.update({ where: { id: image.tags[0]!.id }, data: { engineImageId: 'sha256:stale', sizeBytes: 1n } })
    await world.ok(LocalImgImport, { input: { reference: only.reference } })
    expect(await world.app.db.tag.findUniqueOrThrow({ where: { id: image.tags[0]!.id } })).toMatchObject({ engineImageId: only.info.Id, sizeBytes: BigInt(only.info.Size) })
  })

  it('refuses a reference that is not name:tag, and one the engine lacks, writing nothing', async () => {
    const images = await world.app.db.image.count()
    const tags = await world.app.db.tag.count()
    const refused = async (reference: string) => (await world.ok(LocalImgImport, { input: { reference } })).importLocalImage
    for (const reference of ['localimg/no-tag', 'Local/Upper:1', 'localimg/x:bad tag', ':1', 'localimg/x:']) {
      expect(await refused(reference), reference).toEqual({ image: null, tag: null, userErrors: [{ field: ['input', 'reference'], code: 'INVALID', message: expect.any(String) }] })
    }
    expect(await refused('localimg/never-built:1')).toEqual({
      image: null,
      tag: null,
      userErrors: [{ field: ['input', 'reference'], code: 'NOT_FOUND', message: 'localimg/never-built:1 on the Docker engine does not exist' }],
    })
    expect(await world.app.db.image.count()).toBe(images)
    expect(await world.app.db.tag.count()).toBe(tags)
  })

  it('is for administrators only', async () => {
    const only = await engineOnly()
    const user = await world.createUser('localimg-importer')
    expect((await world.run(LocalImgImport, { input: { reference: only.reference } }, { token: user.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect((await world.run(LocalImgImport, { input: { reference: only.reference } }, { token: null })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    expect(await world.app.db.image.count({ where: { name: only.repo } })).toBe(0)
  })

  it('is DOCKER_UNAVAILABLE without an engine, and writes nothing', async () => {
    const { importLocalImage } = await dead.ok(LocalImgImport, { input: { reference: 'localimg/anything:1' } }, { token: ADMIN_TOKEN })
    expect(importLocalImage).toEqual({ image: null, tag: null, userErrors: [{ field: [], code: 'DOCKER_UNAVAILABLE', message: expect.stringContaining('DOCKER_HOST') }] })
    expect(await dead.app.db.image.count({ where: { name: 'localimg/anything' } })).toBe(0)
  })

  it("will not import into someone else's image", async () => {
    const owner = await world.createUser('localimg-owner')
    const only = await engineOnly()
    await world.app.db.image.create({ data: { name: only.repo, ownerId: owner.id, isPrivate: true } })
    const { importLocalImage } = await world.ok(LocalImgImport, { input: { reference: only.reference } })
    expect(importLocalImage.userErrors).toEqual([{ field: ['input', 'reference'], code: 'TAKEN', message: `An image named ${only.repo} already exists` }])
    expect(await world.app.db.tag.count({ where: { image: { name: only.repo } } })).toBe(0)
  })
})
