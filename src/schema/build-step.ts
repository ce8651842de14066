import { followBuildLog, type LogLine } from '../builds/build-log.js'
import { builder } from './builder.js'
import { requireVisibleBuild } from './build.js'

export const BuildStepState = builder.enumType('BuildStepState', {
  description: 'WAITING -> RUNNING -> DONE | FAILED; a step BuildKit found in its cache goes from WAITING to CACHED.',
  values: { WAITING: {}, RUNNING: {}, CACHED: {}, DONE: {}, FAILED: {} } as const,
})

export const BuildStep = builder.prismaObject('BuildStep', {
  description: "One of BuildKit's steps (vertexes) of a build, e.g. `[2/5] RUN make`, as the build announced them.",
  fields: (t) => ({
    number: t.exposeInt('number', { description: 'Its place among the build\'s steps, from 1 (the "#n" of docker build --progress=plain); a restarted build numbers on.' }),
    attempt: t.exposeInt('attempt', { description: "The build's attempt it belongs to." }),
    name: t.exposeString('name'),
    digest: t.exposeString('digest', { description: "BuildKit's digest of the step." }),
    state: t.expose('state', { type: BuildStepState }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    durationMs: t.int({
      nullable: true,
      select: { startedAt: true, finishedAt: true },
      resolve: (step) => (step.startedAt && step.finishedAt ? step.finishedAt.getTime() - step.startedAt.getTime() : null),
    }),
    errorMessage: t.exposeString('errorMessage', { nullable: true }),
    logLines: t.relatedConnection('logLines', {
      cursor: 'id',
      totalCount: true,
      description: "The step's own lines (its events and its output), oldest first.",
      query: { orderBy: { lineNo: 'asc' } },
    }),
  }),
})

const BuildProgressKind = builder.enumType('BuildProgressKind', {
  values: {
    STARTED: { description: 'A step started; text is its name.' },
    LOG: { description: "A line of output: a step's (stepNumber set) or the build's own." },
    CACHED: { description: 'A step was found in the cache and did not run.' },
    DONE: { description: 'A step finished.' },
    FAILED: { description: 'A step failed; text says why.' },
  } as const,
})

const BuildProgressEvent = builder.objectRef<LogLine>('BuildProgressEvent').implement({
  description: "An event of a build's progress. Events are the build log's lines: eventNo is the line's lineNo.",
  fields: (t) => ({
    eventNo: t.int({ description: 'Position among the build\'s events, from 0: give it + 1 as fromEvent to go on after it.', resolve: (line) => line.lineNo }),
    kind: t.field({ type: BuildProgressKind, resolve: (line) => line.kind ?? 'LOG' }),
    stepNumber: t.int({ nullable: true, description: 'The step it is about; null for the build\'s own lines.', resolve: (line) => line.stepNumber }),
    stepName: t.string({ nullable: true, resolve: (line) => line.stepName ?? null }),
    stream: t.exposeString('stream', { description: 'stdout, stderr or system.' }),
    text: t.exposeString('text'),
    at: t.field({ type: 'DateTime', resolve: (line) => line.createdAt }),
  }),
})

builder.subscriptionField('buildProgress', (t) =>
  t.field({
    type: BuildProgressEvent,
    description: "The build's step events (and its output) from fromEvent, stored ones first, then live ones; completes when the build ends.",
    args: { buildId: t.arg.id({ required: true }), fromEvent: t.arg.int({ defaultValue: 0, required: true }) },
    subscribe: async (_root, args, ctx) => followBuildLog(ctx.db, ctx.services.bus, await requireVisibleBuild(ctx, args.buildId), Math.max(0, args.fromEvent), true),
    resolve: (line) => line,
  }),
)
