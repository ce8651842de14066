// Who may do what, operation by operation: every mutation, and every query or subscription
// that reaches something a viewer may not see, run against an image in a user's namespace (as an
// anonymous caller, another user, the owner and an administrator) and against an image in an
// organization's namespace (as anonymous, an outsider, an administrator, the organization's
// OWNER, ADMIN and plain MEMBER, members of teams with READ, WRITE and ADMIN on the organization,
// a member of a team granted WRITE on that one image, and robots of the organization on its ADMIN
// team holding a token scoped to the organization with one action each: READ, TAG, BUILD, PUSH,
// PULL, DELETE), each on a public and a private image.
// What a viewer may not see must answer exactly as something that does not exist: the hidden
// answer is compared, text and all, with the answer for an image that was never there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashToken } from '../src/auth/tokens.js'
import { runText, runTextWithFile } from './support/raw.js'
import { collectSubscription, openSubscription } from './support/sse.js'
import { ADMIN_TOKEN, createWorld, gid, withoutBucketLevel, type GraphQLResponse, type World } from './support/world.js'

type ScopeAction = 'READ' | 'TAG' | 'BUILD' | 'PUSH' | 'PULL' | 'DELETE'
type RobotRole = `robot${ScopeAction}`
type Role = 'anonymous' | 'member' | 'owner' | 'admin' | 'orgOwner' | 'orgAdmin' | 'orgMember' | 'teamRead' | 'teamWrite' | 'teamAdmin' | 'imageGrant' | RobotRole
type Outcome = 'unauthenticated' | 'forbidden' | 'absent' | 'allowed' | 'error'
type Kind = 'user' | 'organization'
type Permission = 'READ' | 'WRITE' | 'ADMIN'
const SCOPE_ACTIONS: ScopeAction[] = ['READ', 'TAG', 'BUILD', 'PUSH', 'PULL', 'DELETE']
const ROBOT_ROLES = SCOPE_ACTIONS.map((action): RobotRole => `robot${action}`)
const robotAction = (role: Role): ScopeAction | null => (role.startsWith('robot') ? (role.slice('robot'.length) as ScopeAction) : null)
const ORG_ROLES: Role[] = ['orgOwner', 'orgAdmin', 'orgMember', 'teamRead', 'teamWrite', 'teamAdmin', 'imageGrant', ...ROBOT_ROLES]
const ROLES_OF: Record<Kind, Role[]> = { user: ['anonymous', 'member', 'owner', 'admin'], organization: ['anonymous', 'member', 'admin', ...ORG_ROLES] }
/** The user each role signs in as ('member' is someone outside the organization). */
const USER_OF: Record<Exclude<Role, 'anonymous' | 'admin' | RobotRole>, string> = {
  member: 'bob',
  owner: 'alice',
  orgOwner: 'carol',
  orgAdmin: 'dan',
  orgMember: 'erin',
  teamRead: 'fay',
  teamWrite: 'gus',
  teamAdmin: 'hal',
  imageGrant: 'ivy',
}

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
  /** In an organization's namespace: the organization and one of its teams (READ, with xavier on it). */
  organizationId: string
  organizationName: string
  teamId: string
  /** An engine (unreachable, so nothing runs on it) and a registry for the administrators' operations on them. */
  engineName: string
  registryId: string
  /** The organization's robots' tokens, by role, and the READ robot's id. */
  robotTokens: Partial<Record<RobotRole, string>>
  robotId: string
}

interface Operation {
  name: string
  /**
   * Who may. On an image: WRITE on it (write), ADMIN on it (manage), READ and signed in
   * (member), READ (reader), READ and signed in for a read (signedInReader), the one who
   * requested it and administrators (requester). Administrators only (admin); anyone signed in
   * (signedIn). On an organization: its OWNERs and ADMINs and administrators (orgAdmin), its
   * OWNERs and administrators (orgOwner), its members and administrators (orgInside, absent for
   * others; orgMembers, FORBIDDEN for others as the organization itself is public); on a team,
   * seen by those inside and managed by orgAdmin (teamAdmin); a team's grant on an image, by
   * those inside who hold ADMIN on the image (teamImage); a robot, managed by orgAdmin and absent
   * for everyone else (robotManager). A new image in the target's namespace (createIn); a pull into
   * the target image, which needs WRITE on it, else gets the namespace's refusal (pullInto).
   * Anyone, anonymous callers included (public).
   */
  rule: 'write' | 'manage' | 'member' | 'admin' | 'reader' | 'signedInReader' | 'requester' | 'signedIn' | 'orgAdmin' | 'orgOwner' | 'orgInside' | 'orgMembers' | 'teamAdmin' | 'teamImage' | 'robotManager' | 'createIn' | 'pullInto' | 'public'
  /** Only for these kinds of target (both when absent). */
  kinds?: Kind[]
  /**
   * For a scoped token: the action a mutation on an image needs (null: none may, e.g. settings),
   * or 'refused' for a mutation no scoped token runs. Queries leave it out.
   */
  scoped?: ScopeAction | null | 'refused'
  /**
   * The control for an "absent" answer when the operation names two things: the one the answer
   * said was missing is swapped for one that never was, the other kept (by default all are swapped).
   */
  controlOf?: (target: Target, missing: Target, answer: unknown) => Target
  /** Runs the operation against `target` as `token` and says what came of it. */
  run(world: World, target: Target, token: string | null): Promise<{ outcome: Outcome; answer: unknown }>
}

