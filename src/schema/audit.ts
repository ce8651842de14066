// The audit log: its entries, the administrators' query over them, and their live feed.
import { encodeGlobalID } from '@pothos/plugin-relay'
import type { AuditFilter } from '../audit/audit-log.js'
import { builder } from './builder.js'
import { optionalId } from './payloads.js'

const AuditOutcome = builder.enumType('AuditOutcome', {
  values: {
    OK: { description: 'It did what was asked.' },
    REJECTED: { description: 'Refused for its input: the user errors are in `detail`.' },
    DENIED: { description: 'Refused for who asked (UNAUTHENTICATED, FORBIDDEN).' },
    FAILED: { description: 'An error: its code is in `detail`.' },
  } as const,
})

/** The global ID of a row the entry names, which may since be gone. */
const idOf = (typename: string, id: number | null) => (id === null ? null : encodeGlobalID(typename, id))

const AuditEvent = builder.prismaObject('AuditEvent', {
  description: 'One thing that happened: when, who (and the API token used), from where, on what, and how it ended. Never an input value or a secret.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Increases with every entry: the newest has the highest.' }),
    at: t.expose('at', { type: 'DateTime' }),
    actorName: t.exposeString('actorName', { nullable: true, description: 'The user acting, by their name at the time; null for an anonymous caller or a webhook sender.' }),
    actorId: t.field({ type: 'ID', nullable: true, resolve: (event) => idOf('User', event.actorId) }),
    tokenId: t.field({ type: 'ID', nullable: true, description: 'The API token the request carried.', resolve: (event) => idOf('ApiToken', event.tokenId) }),
    address: t.exposeString('address', { nullable: true, description: "The client's address, as the rate limits count it." }),
    action: t.exposeString('action', { description: 'mutation.<field> (mutation.deleteTag), webhook.delivery or auth.failed.' }),
    targetId: t.field({
      type: 'ID',
      nullable: true,
      description: 'The ID of what it acted on, when its input named one (it may since be gone).',
      resolve: (event) => (event.targetType ? idOf(event.targetType, event.targetId) : null),
    }),
    imageId: t.field({ type: 'ID', nullable: true, description: 'The image it concerns.', resolve: (event) => idOf('Image', event.imageId) }),
    outcome: t.field({ type: AuditOutcome, resolve: (event) => event.outcome as 'OK' | 'REJECTED' | 'DENIED' | 'FAILED' }),
    detail: t.exposeString('detail', { nullable: true, description: 'Error codes (and the fields they name), or a short reason.' }),
  }),
})

const AuditLogFilter = builder.inputType('AuditLogFilter', {
  fields: (t) => ({
    actor: t.string({ required: false, description: "A user's name." }),
    imageId: t.id({ required: false }),
    organization: t.string({ required: false, description: "An organization's name: the entries about it, its teams and its images. Its owners and admins may read these." }),
    action: t.string({ required: false, description: 'An action exactly, e.g. mutation.deleteTag.' }),
    since: t.field({ type: 'DateTime', required: false }),
    until: t.field({ type: 'DateTime', required: false }),
  }),
})

const filterOf = (filter: { actor?: string | null; imageId?: string | number | null; organization?: string | null; action?: string | null; since?: Date | null; until?: Date | null } | null | undefined): AuditFilter => ({
  ...filter,
  imageId: optionalId(filter?.imageId, 'Image', ['filter', 'imageId']),
})

builder.queryField('auditLog', (t) =>
  t.prismaConnection({
    type: AuditEvent,
    cursor: 'id',
    nullable: true,
    description:
      "What happened, newest first: every mutation, webhook delivery and failed sign-in. Administrators read all of it; an organization's owners and admins read its entries with filter.organization.",
    args: { filter: t.arg({ type: AuditLogFilter, required: false }) },
    totalCount: (_connection, args, ctx) => ctx.services.audit.count(ctx.viewer, filterOf(args.filter)),
    resolve: (query, _root, args, ctx) => ctx.services.audit.list(ctx.viewer, filterOf(args.filter), query),
  }),
)

builder.subscriptionField('auditEvents', (t) =>
  t.field({
    type: AuditEvent,
    description: "Each audit entry as it is written, on any instance. Administrators get all; with organization, that organization's owners and admins get its entries.",
    args: { organization: t.arg.string({ required: false }) },
    subscribe: (_root, args, ctx) => ctx.services.audit.follow(ctx.viewer, args.organization ?? null),
    resolve: async (event, _args, ctx) => (await ctx.services.audit.find((event as { id: number }).id)) as never,
  }),
)
