// Tag retention and protected tags. Rules select exactly what the preview says, for exactly
// the reasons it gives; applyRetention removes that from the catalog, the engine (one name at a
// time: an image other tags share stays) and the registry (never a digest another tag still
// serves; DELETES_DISABLED where it refuses). Protected tags survive every way of moving or
// removing them until unprotected, and a container keeps the tag behind its image (IN_USE).
import { decodeGlobalID } from '@pothos/plugin-relay'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { dockerFromHost } from '../../src/docker/engine.js'
import { graphql } from '../gql/index.js'
import { openGate, waitAtGate } from '../support/build-gate.js'
import { registryFetch, startRegistry, type TestRegistry } from '../support/registries.js'
import { collectSubscription } from '../support/sse.js'
import { createWorld, gid, type World } from '../support/world.js'

const RetentionCreateImage = graphql(`
  mutation RetentionCreateImage($input: CreateImageInput!) { createImage(input: $input) { image { id name } userErrors { code } } }
`)
const RetentionSet = graphql(`
  mutation RetentionSet($input: SetRetentionPoliciesInput!) {
    setRetentionPolicies(input: $input) { image { retentionPolicies { rule keepLast olderThanDays tagPattern } } userErrors { field code message } }
  }
`)
const RetentionPolicies = graphql(`
  query RetentionPolicies($id: ID!) { image(id: $id) { retentionPolicies { rule keepLast olderThanDays tagPattern } } }
`)
const RetentionPreviewOf = graphql(`
  query RetentionPreviewOf($imageId: ID!) {
    retentionPreview(imageId: $imageId) {
      remove { tag { name } reasons { rule description } }
      protectedTags { tag { name protected } reasons { rule description } }
    }
  }
`)
const RetentionApply = graphql(`
  mutation RetentionApply($input: ApplyRetentionInput!) {
    applyRetention(input: $input) {
      removed { tagName digest removed engine registry detail reasons { rule } }
      userErrors { field code message }
    }
  }
`)
const RetentionImport = graphql(`
  mutation RetentionImport($input: ImportLocalImageInput!) {
    importLocalImage(input: $input) { image { id } tag { id name } userErrors { field code message } }
  }
`)
const RetentionTag = graphql(`
  mutation RetentionTag($input: TagsInput!) { tagImage(input: $input) { tags { name } userErrors { field code message } } }
`)
const RetentionUntag = graphql(`
  mutation RetentionUntag($input: TagsInput!) { untagImage(input: $input) { removedTags userErrors { field code message } } }
`)
const RetentionDelete = graphql(`
  mutation RetentionDelete($input: DeleteImageInput!) { deleteImage(input: $input) { deletedImageId userErrors { field code message } } }
`)
const RetentionProtect = graphql(`
  mutation RetentionProtect($input: ProtectTagInput!) { protectTag(input: $input) { tag { name protected } userErrors { field code message } } }
`)
const RetentionUnprotect = graphql(`
  mutation RetentionUnprotect($input: ProtectTagInput!) { unprotectTag(input: $input) { tag { name protected } userErrors { field code message } } }
`)
const RetentionBuild = graphql(`
  mutation RetentionBuild($input: BuildImageInput!) { buildImage(input: $input) { build { id } userErrors { field code message } } }
`)
const RetentionBuildUpdated = graphql(`
  subscription RetentionBuildUpdated($buildId: ID!) { buildUpdated(buildId: $buildId) { state } }
`)
const RetentionPull = graphql(`
  mutation RetentionPull($input: PullImageInput!) { pullImage(input: $input) { pull { id } userErrors { field code message } } }
`)
const RetentionAddRegistry = graphql(`
  mutation RetentionAddRegistry($input: AddRegistryInput!) { addRegistry(input: $input) { registry { id } userErrors { code } } }
`)
const RetentionPush = graphql(`
  mutation RetentionPush($input: PushImageInput!) { pushImage(input: $input) { push { id } userErrors { code message } } }
`)
const RetentionPushFollow = graphql(`
  subscription RetentionPushFollow($pushId: ID!) { pushProgress(pushId: $pushId) { push { state errorMessage digest } } }
`)

