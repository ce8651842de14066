// Robot accounts: a user's robot acts with its user's rights within its tokens' scopes; an
// organization's robot is a MEMBER, holding what its teams grant, within its scopes. Their
// tokens are always scoped and are managed by the robot's user or organization admins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.js'
import { createWorld, databaseKind, quietBackgroundWork, type World } from './support/world.js'

const RobotCreate = graphql(`
  mutation RobotCreate($input: CreateRobotInput!) {
    createRobot(input: $input) { robot { id name isRobot } userErrors { code field message } }
  }
`)
const RobotToken = graphql(`
  mutation RobotToken($input: CreateRobotTokenInput!) {
    createRobotToken(input: $input) { token apiToken { id scopes { pattern actions } } userErrors { code field } }
  }
`)
const RobotDelete = graphql(`
  mutation RobotDelete($input: DeleteRobotInput!) {
    deleteRobot(input: $input) { deletedRobotId userErrors { code field } }
  }
`)
const RobotRevoke = graphql(`
  mutation RobotRevoke($input: RevokeApiTokenInput!) {
    revokeApiToken(input: $input) { apiToken { revokedAt } userErrors { code field } }
  }
`)
const RobotCreateImage = graphql(`
  mutation RobotCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id name owner { name } } userErrors { code field } }
  }
`)
const RobotTagImage = graphql(`
  mutation RobotTagImage($input: TagsInput!) {
    tagImage(input: $input) { tags { name } userErrors { code field } }
  }
`)
const RobotOrg = graphql(`
  mutation RobotOrg($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { organization { id } }
  }
`)
const RobotTeam = graphql(`
  mutation RobotTeam($input: CreateTeamInput!) {
    createTeam(input: $input) { team { id } }
  }
`)
const RobotAddToTeam = graphql(`
  mutation RobotAddToTeam($input: TeamMemberInput!) {
    addTeamMember(input: $input) { team { id } userErrors { code field message } }
  }
`)
const RobotImage = graphql(`
  query RobotImage($name: String!) {
    image(name: $name) { id name viewerPermission }
  }
`)
const RobotLists = graphql(`
  query RobotLists($org: String!) {
    viewer { robots { totalCount nodes { name isRobot apiTokens { totalCount } } } }
    organization(name: $org) { robots { nodes { name } } }
  }
`)

