// Organizations, their members and teams, and the permissions teams hold on images.
import { UserInputError } from '../errors.js'
import { builder } from './builder.js'
import { Image } from './image.js'
import { decodeId, payloadType, withUserErrors } from './payloads.js'

export const ImagePermissionEnum = builder.enumType('ImagePermission', {
  values: {
    READ: { description: 'Sees the image (a private one exists only for those who hold READ or more).' },
    WRITE: { description: 'Also tags, untags, builds, uploads versions, pushes, pulls into it and cancels its builds.' },
    ADMIN: { description: 'Also changes its settings, deletes it, manages its retention, protection, build source and team permissions.' },
  } as const,
})

const OrganizationRoleEnum = builder.enumType('OrganizationRole', {
  values: {
    OWNER: { description: 'ADMIN on every image; manages members and teams; makes owners; deletes the organization.' },
    ADMIN: { description: 'ADMIN on every image; manages members (not owners) and teams.' },
    MEMBER: { description: 'What the teams they are on grant.' },
  } as const,
})

export const Organization = builder.prismaNode('Organization', {
  id: { field: 'id' },
  description: "A namespace shared by its members: images named <organization>/... are the organization's. Its name, description and public images are public; members and teams are shown to its members and administrators.",
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    viewerRole: t.field({
      type: OrganizationRoleEnum,
      nullable: true,
      description: "The caller's role in it; null when not a member.",
      resolve: (organization, _args, ctx) => ctx.viewer?.grants?.roles.get(organization.id) ?? null,
    }),
    members: t.prismaConnection({
      type: 'OrganizationMember',
      cursor: 'organizationId_userId',
      nullable: true,
      description: 'Who belongs to it: for its members and administrators (null and FORBIDDEN for everyone else).',
      totalCount: (organization, _args, ctx) => ctx.services.organizations.countMembers(ctx.viewer, organization.id),
      resolve: (query, organization, _args, ctx) => ctx.services.organizations.members(ctx.viewer, organization.id, query),
    }),
    robots: t.prismaConnection({
      type: 'User',
      cursor: 'id',
      nullable: true,
      description: 'Its robot accounts, by name: for its members and administrators (null and FORBIDDEN for everyone else).',
      totalCount: (organization, _args, ctx) => ctx.services.robots.countFor(ctx.services.organizations.requireInside(ctx.viewer, organization.id)),
      resolve: (query, organization, _args, ctx) => ctx.services.robots.listFor(ctx.services.organizations.requireInside(ctx.viewer, organization.id), query),
    }),
    teams: t.prismaConnection({
      type: 'Team',
      cursor: 'id',
      nullable: true,
      description: 'Its teams, by name: for its members and administrators (null and FORBIDDEN for everyone else).',
      totalCount: (organization, _args, ctx) => ctx.services.organizations.countTeams(ctx.viewer, organization.id),
      resolve: (query, organization, _args, ctx) => ctx.services.organizations.teams(ctx.viewer, organization.id, query),
    }),
  }),
})

builder.prismaObject('OrganizationMember', {
  fields: (t) => ({
    user: t.relation('user'),
    role: t.field({ type: OrganizationRoleEnum, resolve: (member) => member.role }),
    since: t.expose('createdAt', { type: 'DateTime' }),
  }),
})

export const Team = builder.prismaNode('Team', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id: Number(id), AND: [ctx.services.organizations.teamsSeenBy(ctx.viewer)] }),
  description: "A group of an organization's members and what they hold on its images. Shown to the organization's members and administrators.",
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    permission: t.field({
      type: ImagePermissionEnum,
      nullable: true,
      description: "What its members hold on every image of the organization (WRITE or ADMIN also lets them create images in its namespace); null: only what `images` grants.",
      resolve: (team) => team.permission,
    }),
    organization: t.relation('organization'),
    members: t.prismaConnection({
      type: 'TeamMember',
      cursor: 'teamId_userId',
      totalCount: (team, _args, ctx) => ctx.services.organizations.countTeamMembers(team.id),
      resolve: (query, team, _args, ctx) => ctx.services.organizations.teamMembers(team.id, query),
    }),
    images: t.prismaConnection({
      type: 'TeamImagePermission',
      cursor: 'teamId_imageId',
      description: 'Its grants on single images (those the caller can see).',
      resolve: (query, team, _args, ctx) => ctx.services.organizations.teamImages(ctx.viewer, team.id, query),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
})

builder.prismaObject('TeamMember', {
  fields: (t) => ({
    user: t.relation('user'),
    since: t.expose('createdAt', { type: 'DateTime' }),
  }),
})