let world: World
const users: Record<string, { id: number; token: string }> = {}
let deadRegistryId: string
let sequence = 0
/** The engine updateDockerEngine changes: unreachable, so no job is ever placed on it. */
const MATRIX_ENGINE = 'matrix-engine'

function tokenOf(role: Role, target?: Target): string | null {
  if (role === 'anonymous') return null
  if (role === 'admin') return ADMIN_TOKEN
  const action = robotAction(role)
  if (action) return target!.robotTokens[role as RobotRole]!
  return users[USER_OF[role as keyof typeof USER_OF]]!.token
}

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
  MUTATION_NAMES.add(name)
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
  const named = (code: string) => (payload.userErrors ?? []).some((e) => e.code === code && targetFields.some((field) => sameField(field, e.field)))
  // A namespace the caller may not write is a refusal, given as a user error on the field.
  return named('NOT_FOUND') ? 'absent' : named('NAMESPACE_NOT_WRITABLE') ? 'forbidden' : 'allowed'
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

function subscription(name: string, document: string, variables: (target: Target) => Record<string, unknown>, rule: Operation['rule'] = 'reader'): Operation {
  return {
    name,
    rule,
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
const ORGANIZATION_ID = ['input', 'organizationId']
const TEAM_ID = ['input', 'teamId']
const org = (operation: Operation): Operation => ({ ...operation, kinds: ['organization'] })
const scopedAs = (action: ScopeAction | null, operation: Operation): Operation => ({ ...operation, scoped: action })
/** Mutations that do not act on images: no scoped token runs them. */
const refusedToScopedTokens = (operations: Operation[]) => operations.map((operation) => (operation.scoped === undefined && isMutation(operation) ? { ...operation, scoped: 'refused' as const } : operation))
const MUTATION_NAMES = new Set<string>()
const isMutation = (operation: Operation) => MUTATION_NAMES.has(operation.name)

MUTATION_NAMES.add('createVersion')
const OPERATIONS: Operation[] = refusedToScopedTokens([
  // What those who hold WRITE or ADMIN on the image may change.
  scopedAs(null, mutation('updateImage', 'manage', M('updateImage', 'UpdateImageInput', 'image { id }'), (t) => ({ id: t.imageId, description: 'changed' }), [ID])),
  scopedAs('DELETE', mutation('deleteImage', 'manage', M('deleteImage', 'DeleteImageInput', 'deletedImageId'), (t) => ({ id: t.imageId, metaOnly: true }), [ID])),
  scopedAs('TAG', mutation('tagImage', 'write', M('tagImage', 'TagsInput', 'tags { name }'), (t) => ({ imageId: t.imageId, tags: ['extra'] }), [IMAGE_ID])),
  scopedAs('TAG', mutation('untagImage', 'write', M('untagImage', 'TagsInput', 'removedTags'), (t) => ({ imageId: t.imageId, tags: ['v1'] }), [IMAGE_ID])),
  scopedAs('TAG', mutation('setImageCategories', 'write', M('setImageCategories', 'SetImageCategoriesInput', 'image { id }'), (t) => ({ imageId: t.imageId, categoryIds: [t.categoryId] }), [IMAGE_ID])),
  scopedAs('TAG', mutation('protectTag', 'manage', M('protectTag', 'ProtectTagInput', 'tag { protected }'), (t) => ({ imageId: t.imageId, tag: 'v1' }), [IMAGE_ID])),
  scopedAs('TAG', mutation('unprotectTag', 'manage', M('unprotectTag', 'ProtectTagInput', 'tag { protected }'), (t) => ({ imageId: t.imageId, tag: 'v1' }), [IMAGE_ID])),
  scopedAs('BUILD', mutation('buildImage', 'write', M('buildImage', 'BuildImageInput', 'build { id }'), (t) => ({ imageId: t.imageId, dockerfile: 'FROM scratch\n' }), [IMAGE_ID])),
  scopedAs('BUILD', mutation('cancelBuild', 'write', M('cancelBuild', 'CancelBuildInput', 'build { id }'), (t) => ({ id: t.buildId }), [ID])),
  mutation(
    'setBuildSource',
    'manage',
    M('setBuildSource', 'SetBuildSourceInput', 'image { id }'),
    (t) => ({ imageId: t.imageId, repositoryUrl: 'http://127.0.0.1:1/changed.git', buildSettings: [{ branch: 'main', tag: 'latest' }] }),
    [IMAGE_ID],
  ),
  scopedAs('BUILD', mutation('triggerBuild', 'write', M('triggerBuild', 'TriggerBuildInput', 'builds { id }'), (t) => ({ imageId: t.imageId, branch: 'main' }), [IMAGE_ID])),
  mutation('removeBuildSource', 'manage', M('removeBuildSource', 'BuildSourceImageInput'), (t) => ({ imageId: t.imageId }), [IMAGE_ID]),
  scopedAs(
    'DELETE',
    mutation(
      'setRetentionPolicies',
      'manage',
      M('setRetentionPolicies', 'SetRetentionPoliciesInput', 'image { id }'),
      (t) => ({ imageId: t.imageId, policies: [{ rule: 'KEEP_LAST', keepLast: 5 }] }),
      [IMAGE_ID],
    ),
  ),
  scopedAs('DELETE', mutation('applyRetention', 'manage', M('applyRetention', 'ApplyRetentionInput', 'removed { tagName }'), (t) => ({ imageId: t.imageId }), [IMAGE_ID])),
  scopedAs('PUSH', mutation('pushImage', 'write', M('pushImage', 'PushImageInput', 'push { id }'), (t) => ({ tagId: t.tagId, registryId: deadRegistryId }), [['input', 'tagId']])),
  {
    name: 'createVersion',
    rule: 'write',
    scoped: 'BUILD',
    async run(world, target, token) {
      const document = M('createVersion', 'CreateVersionInput', 'version { id }')
      const file = new File([new Uint8Array(1024)], 'src.tar', { type: 'application/x-tar' })
      const result = await runTextWithFile(world, document, { input: { imageId: target.imageId, version: `9.${++sequence}`, source: null } }, file, token)
      return { outcome: classifyErrors(result) ?? classifyPayload(result.data?.createVersion as never, [IMAGE_ID]), answer: result }
    },
  },
  // An API token is its user's (and the administrators') alone.
  mutation('revokeApiToken', 'requester', M('revokeApiToken', 'RevokeApiTokenInput', 'apiToken { id }'), (t) => ({ id: t.tokenId }), [ID]),

  // What any signed-in caller may do to an image they can see.
  scopedAs('READ', mutation('starImage', 'member', M('starImage', 'ImageIdInput', 'image { id }'), (t) => ({ imageId: t.imageId }), [IMAGE_ID])),
  scopedAs('READ', mutation('unstarImage', 'member', M('unstarImage', 'ImageIdInput', 'image { id }'), (t) => ({ imageId: t.imageId }), [IMAGE_ID])),

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
  // What retention would remove is for those who may write the image to plan.
  query('retentionPreview', 'write', 'query ($id: ID!) { retentionPreview(imageId: $id) { remove { tag { name } } } }', (t) => ({ id: t.imageId }), (data) => data.retentionPreview !== null),
  subscription('imageUpdated', 'subscription ($id: ID!) { imageUpdated(imageId: $id) { id } }', (t) => ({ id: t.imageId })),
  subscription('buildUpdated', 'subscription ($id: ID!) { buildUpdated(buildId: $id) { id } }', (t) => ({ id: t.buildId })),
  subscription('buildLogs', 'subscription ($id: ID!) { buildLogs(buildId: $id, fromLine: 0) { lineNo } }', (t) => ({ id: t.buildId })),
  subscription('buildProgress', 'subscription ($id: ID!) { buildProgress(buildId: $id, fromEvent: 0) { eventNo } }', (t) => ({ id: t.buildId })),

  // Pulls, pushes and tokens are their requester's (and the administrators') to see.
  query('pull', 'requester', 'query ($id: ID!) { pull(id: $id) { id } }', (t) => ({ id: t.pullId }), (data) => data.pull !== null),
  query('push', 'requester', 'query ($id: ID!) { push(id: $id) { id } }', (t) => ({ id: t.pushId }), (data) => data.push !== null),
  query('pulls', 'requester', '{ pulls(first: 100) { nodes { id } } }', () => ({}), (data, t) => (data.pulls as { nodes: { id: string }[] }).nodes.some((n) => n.id === t.pullId)),
  query('pushes', 'requester', '{ pushes(first: 100) { nodes { id } } }', () => ({}), (data, t) => (data.pushes as { nodes: { id: string }[] }).nodes.some((n) => n.id === t.pushId)),
  query('node(ApiToken)', 'requester', 'query ($id: ID!) { node(id: $id) { id } }', (t) => ({ id: t.tokenId }), (data) => data.node !== null),

  // Engines and registries are the administrators'; every signed-in caller reads the engines' health.
  mutation('addDockerEngine', 'admin', M('addDockerEngine', 'AddDockerEngineInput', 'dockerEngine { name }'), () => ({ name: `matrix-added-${++sequence}`, host: 'tcp://127.0.0.1:1' }), []),
  mutation('updateDockerEngine', 'admin', M('updateDockerEngine', 'UpdateDockerEngineInput', 'dockerEngine { name }'), (t) => ({ name: t.engineName, capacity: 2 }), [['input', 'name']]),
  mutation('pruneBuildCache', 'admin', M('pruneBuildCache', 'PruneBuildCacheInput', 'removedCount'), (t) => ({ name: t.engineName }), [['input', 'name']]),
  {
    // Each call removes an engine of its own, made just before (the pool never learns of it, so never checks it).
    ...mutation('removeDockerEngine', 'admin', M('removeDockerEngine', 'RemoveDockerEngineInput', 'removedName'), (t) => ({ name: t.engineName }), [['input', 'name']]),
    async run(world, target, token) {
      const name = target.engineName === MATRIX_ENGINE ? `matrix-removed-${++sequence}` : target.engineName
      if (name !== target.engineName) await world.app.db.engine.create({ data: { name, host: 'tcp://127.0.0.1:1', reachable: false } })
      const result = await runText(world, M('removeDockerEngine', 'RemoveDockerEngineInput', 'removedName'), { input: { name } }, token)
      const outcome = classifyErrors(result) ?? classifyPayload(result.data?.removeDockerEngine as never, [['input', 'name']])
      return { outcome, answer: JSON.parse(JSON.stringify(result).split(name).join(target.engineName)) }
    },
  },
  mutation('deleteRegistry', 'admin', M('deleteRegistry', 'DeleteRegistryInput', 'deletedRegistryId'), (t) => ({ id: t.registryId }), [ID]),
  query('dockerEngine', 'signedIn', '{ dockerEngine { reachable } }', () => ({}), (data) => data.dockerEngine !== null),
  query('dockerEngines', 'signedIn', '{ dockerEngines { name } }', () => ({}), (data) => data.dockerEngines !== null),
  query('remoteTags', 'signedIn', 'query ($id: ID) { remoteTags(reference: "127.0.0.1:1/x/y", registryId: $id, first: 1) { nodes { name } } }', () => ({ id: deadRegistryId }), () => true),
  query('remoteInspect', 'signedIn', 'query ($id: ID) { remoteInspect(reference: "127.0.0.1:1/x/y:1", registryId: $id) { digest } }', () => ({ id: deadRegistryId }), () => true),
  // What anyone reads.
  query('categories', 'public', '{ categories(first: 100) { totalCount } }', () => ({}), () => true),
  query('registries', 'public', '{ registries(first: 100) { totalCount } }', () => ({}), () => true),
  query('viewer', 'public', '{ viewer { name } }', () => ({}), () => true),
  query('viewerToken', 'public', '{ viewerToken { name } }', () => ({}), () => true),
  org(query('organization', 'public', 'query ($name: String) { organization(name: $name) { name } }', (t) => ({ name: t.organizationName }), (data) => data.organization !== null)),
  {
    name: 'auditEvents',
    rule: 'admin',
    async run(world, _target, token) {
      const feed = await openSubscription(world, { toString: () => 'subscription { auditEvents { action } }' } as never, {} as never, { token })
      try {
        // Something to see: an administrator's change, written once the feed listens.
        await runText(world, M('createCategory', 'CreateCategoryInput', 'category { id }'), { input: { name: `matrix-feed-${++sequence}` } }, ADMIN_TOKEN)
        const first = ((await feed.next(30_000)) ?? { errors: [] }) as GraphQLResponse<unknown>
        return { outcome: classifyErrors({ ...first, status: 200 }) ?? (first.data ? 'allowed' : 'absent'), answer: [first] }
      } finally {
        feed.close()
      }
    },
  },
  // A pull's and a push's progress are their requester's.
  subscription('pullProgress', 'subscription ($id: ID!) { pullProgress(pullId: $id) { status } }', (t) => ({ id: t.pullId }), 'requester'),
  subscription('pushProgress', 'subscription ($id: ID!) { pushProgress(pushId: $id) { status } }', (t) => ({ id: t.pushId }), 'requester'),

  // Creating in the target's namespace, pulling into the target, and minting a token.
  scopedAs(
    'READ',
    mutation('createImage', 'createIn', M('createImage', 'CreateImageInput', 'image { id }'), (t) => ({ name: `${t.name.split('/')[0]}/new-${++sequence}` }), [['input', 'name']]),
  ),
  scopedAs('PULL', mutation('pullImage', 'pullInto', M('pullImage', 'PullImageInput', 'pull { id }'), (t) => ({ reference: `${t.name}:v2` }), [['input', 'reference']])),
  mutation('createApiToken', 'signedIn', M('createApiToken', 'CreateApiTokenInput', 'apiToken { id }'), () => ({ name: `matrix-${++sequence}` }), []),

  // Organizations: any signed-in user makes one; its owners and admins run it.
  org(mutation('createOrganization', 'signedIn', M('createOrganization', 'CreateOrganizationInput', 'organization { id }'), () => ({ name: `matrix-new-${++sequence}` }), [])),
  org(mutation('updateOrganization', 'orgAdmin', M('updateOrganization', 'UpdateOrganizationInput', 'organization { id }'), (t) => ({ id: t.organizationId, description: 'changed' }), [ID])),
  org(mutation('deleteOrganization', 'orgOwner', M('deleteOrganization', 'DeleteOrganizationInput', 'deletedOrganizationId'), (t) => ({ id: t.organizationId }), [ID])),
  org(mutation('setOrganizationMember', 'orgAdmin', M('setOrganizationMember', 'SetOrganizationMemberInput', 'organization { id }'), (t) => ({ organizationId: t.organizationId, user: 'xavier', role: 'ADMIN' }), [ORGANIZATION_ID])),
  org(mutation('removeOrganizationMember', 'orgAdmin', M('removeOrganizationMember', 'RemoveOrganizationMemberInput', 'organization { id }'), (t) => ({ organizationId: t.organizationId, user: 'xavier' }), [ORGANIZATION_ID])),
  org(mutation('createTeam', 'orgAdmin', M('createTeam', 'CreateTeamInput', 'team { id }'), (t) => ({ organizationId: t.organizationId, name: `team-${++sequence}` }), [ORGANIZATION_ID])),
  org(mutation('updateTeam', 'teamAdmin', M('updateTeam', 'UpdateTeamInput', 'team { id }'), (t) => ({ teamId: t.teamId, description: 'changed' }), [TEAM_ID])),
  org(mutation('deleteTeam', 'teamAdmin', M('deleteTeam', 'DeleteTeamInput', 'deletedTeamId'), (t) => ({ teamId: t.teamId }), [TEAM_ID])),
  org(mutation('addTeamMember', 'teamAdmin', M('addTeamMember', 'TeamMemberInput', 'team { id }'), (t) => ({ teamId: t.teamId, user: 'bob' }), [TEAM_ID])),
  org(mutation('removeTeamMember', 'teamAdmin', M('removeTeamMember', 'TeamMemberInput', 'team { id }'), (t) => ({ teamId: t.teamId, user: 'xavier' }), [TEAM_ID])),
  org({
    ...mutation('setTeamImagePermission', 'teamImage', M('setTeamImagePermission', 'SetTeamImagePermissionInput', 'team { id }'), (t) => ({ teamId: t.teamId, imageId: t.imageId, permission: 'WRITE' }), [TEAM_ID, IMAGE_ID]),
    controlOf: (target, missing, answer) => (JSON.stringify(answer).includes('"field":["input","teamId"]') ? { ...target, teamId: missing.teamId } : { ...target, imageId: missing.imageId }),
  }),
  org(mutation('createRobot', 'orgAdmin', M('createRobot', 'CreateRobotInput', 'robot { id }'), (t) => ({ namespace: t.organizationName, name: `r${++sequence}` }), [['input', 'namespace']])),
  org(
    mutation(
      'createRobotToken',
      'robotManager',
      M('createRobotToken', 'CreateRobotTokenInput', 'apiToken { id }'),
      (t) => ({ robotId: t.robotId, name: 'matrix', scopes: [{ pattern: t.organizationName, actions: ['READ'] }] }),
      [['input', 'robotId']],
    ),
  ),
  org(mutation('deleteRobot', 'robotManager', M('deleteRobot', 'DeleteRobotInput', 'deletedRobotId'), (t) => ({ robotId: t.robotId }), [['input', 'robotId']])),
  org(query('organizations', 'signedIn', '{ organizations(first: 100) { totalCount } }', () => ({}), (data) => data.organizations !== null)),
  // An organization is public; who is in it is for those inside.
  org(query('organization.members', 'orgMembers', 'query ($name: String) { organization(name: $name) { members(first: 50) { totalCount } } }', (t) => ({ name: t.organizationName }), (data) => (data.organization as { members: unknown } | null)?.members != null)),
  org(query('organization.teams', 'orgMembers', 'query ($name: String) { organization(name: $name) { teams(first: 50) { nodes { id } } } }', (t) => ({ name: t.organizationName }), (data) => (data.organization as { teams: unknown } | null)?.teams != null)),
  org(query('node(Team)', 'orgInside', 'query ($id: ID!) { node(id: $id) { id } }', (t) => ({ id: t.teamId }), (data) => data.node !== null)),
  org(query('auditLog(organization)', 'orgAdmin', 'query ($name: String) { auditLog(first: 1, filter: { organization: $name }) { totalCount } }', (t) => ({ name: t.organizationName }), (data) => data.auditLog !== null)),
])

const RANK: Record<Permission, number> = { READ: 1, WRITE: 2, ADMIN: 3 }

/** What the role holds on the target image (null: it does not exist for them), by the README's rules. */
function permissionOf(role: Role, kind: Kind, isPrivate: boolean): Permission | null {
  const everyone = isPrivate ? null : 'READ'
  if (role === 'admin') return isPrivate ? null : 'ADMIN'
  if (kind === 'user') return role === 'owner' ? 'ADMIN' : everyone
  // The robots are on the ADMIN team: what they may do is their token's scope.
  if (robotAction(role)) return 'ADMIN'
  const granted: Partial<Record<Role, Permission>> = { orgOwner: 'ADMIN', orgAdmin: 'ADMIN', teamAdmin: 'ADMIN', teamWrite: 'WRITE', imageGrant: 'WRITE', teamRead: 'READ' }
  return granted[role] ?? everyone
}

/**
 * What each role must get. Anonymous callers change nothing; reading needs only sight of the
 * image. A private image exists only for those granted it: administrators too get what a missing
 * one gets, and may change any image they can see.
 */
function expectedFor(operation: Operation, role: Role, kind: Kind, isPrivate: boolean): Outcome {
  const action = robotAction(role)
  if (action && operation.scoped !== undefined) {
    // A scoped token: a mutation that does not act on images, or one outside its action, is FORBIDDEN.
    if (operation.scoped === 'refused' || operation.scoped === null) return 'forbidden'
    if (operation.scoped !== 'READ' && operation.scoped !== action) return 'forbidden'
  }
  const signedIn = role !== 'anonymous'
  const held = permissionOf(role, kind, isPrivate)
  const inside = ORG_ROLES.includes(role) || role === 'admin'
  const administers = role === 'orgOwner' || role === 'orgAdmin' || role === 'admin'
  const needs = (needed: Permission): Outcome => (!signedIn ? 'unauthenticated' : !held ? 'absent' : RANK[held] >= RANK[needed] ? 'allowed' : 'forbidden')
  switch (operation.rule) {
    case 'admin':
      return role === 'admin' ? 'allowed' : signedIn ? 'forbidden' : 'unauthenticated'
    case 'write':
      return needs('WRITE')
    case 'manage':
      return needs('ADMIN')
    case 'member':
      return needs('READ')
    case 'signedInReader':
      return !signedIn ? 'unauthenticated' : held ? 'allowed' : 'absent'
    case 'reader':
      return held ? 'allowed' : 'absent'
    case 'requester':
      // Pulls, pushes and tokens are their requester's (and the administrators'), public image or not.
      if (role === (kind === 'user' ? 'owner' : 'orgOwner') || role === 'admin') return 'allowed'
      return !signedIn && ['revokeApiToken', 'pulls', 'pushes', 'pullProgress', 'pushProgress'].includes(operation.name) ? 'unauthenticated' : 'absent'
    case 'signedIn':
      return signedIn ? 'allowed' : 'unauthenticated'
    case 'orgAdmin':
      return !signedIn ? 'unauthenticated' : administers ? 'allowed' : 'forbidden'
    case 'orgOwner':
      return !signedIn ? 'unauthenticated' : role === 'orgOwner' || role === 'admin' ? 'allowed' : 'forbidden'
    case 'orgInside':
      return inside ? 'allowed' : 'absent'
    case 'orgMembers':
      return !signedIn ? 'unauthenticated' : inside ? 'allowed' : 'forbidden'
    case 'teamAdmin':
      return !signedIn ? 'unauthenticated' : !inside ? 'absent' : administers ? 'allowed' : 'forbidden'
    case 'createIn': {
      if (!signedIn) return 'unauthenticated'
      if (action) return ['TAG', 'BUILD', 'PUSH', 'PULL'].includes(action) ? 'allowed' : 'forbidden'
      const writers: Role[] = kind === 'user' ? ['owner'] : ['orgOwner', 'orgAdmin', 'teamWrite', 'teamAdmin']
      return writers.includes(role) ? 'allowed' : 'forbidden'
    }
    case 'pullInto':
      return !signedIn ? 'unauthenticated' : held && RANK[held] >= RANK.WRITE ? 'allowed' : 'forbidden'
    case 'public':
      return 'allowed'
    case 'robotManager':
      return !signedIn ? 'unauthenticated' : administers ? 'allowed' : 'absent'
    case 'teamImage':
      return !signedIn ? 'unauthenticated' : !inside || !held ? 'absent' : held === 'ADMIN' ? 'allowed' : 'forbidden'
  }
}

/**
 * A fresh organization with every organization role in it: carol owns it, dan administers it,
 * erin is a plain member, fay, gus and hal are on teams with READ, WRITE and ADMIN on all of it,
 * ivy on a team granted WRITE on the target image alone, and xavier (no role of the matrix) on
 * the READ team.
 */
async function makeOrganization(): Promise<{ id: number; name: string; teamId: number; grantTeamId: number; robotTokens: Partial<Record<RobotRole, string>>; robotId: number }> {
  const { db } = world.app
  const id = (name: string) => users[name]!.id
  const organization = await db.organization.create({
    data: {
      name: `matrix-org-${++sequence}`,
      members: {
        create: [
          { userId: id('carol'), role: 'OWNER' },
          { userId: id('dan'), role: 'ADMIN' },
          ...['erin', 'fay', 'gus', 'hal', 'ivy', 'xavier'].map((name) => ({ userId: id(name), role: 'MEMBER' as const })),
        ],
      },
    },
  })
  const team = (name: string, permission: Permission | null, members: string[]) =>
    db.team.create({ data: { organizationId: organization.id, name, permission, members: { create: members.map((member) => ({ userId: id(member) })) } } })
  const readers = await team('readers', 'READ', ['fay', 'xavier'])
  await team('writers', 'WRITE', ['gus'])
  await team('admins', 'ADMIN', ['hal'])
  const granted = await team('granted', null, ['ivy'])
  const admins = await db.team.findFirstOrThrow({ where: { organizationId: organization.id, name: 'admins' } })
  const robotTokens: Partial<Record<RobotRole, string>> = {}
  let robotId = 0
  for (const action of SCOPE_ACTIONS) {
    const robot = await db.user.create({
      data: {
        name: `${organization.name}+${action.toLowerCase()}`,
        robotOfOrganizationId: organization.id,
        memberships: { create: { organizationId: organization.id, role: 'MEMBER' } },
        teamMemberships: { create: { teamId: admins.id } },
      },
    })
    const secret = `icat_matrix-${organization.name}-${action.toLowerCase()}`
    await db.apiToken.create({ data: { userId: robot.id, name: action, tokenHash: hashToken(secret), prefix: secret.slice(0, 11), scopes: [{ pattern: organization.name, actions: [action] }] } })
    robotTokens[`robot${action}`] = secret
    if (action === 'READ') robotId = robot.id
  }
  return { id: organization.id, name: organization.name, teamId: readers.id, grantTeamId: granted.id, robotTokens, robotId }
}

async function makeTarget(isPrivate: boolean, label: string, kind: Kind): Promise<Target> {
  const { db } = world.app
  const organization = kind === 'organization' ? await makeOrganization() : null
  const owner = users[kind === 'user' ? 'alice' : 'carol']!
  const name = `${organization?.name ?? 'alice'}/${label}-${++sequence}`
  const ownRegistry = await db.registry.create({ data: { name: `matrix-registry-${sequence}`, url: 'http://127.0.0.1:1' } })
  const image = await db.image.create({ data: { name, isPrivate, ownerId: owner.id, organizationId: organization?.id ?? null } })
  if (organization) await db.teamImagePermission.create({ data: { teamId: organization.grantTeamId, imageId: image.id, permission: 'WRITE' } })
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
    organizationId: gid('Organization', organization?.id ?? 800_000 + sequence),
    organizationName: organization?.name ?? `no-organization-${sequence}`,
    teamId: gid('Team', organization?.teamId ?? 800_000 + sequence),
    engineName: MATRIX_ENGINE,
    registryId: gid('Registry', ownRegistry.id),
    robotTokens: organization?.robotTokens ?? {},
    robotId: gid('User', organization?.robotId ?? 800_000 + sequence),
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
    organizationId: gid('Organization', id),
    organizationName: `never-${id}`,
    teamId: gid('Team', id),
    engineName: `never-${id}`,
    registryId: gid('Registry', id),
    robotTokens: {},
    robotId: gid('User', id),
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
  for (const name of [...Object.values(USER_OF), 'xavier']) users[name] = await world.createUser(name)
  const registry = await runText(world, M('addRegistry', 'AddRegistryInput', 'registry { id }'), { input: { name: 'dead', url: 'http://127.0.0.1:1' } })
  await world.app.db.engine.create({ data: { name: MATRIX_ENGINE, host: 'tcp://127.0.0.1:1', reachable: false } })
  deadRegistryId = (registry.data!.addRegistry as { registry: { id: string } }).registry.id
})
afterAll(async () => {
  await world?.dispose()
})

describe('the authorization matrix', () => {
  let checks = 0
  const violations: string[] = []
  afterAll(() => {
    const runs = OPERATIONS.reduce((sum, operation) => sum + (operation.kinds ?? (['user', 'organization'] as Kind[])).reduce((n, kind) => n + ROLES_OF[kind].length * 2, 0), 0)
    console.log(
      `[authz matrix] ${OPERATIONS.length} operations; roles: ${ROLES_OF.user.length} on a user's image, ${ROLES_OF.organization.length} on an organization's; public and private: ${runs} cells, ${checks} checks (with the hidden-versus-missing comparisons), ${violations.length} violations`,
    )
  })

  it.each(OPERATIONS.map((operation) => [operation.name, operation] as const))('%s answers every role as the rules say', { timeout: 120_000 }, async (_name, operation) => {
    const found: string[] = []
    for (const kind of operation.kinds ?? (['user', 'organization'] as Kind[])) {
    for (const isPrivate of [false, true]) {
      for (const role of ROLES_OF[kind]) {
        // A fresh image for every call: what one call changes or removes cannot hide what the next gets.
        const target = await makeTarget(isPrivate, operation.name.replace(/[^a-z]/gi, '').toLowerCase(), kind)
        const { outcome, answer } = await operation.run(world, target, tokenOf(role, target))
        const want = expectedFor(operation, role, kind, isPrivate)
        checks++
        const where = `${operation.name} as ${role} on a ${isPrivate ? 'private' : 'public'} image of ${kind === 'user' ? 'a user' : 'an organization'}`
        if (outcome !== want) found.push(`${where}: ${outcome}, expected ${want}: ${JSON.stringify(answer).slice(0, 400)}`)
        if (outcome === 'absent') {
          // Exactly as for an image that never was: same answer, same words.
          const missing = operation.controlOf?.(target, neverThere(), answer) ?? neverThere()
          const control = await operation.run(world, missing, tokenOf(role, target))
          checks++
          if (normalized(control.answer, missing) !== normalized(answer, target)) {
            found.push(`${where}: the hidden answer differs from the missing one:\n  hidden  ${normalized(answer, target)}\n  missing ${normalized(control.answer, missing)}`)
          }
        }
      }
    }
    }
    violations.push(...found)
    expect(found).toEqual([])
  })

  it("shows a user's isAdmin to that user and to administrators only, wherever the user is reached", async () => {
    const target = await makeTarget(false, 'profile', 'user')
    const document = `query ($user: ID!, $image: ID!) {
      node(id: $user) { ... on User { name isAdmin } }
      image(id: $image) { owner { name isAdmin } }
    }`
    const found: string[] = []
    for (const role of ROLES_OF.user) {
      const result = await runText(world, document, { user: gid('User', users.alice!.id), image: target.imageId }, tokenOf(role))
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
