// Namespaces, organizations, members and teams: who may create where, who sees a private image
// of an organization, who may change it, and who manages the organization itself. A refusal
// never tells whether a private image exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.js'
import { openSubscription } from './support/sse.js'
import { createWorld, databaseKind, quietBackgroundWork, type World } from './support/world.js'

const OrgCreateImage = graphql(`
  mutation OrgCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id name viewerPermission organization { name } } userErrors { code field message } }
  }
`)
const OrgRenameImage = graphql(`
  mutation OrgRenameImage($input: UpdateImageInput!) {
    updateImage(input: $input) { image { id name } userErrors { code field message } }
  }
`)
const OrgDeleteImage = graphql(`
  mutation OrgDeleteImage($input: DeleteImageInput!) {
    deleteImage(input: $input) { deletedImageId userErrors { code } }
  }
`)
const OrgPullImage = graphql(`
  mutation OrgPullImage($input: PullImageInput!) {
    pullImage(input: $input) { pull { id } userErrors { code field message } }
  }
`)
const OrgImageByName = graphql(`
  query OrgImageByName($name: String!) {
    image(name: $name) { id name viewerPermission teamPermissions { team { name } permission } }
  }
`)
const OrgImages = graphql(`
  query OrgImages($filter: ImageFilter) {
    images(filter: $filter, first: 100) { totalCount nodes { name } }
  }
`)
const CreateOrganization = graphql(`
  mutation CreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { organization { id name viewerRole } userErrors { code field message } }
  }
`)
const DeleteOrganization = graphql(`
  mutation DeleteOrganization($input: DeleteOrganizationInput!) {
    deleteOrganization(input: $input) { deletedOrganizationId userErrors { code field message } }
  }
`)
const SetOrganizationMember = graphql(`
  mutation SetOrganizationMember($input: SetOrganizationMemberInput!) {
    setOrganizationMember(input: $input) { organization { id } userErrors { code field message } }
  }
`)
const RemoveOrganizationMember = graphql(`
  mutation RemoveOrganizationMember($input: RemoveOrganizationMemberInput!) {
    removeOrganizationMember(input: $input) { organization { id } userErrors { code field message } }
  }
`)
const CreateTeam = graphql(`
  mutation CreateTeam($input: CreateTeamInput!) {
    createTeam(input: $input) { team { id name permission } userErrors { code field message } }
  }
`)
const UpdateTeam = graphql(`
  mutation UpdateTeam($input: UpdateTeamInput!) {
    updateTeam(input: $input) { team { id permission } userErrors { code field } }
  }
`)
const AddTeamMember = graphql(`
  mutation AddTeamMember($input: TeamMemberInput!) {
    addTeamMember(input: $input) { team { id members { totalCount nodes { user { name } } } } userErrors { code field } }
  }
`)
const RemoveTeamMember = graphql(`
  mutation RemoveTeamMember($input: TeamMemberInput!) {
    removeTeamMember(input: $input) { team { id } userErrors { code field } }
  }
`)
const SetTeamImagePermission = graphql(`
  mutation SetTeamImagePermission($input: SetTeamImagePermissionInput!) {
    setTeamImagePermission(input: $input) { team { id images { nodes { image { name } permission } } } userErrors { code field message } }
  }
`)
const OrganizationInside = graphql(`
  query OrganizationInside($name: String!) {
    organization(name: $name) {
      name
      viewerRole
      members { totalCount nodes { user { name } role } }
      teams { totalCount nodes { name permission members { totalCount } } }
    }
  }
`)
const MyOrganizations = graphql(`
  query MyOrganizations {
    organizations(first: 50) { totalCount nodes { name viewerRole } }
  }
`)
const OrgCreateUser = graphql(`
  mutation OrgCreateUser($input: CreateUserInput!) {
    createUser(input: $input) { user { id } userErrors { code field } }
  }
`)
const OrgAuditFeed = graphql(`
  subscription OrgAuditFeed($organization: String) {
    auditEvents(organization: $organization) { action actorName }
  }
`)
const OrgAuditLog = graphql(`
  query OrgAuditLog($filter: AuditLogFilter) {
    auditLog(filter: $filter, first: 100) { totalCount nodes { action actorName outcome targetId } }
  }
`)

type Person = { id: number; token: string }

