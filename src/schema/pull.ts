import type { LayerState } from '../transfers/progress.js'
import { visiblePulls, type PullProgressUpdate } from '../pulls/pulls.js'
import { IMAGE_ACCESS_SELECT, isVisibleImage } from '../catalog/visibility.js'
import { builder } from './builder.js'
import { renewLoaders } from './loaders.js'
import { Image } from './image.js'
import type { TransferProgressEvent } from '../events/bus.js'
import { decodeId, optionalId, payloadType, withUserErrors, type Types } from './payloads.js'
import { Tag } from './tag.js'

export const PullState = builder.enumType('PullState', { values: ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const })

export const PullLayer = builder.objectRef<LayerState>('PullLayer').implement({
  description: "One layer's latest state during a pull or a push.",
  fields: (t) => ({
    layer: t.exposeString('layer', { description: "The layer's short id." }),
    status: t.exposeString('status', { description: "The engine's words, e.g. Downloading, Extracting, Pull complete, Already exists." }),
    current: t.expose('current', { type: 'BigInt', nullable: true, description: 'Bytes done in the current step, when the engine says.' }),
    total: t.expose('total', { type: 'BigInt', nullable: true, description: 'Bytes in the current step, when known.' }),
  }),
})

export const Pull = builder.prismaNode('Pull', {
  id: { field: 'id' },
  nullable: true,
  description: 'A pull of an image from a registry into the engine. Visible to whoever started it and to administrators.',
  findUnique: (id, ctx) => ({ id: Number(id), AND: [visiblePulls(ctx.viewer)] }),
  fields: (t) => ({
    reference: t.exposeString('reference', { description: 'What was pulled, with the registry host when there is one.' }),
    state: t.expose('state', { type: PullState }),
    progress: t.float({
      description: 'Fraction done, 0 to 1: live while running, 1 once it succeeded.',
      select: { progress: true },
      resolve: (pull, _args, ctx) => ctx.services.pulls.live(pull.id)?.fraction ?? pull.progress,
    }),
    layers: t.field({
      type: [PullLayer],
      description: "Each layer's latest state while the pull runs; empty before and after.",
      resolve: (pull, _args, ctx) => ctx.services.pulls.live(pull.id)?.layers ?? [],
    }),
    errorMessage: t.exposeString('errorMessage', { nullable: true, description: "The engine's error, when the pull failed." }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the pull was requested.' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    registry: t.relation('registry', { nullable: true }),
    requestedBy: t.relation('requestedBy'),
    // Loaded with the pulls themselves (no query per pull), then held to the images' visibility:
    // the tag belongs to the pulled image, so it is visible exactly when the image is.
    image: t.field({
      type: Image,
      nullable: true,
      description: 'The catalog image the pull filled, once it succeeded (and while you may see it).',
      select: (_args, _ctx, nestedSelection) => ({ image: nestedSelection(true) }),
      resolve: (pull, _args, ctx) => (pull.image && isVisibleImage(pull.image, ctx.viewer) ? pull.image : null),
    }),
    tag: t.field({
      type: Tag,
      nullable: true,
      description: 'The tag the pull recorded, with its digest, engine image and size.',
      select: (_args, _ctx, nestedSelection) => ({ tag: nestedSelection(true), image: { select: IMAGE_ACCESS_SELECT } }),
      resolve: (pull, _args, ctx) => (pull.tag && pull.image && isVisibleImage(pull.image, ctx.viewer) ? pull.tag : null),
    }),
  }),
})

/** The fields pullProgress and pushProgress share. */
export const transferProgressFields = (t: PothosSchemaTypes.ObjectFieldBuilder<Types, TransferProgressEvent>) => ({
  layer: t.exposeString('layer', { nullable: true, description: "The layer's short id; null for the engine's overall lines and the final event." }),
  status: t.exposeString('status'),
  current: t.expose('current', { type: 'BigInt', nullable: true }),
  total: t.expose('total', { type: 'BigInt', nullable: true }),
  fraction: t.exposeFloat('fraction', { description: 'The whole transfer, 0 to 1.' }),
})

const PullProgress = builder.objectRef<PullProgressUpdate>('PullProgress').implement({
  description: "One step of a pull. The last event has no layer, the final state as status, and the pull's outcome in pull.",
  fields: (t) => ({
    ...transferProgressFields(t as never),
    pull: t.prismaField({
      type: 'Pull',
      resolve: (query, update, _args, ctx) => ctx.db.pull.findUniqueOrThrow({ ...query, where: { id: update.pullId } }),
    }),
  }),
})

builder.queryFields((t) => ({
  pull: t.prismaField({
    type: Pull,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.services.pulls.findVisible(ctx.viewer, decodeId(args.id, 'Pull', ['id']), query),
  }),
  pulls: t.prismaConnection({
    type: 'Pull',
    cursor: 'id',
    description: 'Running and recent pulls, newest first: your own, or everyone\'s for administrators.',
    totalCount: (_conn, _args, ctx) => ctx.services.pulls.count(ctx.viewer),
    resolve: (query, _root, _args, ctx) => ctx.services.pulls.list(ctx.viewer, query),
  }),
}))

const PullImageInput = builder.inputType('PullImageInput', {
  fields: (t) => ({
    reference: t.string({ required: true, description: 'name[:tag][@digest]; the tag defaults to latest.' }),
    registryId: t.id({ required: false, description: "Pull from this registry, with its credentials; its host is put in front of a reference that names none." }),
    name: t.string({
      required: false,
      description: 'The catalog image to pull into, e.g. alice/alpine; by default the repository path (library/ left out for Docker Hub\'s official images, which therefore need a name).',
    }),
  }),
})

const PullImagePayload = payloadType<{ pull: { id: number } }>('PullImagePayload', (t) => ({
  pull: t.field({ type: Pull, nullable: true, resolve: (p) => p.pull as never }),
}))

builder.mutationField('pullImage', (t) =>
  t.field({
    type: PullImagePayload,
    description: 'Starts pulling an image into the engine and returns the pull at once; follow it with pullProgress. On success the image and tag appear in the catalog.',
    args: { input: t.arg({ type: PullImageInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => ({
        pull: await ctx.services.pulls.request(ctx.viewer, {
          reference: input.reference,
          registryId: optionalId(input.registryId, 'Registry', ['input', 'registryId']),
          name: input.name,
        }),
      })),
  }),
)

builder.subscriptionField('pullProgress', (t) =>
  t.field({
    type: PullProgress,
    description: 'Where each layer stands, then every step as it happens; completes after one final event once the pull is over.',
    args: { pullId: t.arg.id({ required: true }) },
    subscribe: (_root, args, ctx) => ctx.services.pulls.follow(ctx.viewer, decodeId(args.pullId, 'Pull', ['pullId'])),
    resolve: (update, _args, ctx) => {
      renewLoaders(ctx)
      return update as PullProgressUpdate
    },
  }),
)
