import { holds, IMAGE_ACCESS_SELECT } from '../catalog/visibility.js'
import type { Build as BuildRow } from '../db/client.js'
import { UserInputError } from '../errors.js'
import { shownRepositoryUrl } from '../sources/build-sources.js'
import { builder } from './builder.js'
import { Build } from './build.js'
import { Image } from './image.js'
import { decodeId, payloadType, withUserErrors } from './payloads.js'

const AutotestMode = builder.enumType('AutotestMode', {
  values: {
    OFF: { description: 'Builds move their tag without a test.' },
    SOURCE_ONLY: {
      description: "Every build runs the test first and only a pass moves the tag; the repository's own pull requests are tested (never tagged).",
    },
    SOURCE_AND_FORKS: { description: "As SOURCE_ONLY, and pull requests from forks are tested too." },
  } as const,
})

builder.prismaObject('BuildSetting', {
  fields: (t) => ({
    branch: t.exposeString('branch'),
    tag: t.exposeString('tag'),
    dockerfilePath: t.exposeString('dockerfilePath'),
    autobuild: t.exposeBoolean('autobuild', { description: 'Build on every signed push event for the branch.' }),
  }),
})

const WebhookDeliveryState = builder.enumType('WebhookDeliveryState', {
  values: {
    QUEUED: { description: 'Answered and queued: its clone job has not started.' },
    RUNNING: { description: 'Its clone job checks the branch out and queues the builds.' },
    DONE: { description: 'Handled: `builds` were queued, or `error` says why there was nothing to build.' },
    FAILED: { description: 'Its builds could not start (`error` says why); the sender delivering it again tries again.' },
  } as const,
})

const MAX_DELIVERIES = 100