const BASE = 'icat-test/busybox:latest'
const DAY = 24 * 60 * 60 * 1000
const MANIFESTS = 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json'
let docker: Docker
let world: World
let bob: { id: number; token: string }
const registries: Record<'open' | 'nodelete', { registry: TestRegistry; id: string }> = {} as never
const engineRefs: string[] = []
const containers: string[] = []
let sequence = 0
const dbId = (globalId: string) => Number(decodeGlobalID(globalId).id)

beforeAll(async () => {
  docker = dockerFromHost(inject('dockerHost'))
  world = await createWorld({ DOCKER_HOST: inject('dockerHost') })
  bob = await world.createUser('bob')
  for (const [name, deletes] of [['open', true], ['nodelete', false]] as const) {
    const registry = await startRegistry('open', { deletes })
    const { addRegistry } = await world.ok(RetentionAddRegistry, { input: { name, url: registry.url } })
    expect(addRegistry.userErrors).toEqual([])
    registries[name] = { registry, id: addRegistry.registry!.id }
  }
}, 120_000)

afterAll(async () => {
  await Promise.allSettled(containers.map((id) => docker.getContainer(id).remove({ force: true })))
  await world?.dispose()
  for (const ref of engineRefs) await docker.getImage(ref).remove({ force: true }).catch(() => {})
  for (const { registry } of Object.values(registries)) await registry.stop().catch(() => {})
})

async function newImage(prefix: string) {
  const { createImage } = await world.ok(RetentionCreateImage, { input: { name: `retention/${prefix}-${++sequence}` } })
  return { gid: createImage.image!.id, id: dbId(createImage.image!.id), name: createImage.image!.name }
}

/** New engine content (a commit of the base image with one file) as name:tag, imported into the catalog. */
async function engineTag(name: string, tag: string) {
  const container = await docker.createContainer({ Image: BASE, Cmd: ['sh', '-c', `echo ${name}:${tag} > /marker`], NetworkDisabled: true })
  await container.start()
  await container.wait()
  await container.commit({ repo: name, tag })
  await container.remove()
  engineRefs.push(`${name}:${tag}`)
  const { importLocalImage } = await world.ok(RetentionImport, { input: { reference: `${name}:${tag}` } })
  expect(importLocalImage.userErrors).toEqual([])
  return (await engineIdOf(dbId(importLocalImage.image!.id), tag))!
}

/** The engine image the catalog records for the tag. */
const engineIdOf = async (imageId: number, name: string) =>
  (await world.app.db.tag.findUniqueOrThrow({ where: { imageId_name: { imageId, name } } })).engineImageId

/** Sets each tag's last change to that many days ago. */
async function age(imageId: number, days: Record<string, number>) {
  for (const [name, ago] of Object.entries(days)) {
    await world.app.db.tag.update({ where: { imageId_name: { imageId, name } }, data: { updatedAt: new Date(Date.now() - ago * DAY) } })
  }
}

async function setPolicies(imageGid: string, policies: object[], token?: string) {
  const { setRetentionPolicies } = await world.ok(RetentionSet, { input: { imageId: imageGid, policies: policies as never } }, { token })
  expect(setRetentionPolicies.userErrors).toEqual([])
}

/** Tag names the preview removes and keeps as protected, with the rules' descriptions. */
async function preview(imageGid: string) {
  const { retentionPreview } = await world.ok(RetentionPreviewOf, { imageId: imageGid })
  const flat = (list: typeof retentionPreview.remove) => list.map((c) => [c.tag.name, ...c.reasons.map((r) => r.description)])
  return { remove: flat(retentionPreview.remove), protectedTags: flat(retentionPreview.protectedTags) }
}

async function apply(imageGid: string) {
  const { applyRetention } = await world.ok(RetentionApply, { input: { imageId: imageGid } })
  expect(applyRetention.userErrors).toEqual([])
  return applyRetention.removed!
}

const catalogTags = async (imageId: number) => (await world.app.db.tag.findMany({ where: { imageId }, orderBy: { name: 'asc' } })).map((t) => t.name)
const onEngine = (ref: string) => docker.getImage(ref).inspect().then((info) => info.Id, () => null)

