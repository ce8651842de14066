import type { EngineStatus } from '../docker/engine.js'
import type { EngineView } from '../engines/engines.js'
import { builder } from './builder.js'
import { payloadType, withUserErrors, type Payload } from './payloads.js'

/** What both queries answer: the live status of one engine, or the shared list's last health check. */
type EngineShape = Partial<EngineStatus> & Partial<EngineView> & { reachable: boolean; host: string }

export const BuilderKind = builder.enumType('Builder', {
  description: "The engine's builder that builds use (BUILDER).",
  values: {
    BUILDKIT: { description: 'BuildKit (the default): steps, cache and secret mounts, heredocs; needs Docker 18.09 or later.' },
    CLASSIC: { description: 'The classic builder, deprecated by Docker: for engines without BuildKit (BUILDER=classic).' },
  } as const,
})

const DockerEngine = builder.objectRef<EngineShape>('DockerEngine').implement({
  description: 'A Docker engine this service drives. Unreachable is a state, not an error.',
  fields: (t) => ({
    name: t.string({ nullable: true, description: 'Its name (DOCKER_HOSTS, or "default" for DOCKER_HOST).', resolve: (e) => e.name ?? null }),
    reachable: t.exposeBoolean('reachable', { description: 'In dockerEngines: as the last check found it (every ENGINE_CHECK_SECONDS, by any instance).' }),
    host: t.exposeString('host', { description: 'unix:///path or tcp://host:port, as configured.' }),
    version: t.string({ nullable: true, resolve: (e) => e.version ?? null }),
    apiVersion: t.string({ nullable: true, description: 'Live (dockerEngine) only.', resolve: (e) => e.apiVersion ?? null }),
    storageDriver: t.string({ nullable: true, description: 'Live (dockerEngine) only.', resolve: (e) => e.storageDriver ?? null }),
    imageCount: t.int({ nullable: true, description: 'Live (dockerEngine) only.', resolve: (e) => e.imageCount ?? null }),
    error: t.string({ nullable: true, description: 'Why the engine could not be reached.', resolve: (e) => e.error ?? e.lastError ?? null }),
    capacity: t.int({ nullable: true, description: 'Jobs it runs at once, across all instances.', resolve: (e) => e.capacity ?? null }),
    runningJobs: t.int({ nullable: true, description: 'Builds, pulls and pushes running on it now, across all instances.', resolve: (e) => e.runningJobs ?? null }),
    labels: t.stringList({ description: 'key=value labels a build may ask for (engineLabels).', resolve: (e) => e.labels ?? [] }),
    draining: t.boolean({ description: 'A draining engine finishes what it runs and gets nothing new.', resolve: (e) => e.draining ?? false }),
    checkedAt: t.field({ type: 'DateTime', nullable: true, resolve: (e) => e.checkedAt ?? null }),
    builder: t.field({ type: BuilderKind, description: 'The builder builds on it use.', resolve: (e) => e.builder ?? 'BUILDKIT' }),
  }),
})

builder.queryFields((t) => ({
  dockerEngine: t.field({
    type: DockerEngine,
    description: 'Whether the first Docker engine answers, and what it is, asked now.',
    resolve: (_root, _args, ctx) => ctx.services.dockerEngines.primaryStatus(ctx.viewer),
  }),
  dockerEngines: t.field({
    type: [DockerEngine],
    description: 'Every Docker engine jobs run on, with its health, capacity and running jobs.',
    resolve: (_root, _args, ctx) => ctx.services.dockerEngines.list(ctx.viewer),
  }),
}))

const AddDockerEngineInput = builder.inputType('AddDockerEngineInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    host: t.string({ required: true, description: 'unix:///path/to/docker.sock or tcp://host:port' }),
    capacity: t.int({ description: 'Jobs it runs at once, across all instances. Default 4.' }),
    labels: t.stringList({ description: 'key=value labels, e.g. platform=linux/arm64.' }),
  }),
})

const UpdateDockerEngineInput = builder.inputType('UpdateDockerEngineInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    host: t.string(),
    capacity: t.int(),
    labels: t.stringList(),
    draining: t.boolean({ description: 'True: finish what it runs, take nothing new. False: take work again.' }),
  }),
})

const PruneBuildCacheInput = builder.inputType('PruneBuildCacheInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'The engine (see dockerEngines).' }),
    keepBytes: t.field({ type: 'BigInt', description: 'Keep the most recently used cache up to this size; all unused cache goes without it.' }),
  }),
})

const PruneBuildCachePayload = payloadType<{ removedCount: number; reclaimedBytes: bigint }>('PruneBuildCachePayload', (t) => ({
  removedCount: t.int({ nullable: true, description: 'Cache records removed.', resolve: (p: Payload<{ removedCount: number }>) => p.removedCount ?? null }),
  reclaimedBytes: t.field({ type: 'BigInt', nullable: true, resolve: (p: Payload<{ reclaimedBytes: bigint }>) => p.reclaimedBytes ?? null }),
}))

const RemoveDockerEngineInput = builder.inputType('RemoveDockerEngineInput', {
  fields: (t) => ({ name: t.string({ required: true }) }),
})

const DockerEnginePayload = payloadType<{ dockerEngine: EngineView }>('DockerEnginePayload', (t) => ({
  dockerEngine: t.field({ type: DockerEngine, nullable: true, resolve: (p: Payload<{ dockerEngine: EngineView }>) => p.dockerEngine ?? null }),
}))

const RemoveDockerEnginePayload = payloadType<{ removedName: string }>('RemoveDockerEnginePayload', (t) => ({
  removedName: t.string({ nullable: true, resolve: (p: Payload<{ removedName: string }>) => p.removedName ?? null }),
}))

builder.mutationFields((t) => ({
  addDockerEngine: t.field({
    type: DockerEnginePayload,
    description: 'Administrators: adds an engine for builds, pulls and pushes.',
    args: { input: t.arg({ type: AddDockerEngineInput, required: true }) },
    resolve: (_root, { input }, ctx) => withUserErrors(async () => ({ dockerEngine: await ctx.services.dockerEngines.add(ctx.viewer, input) })),
  }),
  updateDockerEngine: t.field({
    type: DockerEnginePayload,
    description: 'Administrators: changes an engine\'s host, capacity or labels, or drains it.',
    args: { input: t.arg({ type: UpdateDockerEngineInput, required: true }) },
    resolve: (_root, { input }, ctx) => withUserErrors(async () => ({ dockerEngine: await ctx.services.dockerEngines.update(ctx.viewer, input) })),
  }),
  pruneBuildCache: t.field({
    type: PruneBuildCachePayload,
    description: "Administrators: frees an engine's BuildKit cache (layers and RUN --mount=type=cache contents) that no running build uses, as docker builder prune does.",
    args: { input: t.arg({ type: PruneBuildCacheInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(() => ctx.services.dockerEngines.pruneBuildCache(ctx.viewer, { name: input.name, keepBytes: input.keepBytes == null ? null : Number(input.keepBytes) })),
  }),
  removeDockerEngine: t.field({
    type: RemoveDockerEnginePayload,
    description: 'Administrators: removes an engine that runs nothing and holds no tag\'s image.',
    args: { input: t.arg({ type: RemoveDockerEngineInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      withUserErrors(async () => {
        await ctx.services.dockerEngines.remove(ctx.viewer, input.name)
        return { removedName: input.name }
      }),
  }),
}))
