// Search across depots and the remote catalog: a registry's tags and manifests, read without pulling.
import type { SearchHit } from '../catalog/search.js'
import type { Context } from '../context.js'
import type { Descriptor, PlatformDescriptor } from '../registries/manifests.js'
import { talkingTo, type RemoteImage, type RemoteManifest } from '../registries/remote.js'
import type { RemoteTag } from '../registries/remote-tags.js'
import { builder } from './builder.js'
import { Image } from './image.js'
import { pageArgs, pageConnection, pageRequest } from './pages.js'
import { optionalId } from './payloads.js'
import { Registry } from './registry.js'
import { Label } from './tag.js'

const SearchDepot = builder.enumType('SearchDepot', {
  values: {
    LOCAL: {
      description:
        "The repositories the Docker engine holds, as you may see them: one of a catalog image (under any registry host) when you may see that image, one of no catalog image for administrators only (as localImages). Others are absent.",
    },
    CATALOG: { description: 'The images of this catalog you may see.' },
    REGISTRY: { description: "A registry's search API, or its /v2/_catalog filtered by the text." },
  } as const,
})

const SearchHitRef = builder.objectRef<SearchHit>('SearchHit').implement({
  description: 'A repository found by searchImages.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'As the depot names it: host/path for the engine, path in a registry.' }),
    depot: t.field({ type: SearchDepot, resolve: (hit) => hit.depot }),
    description: t.exposeString('description', { nullable: true }),
    starCount: t.exposeInt('starCount', { nullable: true }),
    official: t.exposeBoolean('official', { nullable: true, description: "Docker Hub's official images; null where the registry does not say." }),
    automated: t.exposeBoolean('automated', { nullable: true }),
    registry: t.field({ type: Registry, nullable: true, resolve: (hit) => hit.registry as never }),
    installed: t.boolean({ nullable: true, description: 'Whether the engine holds any tag of it that you may see (the rule of LOCAL); null when the engine does not answer.', resolve: (hit) => (hit.installedTags ? hit.installedTags.length > 0 : null) }),
    installedTags: t.stringList({ nullable: true, resolve: (hit) => hit.installedTags }),
    image: t.field({ type: Image, nullable: true, description: 'The catalog image of this name, when you may see it.', resolve: (hit) => hit.image as never }),
  }),
})
const SearchHitConnection = pageConnection<SearchHit>('SearchHit', SearchHitRef)

const RemoteTagRef = builder.objectRef<RemoteTag>('RemoteTag').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    reference: t.exposeString('reference', { description: 'What to pull: host/path:tag.' }),
    installed: t.exposeBoolean('installed', {
      nullable: true,
      description:
        "Whether the engine holds this tag: under this reference, or as the content of a catalog tag you can see (its digest in this registry is this tag's, from a pull or a push). Null when the engine does not answer.",
    }),
  }),
})
const RemoteTagConnection = pageConnection<RemoteTag>('RemoteTag', RemoteTagRef)

const DescriptorRef = builder.objectRef<Descriptor>('RemoteBlob').implement({
  description: 'A layer or config blob as the manifest describes it; its content is not downloaded.',
  fields: (t) => ({ digest: t.exposeString('digest'), mediaType: t.exposeString('mediaType'), size: t.expose('size', { type: 'BigInt' }) }),
})

const RemotePlatform = builder.objectRef<PlatformDescriptor>('RemotePlatform').implement({
  description: "One platform's manifest in an index (or a single manifest's own platform).",
  fields: (t) => ({
    os: t.string({ nullable: true, resolve: (p) => p.platform?.os ?? null }),
    architecture: t.string({ nullable: true, resolve: (p) => p.platform?.architecture ?? null }),
    variant: t.string({ nullable: true, resolve: (p) => p.platform?.variant ?? null }),
    osVersion: t.string({ nullable: true, resolve: (p) => p.platform?.osVersion ?? null }),
    digest: t.exposeString('digest'),
    mediaType: t.exposeString('mediaType'),
    size: t.expose('size', { type: 'BigInt' }),
  }),
})

