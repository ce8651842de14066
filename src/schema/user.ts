import { seesPrivateProfile } from '../auth/viewer.js'
import type { Context } from '../context.js'
import { AccessError } from '../errors.js'
import { storedScopes, type TOKEN_ACTIONS } from '../catalog/scopes.js'
import { builder } from './builder.js'
import { decodeId, payloadType, withUserErrors } from './payloads.js'

export const User = builder.prismaNode('User', {
  id: { field: 'id' },
  description:
    "A user. The public profile, shown to anyone who reaches the user (an image's owner, a build's requester, node(id:)), is the name and createdAt, as Docker Hub, Quay and Harbor show them. isAdmin and apiTokens are the user's and administrators' only.",
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Public.' }),
    isAdmin: t.boolean({
      nullable: true,
      description: 'Shown to the user and to administrators; null for everyone else, anonymous callers included.',
      resolve: (user, _args, ctx) => (seesPrivateProfile(ctx.viewer, user.id) ? user.isAdmin : null),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the account was made. Public.' }),
    isRobot: t.boolean({
      description: 'A robot account (namespace+name), which signs in with scoped tokens only. Public.',
      select: { robotOfUserId: true, robotOfOrganizationId: true },
      resolve: (user) => user.robotOfUserId !== null || user.robotOfOrganizationId !== null,
    }),
    robots: t.prismaConnection({
      type: 'User',
      cursor: 'id',
      description: "The user's robot accounts, by name. Visible to the user and to administrators; FORBIDDEN to everyone else.",
      totalCount: (user, _args, ctx) => ctx.services.robots.countFor(requireProfile(ctx.viewer, user.id)),
      resolve: (query, user, _args, ctx) => ctx.services.robots.listFor(requireProfile(ctx.viewer, user.id), query),
    }),
    apiTokens: t.prismaConnection({
      type: 'ApiToken',
      cursor: 'id',
      description: "The user's API tokens, newest first. Visible to the user and to administrators; FORBIDDEN to everyone else.",
      // Pothos skips resolve when only totalCount is selected, so both check access.
      totalCount: (user, _args, ctx) => ctx.services.users.countTokens(ctx.viewer, user.id),
      resolve: (query, user, _args, ctx) => ctx.services.users.listTokens(ctx.viewer, user.id, query),
    }),
  }),
})

export const ApiToken = builder.prismaNode('ApiToken', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id: Number(id), user: ctx.viewer?.isAdmin ? {} : { id: ctx.viewer?.id ?? -1 } }),
  description: 'An API token. Its secret is shown once, when created, and never stored.',
  fields: (t) => ({
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix', { description: 'The first characters of the secret, to tell tokens apart.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true, description: 'When it was last used, to the minute.' }),
    lastUsedAddress: t.exposeString('lastUsedAddress', { nullable: true, description: 'The client address it was last used from, as the rate limits count it.' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    scopes: t.field({
      type: [TokenScope],
      nullable: true,
      description: "What it is limited to; null: all of its user's rights.",
      resolve: (token) => storedScopes(token.scopes),
    }),
  }),
})

builder.queryField('viewerToken', (t) =>
  t.prismaField({
    type: ApiToken,
    nullable: true,
    description: 'The API token this request carries; null for anonymous callers.',
    resolve: (query, _root, _args, ctx) => (ctx.viewer?.tokenId ? ctx.services.users.findToken(ctx.viewer.tokenId, query) : null),
  }),
)

builder.queryField('viewer', (t) =>
  t.prismaField({
    type: User,
    nullable: true,
    description: 'Who is asking; null for anonymous callers.',
    resolve: (query, _root, _args, ctx) => (ctx.viewer ? ctx.services.users.find(ctx.viewer.id, query) : null),
  }),
)

/** The robots of a user are theirs and the administrators' to see. */
function requireProfile(viewer: Context['viewer'], userId: number) {
  if (!seesPrivateProfile(viewer, userId)) throw new AccessError('FORBIDDEN', "Only the user and administrators see a user's robots")
  return { userId }
}

const CreateUserInput = builder.inputType('CreateUserInput', {
  fields: (t) => ({ name: t.string({ required: true }), isAdmin: t.boolean({ required: false }) }),
})
const TokenActionEnum = builder.enumType('TokenAction', {
  values: {
    READ: { description: 'See the images the scope covers (every action includes it).' },
    TAG: { description: 'Tag, untag, protect and unprotect; set categories.' },
    BUILD: { description: 'Build, cancel builds, trigger a build source, upload versions.' },
    PUSH: { description: 'Push its tags to a registry.' },
    PULL: { description: 'Pull into it from a registry.' },
    DELETE: { description: 'Delete it, its tags by retention, and set its retention rules.' },
  } as const,
})
const TokenScopeInput = builder.inputType('TokenScopeInput', {
  fields: (t) => ({
    pattern: t.string({ required: true, description: 'A namespace (acme: all of it), an image (acme/api), or a prefix ending in * (acme/api-*).' }),
    actions: t.field({ type: [TokenActionEnum], required: true }),
  }),
})
const TokenScope = builder.objectRef<{ pattern: string; actions: (typeof TOKEN_ACTIONS)[number][] }>('TokenScope').implement({
  fields: (t) => ({ pattern: t.exposeString('pattern'), actions: t.field({ type: [TokenActionEnum], resolve: (scope) => scope.actions }) }),
})
const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    expiresAt: t.field({ type: 'DateTime', required: false }),
    scopes: t.field({
      type: [TokenScopeInput],
      required: false,
      description:
        "Limits the token to these images and actions (at most 20), within your own rights. Outside them an image does not exist for the token, a change is FORBIDDEN, and so is every mutation that does not act on images. Left out: all of your rights.",
    }),
  }),
})
const RevokeApiTokenInput = builder.inputType('RevokeApiTokenInput', { fields: (t) => ({ id: t.id({ required: true }) }) })

