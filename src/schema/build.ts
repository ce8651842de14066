import { visibleImages } from '../catalog/visibility.js'
import { builder } from './builder.js'
import { decodeId } from './payloads.js'

export const BuildState = builder.enumType('BuildState', { values: ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const })

export const Build = builder.prismaNode('Build', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id: Number(id), image: visibleImages(ctx.viewer) }),
  fields: (t) => ({
    state: t.expose('state', { type: BuildState }),
    targetTag: t.exposeString('targetTag', { description: 'The tag the build produces.' }),
    dockerfilePath: t.exposeString('dockerfilePath', { nullable: true }),
    errorMessage: t.exposeString('errorMessage', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the build was queued.' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    image: t.relation('image'),
    version: t.relation('version', { nullable: true }),
    requestedBy: t.relation('requestedBy', { nullable: true }),
    logLines: t.relatedConnection('logLines', {
      cursor: 'id',
      totalCount: true,
      description: 'The build log, one entry per line, oldest first.',
      query: { orderBy: { lineNo: 'asc' } },
    }),
  }),
})

builder.prismaObject('BuildLogLine', {
  fields: (t) => ({
    lineNo: t.exposeInt('lineNo', { description: 'Position in the log, from 0.' }),
    stream: t.exposeString('stream', { description: 'stdout, stderr or system.' }),
    text: t.exposeString('text'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
})

builder.queryField('build', (t) =>
  t.prismaField({
    type: Build,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.services.builds.findVisible(ctx.viewer, decodeId(args.id, 'Build', ['id']), query),
  }),
)