builder.prismaObject('HookDelivery', {
  name: 'WebhookDelivery',
  description: 'A signed push event the build source received, and what became of it: the webhook answers at once, and the clone and the builds follow.',
  fields: (t) => ({
    deliveryId: t.exposeString('deliveryId', { description: "The sender's id for it (X-GitHub-Delivery)." }),
    event: t.exposeString('event', { nullable: true }),
    receivedAt: t.expose('receivedAt', { type: 'DateTime' }),
    state: t.field({ type: WebhookDeliveryState, resolve: (delivery) => delivery.state as 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED' }),
    attempt: t.exposeInt('attempt', { description: 'Its clone job\'s run: above 1 after a redelivery, or after the instance running it died.' }),
    error: t.exposeString('error', { nullable: true, description: 'Why it failed, or why it built nothing.' }),
    builds: t.prismaField({
      type: ['Build'],
      description: 'The builds it queued.',
      resolve: async (query, delivery, _args, ctx) => {
        const ids = Array.isArray(delivery.buildIds) ? (delivery.buildIds as number[]) : []
        // A build deleted since (with its image's history) is left out.
        const builds = await ctx.loaders.buildsSelected(query).loadMany(ids)
        return builds.filter((build) => build !== null && !(build instanceof Error)) as BuildRow[]
      },
    }),
  }),
})

export const BuildSource = builder.prismaObject('BuildSource', {
  description: "Tutum's build source: a git repository whose branches build into the image's tags. Shown to the image's owner and administrators.",
  fields: (t) => ({
    repositoryUrl: t.string({
      description:
        'The URL with its user name, and *** where its password is: the password is stored sealed, apart from the URL, and never shown. Given back unchanged to setBuildSource, *** keeps the stored password.',
      resolve: (source) => shownRepositoryUrl(source),
    }),
    autotests: t.expose('autotests', { type: AutotestMode }),
    testCommand: t.exposeString('testCommand', { nullable: true, description: 'Run in the built image when the repository has no docker-compose.test.yml sut service.' }),
    buildSettings: t.relation('settings', { query: { orderBy: { id: 'asc' } } }),
    webhookPath: t.string({
      description: 'Where the git host sends push events (POST), signed with the webhook secret as X-Hub-Signature-256.',
      select: { image: { select: { name: true } } },
      resolve: (source) => `/hooks/git/${source.image.name}`,
    }),
    deliveries: t.relation('deliveries', {
      description: `The latest webhook deliveries, newest first: \`first\` of them (20 unless given, at most ${MAX_DELIVERIES}).`,
      args: { first: t.arg.int({ required: false }) },
      query: (args) => {
        const first = args.first ?? 20
        if (!Number.isInteger(first) || first < 0 || first > MAX_DELIVERIES) throw new UserInputError('INVALID', ['first'], `first must be between 0 and ${MAX_DELIVERIES}`)
        return { orderBy: { id: 'desc' }, take: first }
      },
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
})

builder.prismaObjectField('Image', 'buildSource', (t) =>
  t.field({
    type: BuildSource,
    nullable: true,
    description: 'Shown to those who hold ADMIN on the image; null for everyone else.',
    select: (_args, _ctx, nestedSelection) => ({ buildSource: nestedSelection(true), ...IMAGE_ACCESS_SELECT }),
    resolve: (image, _args, ctx) => (holds(image, ctx.viewer, 'ADMIN') ? image.buildSource : null),
  }),
)

const BuildSettingInput = builder.inputType('BuildSettingInput', {
  fields: (t) => ({
    branch: t.string({ required: true }),
    tag: t.string({ required: true }),
    dockerfilePath: t.string({ required: false, description: 'Relative to the repository root; Dockerfile when left out.' }),
    autobuild: t.boolean({ required: false }),
  }),
})
const SetBuildSourceInput = builder.inputType('SetBuildSourceInput', {
  fields: (t) => ({
    imageId: t.id({ required: true }),
    repositoryUrl: t.string({
      required: true,
      description:
        'https://, http://, ssh://, git://, or file:// for administrators. A password in it (https://user:password@host/...) is stored sealed and handed to git apart from the URL; *** as the password keeps the stored one.',
    }),
    buildSettings: t.field({ type: [BuildSettingInput], required: true }),
    autotests: t.field({ type: AutotestMode, required: false }),
    testCommand: t.string({ required: false }),
    rotateSecret: t.boolean({ required: false, description: 'Make a new webhook secret; the old one stops working.' }),
  }),
})
const ImageIdInput = builder.inputType('BuildSourceImageInput', { fields: (t) => ({ imageId: t.id({ required: true }) }) })
const TriggerBuildInput = builder.inputType('TriggerBuildInput', { fields: (t) => ({ imageId: t.id({ required: true }), branch: t.string({ required: true }) }) })

const SetBuildSourcePayload = payloadType<{ image: { id: number }; webhookSecret: string | null }>('SetBuildSourcePayload', (t) => ({
  image: t.field({ type: Image, nullable: true, resolve: (p) => p.image as never }),
  webhookSecret: t.string({
    nullable: true,
    description: 'The HMAC-SHA256 secret for the webhook, shown only when it was made (a new source, or rotateSecret).',
    resolve: (p) => p.webhookSecret ?? null,
  }),
}))
const RemoveBuildSourcePayload = payloadType<{ image: { id: number } }>('RemoveBuildSourcePayload', (t) => ({
  image: t.field({ type: Image, nullable: true, resolve: (p) => p.image as never }),
}))
const TriggerBuildPayload = payloadType<{ builds: { id: number }[] }>('TriggerBuildPayload', (t) => ({
  builds: t.field({ type: [Build], nullable: true, description: 'One build per setting of the branch, each from the same commit.', resolve: (p) => p.builds as never }),
}))

const imageIdOf = (id: string | number) => decodeId(id, 'Image', ['input', 'imageId'])

builder.mutationFields((t) => ({
  setBuildSource: t.field({
    type: SetBuildSourcePayload,
    args: { input: t.arg({ type: SetBuildSourceInput, required: true }) },
    resolve: (_root, { input: { imageId, ...input } }, ctx) =>
      withUserErrors(async () => {
        const id = imageIdOf(imageId)
        const { secret } = await ctx.services.buildSources.set(ctx.viewer, id, input)
        return { image: (await ctx.services.images.findVisible(ctx.viewer, { id }))!, webhookSecret: secret }
      }),
  }),
  removeBuildSource: t.field({
    type: RemoveBuildSourcePayload,
    args: { input: t.arg({ type: ImageIdInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => {
        const id = imageIdOf(input.imageId)
        await ctx.services.buildSources.remove(ctx.viewer, id)
        return { image: (await ctx.services.images.findVisible(ctx.viewer, { id }))! }
      }),
  }),
  triggerBuild: t.field({
    type: TriggerBuildPayload,
    description: "Checks out the branch's head and builds each setting of that branch into its tag.",
    args: { input: t.arg({ type: TriggerBuildInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => ({ builds: await ctx.services.buildSources.trigger(ctx.viewer, imageIdOf(input.imageId), input.branch) })),
  }),
}))
