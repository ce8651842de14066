import type { ImageFilter, ImageOrderField } from '../catalog/images.js'
import type { EngineContainer } from '../docker/images.js'
import { holds, permissionOn, visibleImages } from '../catalog/visibility.js'
import { ImagePermissionEnum } from './organization.js'
import { UserInputError } from '../errors.js'
import { builder } from './builder.js'
import { renewLoaders } from './loaders.js'
import { decodeId, optionalId, payloadType, withUserErrors, type InputFields } from './payloads.js'

export const ImageState = builder.enumType('ImageState', {
  description:
    "Tutum's image state, derived from tags and builds, first match wins: BUILDING while any build of it is queued, running or cancelling; FAILED when a tag's latest build failed; SUCCESS when it has tags and all of them are built (\"all image tags are successfully built\": each was built, pulled or imported, so it has a digest); EMPTY otherwise, i.e. no tags, or a tag only named in the catalog (never built, pulled or imported). A pull request's test build never counts.",
  values: {
    EMPTY: { description: 'Not every tag is built: no tags, or one only named in the catalog (no digest, no engine image).' },
    SUCCESS: { description: 'Every tag is built, pulled or imported, and none is building or failed.' },
    BUILDING: { description: 'A build of one of its tags is queued, running or being cancelled.' },
    FAILED: { description: "A tag's latest build failed (and nothing is building)." },
  },
})

export const Container = builder.objectRef<EngineContainer>('Container').implement({
  description: 'A container on the Docker engine, running or stopped.',
  fields: (t) => ({
    id: t.exposeString('id', { description: "The engine's container id (not a global ID)." }),
    name: t.exposeString('name'),
    state: t.exposeString('state', { description: 'created, running, paused, restarting, removing, exited or dead.' }),
    status: t.exposeString('status', { description: 'The engine\'s summary, e.g. "Up 3 minutes".' }),
    imageReference: t.exposeString('imageReference', { description: 'What it was created from: a name:tag or an image id.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
})

export const Image = builder.prismaNode('Image', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id: Number(id), AND: [visibleImages(ctx.viewer)] }),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Repository path, e.g. team/web.' }),
    description: t.exposeString('description'),
    iconUrl: t.exposeString('iconUrl', { nullable: true }),
    isPrivate: t.exposeBoolean('isPrivate'),
    jumpstart: t.exposeBoolean('jumpstart'),
    starCount: t.exposeInt('starCount'),
    viewerHasStarred: t.boolean({ resolve: (image, _args, ctx) => ctx.loaders.imageStarredByViewer.load(image.id) }),
    loginUsername: t.exposeString('loginUsername', { nullable: true, description: 'User to log in as on instances of this image (Sahara).' }),
    minDiskGb: t.exposeInt('minDiskGb', { nullable: true }),
    minRamMb: t.exposeInt('minRamMb', { nullable: true }),
    metadata: t.expose('metadata', { type: 'JSON', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    state: t.field({
      type: ImageState,
      description:
        "Tutum's rule: BUILDING while a build of it is queued, running or cancelling; else FAILED when a tag's latest build failed; else SUCCESS when it has tags and all are built, pulled or imported; else EMPTY (no tags, or a tag only named in the catalog, with no digest).",
      resolve: async (image, _args, ctx) => (await ctx.loaders.imageStatus.load(image.id)).state,
    }),
    lastBuildDate: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When a build of any of its tags last succeeded.',
      resolve: async (image, _args, ctx) => (await ctx.loaders.imageStatus.load(image.id)).lastBuildDate,
    }),
    inUse: t.boolean({
      description: 'Whether any container (running or stopped) uses one of its tags on the engine. False without an engine.',
      resolve: async (image, _args, ctx) => (await ctx.loaders.imageContainers.load(image.id)).length > 0,
    }),
    containers: t.field({
      type: [Container],
      description:
        'The containers (running or stopped) that use one of its tags on the engine, shown to those who hold WRITE on it (empty for others). Empty without an engine.',
      // Container names describe the machine, not the image: only those who may change the image see them.
      resolve: (image, _args, ctx) => (holds(image, ctx.viewer, 'WRITE') ? ctx.loaders.imageContainers.load(image.id) : []),
    }),
    viewerPermission: t.field({
      type: ImagePermissionEnum,
      nullable: true,
      description: 'What the caller may do with it: READ, WRITE (tag, build, push, pull into) or ADMIN (settings, delete, retention, protection, build source, permissions). Null for anonymous callers.',
      resolve: (image, _args, ctx) => (ctx.viewer ? permissionOn(image, ctx.viewer) : null),
    }),
    owner: t.relation('owner', { description: 'Who created it. In an organization\'s namespace, rights come from the organization, not from this.' }),
    organization: t.relation('organization', { nullable: true, description: "The organization whose namespace holds it; null in a user's own namespace." }),
    registry: t.relation('registry', { nullable: true }),
    categories: t.relatedConnection('categories', { cursor: 'id', totalCount: true, query: { orderBy: { name: 'asc' } } }),
    tags: t.relatedConnection('tags', { cursor: 'id', totalCount: true, query: { orderBy: { name: 'asc' } } }),
    versions: t.relatedConnection('versions', { cursor: 'id', totalCount: true, query: { orderBy: { id: 'desc' } } }),
    builds: t.relatedConnection('builds', { cursor: 'id', totalCount: true, query: { orderBy: { id: 'desc' } } }),
  }),
})

