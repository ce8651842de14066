// Who may do what, operation by operation: every mutation, and every query or subscription
// that reaches something a viewer may not see, run as an anonymous caller, another member,
// the owner and an administrator, on a public and on a private image. What a viewer may not
// see must answer exactly as something that does not exist: the answer to another member is
// compared, text and all, with the answer for an image that was never there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runText, runTextWithFile } from './support/raw.js'
import { collectSubscription } from './support/sse.js'
import { ADMIN_TOKEN, createWorld, gid, withoutBucketLevel, type GraphQLResponse, type World } from './support/world.js'

type Role = 'anonymous' | 'member' | 'owner' | 'admin'
type Outcome = 'unauthenticated' | 'forbidden' | 'absent' | 'allowed' | 'error'
const ROLES: Role[] = ['anonymous', 'member', 'owner', 'admin']

/** One image of the owner's, with something of every kind hanging off it. */
interface Target {
  imageId: string
  name: string
  tagId: string
  versionId: string
  buildId: string
  pullId: string
  pushId: string
  tokenId: string
  categoryId: string
}

interface Operation {
  name: string
  /**
   * Who may: the owner (and administrators), any member who can see the image, administrators
   * only, anyone who can see the image, or any signed-in caller who can see it.
   */
  rule: 'owner' | 'member' | 'admin' | 'reader' | 'signedInReader'
  /** Runs the operation against `target` as `token` and says what came of it. */
  run(world: World, target: Target, token: string | null): Promise<{ outcome: Outcome; answer: unknown }>
}

let world: World
let owner: { id: number; token: string }
let member: { id: number; token: string }
let deadRegistryId: string
let sequence = 0
const tokenOf = (role: Role) => ({ anonymous: null, member: member.token, owner: owner.token, admin: ADMIN_TOKEN })[role]

const codesOf = (result: GraphQLResponse<unknown>) => (result.errors ?? []).map((error) => String(error.extensions?.code))

function classifyErrors(result: GraphQLResponse<unknown>): Outcome | null {
  const codes = codesOf(result)
  if (codes.includes('INTERNAL_SERVER_ERROR') || result.status >= 500) return 'error'
  if (codes.includes('UNAUTHENTICATED')) return 'unauthenticated'
  if (codes.includes('FORBIDDEN')) return 'forbidden'
  if (codes.includes('NOT_FOUND')) return 'absent'
  // Past the access checks: the input, or the engine or registry behind it, was the matter.
  if (codes.length > 0) return 'allowed'
  return null
}

const sameField = (a: string[], b: string[]) => a.length === b.length && a.every((part, i) => part === b[i])

/** A mutation: its payload's NOT_FOUND on the field that names the target means "absent". */
function mutation(name: string, rule: Operation['rule'], document: string, input: (target: Target) => Record<string, unknown>, targetFields: string[][]): Operation {
  return {
    name,
    rule,
    async run(world, target, token) {
      const result = await runText(world, document, { input: input(target) }, token)
      const outcome = classifyErrors(result) ?? classifyPayload(result.data?.[name] as { userErrors?: { field: string[]; code: string }[] } | null, targetFields)
      return { outcome, answer: result }
    },
  }
}

function classifyPayload(payload: { userErrors?: { field: string[]; code: string }[] } | null | undefined, targetFields: string[][]): Outcome {
  if (!payload) return 'error'
  const absent = (payload.userErrors ?? []).some((e) => e.code === 'NOT_FOUND' && targetFields.some((field) => sameField(field, e.field)))
  return absent ? 'absent' : 'allowed'
}

/** A query: null (or an item missing from the list) means "absent". */
function query(name: string, rule: Operation['rule'], document: string, variables: (target: Target) => Record<string, unknown>, seen: (data: Record<string, unknown>, target: Target) => boolean): Operation {
  return {
    name,
    rule,
    async run(world, target, token) {
      const result = await runText(world, document, variables(target), token)
      const outcome = classifyErrors(result) ?? (result.data && seen(result.data, target) ? 'allowed' : 'absent')
      return { outcome, answer: result }
    },
  }
}

