import { IMAGE_ACCESS_SELECT, isVisibleImage } from '../catalog/visibility.js'
import { visiblePushes, type PushProgressUpdate } from '../pushes/pushes.js'
import { builder } from './builder.js'
import { renewLoaders } from './loaders.js'
import { decodeId, payloadType, withUserErrors } from './payloads.js'
import { PullLayer, PullState, transferProgressFields } from './pull.js'
import { Tag } from './tag.js'

export const Push = builder.prismaNode('Push', {
  id: { field: 'id' },
  nullable: true,
  description: "A push of a catalog tag from the engine to a registry, with the registry's credentials. Visible to whoever started it and to administrators.",
  findUnique: (id, ctx) => ({ id: Number(id), AND: [visiblePushes(ctx.viewer)] }),
  fields: (t) => ({
    reference: t.exposeString('reference', { description: 'Where it goes: host/repository:tag.' }),
    state: t.expose('state', { type: PullState }),
    digest: t.exposeString('digest', { nullable: true, description: 'The manifest digest the registry stored, once it succeeded.' }),
    progress: t.float({
      description: 'Fraction done, 0 to 1: live while running, 1 once it succeeded.',
      select: { progress: true },
      resolve: (push, _args, ctx) => ctx.services.pushes.live(push.id)?.fraction ?? push.progress,
    }),
    layers: t.field({
      type: [PullLayer],
      description: "Each layer's latest state while the push runs; empty before and after.",
      resolve: (push, _args, ctx) => ctx.services.pushes.live(push.id)?.layers ?? [],
    }),
    errorMessage: t.exposeString('errorMessage', { nullable: true, description: "The engine's or the registry's error, when the push failed." }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    registry: t.relation('registry', { nullable: true }),
    requestedBy: t.relation('requestedBy'),
    // Loaded with the pushes themselves, then held to the image's visibility, as Pull.tag is.
    tag: t.field({
      type: Tag,
      nullable: true,
      description: 'The tag pushed, while you may see its image.',
      select: (_args, _ctx, nestedSelection) => ({ tag: nestedSelection(true), image: { select: IMAGE_ACCESS_SELECT } }),
      resolve: (push, _args, ctx) => (isVisibleImage(push.image, ctx.viewer) ? push.tag : null),
    }),
  }),
})

const PushProgress = builder.objectRef<PushProgressUpdate>('PushProgress').implement({
  description: "One step of a push, shaped as pullProgress's events. The last has no layer, the final state as status, and the outcome in push.",
  fields: (t) => ({
    ...transferProgressFields(t as never),
    push: t.prismaField({
      type: 'Push',
      resolve: (query, update, _args, ctx) => ctx.services.pushes.findVisible(ctx.viewer, update.pushId, query).then((push) => push!),
    }),
  }),
})

builder.queryFields((t) => ({
  push: t.prismaField({
    type: Push,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.services.pushes.findVisible(ctx.viewer, decodeId(args.id, 'Push', ['id']), query),
  }),
  pushes: t.prismaConnection({
    type: 'Push',
    cursor: 'id',
    description: "Running and recent pushes, newest first: your own, or everyone's for administrators.",
    totalCount: (_conn, _args, ctx) => ctx.services.pushes.count(ctx.viewer),
    resolve: (query, _root, _args, ctx) => ctx.services.pushes.list(ctx.viewer, query),
  }),
}))

const PushImageInput = builder.inputType('PushImageInput', {
  fields: (t) => ({
    tagId: t.id({ required: true, description: 'The catalog tag to push; it must have an image in the engine.' }),
    registryId: t.id({ required: true, description: "The registry to push to, as host/<image name>:<tag>, with the registry's credentials." }),
  }),
})

const PushImagePayload = payloadType<{ push: { id: number } }>('PushImagePayload', (t) => ({
  push: t.field({ type: Push, nullable: true, resolve: (p) => p.push as never }),
}))

builder.mutationField('pushImage', (t) =>
  t.field({
    type: PushImagePayload,
    description: 'Starts pushing a tag to a registry and returns the push at once; follow it with pushProgress. On success the tag records the pushed digest.',
    args: { input: t.arg({ type: PushImageInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => ({
        push: await ctx.services.pushes.request(ctx.viewer, {
          tagId: decodeId(input.tagId, 'Tag', ['input', 'tagId']),
          registryId: decodeId(input.registryId, 'Registry', ['input', 'registryId']),
        }),
      })),
  }),
)

builder.subscriptionField('pushProgress', (t) =>
  t.field({
    type: PushProgress,
    description: 'Where each layer stands, then every step as it happens; completes after one final event once the push is over.',
    args: { pushId: t.arg.id({ required: true }) },
    subscribe: (_root, args, ctx) => ctx.services.pushes.follow(ctx.viewer, decodeId(args.pushId, 'Push', ['pushId'])),
    resolve: (update, _args, ctx) => {
      renewLoaders(ctx)
      return update as PushProgressUpdate
    },
  }),
)