const RemoteManifestRef = builder.objectRef<RemoteManifest>('RemoteManifest').implement({
  description: 'An image manifest and its config blob.',
  fields: (t) => ({
    digest: t.exposeString('digest'),
    mediaType: t.exposeString('mediaType'),
    size: t.expose('size', { type: 'BigInt', description: "The manifest's own bytes." }),
    totalSize: t.field({ type: 'BigInt', description: 'Config and layers: what a pull downloads, compressed.', resolve: (m) => m.config.size + m.layers.reduce((sum, l) => sum + l.size, 0) }),
    config: t.field({ type: DescriptorRef, resolve: (m) => m.config }),
    layers: t.field({ type: [DescriptorRef], resolve: (m) => m.layers }),
    os: t.exposeString('os', { nullable: true }),
    architecture: t.exposeString('architecture', { nullable: true }),
    variant: t.exposeString('variant', { nullable: true }),
    created: t.expose('created', { type: 'DateTime', nullable: true }),
    labels: t.field({ type: [Label], resolve: (m) => m.labels }),
    env: t.exposeStringList('env'),
    cmd: t.exposeStringList('cmd', { nullable: true }),
    entrypoint: t.exposeStringList('entrypoint', { nullable: true }),
    workingDir: t.exposeString('workingDir', { nullable: true }),
    user: t.exposeString('user', { nullable: true }),
    exposedPorts: t.exposeStringList('exposedPorts'),
  }),
})

const RemoteImageRef = builder.objectRef<RemoteImage>('RemoteImage').implement({
  description: 'What a reference names in its registry, read from the manifest without pulling.',
  fields: (t) => ({
    reference: t.string({ resolve: (r) => `${r.target.engineRepository}${r.target.ref.digest ? `@${r.target.ref.digest}` : `:${r.target.ref.tag ?? 'latest'}`}` }),
    registry: t.field({ type: Registry, resolve: (r) => r.target.registry as never }),
    digest: t.exposeString('digest', { description: 'Of what the reference names: the index, for a multi-platform image.' }),
    mediaType: t.exposeString('mediaType'),
    size: t.expose('size', { type: 'BigInt' }),
    isIndex: t.exposeBoolean('isIndex', { description: 'A manifest list or OCI image index.' }),
    platforms: t.field({ type: [RemotePlatform], resolve: (r) => r.platforms }),
    image: t.field({
      type: RemoteManifestRef,
      nullable: true,
      description: 'The image for the platform asked for (linux/amd64 by default) or the only one.',
      resolve: (r) => r.image,
    }),
  }),
})

const target = (ctx: Context, args: { reference: string; registryId?: string | null }) =>
  ctx.services.remote.resolve(ctx.viewer, args.reference, optionalId(args.registryId, 'Registry', ['registryId']) ?? null, ['reference'])

builder.queryFields((t) => ({
  searchImages: t.field({
    type: SearchHitConnection,
    description: 'Searches what the engine holds, this catalog, or a registry, by a part of the name.',
    args: {
      depot: t.arg({ type: SearchDepot, required: true }),
      registryId: t.arg.id({ required: false, description: 'The registry to search; REGISTRY only.' }),
      text: t.arg.string({ required: false }),
      ...pageArgs,
    },
    resolve: async (_root, args, ctx) => {
      const page = pageRequest(args)
      const registryId = optionalId(args.registryId, 'Registry', ['registryId']) ?? null
      return { ...(await ctx.services.search.search(ctx.viewer, { depot: args.depot, registryId, text: args.text ?? null }, page)), after: page.after }
    },
  }),
  remoteTags: t.field({
    type: RemoteTagConnection,
    description: "A repository's tags in its registry, marking those the engine holds.",
    args: { reference: t.arg.string({ required: true, description: '[host/]path; a tag or digest in it is ignored.' }), registryId: t.arg.id({ required: false }), ...pageArgs },
    resolve: async (_root, args, ctx) => {
      const page = pageRequest(args)
      const remote = await target(ctx, args)
      return { ...(await talkingTo(['reference'], () => ctx.services.remoteTags.page(ctx.viewer, remote, page))), after: page.after }
    },
  }),
  remoteInspect: t.field({
    type: RemoteImageRef,
    description: 'Reads the manifest (and for an image its config) from the registry; no layer is downloaded.',
    args: {
      reference: t.arg.string({ required: true }),
      registryId: t.arg.id({ required: false }),
      platform: t.arg.string({ required: false, description: 'os/arch[/variant] to pick from an index; linux/amd64 when left out.' }),
    },
    resolve: async (_root, args, ctx) => {
      const remote = await target(ctx, args)
      return talkingTo(['reference'], () => ctx.services.remote.inspect(remote, args.platform ?? null))
    },
  }),
}))