const ImageFilterInput = builder.inputType('ImageFilter', {
  fields: (t) => ({
    nameContains: t.string({ required: false }),
    categories: t.stringList({ required: false, description: 'Images in any of these categories (by name).' }),
    registry: t.id({ required: false }),
    isPrivate: t.boolean({ required: false }),
    jumpstart: t.boolean({ required: false }),
    tags: t.stringList({ required: false, description: 'Images that carry every one of these tags.' }),
    state: t.field({ type: ImageState, required: false }),
    owner: t.string({ required: false, description: "Owner's user name." }),
  }),
})

const ImageOrderFieldEnum = builder.enumType('ImageOrderField', { values: ['NAME', 'CREATED_AT', 'UPDATED_AT', 'STAR_COUNT'] as const })
export const OrderDirection = builder.enumType('OrderDirection', { values: ['ASC', 'DESC'] as const })
const ImageOrder = builder.inputType('ImageOrder', {
  fields: (t) => ({
    field: t.field({ type: ImageOrderFieldEnum, required: true }),
    direction: t.field({ type: OrderDirection, defaultValue: 'ASC', required: true }),
  }),
})

/** The `filter` argument of `images` as the catalog takes it; the compiled read path (src/read-path/) reads it too. */
export function toFilter(filter: typeof ImageFilterInput.$inferInput | null | undefined): ImageFilter {
  if (!filter) return {}
  return { ...filter, registryId: optionalId(filter.registry, 'Registry', ['filter', 'registry']) }
}

builder.queryFields((t) => ({
  image: t.prismaField({
    type: Image,
    nullable: true,
    description: 'One image by ID or by name. Null when it does not exist or is not visible to you.',
    args: { id: t.arg.id(), name: t.arg.string() },
    resolve: (query, _root, args, ctx) => {
      if ((args.id == null) === (args.name == null)) throw new UserInputError('INVALID', ['id'], 'Give exactly one of id or name')
      const by = args.id != null ? { id: decodeId(args.id, 'Image', ['id']) } : { name: args.name! }
      return ctx.services.images.findVisible(ctx.viewer, by, query)
    },
  }),
  images: t.prismaConnection({
    type: 'Image',
    cursor: 'id',
    args: { filter: t.arg({ type: ImageFilterInput }), orderBy: t.arg({ type: ImageOrder }) },
    totalCount: async (_conn, args, ctx) => ctx.services.images.count(await ctx.loaders.imageWhere.load(toFilter(args.filter))),
    resolve: async (query, _root, args, ctx) =>
      ctx.services.images.list(
        await ctx.loaders.imageWhere.load(toFilter(args.filter)),
        args.orderBy as { field: ImageOrderField; direction: 'ASC' | 'DESC' } | null,
        query,
      ),
  }),
}))

/** Fields both createImage and updateImage take; omitted ones are left alone. */
const editableImageFields = (t: InputFields) => ({
  description: t.string({ required: false }),
  iconUrl: t.string({ required: false }),
  isPrivate: t.boolean({ required: false }),
  jumpstart: t.boolean({ required: false }),
  registryId: t.id({ required: false }),
  categoryIds: t.idList({ required: false }),
  loginUsername: t.string({ required: false }),
  minDiskGb: t.int({ required: false }),
  minRamMb: t.int({ required: false }),
  metadata: t.field({ type: 'JSON', required: false }),
})