builder.prismaObject('TeamImagePermission', {
  description: "A team's permission on one image.",
  fields: (t) => ({
    team: t.relation('team'),
    image: t.relation('image'),
    permission: t.field({ type: ImagePermissionEnum, resolve: (grant) => grant.permission }),
  }),
})

builder.prismaObjectField('Image', 'teamPermissions', (t) =>
  t.prismaField({
    type: ['TeamImagePermission'],
    nullable: true,
    description: "The teams' grants on this image; shown to those who hold ADMIN on it, null for everyone else.",
    resolve: (query, image, _args, ctx) =>
      ctx.services.organizations.seesImageGrants(ctx.viewer, image) ? ctx.services.organizations.imageGrants(image.id, query) : null,
  }),
)

builder.queryFields((t) => ({
  organization: t.prismaField({
    type: Organization,
    nullable: true,
    args: { name: t.arg.string({ required: false }), id: t.arg.id({ required: false }) },
    description: 'An organization by name or id; null when there is none.',
    resolve: (query, _root, args, ctx) => {
      if ((args.id == null) === (args.name == null)) throw new UserInputError('INVALID', ['id'], 'Give exactly one of id or name')
      return ctx.services.organizations.find(args.name != null ? { name: args.name } : { id: decodeId(args.id!, 'Organization', ['id']) }, query)
    },
  }),
  organizations: t.prismaConnection({
    type: Organization,
    cursor: 'id',
    description: "The caller's organizations, by name (every organization, for administrators). Signed-in callers only.",
    totalCount: (_connection, _args, ctx) => ctx.services.organizations.count(ctx.viewer),
    resolve: (query, _root, _args, ctx) => ctx.services.organizations.list(ctx.viewer, query),
  }),
}))

const organizationId = (id: string | number) => decodeId(id, 'Organization', ['input', 'organizationId'])
const teamId = (id: string | number) => decodeId(id, 'Team', ['input', 'teamId'])

const OrganizationPayload = payloadType<{ organization: { id: number } }>('OrganizationPayload', (t) => ({
  organization: t.field({ type: Organization, nullable: true, resolve: (p) => p.organization as never }),
}))
const DeleteOrganizationPayload = payloadType<{ deletedOrganizationId: string }>('DeleteOrganizationPayload', (t) => ({
  deletedOrganizationId: t.id({ nullable: true, resolve: (p) => p.deletedOrganizationId }),
}))
const TeamPayload = payloadType<{ team: { id: number } }>('TeamPayload', (t) => ({
  team: t.field({ type: Team, nullable: true, resolve: (p) => p.team as never }),
}))
const DeleteTeamPayload = payloadType<{ deletedTeamId: string }>('DeleteTeamPayload', (t) => ({
  deletedTeamId: t.id({ nullable: true, resolve: (p) => p.deletedTeamId }),
}))
const TeamImagePermissionPayload = payloadType<{ team: { id: number }; image: { id: number } }>('TeamImagePermissionPayload', (t) => ({
  team: t.field({ type: Team, nullable: true, resolve: (p) => p.team as never }),
  image: t.field({ type: Image, nullable: true, resolve: (p) => p.image as never }),
}))

const CreateOrganizationInput = builder.inputType('CreateOrganizationInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: "A namespace: the rules of a user's name, and not taken by a user or an organization." }),
    description: t.string({ required: false }),
  }),
})
const UpdateOrganizationInput = builder.inputType('UpdateOrganizationInput', {
  fields: (t) => ({ id: t.id({ required: true }), description: t.string({ required: false }) }),
})
const DeleteOrganizationInput = builder.inputType('DeleteOrganizationInput', { fields: (t) => ({ id: t.id({ required: true }) }) })
const SetOrganizationMemberInput = builder.inputType('SetOrganizationMemberInput', {
  fields: (t) => ({
    organizationId: t.id({ required: true }),
    user: t.string({ required: true, description: "The user's name." }),
    role: t.field({ type: OrganizationRoleEnum, required: true }),
  }),
})
const RemoveOrganizationMemberInput = builder.inputType('RemoveOrganizationMemberInput', {
  fields: (t) => ({ organizationId: t.id({ required: true }), user: t.string({ required: true }) }),
})
const CreateTeamInput = builder.inputType('CreateTeamInput', {
  fields: (t) => ({
    organizationId: t.id({ required: true }),
    name: t.string({ required: true }),
    description: t.string({ required: false }),
    permission: t.field({ type: ImagePermissionEnum, required: false, description: 'On every image of the organization; none by default.' }),
  }),
})
const UpdateTeamInput = builder.inputType('UpdateTeamInput', {
  fields: (t) => ({
    teamId: t.id({ required: true }),
    name: t.string({ required: false }),
    description: t.string({ required: false }),
    permission: t.field({ type: ImagePermissionEnum, required: false, description: 'null takes the organization-wide permission away; leave it out to keep it.' }),
  }),
})
const TeamIdInput = builder.inputType('DeleteTeamInput', { fields: (t) => ({ teamId: t.id({ required: true }) }) })
const TeamMemberInput = builder.inputType('TeamMemberInput', {
  fields: (t) => ({ teamId: t.id({ required: true }), user: t.string({ required: true, description: "The user's name." }) }),
})
const SetTeamImagePermissionInput = builder.inputType('SetTeamImagePermissionInput', {
  fields: (t) => ({
    teamId: t.id({ required: true }),
    imageId: t.id({ required: true }),
    permission: t.field({ type: ImagePermissionEnum, required: false, description: 'null (or left out) takes the grant away.' }),
  }),
})

