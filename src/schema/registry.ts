import type { PingResult } from '../registries/ping.js'
import { withoutCredentials } from '../url-credentials.js'
import { builder } from './builder.js'
import { decodeId, optionalId, payloadType, withUserErrors, type InputFields } from './payloads.js'

export const RegistryApiVersion = builder.enumType('RegistryApiVersion', { values: { V1: { value: 'v1' }, V2: { value: 'v2' } } as const })

export const Registry = builder.prismaNode('Registry', {
  id: { field: 'id' },
  fields: (t) => ({
    name: t.exposeString('name'),
    url: t.string({
      description: 'Never holds credentials: they are given as username and password.',
      resolve: (r) => withoutCredentials(r.url),
    }),
    apiVersion: t.field({ type: RegistryApiVersion, resolve: (r) => r.apiVersion as 'v1' | 'v2' }),
    trustSelfSignedCert: t.exposeBoolean('trustSelfSignedCert'),
    isDefault: t.exposeBoolean('isDefault', { description: 'The default registry cannot be changed or deleted.' }),
    searchUrl: t.string({
      nullable: true,
      description: "A search API in Docker Hub's v1 form; without one, searchImages reads /v2/_catalog.",
      resolve: (r) => (r.searchUrl === null ? null : withoutCredentials(r.searchUrl)),
    }),
    username: t.string({
      nullable: true,
      description: 'Shown to administrators only.',
      resolve: (r, _args, ctx) => (ctx.viewer?.isAdmin ? r.username : null),
    }),
    hasPassword: t.boolean({
      description: 'Whether a password is stored. The password itself is write-only.',
      select: { passwordCiphertext: true },
      resolve: (r) => r.passwordCiphertext !== null,
    }),
    organization: t.relation('organization', {
      nullable: true,
      description: "The organization whose members' requests carry its stored credentials; null: administrators' only. Everyone else's go anonymously.",
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
})

builder.queryField('registries', (t) =>
  t.prismaConnection({
    type: 'Registry',
    cursor: 'id',
    totalCount: (_c, _a, ctx) => ctx.services.registries.count(),
    resolve: (query, _root, _args, ctx) => ctx.services.registries.list(query),
  }),
)

const URL_DESCRIPTION = 'http(s)://host[:port]; credentials in it (user:password@) are refused: give them as username and password.'
const registryFields = (t: InputFields) => ({
  apiVersion: t.field({ type: RegistryApiVersion, required: false }),
  trustSelfSignedCert: t.boolean({ required: false, description: "Accept the registry's self-signed TLS certificate." }),
  username: t.string({ required: false }),
  password: t.string({ required: false, description: 'Write-only; stored encrypted. Null or empty forgets it.' }),
  searchUrl: t.string({ required: false, description: "A search API in Docker Hub's v1 form (GET ?q=&n=&page=), e.g. https://index.docker.io/v1/search. Null or empty forgets it." }),
  organizationId: t.id({
    required: false,
    description: "The organization whose members may use its stored credentials (pulls, pushes, remoteTags, searchImages); without one, only administrators' requests carry them. Null takes it away.",
  }),
})
const AddRegistryInput = builder.inputType('AddRegistryInput', {
  fields: (t) => ({ name: t.string({ required: true }), url: t.string({ required: true, description: URL_DESCRIPTION }), ...registryFields(t) }),
})
const UpdateRegistryInput = builder.inputType('UpdateRegistryInput', {
  fields: (t) => ({ id: t.id({ required: true }), name: t.string({ required: false }), url: t.string({ required: false, description: URL_DESCRIPTION }), ...registryFields(t) }),
})
const DeleteRegistryInput = builder.inputType('DeleteRegistryInput', { fields: (t) => ({ id: t.id({ required: true }) }) })

const RegistryPayload = payloadType<{ registry: { id: number } }>('RegistryPayload', (t) => ({
  registry: t.field({ type: Registry, nullable: true, resolve: (p) => p.registry as never }),
}))
const DeleteRegistryPayload = payloadType<{ deletedRegistryId: string }>('DeleteRegistryPayload', (t) => ({
  deletedRegistryId: t.id({ nullable: true, resolve: (p) => p.deletedRegistryId }),
}))

const registryId = (id: string | number) => decodeId(id, 'Registry', ['input', 'id'])
const orUndefined = <T>(value: T | null | undefined) => value ?? undefined
const registryOrganization = (id: string | number | null | undefined) => optionalId(id, 'Organization', ['input', 'organizationId'])

builder.mutationFields((t) => ({
  addRegistry: t.field({
    type: RegistryPayload,
    args: { input: t.arg({ type: AddRegistryInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => ({ registry: await ctx.services.registries.add(ctx.viewer, { ...input, organizationId: registryOrganization(input.organizationId) }) })),
  }),
  updateRegistry: t.field({
    type: RegistryPayload,
    args: { input: t.arg({ type: UpdateRegistryInput, required: true }) },
    resolve: (_root, { input: { id, name, url, ...rest } }, ctx) =>
      withUserErrors(async () => ({
        registry: await ctx.services.registries.update(ctx.viewer, registryId(id), {
          ...rest,
          name: orUndefined(name),
          url: orUndefined(url),
          organizationId: registryOrganization(rest.organizationId),
        }),
      })),
  }),
  deleteRegistry: t.field({
    type: DeleteRegistryPayload,
    args: { input: t.arg({ type: DeleteRegistryInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => {
        await ctx.services.registries.delete(ctx.viewer, registryId(input.id))
        return { deletedRegistryId: String(input.id) }
      }),
  }),
}))

const PingFailure = builder.enumType('RegistryPingFailure', {
  description: 'Why a registry could not be used.',
  values: ['DNS', 'CONNECTION_REFUSED', 'TLS', 'TIMEOUT', 'NETWORK', 'NOT_A_REGISTRY', 'UNAUTHORIZED'] as const,
})
const AuthScheme = builder.enumType('RegistryAuthScheme', { values: ['NONE', 'BASIC', 'BEARER'] as const })

const RegistryPing = builder.objectRef<PingResult>('RegistryPing').implement({
  description: "The answer of a registry's GET /v2/.",
  fields: (t) => ({
    url: t.string({ resolve: (ping) => withoutCredentials(ping.url) }),
    reachable: t.exposeBoolean('reachable', { description: 'It answered as a registry.' }),
    apiVersion: t.exposeString('apiVersion', { nullable: true, description: 'Its Docker-Distribution-Api-Version, e.g. registry/2.0.' }),
    authRequired: t.exposeBoolean('authRequired', { nullable: true }),
    authScheme: t.field({ type: AuthScheme, nullable: true, resolve: (ping) => ping.authScheme }),
    authenticated: t.exposeBoolean('authenticated', { nullable: true, description: 'Whether the stored credentials were accepted; null when none were tried.' }),
    errorCode: t.field({ type: PingFailure, nullable: true, resolve: (ping) => ping.error?.code ?? null }),
    errorMessage: t.string({ nullable: true, resolve: (ping) => ping.error?.message ?? null }),
    latencyMs: t.exposeInt('latencyMs'),
  }),
})

builder.queryField('pingRegistry', (t) =>
  t.field({
    type: RegistryPing,
    description: 'A real GET /v2/ to a stored registry (with its credentials and TLS setting) or to any URL. Administrators only.',
    args: {
      id: t.arg.id({ required: false }),
      url: t.arg.string({ required: false, description: 'Any http(s) URL without credentials (user:password@); to ping with credentials, add the registry and ping it by id.' }),
      trustSelfSignedCert: t.arg.boolean({ required: false, description: "Overrides the registry's setting for this ping." }),
    },
    resolve: (_root, args, ctx) =>
      ctx.services.registries.ping(ctx.viewer, {
        id: args.id == null ? null : decodeId(args.id, 'Registry', ['id']),
        url: args.url,
        trustSelfSignedCert: args.trustSelfSignedCert,
      }),
  }),
)
