// Every engine-backed operation on catalog tags, whatever name the engine holds them under:
// pulled from a configured registry other than Docker Hub (the engine holds host/path:tag,
// the catalog says path), built (path:tag), and imported under a registry's name. Each
// operation must reach the reference the engine really holds, never one guessed from the
// catalog's name.
import type Docker from 'dockerode'
import { pack } from 'tar-stream'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { dockerFromHost } from '../../src/docker/engine.js'
import { graphql } from '../gql/index.js'
import { collectSubscription } from '../support/sse.js'
import { createWorld, type World } from '../support/world.js'

const RefsAddRegistry = graphql(`
  mutation RefsAddRegistry($input: AddRegistryInput!) {
    addRegistry(input: $input) { registry { id } userErrors { code message } }
  }
`)
const RefsCreateImage = graphql(`
  mutation RefsCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id name } userErrors { code } }
  }
`)
const RefsBuild = graphql(`
  mutation RefsBuild($input: BuildImageInput!) {
    buildImage(input: $input) { build { id } userErrors { field message code } }
  }
`)
const RefsBuildUpdated = graphql(`
  subscription RefsBuildUpdated($buildId: ID!) {
    buildUpdated(buildId: $buildId) { state errorMessage }
  }
`)
const RefsPull = graphql(`
  mutation RefsPull($input: PullImageInput!) {
    pullImage(input: $input) { pull { id registry { id } } userErrors { field message code } }
  }
`)
const RefsPullProgress = graphql(`
  subscription RefsPullProgress($pullId: ID!) {
    pullProgress(pullId: $pullId) { status pull { state errorMessage image { id name } tag { id name digest } } }
  }
`)
const RefsImport = graphql(`
  mutation RefsImport($input: ImportLocalImageInput!) {
    importLocalImage(input: $input) {
      image { id name }
      tag { id name digest details { id } }
      userErrors { field message code }
    }
  }
`)
const RefsImageTags = graphql(`
  query RefsImageTags($id: ID!) {
    image(id: $id) { name tags(first: 20) { nodes { id name digest engineReference details { id digest repoDigests } } } }
  }
`)
const RefsLocalImages = graphql(`
  query RefsLocalImages($after: String) {
    localImages(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id repoTags inCatalog } }
  }
`)
const RefsTag = graphql(`
  mutation RefsTag($input: TagsInput!) {
    tagImage(input: $input) { tags { name digest } userErrors { field message code } }
  }
`)
const RefsUntag = graphql(`
  mutation RefsUntag($input: TagsInput!) {
    untagImage(input: $input) { removedTags userErrors { field message code } }
  }
`)
const RefsDelete = graphql(`
  mutation RefsDelete($input: DeleteImageInput!) {
    deleteImage(input: $input) { deletedImageId userErrors { field message code } }
  }
`)
const RefsPush = graphql(`
  mutation RefsPush($input: PushImageInput!) {
    pushImage(input: $input) { push { id reference } userErrors { field message code } }
  }
`)
const RefsPushProgress = graphql(`
  subscription RefsPushProgress($pushId: ID!) {
    pushProgress(pushId: $pushId) { status push { state errorMessage digest } }
  }
`)
const RefsRemoteTags = graphql(`
  query RefsRemoteTags($reference: String!) {
    remoteTags(reference: $reference, first: 50) { nodes { name reference installed } }
  }
`)
const RefsSetRetention = graphql(`
  mutation RefsSetRetention($input: SetRetentionPoliciesInput!) {
    setRetentionPolicies(input: $input) { userErrors { field code message } }
  }
`)
const RefsApplyRetention = graphql(`
  mutation RefsApplyRetention($input: ApplyRetentionInput!) {
    applyRetention(input: $input) { removed { tagName removed engine } userErrors { field code message } }
  }
`)

const BASE = 'icat-test/busybox:latest'
const MANIFESTS = 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json'