async function push(imageId: number, tag: string, registry: 'open' | 'nodelete') {
  const tagId = (await world.app.db.tag.findUniqueOrThrow({ where: { imageId_name: { imageId, name: tag } } })).id
  const { pushImage } = await world.ok(RetentionPush, { input: { tagId: gid('Tag', tagId), registryId: registries[registry].id } })
  expect(pushImage.userErrors).toEqual([])
  const { events, completed } = await collectSubscription(world, RetentionPushFollow, { pushId: pushImage.push!.id }, { timeoutMs: 120_000 })
  expect(completed).toBe(true)
  const done = events.at(-1)!.data!.pushProgress.push
  expect(done).toMatchObject({ state: 'SUCCEEDED', errorMessage: null })
  return done.digest!
}

const headManifest = async (registry: 'open' | 'nodelete', path: string) => {
  const response = await registryFetch(registries[registry].registry, `/v2/${path}`, { method: 'HEAD', headers: { accept: MANIFESTS } })
  return { status: response.status, digest: response.headers.get('docker-content-digest') }
}

describe('retention rules and their preview', () => {
  it('selects by rule, names every reason, scopes by pattern and keeps protected tags apart', async () => {
    const image = await newImage('rules')
    const days = { v1: 60, v2: 50, v3: 40, v4: 20, v5: 10, v6: 1 }
    for (const name of Object.keys(days)) await world.app.db.tag.create({ data: { imageId: image.id, name } })
    await age(image.id, days)

    await setPolicies(image.gid, [{ rule: 'KEEP_LAST', keepLast: 2 }])
    expect(await preview(image.gid)).toEqual({
      remove: [['v4', 'keep the last 2 tags'], ['v3', 'keep the last 2 tags'], ['v2', 'keep the last 2 tags'], ['v1', 'keep the last 2 tags']],
      protectedTags: [],
    })
    await setPolicies(image.gid, [{ rule: 'OLDER_THAN', olderThanDays: 30 }])
    expect((await preview(image.gid)).remove).toEqual([['v3', 'remove tags older than 30 days'], ['v2', 'remove tags older than 30 days'], ['v1', 'remove tags older than 30 days']])

    for (const name of ['rc-1', 'rc-2', 'xrc-1']) await world.app.db.tag.create({ data: { imageId: image.id, name } })
    await age(image.id, { 'rc-1': 5, 'rc-2': 35, 'xrc-1': 45 })
    await setPolicies(image.gid, [{ rule: 'MATCHING', tagPattern: 'rc-.*' }])
    expect((await preview(image.gid)).remove).toEqual([['rc-1', 'remove tags matching /rc-.*/'], ['rc-2', 'remove tags matching /rc-.*/']])

    // Two rules that select the same tag: both reasons, the tag once.
    await setPolicies(image.gid, [{ rule: 'MATCHING', tagPattern: 'rc-.*' }, { rule: 'OLDER_THAN', olderThanDays: 30 }])
    expect((await preview(image.gid)).remove).toEqual([
      ['rc-1', 'remove tags matching /rc-.*/'],
      ['rc-2', 'remove tags matching /rc-.*/', 'remove tags older than 30 days'],
      ['v3', 'remove tags older than 30 days'],
      ['xrc-1', 'remove tags older than 30 days'],
      ['v2', 'remove tags older than 30 days'],
      ['v1', 'remove tags older than 30 days'],
    ])
    const { retentionPreview } = await world.ok(RetentionPreviewOf, { imageId: image.gid })
    expect(retentionPreview.remove[1]!.reasons.map((r) => r.rule)).toEqual(['MATCHING', 'OLDER_THAN'])

    // A pattern scopes KEEP_LAST: the newest v tag stays, the rc tags are not counted or touched.
    await setPolicies(image.gid, [{ rule: 'KEEP_LAST', keepLast: 1, tagPattern: 'v[0-9]+' }])
    expect((await preview(image.gid)).remove).toEqual(['v5', 'v4', 'v3', 'v2', 'v1'].map((name) => [name, 'keep the last 1 tags matching /v[0-9]+/']))

    // Protecting an old tag keeps it out of remove, listed apart, and does not make it young.
    const { protectTag } = await world.ok(RetentionProtect, { input: { imageId: image.gid, tag: 'v1' } })
    expect(protectTag).toEqual({ tag: { name: 'v1', protected: true }, userErrors: [] })
    await setPolicies(image.gid, [{ rule: 'OLDER_THAN', olderThanDays: 30 }])
    expect(await preview(image.gid)).toEqual({
      remove: [['rc-2', 'remove tags older than 30 days'], ['v3', 'remove tags older than 30 days'], ['xrc-1', 'remove tags older than 30 days'], ['v2', 'remove tags older than 30 days']],
      protectedTags: [['v1', 'remove tags older than 30 days']],
    })
    await setPolicies(image.gid, [{ rule: 'KEEP_LAST', keepLast: 3 }])
    expect(await preview(image.gid)).toEqual({
      remove: ['v4', 'rc-2', 'v3', 'xrc-1', 'v2'].map((name) => [name, 'keep the last 3 tags']),
      protectedTags: [['v1', 'keep the last 3 tags']],
    })
  })
})

