import type { Removal, Selected } from '../retention/retention.js'
import { builder } from './builder.js'
import { Image } from './image.js'
import { decodeId, payloadType, withUserErrors } from './payloads.js'
import { Tag } from './tag.js'

const RetentionRule = builder.enumType('RetentionRule', {
  values: {
    KEEP_LAST: { description: 'Keeps the keepLast most recently built, pulled or changed tags (matching tagPattern, if given); removes the rest.' },
    OLDER_THAN: { description: 'Removes tags (matching tagPattern, if given) last changed more than olderThanDays days ago.' },
    MATCHING: { description: 'Removes the tags whose whole name matches tagPattern.' },
  } as const,
})

builder.prismaObject('RetentionPolicy', {
  fields: (t) => ({
    rule: t.expose('rule', { type: RetentionRule }),
    keepLast: t.exposeInt('keepLast', { nullable: true }),
    olderThanDays: t.exposeInt('olderThanDays', { nullable: true }),
    tagPattern: t.exposeString('tagPattern', { nullable: true, description: 'A regular expression the whole tag name must match.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
})

builder.prismaObjectField('Image', 'retentionPolicies', (t) =>
  t.relation('retentionPolicies', { description: 'Rules that select tags for applyRetention. Protected tags are never removed.', query: { orderBy: { id: 'asc' } } }),
)

const RetentionReason = builder.objectRef<Selected['reasons'][number]>('RetentionReason').implement({
  fields: (t) => ({ rule: t.field({ type: RetentionRule, resolve: (r) => r.rule }), description: t.exposeString('description') }),
})

const RetentionCandidate = builder.objectRef<Selected>('RetentionCandidate').implement({
  fields: (t) => ({
    tag: t.field({ type: Tag, resolve: (s) => s.tag as never }),
    reasons: t.field({ type: [RetentionReason], description: 'Every rule that selects the tag.', resolve: (s) => s.reasons }),
  }),
})

const RetentionPreview = builder.objectRef<{ remove: Selected[]; protectedTags: Selected[] }>('RetentionPreview').implement({
  fields: (t) => ({
    remove: t.field({ type: [RetentionCandidate], description: 'What applyRetention would remove now, and why.', resolve: (p) => p.remove }),
    protectedTags: t.field({ type: [RetentionCandidate], description: 'Tags a rule selects that stay because they are protected.', resolve: (p) => p.protectedTags }),
  }),
})

const EngineOutcome = builder.enumType('RetentionEngineOutcome', { values: ['REMOVED', 'NOT_ON_ENGINE', 'IN_USE'] as const })
const RegistryOutcome = builder.enumType('RetentionRegistryOutcome', {
  values: {
    DELETED: { description: 'The pushed manifest was deleted from the registry.' },
    NOT_PUSHED: { description: 'The tag was never pushed (or the tag stayed).' },
    SHARED_DIGEST: { description: 'Another tag still uses the digest, so the registry keeps it.' },
    DELETES_DISABLED: { description: 'The registry does not allow deletes.' },
    FAILED: { description: 'The registry could not be asked; see detail.' },
  } as const,
})

const RetentionRemoval = builder.objectRef<Removal>('RetentionRemoval').implement({
  fields: (t) => ({
    tagName: t.string({ resolve: (r) => r.tag.name }),
    digest: t.string({ nullable: true, resolve: (r) => r.tag.digest }),
    removed: t.exposeBoolean('removed', { description: 'Whether the tag left the catalog (false when a container holds its image).' }),
    engine: t.field({ type: EngineOutcome, resolve: (r) => r.engine }),
    registry: t.field({ type: RegistryOutcome, resolve: (r) => r.registry }),
    detail: t.exposeString('detail', { nullable: true }),
    reasons: t.field({ type: [RetentionReason], resolve: (r) => r.reasons }),
  }),
})

const RetentionPolicyInput = builder.inputType('RetentionPolicyInput', {
  fields: (t) => ({
    rule: t.field({ type: RetentionRule, required: true }),
    keepLast: t.int({ required: false }),
    olderThanDays: t.int({ required: false }),
    tagPattern: t.string({ required: false }),
  }),
})
const SetRetentionPoliciesInput = builder.inputType('SetRetentionPoliciesInput', {
  fields: (t) => ({ imageId: t.id({ required: true }), policies: t.field({ type: [RetentionPolicyInput], required: true }) }),
})
const ApplyRetentionInput = builder.inputType('ApplyRetentionInput', { fields: (t) => ({ imageId: t.id({ required: true }) }) })

const SetRetentionPoliciesPayload = payloadType<{ image: { id: number } }>('SetRetentionPoliciesPayload', (t) => ({
  image: t.field({ type: Image, nullable: true, resolve: (p) => p.image as never }),
}))
const ApplyRetentionPayload = payloadType<{ image: { id: number }; removed: Removal[] }>('ApplyRetentionPayload', (t) => ({
  image: t.field({ type: Image, nullable: true, resolve: (p) => p.image as never }),
  removed: t.field({ type: [RetentionRemoval], nullable: true, description: 'Each tag the rules selected, and what happened to it.', resolve: (p) => p.removed ?? null }),
}))

const imageIdOf = (id: string | number, field: string[]) => decodeId(id, 'Image', field)

builder.queryField('retentionPreview', (t) =>
  t.field({
    type: RetentionPreview,
    description: "What the image's retention rules would remove now, by which rule. Owners and administrators.",
    args: { imageId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.retention.preview(ctx.viewer, imageIdOf(args.imageId, ['imageId'])),
  }),
)

builder.mutationFields((t) => ({
  setRetentionPolicies: t.field({
    type: SetRetentionPoliciesPayload,
    description: "Replaces the image's retention rules.",
    args: { input: t.arg({ type: SetRetentionPoliciesInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => ({ image: await ctx.services.retention.setPolicies(ctx.viewer, imageIdOf(input.imageId, ['input', 'imageId']), input.policies) })),
  }),
  applyRetention: t.field({
    type: ApplyRetentionPayload,
    description: 'Removes exactly what retentionPreview lists: from the catalog, the engine, and the registry when it allows deletes.',
    args: { input: t.arg({ type: ApplyRetentionInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => {
        const id = imageIdOf(input.imageId, ['input', 'imageId'])
        const removed = await ctx.services.retention.apply(ctx.viewer, id)
        return { image: (await ctx.services.images.findVisible(ctx.viewer, { id }))!, removed }
      }),
  }),
}))