describe(`robot accounts (${databaseKind})`, () => {
  let world: World
  let alice: { id: number; token: string }
  let bob: { id: number; token: string }
  let orgId: string

  beforeAll(async () => {
    world = await createWorld()
    await quietBackgroundWork(world)
    alice = await world.createUser('alice')
    bob = await world.createUser('bob')
    orgId = (await world.ok(RobotOrg, { input: { name: 'acme' } }, { token: alice.token })).createOrganization.organization!.id
    await world.ok(RobotCreateImage, { input: { name: 'alice/app', isPrivate: true } }, { token: alice.token })
    await world.ok(RobotCreateImage, { input: { name: 'acme/api', isPrivate: true } }, { token: alice.token })
  })
  afterAll(() => world?.dispose())

  const robot = async (namespace: string, name: string, token = alice.token) => (await world.ok(RobotCreate, { input: { namespace, name } }, { token })).createRobot
  const tokenFor = async (robotId: string, scopes: { pattern: string; actions: ('READ' | 'TAG' | 'BUILD' | 'PUSH' | 'PULL' | 'DELETE')[] }[], as = alice.token) =>
    (await world.ok(RobotToken, { input: { robotId, name: 'ci', scopes } }, { token: as })).createRobotToken

  it("makes a user's robot that acts with the user's rights, within its token's scopes", async () => {
    const { robot: made, userErrors } = await robot('alice', 'ci')
    expect(userErrors).toEqual([])
    expect(made).toMatchObject({ name: 'alice+ci', isRobot: true })
    const { token } = await tokenFor(made!.id, [{ pattern: 'alice', actions: ['TAG', 'PUSH'] }])
    expect((await world.ok(RobotImage, { name: 'alice/app' }, { token: token! })).image).toMatchObject({ viewerPermission: 'ADMIN' })
    const created = await world.ok(RobotCreateImage, { input: { name: 'alice/from-robot' } }, { token: token! })
    // It creates in its user's namespace, for its user.
    expect(created.createImage).toMatchObject({ userErrors: [], image: { name: 'alice/from-robot', owner: { name: 'alice' } } })
    expect((await world.ok(RobotImage, { name: 'alice/from-robot' }, { token: alice.token })).image).not.toBeNull()
    // Outside its scopes, nothing.
    expect((await world.ok(RobotImage, { name: 'acme/api' }, { token: token! })).image).toBeNull()
  })

  it("makes an organization's robot whose teams give it its rights", async () => {
    const { robot: made } = await robot('acme', 'deployer')
    expect(made!.name).toBe('acme+deployer')
    const { token } = await tokenFor(made!.id, [{ pattern: 'acme', actions: ['TAG'] }])
    // A MEMBER on no team: the private image does not exist for it.
    expect((await world.ok(RobotImage, { name: 'acme/api' }, { token: token! })).image).toBeNull()
    const teamId = (await world.ok(RobotTeam, { input: { organizationId: orgId, name: 'deployers', permission: 'WRITE' } }, { token: alice.token })).createTeam.team!.id
    expect((await world.ok(RobotAddToTeam, { input: { teamId, user: 'acme+deployer' } }, { token: alice.token })).addTeamMember.userErrors).toEqual([])
    const image = (await world.ok(RobotImage, { name: 'acme/api' }, { token: token! })).image!
    expect(image.viewerPermission).toBe('WRITE')
    expect((await world.ok(RobotTagImage, { input: { imageId: image.id, tags: ['1.0'] } }, { token: token! })).tagImage.userErrors).toEqual([])
    // A user's robot joins no organization.
    const foreign = await world.ok(RobotAddToTeam, { input: { teamId, user: 'alice+ci' } }, { token: alice.token })
    expect(foreign.addTeamMember.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'user'] })])
  })

  it('is made only in your own namespace or an organization you administer', async () => {
    expect((await robot('acme', 'mine', bob.token)).userErrors).toEqual([expect.objectContaining({ code: 'NAMESPACE_NOT_WRITABLE', field: ['input', 'namespace'] })])
    expect((await robot('alice', 'mine', bob.token)).userErrors[0]!.code).toBe('NAMESPACE_NOT_WRITABLE')
    expect((await robot('alice', 'ci')).userErrors).toEqual([expect.objectContaining({ code: 'TAKEN', field: ['input', 'name'] })])
    expect((await robot('alice', 'Bad Name')).userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'name'] })])
  })

  it("lists robots to those who manage them, and lets only them mint, revoke and delete", async () => {
    const lists = await world.ok(RobotLists, { org: 'acme' }, { token: alice.token })
    expect(lists.viewer!.robots.nodes).toEqual([{ name: 'alice+ci', isRobot: true, apiTokens: { totalCount: 1 } }])
    expect(lists.organization!.robots!.nodes).toEqual([{ name: 'acme+deployer' }])
    const outside = await world.run(RobotLists, { org: 'acme' }, { token: bob.token })
    expect(outside.data?.organization?.robots).toBeNull()
    expect(outside.data?.viewer?.robots.totalCount).toBe(0)
    const robotId = lists.viewer!.robots.nodes.length > 0 ? (await world.app.db.user.findUniqueOrThrow({ where: { name: 'alice+ci' } })).id : 0
    const gidOf = (await import('./support/world.js')).gid
    // Someone else's robot does not exist for bob.
    expect((await world.ok(RobotToken, { input: { robotId: gidOf('User', robotId), name: 'x', scopes: [{ pattern: 'alice', actions: ['READ'] }] } }, { token: bob.token })).createRobotToken.userErrors).toEqual([
      { code: 'NOT_FOUND', field: ['input', 'robotId'] },
    ])
    const { apiToken, token } = await tokenFor(gidOf('User', robotId), [{ pattern: 'alice/app', actions: ['READ'] }])
    expect((await world.ok(RobotRevoke, { input: { id: apiToken!.id } }, { token: bob.token })).revokeApiToken.userErrors[0]!.code).toBe('NOT_FOUND')
    expect((await world.ok(RobotRevoke, { input: { id: apiToken!.id } }, { token: alice.token })).revokeApiToken.apiToken!.revokedAt).not.toBeNull()
    expect((await world.run(RobotImage, { name: 'alice/app' }, { token: token! })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    expect((await world.ok(RobotDelete, { input: { robotId: gidOf('User', robotId) } }, { token: alice.token })).deleteRobot.deletedRobotId).toBe(gidOf('User', robotId))
    expect(await world.app.db.user.count({ where: { name: 'alice+ci' } })).toBe(0)
  })

  it("never makes a robot's token unscoped", async () => {
    const { robot: made } = await robot('alice', 'bare')
    const refused = await world.ok(RobotToken, { input: { robotId: made!.id, name: 'all', scopes: [] } }, { token: alice.token })
    expect(refused.createRobotToken.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'scopes'] })])
  })
})