function subscription(name: string, document: string, variables: (target: Target) => Record<string, unknown>): Operation {
  return {
    name,
    rule: 'reader',
    async run(world, target, token) {
      const { events, completed } = await collectSubscription(world, { toString: () => document } as never, variables(target) as never, {
        token,
        until: (received) => received.length > 0,
        timeoutMs: 30_000,
      })
      const first = (events[0] ?? { errors: [] }) as GraphQLResponse<unknown>
      // A stream that ends cleanly with nothing to say (a finished build without log lines) was allowed.
      const outcome = classifyErrors({ ...first, status: 200 }) ?? ((events.length > 0 && first.data) || (events.length === 0 && completed) ? 'allowed' : 'absent')
      return { outcome, answer: events.slice(0, 1) }
    },
  }
}

const payload = (field: string, extra = '') => `${field}(input: $input) { ${extra} userErrors { field message code } }`
const M = (field: string, type: string, extra = '') => `mutation ($input: ${type}!) { ${payload(field, extra)} }`
const ID = ['input', 'id']
const IMAGE_ID = ['input', 'imageId']

const OPERATIONS: Operation[] = [
  // What the owner (or an administrator) may change.
  mutation('updateImage', 'owner', M('updateImage', 'UpdateImageInput', 'image { id }'), (t) => ({ id: t.imageId, description: 'changed' }), [ID]),
  mutation('deleteImage', 'owner', M('deleteImage', 'DeleteImageInput', 'deletedImageId'), (t) => ({ id: t.imageId, metaOnly: true }), [ID]),
  mutation('tagImage', 'owner', M('tagImage', 'TagsInput', 'tags { name }'), (t) => ({ imageId: t.imageId, tags: ['extra'] }), [IMAGE_ID]),
  mutation('untagImage', 'owner', M('untagImage', 'TagsInput', 'removedTags'), (t) => ({ imageId: t.imageId, tags: ['v1'] }), [IMAGE_ID]),
  mutation('setImageCategories', 'owner', M('setImageCategories', 'SetImageCategoriesInput', 'image { id }'), (t) => ({ imageId: t.imageId, categoryIds: [t.categoryId] }), [IMAGE_ID]),
  mutation('protectTag', 'owner', M('protectTag', 'ProtectTagInput', 'tag { protected }'), (t) => ({ imageId: t.imageId, tag: 'v1' }), [IMAGE_ID]),
  mutation('unprotectTag', 'owner', M('unprotectTag', 'ProtectTagInput', 'tag { protected }'), (t) => ({ imageId: t.imageId, tag: 'v1' }), [IMAGE_ID]),
  mutation('buildImage', 'owner', M('buildImage', 'BuildImageInput', 'build { id }'), (t) => ({ imageId: t.imageId, dockerfile: 'FROM scratch\n' }), [IMAGE_ID]),
  mutation('cancelBuild', 'owner', M('cancelBuild', 'CancelBuildInput', 'build { id }'), (t) => ({ id: t.buildId }), [ID]),
  mutation(
    'setBuildSource',
    'owner',
    M('setBuildSource', 'SetBuildSourceInput', 'image { id }'),
    (t) => ({ imageId: t.imageId, repositoryUrl: 'http://127.0.0.1:1/changed.git', buildSettings: [{ branch: 'main', tag: 'latest' }] }),
    [IMAGE_ID],
  ),
  mutation('triggerBuild', 'owner', M('triggerBuild', 'TriggerBuildInput', 'builds { id }'), (t) => ({ imageId: t.imageId, branch: 'main' }), [IMAGE_ID]),
  mutation('removeBuildSource', 'owner', M('removeBuildSource', 'BuildSourceImageInput'), (t) => ({ imageId: t.imageId }), [IMAGE_ID]),
  mutation(
    'setRetentionPolicies',
    'owner',
    M('setRetentionPolicies', 'SetRetentionPoliciesInput', 'image { id }'),
    (t) => ({ imageId: t.imageId, policies: [{ rule: 'KEEP_LAST', keepLast: 5 }] }),
    [IMAGE_ID],
  ),
  mutation('applyRetention', 'owner', M('applyRetention', 'ApplyRetentionInput', 'removed { tagName }'), (t) => ({ imageId: t.imageId }), [IMAGE_ID]),
  mutation('pushImage', 'owner', M('pushImage', 'PushImageInput', 'push { id }'), (t) => ({ tagId: t.tagId, registryId: deadRegistryId }), [['input', 'tagId']]),
  {
    name: 'createVersion',
    rule: 'owner',
    async run(world, target, token) {
      const document = M('createVersion', 'CreateVersionInput', 'version { id }')
      const file = new File([new Uint8Array(1024)], 'src.tar', { type: 'application/x-tar' })
      const result = await runTextWithFile(world, document, { input: { imageId: target.imageId, version: `9.${++sequence}`, source: null } }, file, token)
      return { outcome: classifyErrors(result) ?? classifyPayload(result.data?.createVersion as never, [IMAGE_ID]), answer: result }
    },
  },
  // An API token is its user's (and the administrators') alone.
  mutation('revokeApiToken', 'owner', M('revokeApiToken', 'RevokeApiTokenInput', 'apiToken { id }'), (t) => ({ id: t.tokenId }), [ID]),

  // What any member may do to an image they can see.
  mutation('starImage', 'member', M('starImage', 'ImageIdInput', 'image { id }'), (t) => ({ imageId: t.imageId }), [IMAGE_ID]),
  mutation('unstarImage', 'member', M('unstarImage', 'ImageIdInput', 'image { id }'), (t) => ({ imageId: t.imageId }), [IMAGE_ID]),

  // What only administrators may do, whatever the target.
  mutation('importLocalImage', 'admin', M('importLocalImage', 'ImportLocalImageInput', 'image { id }'), () => ({ reference: 'matrix/local:1' }), []),
  mutation('createUser', 'admin', M('createUser', 'CreateUserInput', 'user { id }'), () => ({ name: `matrix-user-${++sequence}` }), []),
  mutation('createCategory', 'admin', M('createCategory', 'CreateCategoryInput', 'category { id }'), () => ({ name: `matrix-category-${++sequence}` }), []),
  mutation('deleteCategory', 'admin', M('deleteCategory', 'DeleteCategoryInput'), (t) => ({ id: t.categoryId }), [ID]),
  mutation('addRegistry', 'admin', M('addRegistry', 'AddRegistryInput', 'registry { id }'), () => ({ name: `matrix-${++sequence}`, url: 'http://127.0.0.1:1' }), []),
  mutation('updateRegistry', 'admin', M('updateRegistry', 'UpdateRegistryInput', 'registry { id }'), () => ({ id: deadRegistryId, trustSelfSignedCert: false }), [ID]),
  query('localImages', 'admin', '{ localImages(first: 1) { totalCount } }', () => ({}), (data) => data.localImages !== null),
  query('auditLog', 'admin', '{ auditLog(first: 1) { totalCount } }', () => ({}), (data) => data.auditLog !== null),
  query('pingRegistry', 'admin', 'query ($id: ID) { pingRegistry(id: $id) { reachable } }', () => ({ id: deadRegistryId }), (data) => data.pingRegistry !== null),

  // What anyone who may see the image may read; to others it does not exist.
  query('image(id)', 'reader', 'query ($id: ID) { image(id: $id) { id name } }', (t) => ({ id: t.imageId }), (data) => data.image !== null),
  query('image(name)', 'reader', 'query ($name: String) { image(name: $name) { id } }', (t) => ({ name: t.name }), (data) => data.image !== null),
  query('node', 'reader', 'query ($id: ID!) { node(id: $id) { id } }', (t) => ({ id: t.imageId }), (data) => data.node !== null),
  query('nodes', 'reader', 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', (t) => ({ ids: [t.imageId, t.tagId, t.versionId, t.buildId] }), (data) =>
    (data.nodes as unknown[]).every((node) => node !== null),
  ),
  query(
    'images',
    'reader',
    'query ($text: String) { images(first: 100, filter: { nameContains: $text }) { totalCount nodes { id } } }',
    (t) => ({ text: t.name }),
    (data, t) => {
      const images = data.images as { totalCount: number; nodes: { id: string }[] }
      return images.totalCount > 0 && images.nodes.some((node) => node.id === t.imageId)
    },
  ),
  query(
    'searchImages(CATALOG)',
    'signedInReader',
    'query ($text: String) { searchImages(depot: CATALOG, text: $text, first: 100) { nodes { name image { id } } } }',
    (t) => ({ text: t.name }),
    (data, t) => (data.searchImages as { nodes: { name: string }[] }).nodes.some((node) => node.name === t.name),
  ),
  query('build', 'reader', 'query ($id: ID!) { build(id: $id) { id } }', (t) => ({ id: t.buildId }), (data) => data.build !== null),
  query('version', 'reader', 'query ($id: ID!) { version(id: $id) { id } }', (t) => ({ id: t.versionId }), (data) => data.version !== null),
  query('node(Tag)', 'reader', 'query ($id: ID!) { node(id: $id) { id } }', (t) => ({ id: t.tagId }), (data) => data.node !== null),
  // What retention would remove is the owner's to plan.
  query('retentionPreview', 'owner', 'query ($id: ID!) { retentionPreview(imageId: $id) { remove { tag { name } } } }', (t) => ({ id: t.imageId }), (data) => data.retentionPreview !== null),
  subscription('imageUpdated', 'subscription ($id: ID!) { imageUpdated(imageId: $id) { id } }', (t) => ({ id: t.imageId })),
  subscription('buildUpdated', 'subscription ($id: ID!) { buildUpdated(buildId: $id) { id } }', (t) => ({ id: t.buildId })),
  subscription('buildLogs', 'subscription ($id: ID!) { buildLogs(buildId: $id, fromLine: 0) { lineNo } }', (t) => ({ id: t.buildId })),

  // Pulls, pushes and tokens are their requester's (and the administrators') to see.
  query('pull', 'owner', 'query ($id: ID!) { pull(id: $id) { id } }', (t) => ({ id: t.pullId }), (data) => data.pull !== null),
  query('push', 'owner', 'query ($id: ID!) { push(id: $id) { id } }', (t) => ({ id: t.pushId }), (data) => data.push !== null),
  query('pulls', 'owner', '{ pulls(first: 100) { nodes { id } } }', () => ({}), (data, t) => (data.pulls as { nodes: { id: string }[] }).nodes.some((n) => n.id === t.pullId)),
  query('pushes', 'owner', '{ pushes(first: 100) { nodes { id } } }', () => ({}), (data, t) => (data.pushes as { nodes: { id: string }[] }).nodes.some((n) => n.id === t.pushId)),
  query('node(ApiToken)', 'owner', 'query ($id: ID!) { node(id: $id) { id } }', (t) => ({ id: t.tokenId }), (data) => data.node !== null),
]