let docker: Docker
let world: World
let host: string
let registryId: string
let sequence = 0
const engineRefs: string[] = []
const containers: string[] = []

beforeAll(async () => {
  docker = dockerFromHost(inject('dockerHost'))
  host = inject('registryHost')
  world = await createWorld({ DOCKER_HOST: inject('dockerHost') })
  const { addRegistry } = await world.ok(RefsAddRegistry, { input: { name: 'private', url: `http://${host}` } })
  expect(addRegistry.userErrors).toEqual([])
  registryId = addRegistry.registry!.id
})

afterAll(async () => {
  await Promise.allSettled(containers.map((id) => docker.getContainer(id).remove({ force: true })))
  await world?.dispose()
  // The engine is shared by the whole engine project.
  for (const reference of engineRefs.reverse()) await docker?.getImage(reference).remove({ noprune: true }).catch(() => {})
})

function follow(stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) =>
    docker.modem.followProgress(stream, (error: Error | null, output: { error?: string }[]) => {
      const failed = output?.find((event) => event.error)
      if (error || failed) reject(error ?? new Error(failed!.error))
      else resolve()
    }),
  )
}

/** A new engine image of its own (the label makes its id unique), as `reference`. */
async function engineBuild(reference: string) {
  const context = pack()
  context.entry({ name: 'Dockerfile' }, `FROM ${BASE}\nLABEL test.unique="${Math.random()}"\n`)
  context.finalize()
  engineRefs.push(reference)
  await follow(await docker.buildImage(context as unknown as NodeJS.ReadableStream, { t: reference, networkmode: 'none' }))
}

/** Pushes what the engine holds as `source` to the private registry as `repository:tag`, behind the catalog's back. */
async function dockerPush(source: string, repository: string, tag: string) {
  await docker.getImage(source).tag({ repo: repository, tag })
  engineRefs.push(`${repository}:${tag}`)
  await follow(await docker.getImage(`${repository}:${tag}`).push({ tag, authconfig: { serveraddress: host } }))
}

async function engineId(reference: string): Promise<string | null> {
  try {
    return (await docker.getImage(reference).inspect()).Id
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null
    throw error
  }
}

/** The manifest digest the private registry serves for name:tag, asked directly. */
async function registryDigest(name: string, tag: string): Promise<string> {
  const head = await fetch(`http://${host}/v2/${name}/manifests/${tag}`, { method: 'HEAD', headers: { accept: MANIFESTS } })
  expect(head.status).toBe(200)
  return head.headers.get('docker-content-digest')!
}

interface Subject {
  /** The image's global id and catalog name (the repository path, never a host). */
  gid: string
  name: string
  /** The repository the engine holds the image's tags under. */
  repository: string
  /** Tag 1's global id. */
  tagId: string
}

const reference = (subject: Subject, tag = '1') => `${subject.repository}:${tag}`

async function tagsOf(subject: Subject) {
  const { image } = await world.ok(RefsImageTags, { id: subject.gid })
  return image!.tags.nodes
}

