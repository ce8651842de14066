import { visibleImages } from '../catalog/visibility.js'
import { builder } from './builder.js'
import { decodeId, payloadType, withUserErrors } from './payloads.js'

export const VersionState = builder.enumType('VersionState', { values: ['PENDING', 'BUILDING', 'BUILT', 'FAILED'] as const })

export const Version = builder.prismaNode('Version', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id: Number(id), image: visibleImages(ctx.viewer) }),
  fields: (t) => ({
    version: t.exposeString('version'),
    state: t.expose('state', { type: VersionState }),
    sizeBytes: t.expose('sizeBytes', { type: 'BigInt', nullable: true, description: 'Size of the built image.' }),
    source: t.field({
      type: SourceArchive,
      resolve: (v) => ({ sha256: v.sourceSha256, sizeBytes: v.sourceSizeBytes, filename: v.sourceFilename, format: v.sourceFormat }),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    image: t.relation('image'),
    builds: t.relatedConnection('builds', { cursor: 'id', totalCount: true, query: { orderBy: { id: 'desc' } } }),
  }),
})

const SourceArchive = builder
  .objectRef<{ sha256: string; sizeBytes: number; filename: string; format: string }>('SourceArchive')
  .implement({
    fields: (t) => ({
      sha256: t.exposeString('sha256'),
      sizeBytes: t.exposeInt('sizeBytes'),
      filename: t.exposeString('filename'),
      format: t.exposeString('format', { description: 'tar, tar+gzip or zip.' }),
    }),
  })

builder.queryField('version', (t) =>
  t.prismaField({
    type: Version,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) =>
      ctx.services.versions.findVisible(ctx.viewer, decodeId(args.id, 'Version', ['id']), query),
  }),
)

const CreateVersionInput = builder.inputType('CreateVersionInput', {
  fields: (t) => ({
    imageId: t.id({ required: true }),
    version: t.string({ required: true }),
    source: t.field({ type: 'File', required: true, description: 'The source as a tar, tar.gz or zip archive.' }),
  }),
})

const VersionPayload = payloadType<{ version: { id: number } }>('VersionPayload', (t) => ({
  version: t.field({ type: Version, nullable: true, resolve: (p) => p.version as never }),
}))

builder.mutationField('createVersion', (t) =>
  t.field({
    type: VersionPayload,
    args: { input: t.arg({ type: CreateVersionInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => ({
        version: await ctx.services.versions.create(ctx.viewer, {
          imageId: decodeId(input.imageId, 'Image', ['input', 'imageId']),
          version: input.version,
          source: input.source,
        }),
      })),
  }),
)