/**
 * What each role must get. Anonymous callers change nothing; reading needs only sight of the
 * image. A private image is its owner's alone: administrators too get what a missing one gets
 * (the README's rule), and may change any image they can see.
 */
function expected(rule: Operation['rule'], role: Role, isPrivate: boolean): Outcome {
  const sees = !isPrivate || role === 'owner'
  switch (rule) {
    case 'admin':
      return role === 'admin' ? 'allowed' : role === 'anonymous' ? 'unauthenticated' : 'forbidden'
    case 'owner':
    case 'member':
      if (role === 'anonymous') return 'unauthenticated'
      if (!sees) return 'absent'
      return role === 'member' && rule === 'owner' ? 'forbidden' : 'allowed'
    case 'signedInReader':
      return role === 'anonymous' ? 'unauthenticated' : sees ? 'allowed' : 'absent'
    case 'reader':
      return sees ? 'allowed' : 'absent'
  }
}

/** Things that are the requester's own (pulls, pushes, tokens) are absent to anyone else, public image or not. */
const REQUESTER_OWNED = new Set(['pull', 'push', 'pulls', 'pushes', 'node(ApiToken)', 'revokeApiToken'])

function expectedFor(operation: Operation, role: Role, isPrivate: boolean): Outcome {
  if (REQUESTER_OWNED.has(operation.name)) {
    if (role === 'owner' || role === 'admin') return 'allowed'
    // Reading lists and nodes is open to anyone; what they hold of others' is absent.
    return operation.rule === 'owner' && operation.name === 'revokeApiToken' && role === 'anonymous' ? 'unauthenticated' : readsOrAbsent(operation, role)
  }
  return expected(operation.rule, role, isPrivate)
}