describe(`namespaces, organizations and teams (${databaseKind})`, () => {
  let world: World
  let alice: Person
  let bob: Person
  let carol: Person
  let dave: Person
  let acmeId: string
  const as = (person: Person) => ({ token: person.token })

  beforeAll(async () => {
    world = await createWorld()
    await quietBackgroundWork(world)
    ;[alice, bob, carol, dave] = (await Promise.all(['alice', 'bob', 'carol', 'dave'].map((name) => world.createUser(name)))) as [Person, Person, Person, Person]
    const { createOrganization } = await world.ok(CreateOrganization, { input: { name: 'acme', description: 'Acme Inc.' } }, as(alice))
    acmeId = createOrganization.organization!.id
    expect(createOrganization.organization).toMatchObject({ name: 'acme', viewerRole: 'OWNER' })
    await world.ok(OrgCreateImage, { input: { name: 'bob/secret', isPrivate: true } }, as(bob))
    await world.ok(OrgCreateImage, { input: { name: 'acme/private-api', isPrivate: true } }, as(alice))
    await world.ok(OrgCreateImage, { input: { name: 'acme/public-web' } }, as(alice))
  })
  afterAll(() => world?.dispose())

  const create = async (name: string, person: Person, extra: Record<string, unknown> = {}) =>
    (await world.ok(OrgCreateImage, { input: { name, ...extra } }, as(person))).createImage
  const imageNamed = async (name: string, person: Person) => (await world.ok(OrgImageByName, { name }, as(person))).image
  const idOf = async (name: string) => (await imageNamed(name, alice))!.id
  const teamNamed = async (name: string, permission?: 'READ' | 'WRITE' | 'ADMIN') => {
    const { createTeam } = await world.ok(CreateTeam, { input: { organizationId: acmeId, name, permission } }, as(alice))
    expect(createTeam.userErrors).toEqual([])
    return createTeam.team!.id
  }

  describe('namespaces', () => {
    it("creates in the caller's own namespace and in an organization's, and says which", async () => {
      const own = await create('alice/web', alice)
      expect(own).toMatchObject({ userErrors: [], image: { name: 'alice/web', viewerPermission: 'ADMIN', organization: null } })
      const org = await create('acme/tools', alice)
      expect(org).toMatchObject({ userErrors: [], image: { name: 'acme/tools', viewerPermission: 'ADMIN', organization: { name: 'acme' } } })
    })

    it('refuses a name without a namespace, naming the field and the rule', async () => {
      const { userErrors } = await create('web', alice)
      expect(userErrors).toEqual([{ code: 'INVALID', field: ['input', 'name'], message: expect.stringContaining('alice/web') }])
    })

    it("answers a private image's name outside the caller's namespaces exactly as any name there: never TAKEN", async () => {
      const secret = await create('bob/secret', alice)
      const free = await create('bob/nothing-here', alice)
      const unknown = await create('nobody/at-all', alice)
      expect(secret.userErrors).toEqual([{ code: 'NAMESPACE_NOT_WRITABLE', field: ['input', 'name'], message: expect.any(String) }])
      expect(secret.userErrors[0]!.message.replace('bob', '?')).toBe(free.userErrors[0]!.message.replace('bob', '?'))
      expect(unknown.userErrors[0]!.code).toBe('NAMESPACE_NOT_WRITABLE')
      // An organization's private image, to someone outside it, likewise.
      expect((await create('acme/private-api', bob)).userErrors[0]!.code).toBe('NAMESPACE_NOT_WRITABLE')
      expect((await create('acme/anything', bob)).userErrors[0]!.code).toBe('NAMESPACE_NOT_WRITABLE')
    })

    it('answers a rename and a pull into a private name the same way, and keeps the image as it was', async () => {
      const { image } = await create('alice/rename-me', alice)
      const rename = await world.ok(OrgRenameImage, { input: { id: image!.id, name: 'bob/secret' } }, as(alice))
      expect(rename.updateImage.userErrors).toEqual([expect.objectContaining({ code: 'NAMESPACE_NOT_WRITABLE', field: ['input', 'name'] })])
      expect((await imageNamed('alice/rename-me', alice))?.id).toBe(image!.id)
      const pull = await world.ok(OrgPullImage, { input: { reference: 'bob/secret:1' } }, as(alice))
      expect(pull.pullImage.userErrors).toEqual([expect.objectContaining({ code: 'NAMESPACE_NOT_WRITABLE', field: ['input', 'reference'] })])
      const named = await world.ok(OrgPullImage, { input: { reference: 'busybox:1', name: 'bob/secret' } }, as(alice))
      expect(named.pullImage.userErrors).toEqual([expect.objectContaining({ code: 'NAMESPACE_NOT_WRITABLE', field: ['input', 'name'] })])
    })

    it('still answers TAKEN inside a namespace the caller writes', async () => {
      await create('alice/twice', alice)
      expect((await create('alice/twice', alice)).userErrors).toEqual([expect.objectContaining({ code: 'TAKEN', field: ['input', 'name'] })])
    })

    it('lets an administrator claim a free namespace, which becomes an organization the administrator owns', async () => {
      const { createImage } = await world.ok(OrgCreateImage, { input: { name: 'claimed/base' } })
      expect(createImage).toMatchObject({ userErrors: [], image: { organization: { name: 'claimed' } } })
      expect((await world.ok(OrganizationInside, { name: 'claimed' })).organization).toMatchObject({ viewerRole: 'OWNER' })
      // A user's name is never claimed.
      expect((await world.ok(OrgCreateImage, { input: { name: 'carol/by-admin' } })).createImage.userErrors[0]!.code).toBe('NAMESPACE_NOT_WRITABLE')
    })
  })

  describe('organizations', () => {
    it('shares one space of names with users', async () => {
      const taken = await world.ok(CreateOrganization, { input: { name: 'bob' } }, as(carol))
      expect(taken.createOrganization.userErrors).toEqual([expect.objectContaining({ code: 'TAKEN', field: ['input', 'name'] })])
      const again = await world.ok(CreateOrganization, { input: { name: 'acme' } }, as(carol))
      expect(again.createOrganization.userErrors[0]!.code).toBe('TAKEN')
      const user = await world.ok(OrgCreateUser, { input: { name: 'acme' } })
      expect(user.createUser.userErrors).toEqual([{ code: 'TAKEN', field: ['input', 'name'] }])
      const bad = await world.ok(CreateOrganization, { input: { name: 'Not Valid' } }, as(carol))
      expect(bad.createOrganization.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'name'] })])
    })

    it('shows members and teams to members only', async () => {
      for (const [token, code] of [[bob.token, 'FORBIDDEN'], [null, 'UNAUTHENTICATED']] as const) {
        const outside = await world.run(OrganizationInside, { name: 'acme' }, { token })
        expect(outside.data?.organization).toMatchObject({ name: 'acme', viewerRole: null, members: null, teams: null })
        expect(outside.errors?.map((error) => error.extensions?.code)).toEqual([code, code])
      }
      const inside = (await world.ok(OrganizationInside, { name: 'acme' }, as(alice))).organization!
      expect(inside.members).toEqual({ totalCount: 1, nodes: [{ user: { name: 'alice' }, role: 'OWNER' }] })
      expect((await world.ok(MyOrganizations, {}, as(alice))).organizations.nodes).toEqual([{ name: 'acme', viewerRole: 'OWNER' }])
      expect((await world.ok(MyOrganizations, {}, as(bob))).organizations.totalCount).toBe(0)
    })

    it("keeps an organization's private image absent for non-members and plain members, in lists and by name", async () => {
      await world.ok(SetOrganizationMember, { input: { organizationId: acmeId, user: 'carol', role: 'MEMBER' } }, as(alice))
      for (const person of [bob, carol]) {
        expect(await imageNamed('acme/private-api', person)).toBeNull()
        const names = (await world.ok(OrgImages, { filter: { nameContains: 'acme/' } }, as(person))).images.nodes.map((n) => n.name)
        expect(names).not.toContain('acme/private-api')
        expect(names).toContain('acme/public-web')
      }
      expect((await imageNamed('acme/public-web', carol))?.viewerPermission).toBe('READ')
      // A plain member may not create in the namespace either.
      expect((await create('acme/by-carol', carol)).userErrors[0]!.code).toBe('NAMESPACE_NOT_WRITABLE')
    })

    it('gives a team with WRITE on the organization its images, its namespace, and no more', async () => {
      const devs = await teamNamed('devs', 'WRITE')
      const added = await world.ok(AddTeamMember, { input: { teamId: devs, user: 'carol' } }, as(alice))
      expect(added.addTeamMember.team!.members).toEqual({ totalCount: 1, nodes: [{ user: { name: 'carol' } }] })
      expect((await imageNamed('acme/private-api', carol))?.viewerPermission).toBe('WRITE')
      expect((await create('acme/by-carol', carol)).userErrors).toEqual([])
      const privateId = await idOf('acme/private-api')
      const deleted = await world.run(OrgDeleteImage, { input: { id: privateId } }, as(carol))
      expect(deleted.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      const renamed = await world.run(OrgRenameImage, { input: { id: privateId, description: 'x' } }, as(carol))
      expect(renamed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      // Off the team, the image is gone for carol again.
      await world.ok(RemoveTeamMember, { input: { teamId: devs, user: 'carol' } }, as(alice))
      expect(await imageNamed('acme/private-api', carol)).toBeNull()
    })

    it('grants a team one image at a time, shown to the image\'s admins', async () => {
      const readers = await teamNamed('readers')
      await world.ok(AddTeamMember, { input: { teamId: readers, user: 'dave' } }, as(alice))
      expect(await imageNamed('acme/private-api', dave)).toBeNull()
      const privateId = await idOf('acme/private-api')
      const granted = await world.ok(SetTeamImagePermission, { input: { teamId: readers, imageId: privateId, permission: 'READ' } }, as(alice))
      expect(granted.setTeamImagePermission.team!.images.nodes).toEqual([{ image: { name: 'acme/private-api' }, permission: 'READ' }])
      expect(await imageNamed('acme/private-api', dave)).toMatchObject({ viewerPermission: 'READ', teamPermissions: null })
      expect((await imageNamed('acme/private-api', alice))!.teamPermissions).toEqual([{ team: { name: 'readers' }, permission: 'READ' }])
      // Not an image of the organization: refused, naming the field.
      const own = await idOf('alice/web')
      const outside = await world.ok(SetTeamImagePermission, { input: { teamId: readers, imageId: own, permission: 'READ' } }, as(alice))
      expect(outside.setTeamImagePermission.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'imageId'] })])
      // Only the image's admins grant.
      const byDave = await world.run(SetTeamImagePermission, { input: { teamId: readers, imageId: privateId, permission: 'ADMIN' } }, as(dave))
      expect(byDave.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      await world.ok(SetTeamImagePermission, { input: { teamId: readers, imageId: privateId } }, as(alice))
      expect(await imageNamed('acme/private-api', dave)).toBeNull()
    })

    it('lets an ADMIN manage images and members but not owners, and always keeps an owner', async () => {
      await world.ok(SetOrganizationMember, { input: { organizationId: acmeId, user: 'bob', role: 'ADMIN' } }, as(alice))
      expect((await imageNamed('acme/private-api', bob))?.viewerPermission).toBe('ADMIN')
      const makeOwner = await world.run(SetOrganizationMember, { input: { organizationId: acmeId, user: 'bob', role: 'OWNER' } }, as(bob))
      expect(makeOwner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      const demoteOwner = await world.run(SetOrganizationMember, { input: { organizationId: acmeId, user: 'alice', role: 'MEMBER' } }, as(bob))
      expect(demoteOwner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      const last = await world.ok(SetOrganizationMember, { input: { organizationId: acmeId, user: 'alice', role: 'ADMIN' } }, as(alice))
      expect(last.setOrganizationMember.userErrors).toEqual([expect.objectContaining({ code: 'LAST_OWNER' })])
      const leave = await world.ok(RemoveOrganizationMember, { input: { organizationId: acmeId, user: 'alice' } }, as(alice))
      expect(leave.removeOrganizationMember.userErrors[0]!.code).toBe('LAST_OWNER')
      expect((await world.ok(OrganizationInside, { name: 'acme' }, as(alice))).organization!.members!.nodes).toContainEqual({ user: { name: 'alice' }, role: 'OWNER' })
      const unknown = await world.ok(SetOrganizationMember, { input: { organizationId: acmeId, user: 'nobody', role: 'MEMBER' } }, as(alice))
      expect(unknown.setOrganizationMember.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'user'] })])
      // A plain member manages nothing.
      const byCarol = await world.run(CreateTeam, { input: { organizationId: acmeId, name: 'carols' } }, as(carol))
      expect(byCarol.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      // Members may leave; a member removed loses their team places too.
      const devs = (await world.ok(OrganizationInside, { name: 'acme' }, as(alice))).organization!.teams!.nodes.find((team) => team.name === 'readers')
      expect(devs!.members.totalCount).toBe(1)
      await world.ok(RemoveOrganizationMember, { input: { organizationId: acmeId, user: 'dave' } }, as(dave))
      const after = (await world.ok(OrganizationInside, { name: 'acme' }, as(alice))).organization!
      expect(after.members!.nodes.map((member) => member.user.name)).not.toContain('dave')
      expect(after.teams!.nodes.find((team) => team.name === 'readers')!.members.totalCount).toBe(0)
    })

    it('refuses a team name twice and a bad one, naming the field', async () => {
      const twice = await world.ok(CreateTeam, { input: { organizationId: acmeId, name: 'devs' } }, as(alice))
      expect(twice.createTeam.userErrors).toEqual([expect.objectContaining({ code: 'TAKEN', field: ['input', 'name'] })])
      const bad = await world.ok(CreateTeam, { input: { organizationId: acmeId, name: 'No Spaces' } }, as(alice))
      expect(bad.createTeam.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'name'] })])
      const devs = (await world.ok(OrganizationInside, { name: 'acme' }, as(alice))).organization!.teams!.nodes.find((team) => team.name === 'devs')
      expect(devs).toBeDefined()
    })

    it('deletes only an empty organization, by its owner', async () => {
      const { createOrganization } = await world.ok(CreateOrganization, { input: { name: 'shortlived' } }, as(carol))
      const id = createOrganization.organization!.id
      await create('shortlived/one', carol)
      const byBob = await world.run(DeleteOrganization, { input: { id } }, as(bob))
      expect(byBob.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      const full = await world.ok(DeleteOrganization, { input: { id } }, as(carol))
      expect(full.deleteOrganization.userErrors).toEqual([expect.objectContaining({ code: 'IN_USE', field: ['input', 'id'] })])
      await world.ok(OrgDeleteImage, { input: { id: await (async () => (await imageNamed('shortlived/one', carol))!.id)() } }, as(carol))
      expect((await world.ok(DeleteOrganization, { input: { id } }, as(carol))).deleteOrganization.deletedOrganizationId).toBe(id)
      expect((await world.ok(OrganizationInside, { name: 'shortlived' }, as(carol))).organization).toBeNull()
    })

    it("records permission changes in the audit log, which the organization's admins read for it alone", async () => {
      const teamId = (await world.ok(OrganizationInside, { name: 'acme' }, as(alice))).organization!.teams!.nodes.length
      expect(teamId).toBeGreaterThan(0)
      const { auditLog } = await world.ok(OrgAuditLog, { filter: { organization: 'acme' } }, as(alice))
      const actions = auditLog!.nodes.map((node) => node.action)
      expect(actions).toEqual(expect.arrayContaining(['mutation.setTeamImagePermission', 'mutation.setOrganizationMember', 'mutation.addTeamMember', 'mutation.createTeam', 'mutation.createOrganization']))
      expect(actions).not.toContain('mutation.createUser')
      expect(auditLog!.nodes.find((node) => node.action === 'mutation.setOrganizationMember' && node.outcome === 'DENIED')).toMatchObject({ actorName: 'bob' })
      // bob is an ADMIN of acme now, so he reads it too; carol (a MEMBER) does not, and nobody reads all of it but administrators.
      expect((await world.ok(OrgAuditLog, { filter: { organization: 'acme' } }, as(bob))).auditLog!.totalCount).toBe(auditLog!.totalCount)
      for (const filter of [{ organization: 'acme' }, {}, { organization: 'no-such-org' }]) {
        const refused = await world.run(OrgAuditLog, { filter }, as(carol))
        expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
        expect(refused.data?.auditLog).toBeNull()
      }
      // Team changes carry the organization's id through the team.
      await world.ok(UpdateTeam, { input: { teamId: (await world.ok(CreateTeam, { input: { organizationId: acmeId, name: 'ops' } }, as(alice))).createTeam.team!.id, permission: 'READ' } }, as(alice))
      const latest = (await world.ok(OrgAuditLog, { filter: { organization: 'acme', action: 'mutation.updateTeam' } }, as(alice))).auditLog!
      expect(latest.totalCount).toBe(1)
    })

    it("streams an organization's entries to its admins, and nothing of other organizations", async () => {
      const feed = await openSubscription(world, OrgAuditFeed, { organization: 'acme' }, as(alice))
      // Another organization's change first: the feed must skip it.
      await world.ok(CreateOrganization, { input: { name: 'elsewhere' } }, as(dave))
      await world.ok(CreateTeam, { input: { organizationId: acmeId, name: 'streamed' } }, as(alice))
      expect((await feed.next())?.data?.auditEvents).toEqual({ action: 'mutation.createTeam', actorName: 'alice' })
      feed.close()
      for (const [token, code] of [[carol.token, 'FORBIDDEN'], [null, 'UNAUTHENTICATED']] as const) {
        const refused = await openSubscription(world, OrgAuditFeed, { organization: 'acme' }, { token })
        expect((await refused.next())?.errors?.[0]?.extensions?.code).toBe(code)
        refused.close()
      }
    })
  })
})
