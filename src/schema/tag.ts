import { engineReferenceOf } from '../catalog/engine-references.js'
import { visibleImages } from '../catalog/visibility.js'
import type { ImageDetails, ImageHistoryEntry } from '../docker/images.js'
import { UserInputError } from '../errors.js'
import { builder } from './builder.js'
import { Image } from './image.js'
import { Registry } from './registry.js'
import type { UpdateCheck } from '../registries/drift.js'
import { decodeId, payloadType, UserErrorCode, withUserErrors } from './payloads.js'

export const Label = builder.objectRef<{ name: string; value: string }>('Label').implement({
  fields: (t) => ({ name: t.exposeString('name'), value: t.exposeString('value') }),
})

const ImageHistoryEntryRef = builder.objectRef<ImageHistoryEntry>('ImageHistoryEntry').implement({
  description: 'One step that made the image, newest first.',
  fields: (t) => ({
    created: t.expose('createdAt', { type: 'DateTime' }),
    createdBy: t.exposeString('createdBy', { description: 'The instruction, e.g. /bin/sh -c echo hello.' }),
    comment: t.exposeString('comment'),
    emptyLayer: t.exposeBoolean('emptyLayer', {
      description: "True when the step added no layer (configuration only). The engine does not say so itself: it is derived from the image's layer count and each step's size and instruction.",
    }),
  }),
})

const EngineImageDetails = builder.objectRef<ImageDetails>('EngineImageDetails').implement({
  description: 'What the Docker engine says about the image a tag points at (a local inspect).',
  fields: (t) => ({
    id: t.exposeString('id', { description: "The engine's image id (sha256:...), not a global ID." }),
    digest: t.exposeString('digest', { nullable: true, description: "The registry digest of this repository's image; null until it has been pushed or pulled." }),
    repoDigests: t.exposeStringList('repoDigests', { description: 'Every name@digest the engine knows the image by.' }),
    sizeBytes: t.expose('sizeBytes', { type: 'BigInt' }),
    created: t.expose('createdAt', { type: 'DateTime' }),
    architecture: t.exposeString('architecture'),
    os: t.exposeString('os'),
    layers: t.exposeStringList('layers', { description: 'Layer diff ids (RootFS.Layers), base first.' }),
    env: t.exposeStringList('env', { description: 'NAME=value pairs.' }),
    cmd: t.exposeStringList('cmd', { nullable: true }),
    entrypoint: t.exposeStringList('entrypoint', { nullable: true }),
    exposedPorts: t.exposeStringList('exposedPorts', { description: 'e.g. 80/tcp.' }),
    labels: t.field({ type: [Label], resolve: (details) => details.labels }),
    history: t.field({ type: [ImageHistoryEntryRef], resolve: (details) => details.history }),
  }),
})

const UPDATE_CHECK_MAX_AGE = 60

const TagUpdateCheck = builder.objectRef<UpdateCheck>('TagUpdateCheck').implement({
  description: "A tag's digest against its registry's: the registry it was last pushed to, else its image's registry.",
  fields: (t) => ({
    registry: t.field({ type: Registry, nullable: true, description: 'Null when the tag has no registry to compare with.', resolve: (check) => check.registry as never }),
    localDigest: t.exposeString('localDigest', { nullable: true }),
    remoteDigest: t.exposeString('remoteDigest', { nullable: true }),
    updateAvailable: t.exposeBoolean('updateAvailable', { nullable: true }),
    comparedAt: t.expose('comparedAt', { type: 'DateTime', nullable: true, description: 'When the registry was asked; null when it was not.' }),
    errorCode: t.field({ type: UserErrorCode, nullable: true, resolve: (check) => check.error?.code ?? null }),
    errorMessage: t.string({ nullable: true, resolve: (check) => check.error?.message ?? null }),
  }),
})