/** Catalog image refs/<kind>-N with tag 1, which the engine holds as `repository`:1. */
const ORIGINS: Record<string, () => Promise<Subject>> = {
  async 'pulled from a registry other than Docker Hub'() {
    const name = `refs/pulled-${++sequence}`
    const repository = `${host}/${name}`
    await engineBuild(`${repository}:1`)
    await dockerPush(`${repository}:1`, repository, '1')
    // Off the engine again, so the pull below is what brings it there.
    await docker.getImage(`${repository}:1`).remove({ noprune: true })
    const { pullImage } = await world.ok(RefsPull, { input: { reference: `${repository}:1` } })
    expect(pullImage.userErrors).toEqual([])
    expect(pullImage.pull!.registry).toEqual({ id: registryId })
    const { events, completed } = await collectSubscription(world, RefsPullProgress, { pullId: pullImage.pull!.id })
    expect(completed).toBe(true)
    const { pull } = events.at(-1)!.data!.pullProgress
    expect(pull).toMatchObject({ state: 'SUCCEEDED', errorMessage: null, image: { name }, tag: { name: '1' } })
    return { gid: pull.image!.id, name, repository, tagId: pull.tag!.id }
  },
  async built() {
    const { createImage } = await world.ok(RefsCreateImage, { input: { name: `refs/built-${++sequence}` } })
    const { id: gid, name } = createImage.image!
    engineRefs.push(`${name}:1`)
    const dockerfile = `FROM ${BASE}\nLABEL test.unique="${Math.random()}"\n`
    const { buildImage } = await world.ok(RefsBuild, { input: { imageId: gid, dockerfile, tag: '1' } })
    expect(buildImage.userErrors).toEqual([])
    const { events } = await collectSubscription(world, RefsBuildUpdated, { buildId: buildImage.build!.id })
    expect(events.at(-1)!.data!.buildUpdated).toEqual({ state: 'SUCCEEDED', errorMessage: null })
    const subject = { gid, name, repository: name, tagId: '' }
    return { ...subject, tagId: (await tagsOf(subject)).find((t) => t.name === '1')!.id }
  },
  async 'imported under a registry name'() {
    const name = `refs/imported-${++sequence}`
    const repository = `${host}/${name}`
    await engineBuild(`${repository}:1`)
    const { importLocalImage } = await world.ok(RefsImport, { input: { reference: `${repository}:1` } })
    expect(importLocalImage.userErrors).toEqual([])
    expect(importLocalImage.image!.name).toBe(name)
    return { gid: importLocalImage.image!.id, name, repository, tagId: importLocalImage.tag!.id }
  },
}

async function localImageHolding(ref: string) {
  for (let after: string | null | undefined; ; ) {
    const { localImages } = await world.ok(RefsLocalImages, { after })
    const found = localImages!.nodes.find((node) => node.repoTags.includes(ref))
    if (found || !localImages!.pageInfo.hasNextPage) return found ?? null
    after = localImages!.pageInfo.endCursor
  }
}

async function runContainer(ref: string) {
  const container = await docker.createContainer({ Image: ref, Cmd: ['sleep', '60'], NetworkDisabled: true, HostConfig: { NetworkMode: 'none' } })
  containers.push(container.id)
  return container.id
}

async function containerExists(id: string): Promise<boolean> {
  return docker.getContainer(id).inspect().then(() => true, (error) => {
    if ((error as { statusCode?: number }).statusCode === 404) return false
    throw error
  })
}