describe('a pattern written to be slow', () => {
  it('matches in linear time (RE2): a catastrophic pattern over long names answers at once', async () => {
    const image = await newImage('redos')
    const long = 'a'.repeat(127)
    await world.app.db.tag.create({ data: { imageId: image.id, name: long } })
    await world.app.db.tag.create({ data: { imageId: image.id, name: `${'a'.repeat(126)}b` } })
    await setPolicies(image.gid, [{ rule: 'MATCHING', tagPattern: '(a+)+b' }])
    const started = Date.now()
    expect((await preview(image.gid)).remove.map(([name]) => name)).toEqual([`${'a'.repeat(126)}b`])
    // Backtracking engines take minutes here; RE2 takes milliseconds.
    expect(Date.now() - started).toBeLessThan(2_000)
    const backreference = await world.ok(RetentionSet, { input: { imageId: image.gid, policies: [{ rule: 'MATCHING', tagPattern: '(a)\\1' }] } })
    expect(backreference.setRetentionPolicies.userErrors).toMatchObject([{ field: ['input', 'policies', '0', 'tagPattern'], code: 'INVALID' }])
  })
})

describe('setRetentionPolicies', () => {
  it('refuses bad rules and writes none of them', async () => {
    const image = await newImage('validation')
    const kept = [{ rule: 'KEEP_LAST', keepLast: 3, olderThanDays: null, tagPattern: null }]
    await setPolicies(image.gid, [{ rule: 'KEEP_LAST', keepLast: 3 }])
    const refused = async (policies: object[]) => {
      const { setRetentionPolicies } = await world.ok(RetentionSet, { input: { imageId: image.gid, policies: policies as never } })
      expect(setRetentionPolicies.image).toBeNull()
      expect((await world.ok(RetentionPolicies, { id: image.gid })).image!.retentionPolicies).toEqual(kept)
      return setRetentionPolicies.userErrors.map(({ field, code }) => ({ field, code }))
    }
    const at = (i: number, name?: string) => ['input', 'policies', String(i), ...(name ? [name] : [])]
    expect(await refused([{ rule: 'MATCHING', tagPattern: 'rc-(' }])).toEqual([{ field: at(0, 'tagPattern'), code: 'INVALID' }])
    expect(await refused([{ rule: 'KEEP_LAST', keepLast: 1 }, { rule: 'OLDER_THAN', olderThanDays: 5, tagPattern: '[' }])).toEqual([{ field: at(1, 'tagPattern'), code: 'INVALID' }])
    expect(await refused([{ rule: 'KEEP_LAST' }])).toEqual([{ field: at(0, 'keepLast'), code: 'INVALID' }])
    expect(await refused([{ rule: 'KEEP_LAST', keepLast: -1 }])).toEqual([{ field: at(0, 'keepLast'), code: 'INVALID' }])
    expect(await refused([{ rule: 'OLDER_THAN', olderThanDays: 0 }])).toEqual([{ field: at(0, 'olderThanDays'), code: 'INVALID' }])
    expect(await refused([{ rule: 'MATCHING' }])).toEqual([{ field: at(0, 'tagPattern'), code: 'REQUIRED' }])
    expect(await refused([{ rule: 'MATCHING', tagPattern: '' }])).toEqual([{ field: at(0, 'tagPattern'), code: 'REQUIRED' }])
    expect(await refused([{ rule: 'MATCHING', tagPattern: 'a'.repeat(201) }])).toEqual([{ field: at(0, 'tagPattern'), code: 'INVALID' }])
    expect(await refused(Array.from({ length: 21 }, (_, i) => ({ rule: 'KEEP_LAST', keepLast: i })))).toEqual([{ field: ['input', 'policies'], code: 'TOO_MANY' }])

    // Twenty is allowed; an empty list clears the rules.
    await setPolicies(image.gid, Array.from({ length: 20 }, (_, i) => ({ rule: 'KEEP_LAST', keepLast: i })))
    expect((await world.ok(RetentionPolicies, { id: image.gid })).image!.retentionPolicies.map((p) => p.keepLast)).toEqual(Array.from({ length: 20 }, (_, i) => i))
    await setPolicies(image.gid, [])
    expect((await world.ok(RetentionPolicies, { id: image.gid })).image!.retentionPolicies).toEqual([])
  })

  it('is for owners and administrators only, and so are the preview and the apply', async () => {
    const image = await newImage('access')
    await setPolicies(image.gid, [{ rule: 'KEEP_LAST', keepLast: 3 }])
    const rules = [{ rule: 'KEEP_LAST' as const, keepLast: 0 }]
    const code = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.map((e) => e.extensions?.code)
    expect(code(await world.run(RetentionSet, { input: { imageId: image.gid, policies: rules } }, { token: bob.token }))).toEqual(['FORBIDDEN'])
    expect(code(await world.run(RetentionSet, { input: { imageId: image.gid, policies: rules } }, { token: null }))).toEqual(['UNAUTHENTICATED'])
    expect(code(await world.run(RetentionPreviewOf, { imageId: image.gid }, { token: bob.token }))).toEqual(['FORBIDDEN'])
    expect(code(await world.run(RetentionPreviewOf, { imageId: image.gid }, { token: null }))).toEqual(['UNAUTHENTICATED'])
    expect(code(await world.run(RetentionApply, { input: { imageId: image.gid } }, { token: bob.token }))).toEqual(['FORBIDDEN'])
    expect((await world.ok(RetentionPolicies, { id: image.gid })).image!.retentionPolicies).toMatchObject([{ rule: 'KEEP_LAST', keepLast: 3 }])

    // Someone else's private image does not exist for bob; its owner may set rules on it.
    const carol = await world.createUser('carol')
    const hidden = await world.app.db.image.create({ data: { name: `retention/hidden-${++sequence}`, ownerId: carol.id, isPrivate: true } })
    const hiddenGid = gid('Image', hidden.id)
    const { setRetentionPolicies } = await world.ok(RetentionSet, { input: { imageId: hiddenGid, policies: rules } }, { token: bob.token })
    expect(setRetentionPolicies.userErrors).toEqual([{ field: ['input', 'imageId'], code: 'NOT_FOUND', message: 'Image does not exist' }])
    expect(await world.app.db.retentionPolicy.count({ where: { imageId: hidden.id } })).toBe(0)
    await setPolicies(hiddenGid, rules, carol.token)
    expect(await world.app.db.retentionPolicy.count({ where: { imageId: hidden.id } })).toBe(1)
  })
})