export const Tag = builder.prismaNode('Tag', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id: Number(id), image: visibleImages(ctx.viewer) }),
  fields: (t) => ({
    name: t.exposeString('name'),
    digest: t.exposeString('digest', { nullable: true, description: 'Content digest (sha256:...) once built, pulled or pushed.' }),
    sizeBytes: t.expose('sizeBytes', { type: 'BigInt', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    image: t.relation('image'),
    build: t.relation('build', { nullable: true, description: 'The build that produced this tag.' }),
    reference: t.string({
      description: 'The full reference, name:tag.',
      select: { image: { select: { name: true } } },
      resolve: (tag) => `${tag.image.name}:${tag.name}`,
    }),
    engineName: t.string({
      nullable: true,
      description: 'The Docker engine that holds its image; null when it has none (or predates engine records).',
      select: { engine: { select: { name: true } } },
      resolve: (tag) => tag.engine?.name ?? null,
    }),
    protected: t.exposeBoolean('protected', { description: 'A protected tag cannot be rebuilt, re-pulled, untagged or removed by retention until unprotected.' }),
    pushedDigest: t.exposeString('pushedDigest', { nullable: true, description: 'The manifest digest the registry stored at the last successful push.' }),
    pushedAt: t.expose('pushedAt', { type: 'DateTime', nullable: true }),
    pushedRegistry: t.relation('pushedRegistry', { nullable: true }),
    updateCheck: t.field({
      type: TagUpdateCheck,
      description:
        "Compares this tag's digest with the registry's current digest for the same tag (one HEAD request; answers are reused for maxAgeSeconds, at least 60 for anonymous callers).",
      args: { maxAgeSeconds: t.arg.int({ required: false, defaultValue: UPDATE_CHECK_MAX_AGE }) },
      resolve: (tag, args, ctx) => {
        if (args.maxAgeSeconds! < 0) throw new UserInputError('INVALID', ['maxAgeSeconds'], 'maxAgeSeconds must not be negative')
        // Anyone may read a public tag; only signed-in callers may make the server ask a registry at will.
        const maxAgeSeconds = ctx.viewer ? args.maxAgeSeconds! : Math.max(UPDATE_CHECK_MAX_AGE, args.maxAgeSeconds!)
        return ctx.loaders.tagUpdateCheck.load({ tagId: tag.id, maxAgeSeconds })
      },
    }),
    updateAvailable: t.boolean({
      nullable: true,
      description: 'Whether the registry now has another digest for this tag (updateCheck, at most 60 s old). Null when it cannot be told; updateCheck says why.',
      resolve: async (tag, _args, ctx) => (await ctx.loaders.tagUpdateCheck.load({ tagId: tag.id, maxAgeSeconds: UPDATE_CHECK_MAX_AGE })).updateAvailable,
    }),
    engineReference: t.string({
      nullable: true,
      description:
        'The name:tag the Docker engine holds this tag under: host/name:tag when it was pulled from a registry other than Docker Hub, name:tag when built. Null for a tag never built, pulled or imported.',
      select: { image: { select: { name: true } } },
      resolve: (tag) => (tag.engineImageId ? engineReferenceOf(tag, tag.image.name) : null),
    }),
    details: t.field({
      type: EngineImageDetails,
      nullable: true,
      description: 'A local inspect of the name:tag the engine holds this tag under (engineReference). Null when the engine does not hold it or does not answer.',
      select: { image: { select: { name: true } } },
      resolve: (tag, _args, ctx) => ctx.loaders.tagDetails.load({ reference: engineReferenceOf(tag, tag.image.name), engineId: tag.engineId }),
    }),
  }),
})

const TagsInput = builder.inputType('TagsInput', {
  fields: (t) => ({
    imageId: t.id({ required: true }),
    tags: t.stringList({ required: true }),
    sourceTag: t.string({
      required: false,
      description:
        'tagImage only: the existing tag whose engine image the new tags point at. Without it, the tag most recently built, pulled or imported; when no tag is on the engine, tags are catalog-only.',
    }),
  }),
})

const TagImagePayload = payloadType<{ image: { id: number }; tags: { id: number }[] }>('TagImagePayload', (t) => ({
  image: t.field({ type: Image, nullable: true, resolve: (p) => p.image as never }),
  tags: t.field({ type: [Tag], nullable: true, description: 'The requested tags, new and existing.', resolve: (p) => p.tags as never }),
}))
const UntagImagePayload = payloadType<{ image: { id: number }; removedTags: string[] }>('UntagImagePayload', (t) => ({
  image: t.field({ type: Image, nullable: true, resolve: (p) => p.image as never }),
  removedTags: t.stringList({ nullable: true, resolve: (p) => p.removedTags }),
}))

const ProtectTagInput = builder.inputType('ProtectTagInput', { fields: (t) => ({ imageId: t.id({ required: true }), tag: t.string({ required: true }) }) })
const ProtectTagPayload = payloadType<{ tag: { id: number } }>('ProtectTagPayload', (t) => ({
  tag: t.field({ type: Tag, nullable: true, resolve: (p) => p.tag as never }),
}))
const protectField = (isProtected: boolean) =>
  builder.mutationField(isProtected ? 'protectTag' : 'unprotectTag', (t) =>
    t.field({
      type: ProtectTagPayload,
      description: isProtected
        ? 'Makes a tag immutable: builds, pulls and imports cannot move it, and untagImage, deleteImage and retention cannot remove it.'
        : 'Lets a protected tag change again.',
      args: { input: t.arg({ type: ProtectTagInput, required: true }) },
      resolve: (_root, { input }, ctx) =>
        withUserErrors(async () => ({
          tag: await ctx.services.tags.setProtected(ctx.viewer, decodeId(input.imageId, 'Image', ['input', 'imageId']), input.tag, isProtected),
        })),
    }),
  )
protectField(true)
protectField(false)

builder.mutationFields((t) => ({
  tagImage: t.field({
    type: TagImagePayload,
    description:
      'Adds tags to an image. Existing tags are kept; one invalid name adds none. When the image is on the Docker engine, each new name:tag is tagged there too (see sourceTag) and records its digest, engine image and size.',
    args: { input: t.arg({ type: TagsInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(() =>
        ctx.services.tags.tag(ctx.viewer, decodeId(input.imageId, 'Image', ['input', 'imageId']), input.tags, input.sourceTag),
      ),
  }),
  untagImage: t.field({
    type: UntagImagePayload,
    description:
      'Removes tags from an image. If any is missing, none is removed. A tag on the Docker engine loses its name:tag there; the image stays under its other names, and its last name cannot go while a container uses it (IMAGE_IN_USE).',
    args: { input: t.arg({ type: TagsInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => {
        if (input.sourceTag != null) throw new UserInputError('INVALID', ['input', 'sourceTag'], 'untagImage takes no sourceTag')
        const { image, removed } = await ctx.services.tags.untag(ctx.viewer, decodeId(input.imageId, 'Image', ['input', 'imageId']), input.tags)
        return { image, removedTags: removed }
      }),
  }),
}))