describe.each(Object.keys(ORIGINS))('a tag %s', (origin) => {
  const make = ORIGINS[origin]!

  it('shows details of the reference the engine holds, and localImages says the catalog has it', async () => {
    const subject = await make()
    const held = await engineId(reference(subject))
    expect(held).not.toBeNull()
    const [tag] = await tagsOf(subject)
    expect(tag!.engineReference).toBe(reference(subject))
    expect(tag!.details).toMatchObject({ id: held })
    if (subject.repository !== subject.name) {
      // The engine knows the registry's digest of what it holds under that registry's name once pushed or pulled.
      const pulled = origin.startsWith('pulled')
      expect(tag!.details!.digest).toBe(pulled ? await registryDigest(subject.name, '1') : null)
      if (pulled) expect(tag!.digest).toBe(tag!.details!.digest)
    }
    expect(await localImageHolding(reference(subject))).toEqual({ id: held, repoTags: expect.arrayContaining([reference(subject)]), inCatalog: true })
  })

  it('tagImage adds the new name in the repository the engine holds the image under; untagImage removes exactly it', async () => {
    const subject = await make()
    const held = await engineId(reference(subject))
    engineRefs.push(reference(subject, 'extra'), `${subject.name}:extra`)
    const { tagImage } = await world.ok(RefsTag, { input: { imageId: subject.gid, tags: ['extra'] } })
    expect(tagImage.userErrors).toEqual([])
    expect(await engineId(reference(subject, 'extra'))).toBe(held)
    if (subject.repository !== subject.name) expect(await engineId(`${subject.name}:extra`)).toBeNull()
    const extra = (await tagsOf(subject)).find((t) => t.name === 'extra')!
    expect(extra).toMatchObject({ engineReference: reference(subject, 'extra'), details: { id: held } })
    expect(await localImageHolding(reference(subject, 'extra'))).toMatchObject({ inCatalog: true })

    const { untagImage } = await world.ok(RefsUntag, { input: { imageId: subject.gid, tags: ['extra'] } })
    expect(untagImage).toEqual({ removedTags: ['extra'], userErrors: [] })
    expect(await engineId(reference(subject, 'extra'))).toBeNull()
    expect(await engineId(reference(subject))).toBe(held)

    // The last name of an image a container uses stays; without the container it goes.
    const container = await runContainer(reference(subject))
    const refused = await world.ok(RefsUntag, { input: { imageId: subject.gid, tags: ['1'] } })
    expect(refused.untagImage.userErrors).toEqual([{ field: ['input', 'tags', '0'], code: 'IMAGE_IN_USE', message: expect.any(String) }])
    expect(await engineId(reference(subject))).toBe(held)
    await docker.getContainer(container).remove({ force: true })
    const { untagImage: last } = await world.ok(RefsUntag, { input: { imageId: subject.gid, tags: ['1'] } })
    expect(last).toEqual({ removedTags: ['1'], userErrors: [] })
    expect(await engineId(reference(subject))).toBeNull()
  })

  it('deleteImage removes every name it holds from the engine', async () => {
    const subject = await make()
    expect((await world.ok(RefsTag, { input: { imageId: subject.gid, tags: ['2'] } })).tagImage.userErrors).toEqual([])
    const held = await engineId(reference(subject))
    expect(await engineId(reference(subject, '2'))).toBe(held)
    const { deleteImage } = await world.ok(RefsDelete, { input: { id: subject.gid } })
    expect(deleteImage).toEqual({ deletedImageId: subject.gid, userErrors: [] })
    expect(await engineId(reference(subject))).toBeNull()
    expect(await engineId(reference(subject, '2'))).toBeNull()
    expect(await engineId(held!)).toBeNull()
  })

  it('deleteImage is IMAGE_IN_USE while a container uses it, and with cascade removes the container and the image', async () => {
    const subject = await make()
    const held = await engineId(reference(subject))
    const container = await runContainer(held!)
    const { deleteImage: refused } = await world.ok(RefsDelete, { input: { id: subject.gid } })
    expect(refused.userErrors).toEqual([{ field: ['input', 'id'], code: 'IMAGE_IN_USE', message: expect.stringContaining(container.slice(0, 12)) }])
    expect(await engineId(reference(subject))).toBe(held)
    expect((await tagsOf(subject)).map((t) => t.name)).toEqual(['1'])

    const { deleteImage } = await world.ok(RefsDelete, { input: { id: subject.gid, cascade: true } })
    expect(deleteImage).toEqual({ deletedImageId: subject.gid, userErrors: [] })
    expect(await containerExists(container)).toBe(false)
    expect(await engineId(reference(subject))).toBeNull()
    expect(await engineId(held!)).toBeNull()
  })

  it('importLocalImage takes the reference the engine holds, and importing it again refreshes the same tag', async () => {
    const subject = await make()
    const held = await engineId(reference(subject))
    const { importLocalImage } = await world.ok(RefsImport, { input: { reference: reference(subject) } })
    expect(importLocalImage).toEqual({
      image: { id: subject.gid, name: subject.name },
      tag: { id: subject.tagId, name: '1', digest: expect.stringMatching(/^sha256:/), details: { id: held } },
      userErrors: [],
    })
    expect((await tagsOf(subject)).map((t) => t.name)).toEqual(['1'])
  })

  it('applyRetention removes the reference the engine holds', async () => {
    const subject = await make()
    expect((await world.ok(RefsSetRetention, { input: { imageId: subject.gid, policies: [{ rule: 'MATCHING', tagPattern: '1' }] } })).setRetentionPolicies.userErrors).toEqual([])
    const { applyRetention } = await world.ok(RefsApplyRetention, { input: { imageId: subject.gid } })
    expect(applyRetention).toEqual({ removed: [{ tagName: '1', removed: true, engine: 'REMOVED' }], userErrors: [] })
    expect(await engineId(reference(subject))).toBeNull()
  })

  it('pushImage sends what the engine holds, and remoteTags marks installed what the engine holds by digest', async () => {
    const subject = await make()
    const held = await engineId(reference(subject))
    const { pushImage } = await world.ok(RefsPush, { input: { tagId: subject.tagId, registryId } })
    expect(pushImage.userErrors).toEqual([])
    expect(pushImage.push!.reference).toBe(`${host}/${subject.name}:1`)
    const { events, completed } = await collectSubscription(world, RefsPushProgress, { pushId: pushImage.push!.id })
    expect(completed).toBe(true)
    const { push } = events.at(-1)!.data!.pushProgress
    expect(push).toMatchObject({ state: 'SUCCEEDED', errorMessage: null })
    expect(push.digest).toBe(await registryDigest(subject.name, '1'))
    // The engine's names are as they were: the catalog's own stays, a registry name lent for the push went.
    expect(await engineId(reference(subject))).toBe(held)
    if (subject.repository !== `${host}/${subject.name}`) expect(await engineId(`${host}/${subject.name}:1`)).toBeNull()

    // Behind the catalog's back: the same content under another tag, and other content.
    await dockerPush(held!, `${host}/${subject.name}`, 'copy')
    await engineBuild(`${host}/${subject.name}:other`)
    await dockerPush(`${host}/${subject.name}:other`, `${host}/${subject.name}`, 'other')
    for (const tag of ['copy', 'other']) await docker.getImage(`${host}/${subject.name}:${tag}`).remove({ noprune: true })

    const { remoteTags } = await world.ok(RefsRemoteTags, { reference: `${host}/${subject.name}` })
    expect(remoteTags.nodes).toEqual([
      { name: '1', reference: `${host}/${subject.name}:1`, installed: true },
      { name: 'copy', reference: `${host}/${subject.name}:copy`, installed: true },
      { name: 'other', reference: `${host}/${subject.name}:other`, installed: false },
    ])
  })
})