describe('applyRetention on the engine', () => {
  it('removes exactly the previewed names; an image another tag shares stays', async () => {
    const image = await newImage('engine')
    const own = await engineTag(image.name, 'v0')
    await engineTag(image.name, 'v1')
    const shared = await engineTag(image.name, 'v2')
    const { tagImage } = await world.ok(RetentionTag, { input: { imageId: image.gid, tags: ['v3'], sourceTag: 'v2' } })
    expect(tagImage).toEqual({ tags: [{ name: 'v3' }], userErrors: [] })
    expect(await engineIdOf(image.id, 'v3')).toBe(shared)
    expect(await onEngine(`${image.name}:v3`)).toBe(shared)
    await age(image.id, { v0: 4, v2: 3, v3: 2, v1: 1 })
    const digests = Object.fromEntries((await world.app.db.tag.findMany({ where: { imageId: image.id } })).map((t) => [t.name, t.digest]))

    await setPolicies(image.gid, [{ rule: 'KEEP_LAST', keepLast: 2 }])
    const previewed = await preview(image.gid)
    expect(previewed).toEqual({ remove: [['v2', 'keep the last 2 tags'], ['v0', 'keep the last 2 tags']], protectedTags: [] })
    const removed = await apply(image.gid)
    expect(removed).toEqual(['v2', 'v0'].map((tagName) => ({
      tagName, digest: digests[tagName], removed: true, engine: 'REMOVED', registry: 'NOT_PUSHED', detail: null, reasons: [{ rule: 'KEEP_LAST' }],
    })))
    expect(removed.map((r) => r.tagName)).toEqual(previewed.remove.map(([name]) => name))

    expect(await onEngine(`${image.name}:v2`)).toBeNull()
    expect(await onEngine(`${image.name}:v3`)).toBe(shared)
    expect(await onEngine(shared)).toBe(shared)
    expect(await onEngine(`${image.name}:v0`)).toBeNull()
    expect(await onEngine(own)).toBeNull() // its last name went, and the image with it
    expect(await onEngine(`${image.name}:v1`)).not.toBeNull()
    expect(await catalogTags(image.id)).toEqual(['v1', 'v3'])

    expect(await preview(image.gid)).toEqual({ remove: [], protectedTags: [] })
    expect(await apply(image.gid)).toEqual([])
    expect(await catalogTags(image.id)).toEqual(['v1', 'v3'])
  })

  it('keeps a tag whose image a container uses under that name only: IN_USE', async () => {
    const image = await newImage('inuse')
    const busy = await engineTag(image.name, 'busy')
    await engineTag(image.name, 'free')
    const container = await docker.createContainer({ Image: `${image.name}:busy`, Cmd: ['true'], NetworkDisabled: true })
    containers.push(container.id)
    await age(image.id, { busy: 2, free: 1 })
    await setPolicies(image.gid, [{ rule: 'MATCHING', tagPattern: 'busy|free' }])
    expect(await apply(image.gid)).toMatchObject([
      { tagName: 'free', removed: true, engine: 'REMOVED', registry: 'NOT_PUSHED' },
      { tagName: 'busy', removed: false, engine: 'IN_USE', registry: 'NOT_PUSHED', detail: 'A container uses the image behind its last name; the tag stays' },
    ])
    expect(await catalogTags(image.id)).toEqual(['busy'])
    expect(await onEngine(`${image.name}:busy`)).toBe(busy)
  })
})

