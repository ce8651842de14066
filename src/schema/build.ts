import { storedStrings } from '../builds/runner.js'
import { followBuildLog } from '../builds/build-log.js'
import { followBuildState } from '../builds/streams.js'
import type { Context } from '../context.js'
import { visibleImages } from '../catalog/visibility.js'
import { notFound } from '../errors.js'
import { builder } from './builder.js'
import { BuilderKind } from './docker.js'
import type { Builder } from '../config.js'
import { renewLoaders } from './loaders.js'
import { decodeId, payloadType, withUserErrors } from './payloads.js'

export const BuildState = builder.enumType('BuildState', {
  description: 'QUEUED -> RUNNING -> SUCCEEDED | FAILED | CANCELLED; a running build that cancelBuild stops is CANCELLING until the engine has stopped it.',
  values: {
    QUEUED: {},
    RUNNING: {},
    CANCELLING: { description: 'cancelBuild was asked while it ran; it ends CANCELLED (or as the engine finished, if that came first).' },
    SUCCEEDED: {},
    FAILED: {},
    CANCELLED: {},
  },
})

const BuildTrigger = builder.enumType('BuildTrigger', {
  values: { MANUAL: { description: 'buildImage, buildVersion or triggerBuild.' }, WEBHOOK: { description: 'A signed push event on /hooks/git/<image>.' } } as const,
})