describe('a pull by digest', () => {
  it("holds the catalog's tag under the registry's name:tag on the engine", async () => {
    const name = `refs/digest-${++sequence}`
    const repository = `${host}/${name}`
    await engineBuild(`${repository}:1`)
    await dockerPush(`${repository}:1`, repository, '1')
    const held = await engineId(`${repository}:1`)
    await docker.getImage(`${repository}:1`).remove({ noprune: true })
    const digest = await registryDigest(name, '1')
    const { pullImage } = await world.ok(RefsPull, { input: { reference: `${repository}:1@${digest}` } })
    expect(pullImage.userErrors).toEqual([])
    const { events } = await collectSubscription(world, RefsPullProgress, { pullId: pullImage.pull!.id })
    const { pull } = events.at(-1)!.data!.pullProgress
    expect(pull).toMatchObject({ state: 'SUCCEEDED', image: { name }, tag: { name: '1', digest } })
    expect(await engineId(`${repository}:1`)).toBe(held)
    const subject = { gid: pull.image!.id, name, repository, tagId: pull.tag!.id }
    expect(await tagsOf(subject)).toEqual([
      expect.objectContaining({ name: '1', engineReference: `${repository}:1`, details: expect.objectContaining({ id: held, digest }) }),
    ])
  })
})