function readsOrAbsent(operation: Operation, role: Role): Outcome {
  if (operation.name === 'revokeApiToken') return 'absent'
  if (role === 'anonymous' && (operation.name === 'pulls' || operation.name === 'pushes')) {
    return 'unauthenticated'
  }
  return 'absent'
}

async function makeTarget(isPrivate: boolean, label: string): Promise<Target> {
  const { db } = world.app
  const name = `alice/${label}-${++sequence}`
  const image = await db.image.create({ data: { name, isPrivate, ownerId: owner.id } })
  const category = await db.category.create({ data: { name: `matrix-${sequence}` } })
  const tag = await db.tag.create({ data: { imageId: image.id, name: 'v1' } })
  const version = await db.version.create({
    data: { imageId: image.id, version: '1.0', sourceSha256: 'b'.repeat(64), sourceSizeBytes: 10, sourceFilename: 'src.tar', sourceFormat: 'tar' },
  })
  const build = await db.build.create({ data: { imageId: image.id, targetTag: 'v1', state: 'SUCCEEDED', requestedById: owner.id, finishedAt: new Date() } })
  // Ended transfers: nothing picks them up to run.
  const ended = { state: 'SUCCEEDED' as const, requestedById: owner.id, reference: `127.0.0.1:1/${name}:v1`, finishedAt: new Date() }
  const pull = await db.pull.create({ data: { ...ended, imageId: image.id, tagId: tag.id } })
  const push = await db.push.create({ data: { ...ended, imageId: image.id, tagId: tag.id, registryId: decodeDbId(deadRegistryId) } })
  const token = await world.app.services.users.createApiToken(await world.app.services.users.authenticate(owner.token), { name: `matrix-${sequence}` })
  const source = await runText(
    world,
    M('setBuildSource', 'SetBuildSourceInput', 'image { id }'),
    { input: { imageId: gid('Image', image.id), repositoryUrl: 'http://127.0.0.1:1/app.git', buildSettings: [{ branch: 'main', tag: 'latest' }] } },
    owner.token,
  )
  expect(source.errors, JSON.stringify(source)).toBeUndefined()
  return {
    imageId: gid('Image', image.id),
    name,
    tagId: gid('Tag', tag.id),
    versionId: gid('Version', version.id),
    buildId: gid('Build', build.id),
    pullId: gid('Pull', pull.id),
    pushId: gid('Push', push.id),
    tokenId: gid('ApiToken', token.apiToken.id),
    categoryId: gid('Category', category.id),
  }
}