describe('applyRetention on a registry', () => {
  it('deletes a digest no other tag serves, keeps a shared one, and says when deletes are off', async () => {
    const image = await newImage('registry')
    await engineTag(image.name, 's1')
    await world.ok(RetentionTag, { input: { imageId: image.gid, tags: ['s2'], sourceTag: 's1' } })
    await engineTag(image.name, 'u1')
    const sharedDigest = await push(image.id, 's1', 'open')
    expect(await push(image.id, 's2', 'open')).toBe(sharedDigest)
    const uniqueDigest = await push(image.id, 'u1', 'open')
    expect(uniqueDigest).not.toBe(sharedDigest)
    expect(await headManifest('open', `${image.name}/manifests/${uniqueDigest}`)).toEqual({ status: 200, digest: uniqueDigest })
    await age(image.id, { s2: 1, s1: 2, u1: 3 })

    await setPolicies(image.gid, [{ rule: 'MATCHING', tagPattern: 's1|u1' }])
    expect(await apply(image.gid)).toMatchObject([
      { tagName: 's1', removed: true, engine: 'REMOVED', registry: 'SHARED_DIGEST', detail: `${image.name}:s2 has the same digest` },
      { tagName: 'u1', removed: true, engine: 'REMOVED', registry: 'DELETED', detail: null },
    ])
    expect(await headManifest('open', `${image.name}/manifests/${uniqueDigest}`)).toMatchObject({ status: 404 })
    expect(await headManifest('open', `${image.name}/manifests/s2`)).toEqual({ status: 200, digest: sharedDigest })
    expect(await catalogTags(image.id)).toEqual(['s2'])
    expect(await onEngine(`${image.name}:s2`)).not.toBeNull()

    const refusing = await newImage('nodelete')
    await engineTag(refusing.name, 'd1')
    const digest = await push(refusing.id, 'd1', 'nodelete')
    await setPolicies(refusing.gid, [{ rule: 'MATCHING', tagPattern: 'd1' }])
    expect(await apply(refusing.gid)).toMatchObject([
      { tagName: 'd1', removed: true, engine: 'REMOVED', registry: 'DELETES_DISABLED', detail: 'nodelete does not allow deletes' },
    ])
    expect(await catalogTags(refusing.id)).toEqual([])
    expect(await onEngine(`${refusing.name}:d1`)).toBeNull()
    expect(await headManifest('nodelete', `${refusing.name}/manifests/${digest}`)).toEqual({ status: 200, digest })
  })

  it('keeps the digest of a tag that stays because a container uses its image', async () => {
    const image = await newImage('inuse-pushed')
    const used = await engineTag(image.name, 'a')
    await world.ok(RetentionTag, { input: { imageId: image.gid, tags: ['b'], sourceTag: 'a' } })
    const digest = await push(image.id, 'a', 'open')
    expect(await push(image.id, 'b', 'open')).toBe(digest)
    containers.push((await docker.createContainer({ Image: used, Cmd: ['true'], NetworkDisabled: true })).id)
    // a goes first; only then does b turn out to be the image's last name, which the container keeps.
    await age(image.id, { a: 1, b: 2 })
    await setPolicies(image.gid, [{ rule: 'MATCHING', tagPattern: 'a|b' }])
    expect(await apply(image.gid)).toMatchObject([
      { tagName: 'a', removed: true, engine: 'REMOVED', registry: 'SHARED_DIGEST', detail: `${image.name}:b has the same digest` },
      { tagName: 'b', removed: false, engine: 'IN_USE', registry: 'NOT_PUSHED' },
    ])
    expect(await catalogTags(image.id)).toEqual(['b'])
    expect(await headManifest('open', `${image.name}/manifests/b`)).toEqual({ status: 200, digest })
  })
})