builder.mutationFields((t) => ({
  createOrganization: t.field({
    type: OrganizationPayload,
    description: 'Any signed-in user may create one and becomes its OWNER.',
    args: { input: t.arg({ type: CreateOrganizationInput, required: true }) },
    resolve: (_root, { input }, ctx) => withUserErrors(async () => ({ organization: await ctx.services.organizations.create(ctx.viewer, input) })),
  }),
  updateOrganization: t.field({
    type: OrganizationPayload,
    args: { input: t.arg({ type: UpdateOrganizationInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => ({
        organization: await ctx.services.organizations.update(ctx.viewer, decodeId(input.id, 'Organization', ['input', 'id']), input),
      })),
  }),
  deleteOrganization: t.field({
    type: DeleteOrganizationPayload,
    description: 'Its owners (and administrators) delete an organization that holds no image.',
    args: { input: t.arg({ type: DeleteOrganizationInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => {
        await ctx.services.organizations.delete(ctx.viewer, decodeId(input.id, 'Organization', ['input', 'id']))
        return { deletedOrganizationId: String(input.id) }
      }),
  }),
  setOrganizationMember: t.field({
    type: OrganizationPayload,
    description: 'Adds a user with a role, or changes a member\'s role. Only an OWNER makes or unmakes an OWNER; the last OWNER stays (LAST_OWNER).',
    args: { input: t.arg({ type: SetOrganizationMemberInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => ({
        organization: await ctx.services.organizations.setMember(ctx.viewer, organizationId(input.organizationId), input.user, input.role),
      })),
  }),
  removeOrganizationMember: t.field({
    type: OrganizationPayload,
    description: 'Removes a member from the organization and its teams. Any member may remove themselves.',
    args: { input: t.arg({ type: RemoveOrganizationMemberInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => ({
        organization: await ctx.services.organizations.removeMember(ctx.viewer, organizationId(input.organizationId), input.user),
      })),
  }),
  createTeam: t.field({
    type: TeamPayload,
    args: { input: t.arg({ type: CreateTeamInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => ({ team: await ctx.services.organizations.createTeam(ctx.viewer, organizationId(input.organizationId), input) })),
  }),
  updateTeam: t.field({
    type: TeamPayload,
    args: { input: t.arg({ type: UpdateTeamInput, required: true }) },
    resolve: (_root, { input: { teamId: id, ...fields } }, ctx) =>
      withUserErrors(async () => ({ team: await ctx.services.organizations.updateTeam(ctx.viewer, teamId(id), fields) })),
  }),
  deleteTeam: t.field({
    type: DeleteTeamPayload,
    args: { input: t.arg({ type: TeamIdInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => {
        await ctx.services.organizations.deleteTeam(ctx.viewer, teamId(input.teamId))
        return { deletedTeamId: String(input.teamId) }
      }),
  }),
  addTeamMember: t.field({
    type: TeamPayload,
    description: 'Puts a user on the team, making them a MEMBER of the organization if they were not one.',
    args: { input: t.arg({ type: TeamMemberInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => ({ team: await ctx.services.organizations.addTeamMember(ctx.viewer, teamId(input.teamId), input.user) })),
  }),
  removeTeamMember: t.field({
    type: TeamPayload,
    args: { input: t.arg({ type: TeamMemberInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => ({ team: await ctx.services.organizations.removeTeamMember(ctx.viewer, teamId(input.teamId), input.user) })),
  }),
  setTeamImagePermission: t.field({
    type: TeamImagePermissionPayload,
    description: "Grants a team a permission on one image of its organization, or takes it away. Needs ADMIN on the image.",
    args: { input: t.arg({ type: SetTeamImagePermissionInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(() =>
        ctx.services.organizations.setTeamImagePermission(
          ctx.viewer,
          teamId(input.teamId),
          decodeId(input.imageId, 'Image', ['input', 'imageId']),
          input.permission ?? null,
        ),
      ),
  }),
}))