/** Ids and a name that no row has ever had. */
function neverThere(): Target {
  const id = 900_000 + ++sequence
  return {
    imageId: gid('Image', id),
    name: `alice/never-${id}`,
    tagId: gid('Tag', id),
    versionId: gid('Version', id),
    buildId: gid('Build', id),
    pullId: gid('Pull', id),
    pushId: gid('Push', id),
    tokenId: gid('ApiToken', id),
    categoryId: gid('Category', id),
  }
}

const decodeDbId = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString('utf8').split(':')[1])

/** The answer with the target's ids and name put out of the way, to compare it with another target's. */
function normalized(answer: unknown, target: Target): string {
  let text = JSON.stringify(withoutBucketLevel(answer))
  for (const [key, value] of Object.entries(target)) text = text.split(value).join(`<${key}>`)
  return text.replace(/"incident":"[^"]+"/g, '"incident":"<incident>"')
}

beforeAll(async () => {
  world = await createWorld()
  owner = await world.createUser('alice')
  member = await world.createUser('bob')
  const registry = await runText(world, M('addRegistry', 'AddRegistryInput', 'registry { id }'), { input: { name: 'dead', url: 'http://127.0.0.1:1' } })
  deadRegistryId = (registry.data!.addRegistry as { registry: { id: string } }).registry.id
})
afterAll(async () => {
  await world?.dispose()
})

