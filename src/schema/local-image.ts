// What the Docker engine holds, and bringing one of its images into the catalog.
import { requireAdmin } from '../auth/viewer.js'
import type { EngineImageSummary } from '../docker/images.js'
import { UserInputError } from '../errors.js'
import { builder } from './builder.js'
import { Image } from './image.js'
import { payloadType, withUserErrors } from './payloads.js'
import { Tag } from './tag.js'

type LocalImageShape = EngineImageSummary & { inCatalog: boolean; engineName: string | null }

const LocalImage = builder.objectRef<LocalImageShape>('LocalImage').implement({
  description: 'An image the Docker engine holds, whether or not the catalog knows it.',
  fields: (t) => ({
    id: t.exposeString('id', { description: "The engine's image id (sha256:...), not a global ID." }),
    repoTags: t.exposeStringList('repoTags', { description: 'Its name:tag references; empty for a dangling image.' }),
    sizeBytes: t.expose('sizeBytes', { type: 'BigInt' }),
    created: t.expose('createdAt', { type: 'DateTime' }),
    inCatalog: t.exposeBoolean('inCatalog', { description: 'Whether one of its repo tags is the name the engine holds a catalog tag you can see under.' }),
    engineName: t.exposeString('engineName', { nullable: true, description: 'The Docker engine that holds it (dockerEngines { name }).' }),
  }),
})

const DEFAULT_PAGE = 20
const MAX_PAGE = 100

// Engine images have no integer key: cursors are 1-based positions in the engine's list
// (newest first), in the same form as every other cursor here.
const cursorAt = (position: number) => Buffer.from(`GPC:N:${position}`).toString('base64')
const positionOf = (cursor: string) => Number(/^GPC:N:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'))?.[1] ?? NaN)

function pageSize(value: number | null | undefined, name: string): number | null {
  if (value == null) return null
  if (!Number.isInteger(value) || value < 0) throw new UserInputError('INVALID', [name], `${name} must be zero or more`)
  return Math.min(value, MAX_PAGE)
}

builder.queryField('localImages', (t) =>
  t.connection({
    type: LocalImage,
    nullable: true,
    description:
      'The images a Docker engine holds, newest first: the one named by `engine`, or the first. Administrators only: the engine is shared by every user, so its list names images regardless of who owns them. Null, with a DOCKER_UNAVAILABLE error, when the engine does not answer.',
    args: { engine: t.arg.string({ description: 'The name of one of dockerEngines; the first when left out.' }) },
    resolve: async (_root, args, ctx) => {
      const viewer = requireAdmin(ctx.viewer)
      let first = pageSize(args.first, 'first')
      const last = pageSize(args.last, 'last')
      if (first == null && last == null) first = DEFAULT_PAGE
      const engine = await ctx.services.engines.named(args.engine, ['engine'])
      await engine.images.requireReachable()
      const all = await ctx.loaders.localImages(engine)

      let start = args.after ? Math.min(positionOf(args.after), all.length) : 0
      let end = args.before ? Math.max(Math.min(positionOf(args.before) - 1, all.length), start) : all.length
      if (first != null) end = Math.min(end, start + first)
      if (last != null) start = Math.max(start, end - last)
      const page = all.slice(start, end)

      const inCatalog = await ctx.services.tags.catalogReferences(viewer, page.flatMap((image) => image.repoTags))
      return {
        totalCount: all.length,
        edges: page.map((image, i) => ({
          cursor: cursorAt(start + i + 1),
          node: { ...image, inCatalog: image.repoTags.some((ref) => inCatalog.has(ref)), engineName: engine.name },
        })),
        pageInfo: {
          hasPreviousPage: start > 0,
          hasNextPage: end < all.length,
          startCursor: page.length ? cursorAt(start + 1) : null,
          endCursor: page.length ? cursorAt(end) : null,
        },
      }
    },
  }),
)

const ImportLocalImageInput = builder.inputType('ImportLocalImageInput', {
  fields: (t) => ({
    reference: t.string({
      required: true,
      description: 'A name:tag the engine holds, e.g. team/web:1.0 or registry.example.com:5000/team/web:1.0 (tag 1.0 of team/web, held under that registry\'s name).',
    }),
    engine: t.string({ description: 'The name of the Docker engine that holds it (one of dockerEngines); the first when left out.' }),
    name: t.string({ description: 'The catalog image to add it to, e.g. admin/busybox; by default the repository path, which must then start with a namespace.' }),
  }),
})

const ImportLocalImagePayload = payloadType<{ image: { id: number }; tag: { id: number } }>('ImportLocalImagePayload', (t) => ({
  image: t.field({ type: Image, nullable: true, resolve: (p) => p.image as never }),
  tag: t.field({ type: Tag, nullable: true, resolve: (p) => p.tag as never }),
}))

builder.mutationField('importLocalImage', (t) =>
  t.field({
    type: ImportLocalImagePayload,
    description:
      'Adds an image the engine holds to the catalog (administrators only, like localImages): the image, owned by you, when the catalog has none of that name, and the tag with its digest, engine image and size. Importing again refreshes the tag.',
    args: { input: t.arg({ type: ImportLocalImageInput, required: true }) },
    resolve: (_root, { input }, ctx) => withUserErrors(() => ctx.services.tags.importLocal(ctx.viewer, input.reference, input.engine, input.name)),
  }),
)