const CreateImageInput = builder.inputType('CreateImageInput', {
  fields: (t) => ({ name: t.string({ required: true }), ...editableImageFields(t) }),
})
const UpdateImageInput = builder.inputType('UpdateImageInput', {
  fields: (t) => ({ id: t.id({ required: true }), name: t.string({ required: false, description: 'Renames the image.' }), ...editableImageFields(t) }),
})
const DeleteImageInput = builder.inputType('DeleteImageInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    cascade: t.boolean({
      defaultValue: false,
      required: true,
      description: 'Stop and remove the containers (running or stopped) that use the image. Without it, such containers make the delete IMAGE_IN_USE.',
    }),
    metaOnly: t.boolean({ defaultValue: false, required: true, description: 'Forget the record only; leave the image on the engine.' }),
  }),
})
const ImageIdInput = builder.inputType('ImageIdInput', { fields: (t) => ({ imageId: t.id({ required: true }) }) })
const SetImageCategoriesInput = builder.inputType('SetImageCategoriesInput', {
  fields: (t) => ({ imageId: t.id({ required: true }), categoryIds: t.idList({ required: true }) }),
})

type EditableInput = Omit<typeof UpdateImageInput.$inferInput, 'id' | 'name'>

function imageFields(input: EditableInput) {
  const { registryId, categoryIds, ...rest } = input
  return {
    ...rest,
    registryId: optionalId(registryId, 'Registry', ['input', 'registryId']),
    categoryIds: categoryIds?.map((id, i) => decodeId(id, 'Category', ['input', 'categoryIds', String(i)])),
  }
}

export const ImagePayload = payloadType<{ image: { id: number } }>('ImagePayload', (t) => ({
  image: t.field({ type: Image, nullable: true, resolve: (payload) => payload.image as never }),
}))
const DeleteImagePayload = payloadType<{ deletedImageId: string }>('DeleteImagePayload', (t) => ({
  deletedImageId: t.id({ nullable: true, resolve: (payload) => payload.deletedImageId }),
}))

const imageId = (id: string | number, field = 'imageId') => decodeId(id, 'Image', ['input', field])

builder.mutationFields((t) => ({
  createImage: t.field({
    type: ImagePayload,
    args: { input: t.arg({ type: CreateImageInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => ({ image: await ctx.services.images.create(ctx.viewer, { ...imageFields(input), name: input.name }) })),
  }),
  updateImage: t.field({
    type: ImagePayload,
    args: { input: t.arg({ type: UpdateImageInput, required: true }) },
    resolve: (_root, { input: { id, name, ...input } }, ctx) =>
      withUserErrors(async () => ({
        image: await ctx.services.images.update(ctx.viewer, imageId(id, 'id'), { ...imageFields(input), name: name ?? undefined }),
      })),
  }),
  deleteImage: t.field({
    type: DeleteImagePayload,
    description:
      'Deletes an image with its tags, versions and builds. Unless metaOnly, every name:tag of it is removed from the engine too (the image goes with its last name); containers using it make this IMAGE_IN_USE unless cascade, and an image with tags on an unreachable engine is DOCKER_UNAVAILABLE. Nothing is removed on a userError.',
    args: { input: t.arg({ type: DeleteImageInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => {
        await ctx.services.images.delete(ctx.viewer, imageId(input.id, 'id'), { cascade: input.cascade, metaOnly: input.metaOnly })
        return { deletedImageId: String(input.id) }
      }),
  }),
  setImageCategories: t.field({
    type: ImagePayload,
    args: { input: t.arg({ type: SetImageCategoriesInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => ({
        image: await ctx.services.images.setCategories(
          ctx.viewer,
          imageId(input.imageId),
          input.categoryIds.map((id, i) => decodeId(id, 'Category', ['input', 'categoryIds', String(i)])),
        ),
      })),
  }),
  starImage: t.field({
    type: ImagePayload,
    args: { input: t.arg({ type: ImageIdInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => ({ image: await ctx.services.images.star(ctx.viewer, imageId(input.imageId), true) })),
  }),
  unstarImage: t.field({
    type: ImagePayload,
    args: { input: t.arg({ type: ImageIdInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => ({ image: await ctx.services.images.star(ctx.viewer, imageId(input.imageId), false) })),
  }),
}))

builder.subscriptionField('imageUpdated', (t) =>
  t.field({
    type: Image,
    description:
      'The image now, then again after every change of it: its fields, name, tags, stars, categories, protected tags, versions, build source, retention rules and removals, builds, pulls and pushes. Completes when it is deleted or you may no longer see it.',
    args: { imageId: t.arg.id({ required: true }) },
    subscribe: (_root, args, ctx) => ctx.services.images.follow(ctx.viewer, decodeId(args.imageId, 'Image', ['imageId'])),
    resolve: (id, _args, ctx) => {
      renewLoaders(ctx)
      return ctx.services.images.findVisible(ctx.viewer, { id: id as number }) as never
    },
  }),
)