describe('protected tags', () => {
  it('cannot be untagged, deleted, moved by build, import or pull, or removed by retention until unprotected', async () => {
    const image = await newImage('protected')
    const original = await engineTag(image.name, 'p1')
    const other = await engineTag(image.name, 'p2')
    const input = { imageId: image.gid, tag: 'p1' }
    const protectedError = (field: string[]) => [{ field, code: 'PROTECTED', message: `${image.name}:p1 is protected; unprotect it first` }]

    expect((await world.ok(RetentionProtect, { input })).protectTag).toEqual({ tag: { name: 'p1', protected: true }, userErrors: [] })
    expect((await world.ok(RetentionUntag, { input: { imageId: image.gid, tags: ['p2', 'p1'] } })).untagImage.userErrors).toEqual(protectedError(['input', 'tags', '1']))
    expect((await world.ok(RetentionDelete, { input: { id: image.gid } })).deleteImage.userErrors).toEqual([
      { field: ['input', 'id'], code: 'PROTECTED', message: `${image.name}:p1 is protected; unprotect it before deleting the image` },
    ])
    expect((await world.ok(RetentionBuild, { input: { imageId: image.gid, dockerfile: `FROM ${BASE}\n`, tag: 'p1' } })).buildImage.userErrors).toEqual(protectedError(['input', 'tag']))
    expect((await world.ok(RetentionImport, { input: { reference: `${image.name}:p1` } })).importLocalImage.userErrors).toEqual(protectedError(['input', 'reference']))
    const pulled = await world.ok(RetentionPull, { input: { reference: `${registries.open.registry.host}/${image.name}:p1` } })
    expect(pulled.pullImage.userErrors).toEqual(protectedError(['input', 'reference']))
    // tagImage leaves tags the image has as they are: naming p1 again is fine and does not move it.
    const { tagImage } = await world.ok(RetentionTag, { input: { imageId: image.gid, tags: ['p1'], sourceTag: 'p2' } })
    expect(tagImage).toEqual({ tags: [{ name: 'p1' }], userErrors: [] })
    expect(await engineIdOf(image.id, 'p1')).toBe(original)
    expect(await onEngine(`${image.name}:p1`)).toBe(original)
    expect(await world.app.db.build.count({ where: { imageId: image.id } })).toBe(0)
    expect(await world.app.db.pull.count()).toBe(0)

    await setPolicies(image.gid, [{ rule: 'MATCHING', tagPattern: 'p.*' }])
    expect(await preview(image.gid)).toEqual({ remove: [['p2', 'remove tags matching /p.*/']], protectedTags: [['p1', 'remove tags matching /p.*/']] })
    expect((await apply(image.gid)).map((r) => r.tagName)).toEqual(['p2'])
    expect(await catalogTags(image.id)).toEqual(['p1'])
    expect(await onEngine(`${image.name}:p1`)).toBe(original)
    expect(await onEngine(other)).toBeNull()

    // Only the owner or an administrator, and only a tag the image has.
    expect((await world.run(RetentionProtect, { input }, { token: bob.token })).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN'])
    expect((await world.run(RetentionUnprotect, { input }, { token: bob.token })).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN'])
    expect((await world.ok(RetentionProtect, { input: { imageId: image.gid, tag: 'nope' } })).protectTag.userErrors).toEqual([
      { field: ['input', 'tag'], code: 'NOT_FOUND', message: `${image.name} has no tag nope` },
    ])

    // Unprotected, the same operations work again.
    expect((await world.ok(RetentionUnprotect, { input })).unprotectTag).toEqual({ tag: { name: 'p1', protected: false }, userErrors: [] })
    expect((await world.ok(RetentionImport, { input: { reference: `${image.name}:p1` } })).importLocalImage.userErrors).toEqual([])
    const { buildImage } = await world.ok(RetentionBuild, { input: { imageId: image.gid, dockerfile: `FROM ${BASE}\nRUN echo rebuilt > /marker\n`, tag: 'p1' } })
    expect(buildImage.userErrors).toEqual([])
    const { events } = await collectSubscription(world, RetentionBuildUpdated, { buildId: buildImage.build!.id })
    expect(events.at(-1)!.data!.buildUpdated.state).toBe('SUCCEEDED')
    const rebuilt = await onEngine(`${image.name}:p1`)
    expect(rebuilt).not.toBe(original)
    expect(await preview(image.gid)).toEqual({ remove: [['p1', 'remove tags matching /p.*/']], protectedTags: [] })
    expect((await world.ok(RetentionUntag, { input: { imageId: image.gid, tags: ['p1'] } })).untagImage).toEqual({ removedTags: ['p1'], userErrors: [] })
    expect(await onEngine(rebuilt!)).toBeNull()
    expect((await world.ok(RetentionDelete, { input: { id: image.gid } })).deleteImage).toEqual({ deletedImageId: image.gid, userErrors: [] })
  })

  it('stops a build that was queued before the tag was protected from moving it', async () => {
    const image = await newImage('protected-late')
    const original = await engineTag(image.name, 'p2')
    const { buildImage } = await world.ok(RetentionBuild, { input: { imageId: image.gid, dockerfile: `FROM ${BASE}\nRUN ${waitAtGate('protected-late')} && echo late > /marker\n`, tag: 'p2' } })
    expect(buildImage.userErrors).toEqual([])
    expect((await world.ok(RetentionProtect, { input: { imageId: image.gid, tag: 'p2' } })).protectTag.userErrors).toEqual([])
    await openGate(docker, 'protected-late')
    const { events } = await collectSubscription(world, RetentionBuildUpdated, { buildId: buildImage.build!.id })
    expect(events.at(-1)!.data!.buildUpdated.state).toBe('FAILED')
    const build = await world.app.db.build.findUniqueOrThrow({ where: { id: dbId(buildImage.build!.id) } })
    expect(build.errorMessage).toBe(`${image.name}:p2 was protected while the build ran; it was left where it was`)
    expect(await engineIdOf(image.id, 'p2')).toBe(original)
    expect(await onEngine(`${image.name}:p2`)).toBe(original)
  })
})