export const Build = builder.prismaNode('Build', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx) => ({ id: Number(id), image: visibleImages(ctx.viewer) }),
  fields: (t) => ({
    state: t.expose('state', { type: BuildState }),
    targetTag: t.exposeString('targetTag', { description: 'The tag the build produces.' }),
    dockerfilePath: t.exposeString('dockerfilePath', { nullable: true }),
    branch: t.exposeString('branch', { nullable: true, description: "For builds from the image's git build source: the branch built." }),
    commitSha: t.exposeString('commitSha', { nullable: true, description: 'The commit checked out, for builds from git.' }),
    commitMessage: t.exposeString('commitMessage', { nullable: true }),
    trigger: t.field({ type: BuildTrigger, resolve: (build) => build.trigger as 'MANUAL' | 'WEBHOOK' }),
    pullRequest: t.exposeString('pullRequest', {
      nullable: true,
      description: "Set for a pull request's autotest, e.g. \"#12 from fork/app:feature\": the image was built and tested, and no tag moved.",
    }),
    testsPassed: t.exposeBoolean('testsPassed', {
      nullable: true,
      description: 'With autotests: whether the test passed (the tag moved only if so). Null when no test ran.',
    }),
    errorMessage: t.exposeString('errorMessage', { nullable: true, description: 'Why it failed; for a failed step, e.g. "step [3/5] RUN make failed with exit code 2".' }),
    builder: t.field({ type: BuilderKind, nullable: true, description: 'The builder it ran with; null until it starts.', resolve: (build) => build.builder as Builder | null }),
    target: t.exposeString('target', { nullable: true, description: 'The multi-stage stage built.' }),
    noCache: t.exposeBoolean('noCache'),
    platform: t.exposeString('platform', { nullable: true }),
    labels: t.field({
      type: [BuildLabel],
      select: { labels: true },
      resolve: (build) => Object.entries((build.labels ?? {}) as Record<string, string>).map(([name, value]) => ({ name, value })),
    }),
    secretIds: t.stringList({
      description: 'The ids of the secrets its RUN steps could mount. Their values are never returned.',
      select: { secretIds: true },
      resolve: (build) => storedStrings(build.secretIds),
    }),
    steps: t.relation('steps', { description: "BuildKit's steps, of every attempt, in the order the build announced them.", query: { orderBy: { number: 'asc' } } }),
    attempt: t.exposeInt('attempt', { description: '1, or 2 once it started over because its instance or engine died (JOB_RETRIES).' }),
    engineName: t.string({
      nullable: true,
      description: 'The Docker engine it runs (or ran) on; null while queued.',
      select: { engine: { select: { name: true } } },
      resolve: (build) => build.engine?.name ?? null,
    }),
    engineLabels: t.stringList({ description: 'Labels the engine had to carry.', select: { engineLabels: true }, resolve: (build) => storedStrings(build.engineLabels) }),
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

const BuildLabel = builder.objectRef<{ name: string; value: string }>('BuildLabel').implement({
  fields: (t) => ({ name: t.exposeString('name'), value: t.exposeString('value') }),
})

const BuildLogLine = builder.prismaObject('BuildLogLine', {
  fields: (t) => ({
    stepNumber: t.exposeInt('stepNumber', { nullable: true, description: 'The BuildKit step the line belongs to; null for the build\'s own lines.' }),
    kind: t.exposeString('kind', { nullable: true, description: 'STARTED, CACHED, DONE or FAILED for a line that says so of its step; null for output.' }),
    lineNo: t.exposeInt('lineNo', { description: 'Position in the log, from 0.' }),
    stream: t.exposeString('stream', { description: 'stdout, stderr, system, or test and test-stderr for an autotest.' }),
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

const BuildArgInput = builder.inputType('BuildArgInput', {
  fields: (t) => ({ name: t.string({ required: true }), value: t.string({ required: true }) }),
})
const BuildLabelInput = builder.inputType('BuildLabelInput', {
  fields: (t) => ({ name: t.string({ required: true }), value: t.string({ required: true }) }),
})
const BuildSecretInput = builder.inputType('BuildSecretInput', {
  description: 'A secret a RUN step mounts with --mount=type=secret,id=<id>. Write-only: stored sealed until the build ends, masked in its log, never returned.',
  fields: (t) => ({ id: t.string({ required: true }), value: t.string({ required: true }) }),
})
const BuildImageInput = builder.inputType('BuildImageInput', {
  fields: (t) => ({
    imageId: t.id({ required: true }),
    versionId: t.id({ required: false, description: "Build this version's source archive. Give this or dockerfile." }),
    dockerfile: t.string({ required: false, description: 'Build from this Dockerfile text, with an empty context.' }),
    tag: t.string({ required: false, description: 'The tag to produce; defaults to the version string, or latest.' }),
    dockerfilePath: t.string({ required: false, description: 'Path of the Dockerfile inside the archive (default Dockerfile).' }),
    buildArgs: t.field({ type: [BuildArgInput], required: false }),
    engineLabels: t.stringList({ required: false, description: 'key=value labels the engine must carry (see dockerEngines), e.g. platform=linux/arm64.' }),
    target: t.string({ required: false, description: 'The stage of a multi-stage Dockerfile to build (FROM ... AS <target>).' }),
    noCache: t.boolean({ required: false, description: 'Run every step afresh, using no cached layer.' }),
    platform: t.string({ required: false, description: 'The platform to build for, e.g. linux/arm64, where the engine can.' }),
    labels: t.field({ type: [BuildLabelInput], required: false, description: 'Labels the built image carries.' }),
    secrets: t.field({ type: [BuildSecretInput], required: false, description: 'Secrets for RUN --mount=type=secret (BuildKit only).' }),
  }),
})
const CancelBuildInput = builder.inputType('CancelBuildInput', { fields: (t) => ({ id: t.id({ required: true }) }) })

const BuildPayload = payloadType<{ build: { id: number } }>('BuildPayload', (t) => ({
  build: t.field({ type: Build, nullable: true, resolve: (p) => p.build as never }),
}))

builder.mutationFields((t) => ({
  buildImage: t.field({
    type: BuildPayload,
    description: 'Queues a build on the Docker engine and returns it at once; follow it with buildLogs and buildUpdated.',
    args: { input: t.arg({ type: BuildImageInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => ({
        build: await ctx.services.builds.request(ctx.viewer, {
          ...input,
          imageId: decodeId(input.imageId, 'Image', ['input', 'imageId']),
          versionId: input.versionId == null ? null : decodeId(input.versionId, 'Version', ['input', 'versionId']),
        }),
      })),
  }),
  cancelBuild: t.field({
    type: BuildPayload,
    description:
      'Stops a queued or running build and answers with its state now: CANCELLED for a queued one; CANCELLING for a running one, which buildUpdated follows to CANCELLED once the engine has stopped it. A build already over is INVALID.',
    args: { input: t.arg({ type: CancelBuildInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => ({ build: await ctx.services.builds.cancel(ctx.viewer, decodeId(input.id, 'Build', ['input', 'id'])) })),
  }),
}))

/** The build's id, if the viewer may see it: subscriptions obey the same visibility as queries. */
export async function requireVisibleBuild(ctx: Context, id: string | number) {
  const buildId = decodeId(id, 'Build', ['buildId'])
  const build = await ctx.services.builds.findVisible(ctx.viewer, buildId)
  if (!build) throw notFound(['buildId'], 'Build')
  return build.id
}

builder.subscriptionFields((t) => ({
  buildLogs: t.field({
    type: BuildLogLine,
    description: 'The stored lines from fromLine, then new lines as they arrive; completes when the build ends.',
    args: { buildId: t.arg.id({ required: true }), fromLine: t.arg.int({ defaultValue: 0, required: true }) },
    // The log's own stream, not wrapped in another generator: each line passes one layer fewer.
    subscribe: async (_root, args, ctx) => followBuildLog(ctx.db, ctx.services.bus, await requireVisibleBuild(ctx, args.buildId), Math.max(0, args.fromLine)),
    resolve: (line) => line as never,
  }),
  buildUpdated: t.field({
    type: Build,
    description: 'The build now, then again on every change of state; completes when it is over.',
    args: { buildId: t.arg.id({ required: true }) },
    subscribe: async function* (_root, args, ctx) {
      const buildId = await requireVisibleBuild(ctx, args.buildId)
      yield* followBuildState(ctx.services.builds, ctx.services.bus, ctx.viewer, buildId)
    },
    resolve: (id, _args, ctx) => {
      renewLoaders(ctx)
      return ctx.services.builds.findVisible(ctx.viewer, id as number) as never
    },
  }),
}))
