import { visibleImages } from '../catalog/visibility.js'
import { builder } from './builder.js'
import { Image } from './image.js'
import { decodeId, payloadType, withUserErrors } from './payloads.js'

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
  }),
})

const TagsInput = builder.inputType('TagsInput', {
  fields: (t) => ({ imageId: t.id({ required: true }), tags: t.stringList({ required: true }) }),
})

const TagImagePayload = payloadType<{ image: { id: number }; tags: { id: number }[] }>('TagImagePayload', (t) => ({
  image: t.field({ type: Image, nullable: true, resolve: (p) => p.image as never }),
  tags: t.field({ type: [Tag], nullable: true, description: 'The requested tags, new and existing.', resolve: (p) => p.tags as never }),
}))
const UntagImagePayload = payloadType<{ image: { id: number }; removedTags: string[] }>('UntagImagePayload', (t) => ({
  image: t.field({ type: Image, nullable: true, resolve: (p) => p.image as never }),
  removedTags: t.stringList({ nullable: true, resolve: (p) => p.removedTags }),
}))

builder.mutationFields((t) => ({
  tagImage: t.field({
    type: TagImagePayload,
    description: 'Adds tags to an image. Existing tags are kept; one invalid name adds none.',
    args: { input: t.arg({ type: TagsInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(() => ctx.services.tags.tag(ctx.viewer, decodeId(input.imageId, 'Image', ['input', 'imageId']), input.tags)),
  }),
  untagImage: t.field({
    type: UntagImagePayload,
    description: 'Removes tags from an image. If any is missing, none is removed.',
    args: { input: t.arg({ type: TagsInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => {
        const { image, removed } = await ctx.services.tags.untag(ctx.viewer, decodeId(input.imageId, 'Image', ['input', 'imageId']), input.tags)
        return { image, removedTags: removed }
      }),
  }),
}))