const secretDescription = 'The secret, shown this once. Send it as "Authorization: Bearer <token>".'
const CreateUserPayload = payloadType<{ user: { id: number }; token: string }>('CreateUserPayload', (t) => ({
  user: t.field({ type: User, nullable: true, resolve: (p) => p.user as never }),
  token: t.string({ nullable: true, description: secretDescription, resolve: (p) => p.token }),
}))
const CreateApiTokenPayload = payloadType<{ apiToken: { id: number }; token: string }>('CreateApiTokenPayload', (t) => ({
  apiToken: t.field({ type: ApiToken, nullable: true, resolve: (p) => p.apiToken as never }),
  token: t.string({ nullable: true, description: secretDescription, resolve: (p) => p.token }),
}))
const RevokeApiTokenPayload = payloadType<{ apiToken: { id: number } }>('RevokeApiTokenPayload', (t) => ({
  apiToken: t.field({ type: ApiToken, nullable: true, resolve: (p) => p.apiToken as never }),
}))

const CreateRobotInput = builder.inputType('CreateRobotInput', {
  fields: (t) => ({
    namespace: t.string({ required: true, description: 'Your own name, or an organization you administer.' }),
    name: t.string({ required: true, description: 'Its name in the namespace: the robot is namespace+name.' }),
  }),
})
const CreateRobotTokenInput = builder.inputType('CreateRobotTokenInput', {
  fields: (t) => ({
    robotId: t.id({ required: true }),
    name: t.string({ required: true }),
    scopes: t.field({ type: [TokenScopeInput], required: true, description: "A robot's tokens always have scopes." }),
    expiresAt: t.field({ type: 'DateTime', required: false }),
  }),
})
const DeleteRobotInput = builder.inputType('DeleteRobotInput', { fields: (t) => ({ robotId: t.id({ required: true }) }) })
const RobotPayload = payloadType<{ robot: { id: number } }>('RobotPayload', (t) => ({
  robot: t.field({ type: User, nullable: true, resolve: (p) => p.robot as never }),
}))
const DeleteRobotPayload = payloadType<{ deletedRobotId: string }>('DeleteRobotPayload', (t) => ({
  deletedRobotId: t.id({ nullable: true, resolve: (p) => p.deletedRobotId }),
}))
const robotId = (id: string | number) => decodeId(id, 'User', ['input', 'robotId'])

builder.mutationFields((t) => ({
  createRobot: t.field({
    type: RobotPayload,
    description: "A robot account in your namespace (acting with your rights, within its tokens' scopes) or in an organization you administer (a MEMBER: put it on teams to give it rights).",
    args: { input: t.arg({ type: CreateRobotInput, required: true }) },
    resolve: (_root, { input }, ctx) => withUserErrors(async () => ({ robot: await ctx.services.robots.create(ctx.viewer, input) })),
  }),
  createRobotToken: t.field({
    type: CreateApiTokenPayload,
    description: "A scoped token for a robot you manage. Its secret is shown once.",
    args: { input: t.arg({ type: CreateRobotTokenInput, required: true }) },
    resolve: (_root, { input }, ctx) => withUserErrors(() => ctx.services.robots.createToken(ctx.viewer, robotId(input.robotId), input)),
  }),
  deleteRobot: t.field({
    type: DeleteRobotPayload,
    args: { input: t.arg({ type: DeleteRobotInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => {
        await ctx.services.robots.delete(ctx.viewer, robotId(input.robotId))
        return { deletedRobotId: String(input.robotId) }
      }),
  }),
  createUser: t.field({
    type: CreateUserPayload,
    description: 'Administrators add users; the new user gets a first API token.',
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    resolve: (_root, { input }, ctx) => withUserErrors(() => ctx.services.users.createUser(ctx.viewer, input)),
  }),
  createApiToken: t.field({
    type: CreateApiTokenPayload,
    args: { input: t.arg({ type: CreateApiTokenInput, required: true }) },
    resolve: (_root, { input }, ctx) => withUserErrors(() => ctx.services.users.createApiToken(ctx.viewer, input)),
  }),
  revokeApiToken: t.field({
    type: RevokeApiTokenPayload,
    args: { input: t.arg({ type: RevokeApiTokenInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => ({
        apiToken: await ctx.services.users.revokeApiToken(ctx.viewer, decodeId(input.id, 'ApiToken', ['input', 'id'])),
      })),
  }),
}))