describe('remoteTags by digest', () => {
  it('counts only catalog tags the viewer can see, and only while the tag holds what was pushed', async () => {
    const alice = await world.createUser('refs-alice')
    const bob = await world.createUser('refs-bob')
    const { createImage } = await world.ok(RefsCreateImage, { input: { name: `refs-alice/private-${++sequence}`, isPrivate: true } }, { token: alice.token })
    const { id: gid, name } = createImage.image!
    engineRefs.push(`${name}:1`)
    const build = async () => {
      const dockerfile = `FROM ${BASE}\nLABEL test.unique="${Math.random()}"\n`
      const { buildImage } = await world.ok(RefsBuild, { input: { imageId: gid, dockerfile, tag: '1' } }, { token: alice.token })
      expect(buildImage.userErrors).toEqual([])
      const { events } = await collectSubscription(world, RefsBuildUpdated, { buildId: buildImage.build!.id }, { token: alice.token })
      expect(events.at(-1)!.data!.buildUpdated.state).toBe('SUCCEEDED')
    }
    await build()
    const subject = { gid, name, repository: name, tagId: '' }
    const { image } = await world.ok(RefsImageTags, { id: gid }, { token: alice.token })
    const { pushImage } = await world.ok(RefsPush, { input: { tagId: image!.tags.nodes[0]!.id, registryId } }, { token: alice.token })
    expect(pushImage.userErrors).toEqual([])
    const { events } = await collectSubscription(world, RefsPushProgress, { pushId: pushImage.push!.id }, { token: alice.token })
    expect(events.at(-1)!.data!.pushProgress.push.state).toBe('SUCCEEDED')

    const installed = async (token: string) =>
      (await world.ok(RefsRemoteTags, { reference: `${host}/${name}` }, { token })).remoteTags.nodes.map((n) => [n.name, n.installed])
    expect(await installed(alice.token)).toEqual([['1', true]])
    expect(await installed(bob.token)).toEqual([['1', false]])

    // Rebuilt: the engine holds other content under the tag's name than what the registry has.
    await build()
    expect(await engineId(reference(subject))).not.toBeNull()
    expect(await installed(alice.token)).toEqual([['1', false]])
  })
})

describe('a tag that moves to another engine name', () => {
  it('lets go of the name it had, so nothing the catalog made is left behind', async () => {
    const subject = await ORIGINS['pulled from a registry other than Docker Hub']!()
    const pulled = await engineId(reference(subject))
    engineRefs.push(`${subject.name}:1`)

    // Rebuilt: the tag is now held as name:1, and the registry's name for the old content goes.
    const dockerfile = `FROM ${BASE}\nLABEL test.unique="${Math.random()}"\n`
    const { buildImage } = await world.ok(RefsBuild, { input: { imageId: subject.gid, dockerfile, tag: '1' } })
    expect(buildImage.userErrors).toEqual([])
    const { events } = await collectSubscription(world, RefsBuildUpdated, { buildId: buildImage.build!.id })
    expect(events.at(-1)!.data!.buildUpdated.state).toBe('SUCCEEDED')
    const built = await engineId(`${subject.name}:1`)
    expect(built).not.toBe(pulled)
    expect(await engineId(reference(subject))).toBeNull()
    expect(await tagsOf(subject)).toEqual([expect.objectContaining({ name: '1', engineReference: `${subject.name}:1`, details: expect.objectContaining({ id: built }) })])

    // Pulled behind the catalog's back and imported under the registry's name: the build's name goes.
    await follow(await docker.pull(reference(subject)))
    expect(await engineId(reference(subject))).toBe(pulled)
    const { importLocalImage } = await world.ok(RefsImport, { input: { reference: reference(subject) } })
    expect(importLocalImage.userErrors).toEqual([])
    expect(await engineId(`${subject.name}:1`)).toBeNull()
    expect(await tagsOf(subject)).toEqual([expect.objectContaining({ name: '1', engineReference: reference(subject) })])

    const { deleteImage } = await world.ok(RefsDelete, { input: { id: subject.gid } })
    expect(deleteImage.userErrors).toEqual([])
    expect(await engineId(reference(subject))).toBeNull()
  })
})