describe('the authorization matrix', () => {
  let checks = 0
  const violations: string[] = []
  afterAll(() => {
    console.log(`[authz matrix] ${OPERATIONS.length} operations x ${ROLES.length} roles x 2 visibilities: ${checks} checks, ${violations.length} violations`)
  })

  it.each(OPERATIONS.map((operation) => [operation.name, operation] as const))('%s answers every role as the rules say', { timeout: 120_000 }, async (_name, operation) => {
    const found: string[] = []
    for (const isPrivate of [false, true]) {
      for (const role of ROLES) {
        // A fresh image for every call: what one call changes or removes cannot hide what the next gets.
        const target = await makeTarget(isPrivate, operation.name.replace(/[^a-z]/gi, '').toLowerCase())
        const { outcome, answer } = await operation.run(world, target, tokenOf(role))
        const want = expectedFor(operation, role, isPrivate)
        checks++
        const where = `${operation.name} as ${role} on a ${isPrivate ? 'private' : 'public'} image`
        if (outcome !== want) found.push(`${where}: ${outcome}, expected ${want}: ${JSON.stringify(answer).slice(0, 400)}`)
        if (outcome === 'absent') {
          // Exactly as for an image that never was: same answer, same words.
          const missing = neverThere()
          const control = await operation.run(world, missing, tokenOf(role))
          checks++
          if (normalized(control.answer, missing) !== normalized(answer, target)) {
            found.push(`${where}: the hidden answer differs from the missing one:\n  hidden  ${normalized(answer, target)}\n  missing ${normalized(control.answer, missing)}`)
          }
        }
      }
    }
    violations.push(...found)
    expect(found).toEqual([])
  })

  it("shows a user's isAdmin to that user and to administrators only, wherever the user is reached", async () => {
    const target = await makeTarget(false, 'profile')
    const document = `query ($user: ID!, $image: ID!) {
      node(id: $user) { ... on User { name isAdmin } }
      image(id: $image) { owner { name isAdmin } }
    }`
    const found: string[] = []
    for (const role of ROLES) {
      const result = await runText(world, document, { user: gid('User', owner.id), image: target.imageId }, tokenOf(role))
      const data = result.data as { node: { name: string; isAdmin: boolean | null }; image: { owner: { name: string; isAdmin: boolean | null } } }
      const private_ = role === 'owner' || role === 'admin'
      for (const [where, user] of [['node', data?.node], ['image.owner', data?.image?.owner]] as const) {
        checks++
        const want = { name: 'alice', isAdmin: private_ ? false : null }
        if (JSON.stringify(user) !== JSON.stringify(want)) found.push(`${where} as ${role}: ${JSON.stringify(result)}`)
      }
    }
    violations.push(...found)
    expect(found).toEqual([])
  })
})
