// The remote catalog (searchImages, remoteTags, remoteInspect) against real registries
// (Debian's docker-registry): open, behind htpasswd, behind a token server, and ones that are
// down, too slow, not a registry, or refuse our credentials. Only 127.0.0.1 is ever contacted:
// every reference names its host, and the default registry (Docker Hub) is never used.
import { createHash } from 'node:crypto'
import { createServer, request as httpRequest, type Server } from 'node:http'
import { createServer as createTcpServer, type Socket } from 'node:net'
import Docker from 'dockerode'
import { pack } from 'tar-stream'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { graphql } from '../gql/index.js'
import { BASE_IMAGE } from '../support/engine-setup.js'
import { freePort } from '../support/processes.js'
import { registryFetch, startRegistry, type TestRegistry } from '../support/registries.js'
import { ADMIN_TOKEN, createWorld, gid, type GraphQLResponse, type World } from '../support/world.js'

const RemoteAddRegistry = graphql(`
  mutation RemoteAddRegistry($input: AddRegistryInput!) { addRegistry(input: $input) { registry { id } userErrors { field message code } } }
`)
const RemoteCreateImage = graphql(`
  mutation RemoteCreateImage($input: CreateImageInput!) { createImage(input: $input) { image { id } userErrors { field message code } } }
`)
const RemoteTagsList = graphql(`
  query RemoteTagsList($reference: String!, $registryId: ID, $first: Int, $after: String) {
    remoteTags(reference: $reference, registryId: $registryId, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      nodes { name reference installed }
    }
  }
`)
const RemoteInspectImage = graphql(`
  query RemoteInspectImage($reference: String!, $registryId: ID, $platform: String) {
    remoteInspect(reference: $reference, registryId: $registryId, platform: $platform) {
      reference digest mediaType size isIndex registry { name }
      platforms { os architecture variant digest mediaType size }
      image {
        digest mediaType size totalSize os architecture env cmd entrypoint exposedPorts
        config { digest mediaType size } layers { digest mediaType size } labels { name value }
      }
    }
  }
`)
const RemoteSearch = graphql(`
  query RemoteSearch($depot: SearchDepot!, $registryId: ID, $text: String, $first: Int, $after: String) {
    searchImages(depot: $depot, registryId: $registryId, text: $text, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { name depot description starCount official automated installed installedTags registry { name } image { name } }
    }
  }
`)

const KINDS = ['open', 'htpasswd', 'token'] as const
type Kind = (typeof KINDS)[number]
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json'
const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json'
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
const WEB_IMAGE = 'icat-remote/web:1'
const WEB_DOCKERFILE = `FROM ${BASE_IMAGE}\nLABEL org.opencontainers.image.title=web\nENV A=1\nCMD ["sh","-c","echo hi"]\nEXPOSE 8080\n`
const TAGS = ['1.0', '1.1', '2.0', 'latest', 'rc'] // rc is untagged in the engine after the push
const HELD = ['1.0', '1.1', '2.0', 'latest']
const GOOD = { username: 'ci', password: 's3cret' }
// What each registry's /v2/_catalog holds, and which engine tags each repository keeps.
const CATALOG: Record<Kind, string[]> = {
  open: ['ci/alpha', 'ci/beta', 'ci/busybox', 'ci/web', 'team/web'],
  htpasswd: ['ci/busybox', 'ci/web'],
  token: ['ci/busybox', 'ci/web'],
}
const ENGINE_TAGS: Record<string, string[]> = { 'ci/alpha': ['1'], 'ci/beta': [], 'ci/busybox': HELD, 'ci/web': ['1', 'base'], 'team/web': ['1'] }
const CATALOG_IMAGES = new Set(['ci/alpha', 'ci/busybox'])

const cursor = (raw: string) => Buffer.from(`GPC:S:${raw}`).toString('base64')
const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`
const errorOf = (result: GraphQLResponse<unknown>) => result.errors?.[0]?.extensions
/** A SearchHit as the API shows it: the fields a depot leaves empty, then what it sets. */
const hitOf = (depot: string, name: string, installedTags: string[], fields: object = {}) => ({
  name, depot, description: null, starCount: null, official: null, automated: null, registry: null, image: null,
  installed: installedTags.length > 0, installedTags, ...fields,
})

let world: World
let docker: Docker
const registries = {} as Record<Kind, TestRegistry>
/** Registry ids and hosts by the name addRegistry was given. */
const ids: Record<string, string> = {}
const hosts: Record<string, string> = {}
const engineTags: string[] = []
const cleanups: (() => Promise<unknown>)[] = []
const blobGets: string[] = []
const hubRequests: string[] = []
let viewer: { id: number; token: string }
let other: { id: number; token: string }

function follow(stream: NodeJS.ReadableStream): Promise<{ error?: string }[]> {
  return new Promise((resolve, reject) => docker.modem.followProgress(stream, (error, output) => (error ? reject(error) : resolve(output))))
}

async function build(tag: string, dockerfile: string) {
  const context = pack()
  context.entry({ name: 'Dockerfile' }, dockerfile)
  context.finalize()
  engineTags.push(tag)
  const failed = (await follow(await docker.buildImage(context as unknown as NodeJS.ReadableStream, { t: tag, networkmode: 'none' }))).find((e) => e.error)
  if (failed) throw new Error(`build ${tag}: ${failed.error}`)
}

/** Tags `source` as host/repo:tag in the engine and pushes it with the registry's credentials. */
async function push(registry: TestRegistry, repo: string, tag: string, source = BASE_IMAGE) {
  const name = `${registry.host}/${repo}:${tag}`
  await docker.getImage(source).tag({ repo: `${registry.host}/${repo}`, tag })
  engineTags.push(name)
  const authconfig = { username: registry.username, password: registry.password, serveraddress: registry.host }
  const failed = (await follow(await docker.getImage(name).push({ authconfig }))).find((e) => e.error)
  if (failed) throw new Error(`push ${name}: ${failed.error}`)
}

/** Listens on a free loopback port; returns host:port and registers the close. */
async function listen(server: Server | ReturnType<typeof createTcpServer>, held: Socket[] = []): Promise<string> {
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  cleanups.push(() => new Promise((resolve) => { held.forEach((s) => s.destroy()); server.close(resolve) }))
  return `127.0.0.1:${port}`
}

async function addRegistry(in_: World, name: string, url: string, credentials: { username: string; password: string } | null = null, searchUrl?: string) {
  const { addRegistry } = await in_.ok(RemoteAddRegistry, { input: { name, url, searchUrl, ...credentials } })
  expect(addRegistry.userErrors).toEqual([])
  ids[name] = addRegistry.registry!.id
  hosts[name] = new URL(url).host
  return ids[name]
}

/** The manifest a tag names, read independently of the code under test. */
async function manifestOf(registry: TestRegistry, repo: string, tag: string) {
  const path = `/v2/${repo}/manifests/${tag}`
  const head = await registryFetch(registry, path, { method: 'HEAD', headers: { accept: DOCKER_MANIFEST } })
  expect(head.status).toBe(200)
  const text = await (await registryFetch(registry, path, { headers: { accept: DOCKER_MANIFEST } })).text()
  const body = JSON.parse(text) as { mediaType: string; config: { digest: string; mediaType: string; size: number }; layers: { digest: string; mediaType: string; size: number }[] }
  return { digest: head.headers.get('docker-content-digest')!, size: Buffer.byteLength(text), body }
}

/** Docker Hub's /v1/search shape: `total` results for q ("many" has 150, anything else 5), paged by n and page. */
function answerHubSearch(url: URL, res: import('node:http').ServerResponse) {
  const q = url.searchParams.get('q') ?? ''
  const n = Number(url.searchParams.get('n'))
  const page = Number(url.searchParams.get('page'))
  const all = Array.from({ length: q === 'many' ? 150 : 5 }, (_, i) =>
    i === 0
      ? { name: `library/${q}`, description: `Official ${q}`, star_count: 900, is_official: true, is_automated: false }
      : { name: `user${i}/${q}`, description: `${q} #${i}`, star_count: i, is_official: false, is_automated: i % 2 === 0 },
  )
  res.setHeader('content-type', 'application/json')
  res.end(JSON.stringify({ num_pages: Math.ceil(all.length / n), num_results: all.length, page, page_size: n, query: q, results: all.slice((page - 1) * n, page * n) }))
}

beforeAll(async () => {
  world = await createWorld({ DOCKER_HOST: inject('dockerHost'), REGISTRY_TIMEOUT_MS: '700' })
  docker = new Docker({ socketPath: inject('dockerHost').replace(/^unix:\/\//, '') })
  const started = await Promise.all(KINDS.map((kind) => startRegistry(kind)))
  KINDS.forEach((kind, i) => (registries[kind] = started[i]!))
  cleanups.push(() => Promise.all(started.map((registry) => registry.stop())))

  await build(WEB_IMAGE, WEB_DOCKERFILE)
  await Promise.all(KINDS.map(async (kind) => {
    for (const tag of TAGS) await push(registries[kind], 'ci/busybox', tag)
    await push(registries[kind], 'ci/web', '1', WEB_IMAGE)
    await push(registries[kind], 'ci/web', 'base')
    await docker.getImage(`${registries[kind].host}/ci/busybox:rc`).remove({ noprune: true })
  }))
  for (const [repo, source] of [['ci/alpha', BASE_IMAGE], ['ci/beta', BASE_IMAGE], ['team/web', WEB_IMAGE]] as const) await push(registries.open, repo, '1', source)
  await docker.getImage(`${registries.open.host}/ci/beta:1`).remove({ noprune: true })

  // Accepts connections and never answers; an ordinary web server; a proxy in front of the open
  // registry counting blob downloads; and a stand-in for Docker Hub's search API.
  const held: Socket[] = []
  const slow = `http://${await listen(createTcpServer((socket) => held.push(socket)), held)}`
  const web = `http://${await listen(createServer((_req, res) => res.end('<html>hello</html>')))}`
  // Says it is a registry, then answers every question with something that is not JSON.
  const broken = `http://${await listen(createServer((_req, res) => {
    res.setHeader('Docker-Distribution-Api-Version', 'registry/2.0')
    res.end('{"tags": [oops')
  }))}`
  const openPort = Number(registries.open.host.split(':')[1])
  const proxyUrl = `http://${await listen(createServer((req, res) => {
    if (req.method === 'GET' && req.url!.includes('/blobs/')) blobGets.push(req.url!)
    req.pipe(httpRequest({ host: '127.0.0.1', port: openPort, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers)
      answer.pipe(res)
    }))
  }))}`
  const hub = `http://${await listen(createServer((req, res) => {
    const url = new URL(req.url!, 'http://127.0.0.1')
    hubRequests.push(url.search)
    if (url.pathname === '/v1/search') return answerHubSearch(url, res)
    res.writeHead(401, { 'www-authenticate': 'Basic realm="hub"' }).end()
  }))}`

  const bad = { username: 'ci', password: 'wrong' }
  for (const kind of KINDS) await addRegistry(world, kind, registries[kind].url, kind === 'open' ? null : GOOD)
  for (const [name, url, credentials] of [['htpasswd-bad', registries.htpasswd.url, bad], ['token-bad', registries.token.url, bad],
    ['down', 'http://127.0.0.1:1', null], ['slow', slow, null], ['web', web, null], ['broken', broken, null], ['proxy', proxyUrl, null]] as const) await addRegistry(world, name, url, credentials)
  // A local server in Docker Hub's /v1/search shape is the only way to exercise that form of
  // search here: the real Hub must never be contacted.
  for (const [name, url, searchUrl] of [['hub', hub, `${hub}/v1/search`], ['hub-down', hub, 'http://127.0.0.1:1/v1/search'],
    ['hub-slow', hub, `${slow}/v1/search`], ['hub-private', hub, `${hub}/private/search`]] as const) {
    await addRegistry(world, name, url, null, searchUrl)
  }

  viewer = await world.createUser('viewer')
  other = await world.createUser('other')
  // The registries' stored credentials are lent to an organization's members only (see
  // usesCredentials): both users are in the one every registry here belongs to.
  const lenders = await world.app.db.organization.create({
    data: { name: 'registry-users', members: { create: [{ userId: viewer.id, role: 'MEMBER' }, { userId: other.id, role: 'MEMBER' }] } },
  })
  await world.app.db.registry.updateMany({ data: { organizationId: lenders.id } })
  // The administrator's through the API; the users' private ones stored directly, as images each
  // user owns in a namespace that is not theirs (as a catalog from before namespaces has them):
  // visible to their owner alone, which is what the search's privacy is tested against.
  const create = async (name: string, isPrivate: boolean, owner?: { id: number }) => {
    if (owner) await world.app.db.image.create({ data: { name, isPrivate, ownerId: owner.id } })
    else expect((await world.ok(RemoteCreateImage, { input: { name, isPrivate } }, { token: ADMIN_TOKEN })).createImage.userErrors).toEqual([])
  }
  await create('ci/alpha', false)
  await create('ci/busybox', false)
  await create('ci/mine', true, viewer)
  await create('ci/secret', true, other)
  // The engine holds repositories of private images, of a public one, and of none.
  await create('privacy/mine', true, viewer)
  await create('privacy/theirs', true, other)
  await create('privacy/public', false)
  await create('user1/privacy', true, other)
  for (const [repo, tag] of [['privacy/mine', '1'], ['privacy/theirs', '1'], [`${registries.open.host}/privacy/theirs`, '2'], ['privacy/public', '1'], ['privacy/loose', '1'], [`${hosts.hub}/user1/privacy`, '1']] as const) {
    await docker.getImage(BASE_IMAGE).tag({ repo, tag })
    engineTags.push(`${repo}:${tag}`)
  }
})

afterAll(async () => {
  await world?.dispose()
  // The engine is shared by the whole engine project.
  for (const name of engineTags.reverse()) await docker?.getImage(name).remove({ noprune: true }).catch(() => {})
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {})
})

describe.each(KINDS)('remoteTags on the %s registry', (kind) => {
  const tags = (variables: { first?: number; after?: string }) =>
    world.ok(RemoteTagsList, { reference: `${registries[kind].host}/ci/busybox`, ...variables }).then((data) => data.remoteTags)

  it('lists the tags in lexical order, marking those the engine holds', async () => {
    expect(await tags({})).toEqual({
      totalCount: null,
      pageInfo: { hasNextPage: false, hasPreviousPage: false, endCursor: cursor('rc') },
      nodes: TAGS.map((name) => ({ name, reference: `${registries[kind].host}/ci/busybox:${name}`, installed: name !== 'rc' })),
    })
  })

  it('walks every tag two at a time', async () => {
    const pages: { names: string[]; hasNextPage: boolean; hasPreviousPage: boolean }[] = []
    for (let after: string | undefined, more = true; more && pages.length < 10; ) {
      const { nodes, pageInfo } = await tags({ first: 2, after })
      pages.push({ names: nodes.map((n) => n.name), hasNextPage: pageInfo.hasNextPage, hasPreviousPage: pageInfo.hasPreviousPage })
      expect(pageInfo.endCursor).toBe(cursor(nodes.at(-1)!.name))
      ;[after, more] = [pageInfo.endCursor!, pageInfo.hasNextPage]
    }
    expect(pages).toEqual([
      { names: ['1.0', '1.1'], hasNextPage: true, hasPreviousPage: false },
      { names: ['2.0', 'latest'], hasNextPage: true, hasPreviousPage: true },
      { names: ['rc'], hasNextPage: false, hasPreviousPage: true },
    ])
  })

  it('says NOT_FOUND for a repository the registry does not have', async () => {
    const result = await world.run(RemoteTagsList, { reference: `${registries[kind].host}/ci/nothing` })
    expect(errorOf(result)).toMatchObject({ code: 'NOT_FOUND', reason: 'NOT_FOUND', field: ['reference'] })
  })
})

describe.each(KINDS)('remoteInspect on the %s registry', (kind) => {
  const inspect = (reference: string, platform?: string) =>
    world.ok(RemoteInspectImage, { reference: `${registries[kind].host}/${reference}`, platform }).then((data) => data.remoteInspect)
  let web: Awaited<ReturnType<typeof manifestOf>>
  let base: Awaited<ReturnType<typeof manifestOf>>
  let expectedWeb: Record<string, unknown>
  let expectedBase: Record<string, unknown>

  /** What remoteInspect should say of a manifest, from the manifest itself and the engine's inspect of the image. */
  async function expectedOf(manifest: typeof web, engineName: string) {
    const info = await docker.getImage(engineName).inspect()
    expect(info.Id).toBe(manifest.body.config.digest)
    const labels = Object.entries(info.Config.Labels ?? {}).map(([name, value]) => ({ name, value })).sort((a, b) => a.name.localeCompare(b.name))
    return {
      digest: manifest.digest, mediaType: DOCKER_MANIFEST, size: manifest.size,
      totalSize: manifest.body.config.size + manifest.body.layers.reduce((sum, layer) => sum + layer.size, 0),
      os: info.Os, architecture: info.Architecture, env: info.Config.Env ?? [], cmd: info.Config.Cmd ?? null, entrypoint: info.Config.Entrypoint ?? null,
      exposedPorts: Object.keys(info.Config.ExposedPorts ?? {}).sort(), config: manifest.body.config, layers: manifest.body.layers, labels,
    }
  }

  beforeAll(async () => {
    web = await manifestOf(registries[kind], 'ci/web', '1')
    base = await manifestOf(registries[kind], 'ci/web', 'base')
    expectedWeb = await expectedOf(web, WEB_IMAGE)
    expectedBase = await expectedOf(base, BASE_IMAGE)
    // The built image's own settings, as the Dockerfile wrote them.
    expect(expectedWeb).toMatchObject({
      os: 'linux', cmd: ['sh', '-c', 'echo hi'], exposedPorts: ['8080/tcp'], env: expect.arrayContaining(['A=1']),
      labels: [{ name: 'org.opencontainers.image.title', value: 'web' }],
    })
    expect(expectedBase).toMatchObject({ cmd: ['/bin/sh'], exposedPorts: [], labels: [] })
  })

  it('reads an image: its manifest as the registry serves it and its config as it was built', async () => {
    expect(web.body.mediaType).toBe(DOCKER_MANIFEST)
    const platform = { os: 'linux', architecture: expectedWeb.architecture, variant: null, digest: web.digest, mediaType: DOCKER_MANIFEST, size: web.size }
    const byTag = await inspect('ci/web:1')
    expect(byTag).toEqual({
      reference: `${registries[kind].host}/ci/web:1`, digest: web.digest, mediaType: DOCKER_MANIFEST, size: web.size, isIndex: false,
      registry: { name: kind }, platforms: [platform], image: expectedWeb,
    })
    const byDigest = await inspect(`ci/web@${web.digest}`)
    expect(byDigest).toEqual({ ...byTag, reference: `${registries[kind].host}/ci/web@${web.digest}` })
    // A single-platform image answers for its own platform only.
    expect(await inspect('ci/web:1', `linux/${expectedWeb.architecture}`)).toEqual(byTag)
    const other = await world.run(RemoteInspectImage, { reference: `${registries[kind].host}/ci/web:1`, platform: 'linux/s390x' })
    expect(errorOf(other)).toMatchObject({ code: 'NOT_FOUND', reason: 'NOT_FOUND', field: ['platform'] })
    expect(other.errors![0]!.message).toContain(`single-platform image for linux/${expectedWeb.architecture}`)
  })

  it.each([OCI_INDEX, DOCKER_LIST])('reads a %s and picks a platform from it', async (mediaType) => {
    const tag = mediaType === OCI_INDEX ? 'oci-index' : 'docker-list'
    // amd64 and arm64 name different manifests, so the choice shows.
    const entries = [['amd64', web], ['arm64', base]] as const
    const index = JSON.stringify({
      schemaVersion: 2, mediaType,
      manifests: entries.map(([architecture, m]) => ({ mediaType: DOCKER_MANIFEST, digest: m.digest, size: m.size, platform: { architecture, os: 'linux' } })),
    })
    const put = await registryFetch(registries[kind], `/v2/ci/web/manifests/${tag}`, { method: 'PUT', headers: { 'content-type': mediaType }, body: index })
    expect(put.status, await put.clone().text()).toBe(201)

    const byDefault = await inspect(`ci/web:${tag}`)
    expect(byDefault).toMatchObject({
      digest: sha256(index), mediaType, size: Buffer.byteLength(index), isIndex: true,
      platforms: entries.map(([architecture, m]) => ({ os: 'linux', architecture, variant: null, digest: m.digest, mediaType: DOCKER_MANIFEST, size: m.size })),
    })
    expect(byDefault.image).toEqual(expectedWeb)
    expect(await inspect(`ci/web:${tag}`, 'linux/arm64')).toEqual({ ...byDefault, image: expectedBase })

    const absent = await world.run(RemoteInspectImage, { reference: `${registries[kind].host}/ci/web:${tag}`, platform: 'linux/s390x' })
    expect(errorOf(absent)).toMatchObject({ code: 'NOT_FOUND', reason: 'NOT_FOUND', field: ['platform'] })
    expect(absent.errors![0]!.message).toContain('linux/amd64, linux/arm64')
  })

  it('says NOT_FOUND for a tag the registry does not have', async () => {
    const result = await world.run(RemoteInspectImage, { reference: `${registries[kind].host}/ci/web:nope` })
    expect(errorOf(result)).toMatchObject({ code: 'NOT_FOUND', reason: 'NOT_FOUND', field: ['reference'] })
  })
})

describe('remoteInspect through a proxy that counts blob downloads', () => {
  it('downloads the config blob and never a layer', async () => {
    const web = await manifestOf(registries.open, 'ci/web', '1')
    blobGets.length = 0
    const { remoteInspect } = await world.ok(RemoteInspectImage, { reference: `${hosts.proxy}/ci/web:1` })
    expect(remoteInspect.image!.layers.map((l) => l.digest)).toEqual(web.body.layers.map((l) => l.digest))
    expect(blobGets).toEqual([`/v2/ci/web/blobs/${web.body.config.digest}`])
  })
})

describe('bearer tokens', () => {
  let fresh: World
  beforeAll(async () => {
    fresh = await createWorld({ DOCKER_HOST: inject('dockerHost'), REGISTRY_TIMEOUT_MS: '700' }) // an empty token cache
  })
  afterAll(() => fresh?.dispose())
  const snapshot = (registry: TestRegistry) => ({ granted: registry.tokenRequests.granted, scopes: registry.tokenRequests.scopes.length })
  const newScopes = (registry: TestRegistry, before: { scopes: number }) => registry.tokenRequests.scopes.slice(before.scopes)

  it('are cached: two calls in a row cost one token', async () => {
    await addRegistry(fresh, 'token-fresh', registries.token.url, GOOD)
    const before = snapshot(registries.token)
    for (let i = 0; i < 2; i++) await fresh.ok(RemoteTagsList, { reference: `${registries.token.host}/ci/busybox` })
    expect(registries.token.tokenRequests.granted).toBe(before.granted + 1)
    expect(newScopes(registries.token, before)).toEqual(['repository:ci/busybox:pull'])
  })

  it('are fetched again once they expire', async () => {
    const short = await startRegistry('token', { tokenTtlSeconds: 2 })
    cleanups.push(() => short.stop())
    await push(short, 'ci/busybox', '1.0')
    await addRegistry(fresh, 'token-short', short.url, GOOD)
    const before = snapshot(short)
    const call = () => fresh.ok(RemoteTagsList, { reference: `${short.host}/ci/busybox` })
    expect((await call()).remoteTags.nodes.map((n) => n.name)).toEqual(['1.0'])
    await call()
    expect(short.tokenRequests.granted).toBe(before.granted + 1)
    await new Promise((resolve) => setTimeout(resolve, 2_100))
    expect((await call()).remoteTags.nodes.map((n) => n.name)).toEqual(['1.0'])
    expect(short.tokenRequests.granted).toBe(before.granted + 2)
    expect(newScopes(short, before)).toEqual(['repository:ci/busybox:pull', 'repository:ci/busybox:pull'])
  })
})

describe('searchImages', () => {
  const search = (variables: { depot: 'LOCAL' | 'CATALOG' | 'REGISTRY'; registryId?: string; text?: string; first?: number; after?: string }, token = viewer.token) =>
    world.ok(RemoteSearch, variables, { token }).then((data) => data.searchImages)

  describe.each(KINDS)('in the %s registry', (kind) => {
    // What the engine holds of a repository in no catalog image is for administrators only.
    const hit = (name: string, admin = false) =>
      hitOf('REGISTRY', name, CATALOG_IMAGES.has(name) || admin ? ENGINE_TAGS[name]! : [], { registry: { name: kind }, image: CATALOG_IMAGES.has(name) ? { name } : null })

    it('lists the whole catalog without text, and the matches of a text', async () => {
      expect(await search({ depot: 'REGISTRY', registryId: ids[kind] })).toEqual({
        totalCount: null, pageInfo: { hasNextPage: false, endCursor: cursor(CATALOG[kind].at(-1)!) }, nodes: CATALOG[kind].map((name) => hit(name)),
      })
      const matches = CATALOG[kind].filter((name) => name.startsWith('ci/b'))
      expect((await search({ depot: 'REGISTRY', registryId: ids[kind], text: ' CI/B ' })).nodes).toEqual(matches.map((name) => hit(name)))
      expect((await search({ depot: 'REGISTRY', registryId: ids[kind] }, ADMIN_TOKEN)).nodes).toEqual(CATALOG[kind].map((name) => hit(name, true)))
    })

    it('walks the matches one at a time, each once', async () => {
      const names: string[] = []
      for (let after: string | undefined, more = true; more && names.length < 10; ) {
        const { nodes, pageInfo } = await search({ depot: 'REGISTRY', registryId: ids[kind], text: 'ci/', first: 1, after })
        names.push(...nodes.map((n) => n.name))
        ;[after, more] = [pageInfo.endCursor!, pageInfo.hasNextPage]
      }
      expect(names).toEqual(CATALOG[kind].filter((name) => name.startsWith('ci/')))
    })
  })

  it("asks a registry anonymously for a caller outside its organization, who then gets the registry's refusal", async () => {
    const outsider = await world.createUser('registry-outsider')
    const refused = await world.run(RemoteSearch, { depot: 'REGISTRY', registryId: ids.htpasswd }, { token: outsider.token })
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REGISTRY_UNAUTHORIZED' })
    expect(refused.errors?.[0]?.message).toContain('anonymous')
    expect((await search({ depot: 'REGISTRY', registryId: ids.htpasswd })).nodes.length).toBeGreaterThan(0)
  })

  it('searches the catalog: public images and your own private ones', async () => {
    const catalogHit = (name: string, installedTags: string[]) => hitOf('CATALOG', name, installedTags, { starCount: 0, image: { name } })
    expect(await search({ depot: 'CATALOG', text: 'ci/' })).toEqual({
      totalCount: 3, pageInfo: { hasNextPage: false, endCursor: cursor('3') },
      nodes: [catalogHit('ci/alpha', ['1']), catalogHit('ci/busybox', HELD), catalogHit('ci/mine', [])],
    })
    const second = await search({ depot: 'CATALOG', text: 'ci/', first: 1, after: cursor('1') }, other.token)
    expect(second).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true, endCursor: cursor('2') }, nodes: [{ name: 'ci/busybox' }] })
    expect((await search({ depot: 'CATALOG', text: 'secret' })).nodes).toEqual([])
  })

  it('searches what the engine holds, by host/path', async () => {
    const host = registries.htpasswd.host
    const busybox = hitOf('LOCAL', `${host}/ci/busybox`, HELD, { image: { name: 'ci/busybox' } })
    expect(await search({ depot: 'LOCAL', text: `${host}/ci/` }, ADMIN_TOKEN)).toEqual({
      totalCount: 2, pageInfo: { hasNextPage: false, endCursor: cursor('2') },
      nodes: [busybox, hitOf('LOCAL', `${host}/ci/web`, ['1', 'base'])],
    })
    // ci/web is in no catalog image: only administrators see it, as in localImages.
    expect(await search({ depot: 'LOCAL', text: `${host}/ci/` })).toEqual({ totalCount: 1, pageInfo: { hasNextPage: false, endCursor: cursor('1') }, nodes: [busybox] })
  })

  it("shows the engine's repositories of an image only to whom may see the image, under any registry host", async () => {
    const open = registries.open.host
    const local = (name: string, image: string | null) => hitOf('LOCAL', name, [name.endsWith('theirs') && name.includes(':') ? '2' : '1'], { image: image ? { name: image } : null })
    const names = async (token: string, text = 'privacy/') => (await search({ depot: 'LOCAL', text }, token))
    expect(await names(viewer.token)).toEqual({
      totalCount: 2, pageInfo: { hasNextPage: false, endCursor: cursor('2') },
      nodes: [local('privacy/mine', 'privacy/mine'), local('privacy/public', 'privacy/public')],
    })
    expect((await names(other.token)).nodes).toEqual([
      local(`${open}/privacy/theirs`, 'privacy/theirs'), local('privacy/public', 'privacy/public'), local('privacy/theirs', 'privacy/theirs'),
    ])
    // Administrators see what is in no catalog image, never the private images of others.
    expect((await names(ADMIN_TOKEN)).nodes).toEqual([local('privacy/loose', null), local('privacy/public', 'privacy/public')])
    // Text that only a hidden repository matches finds nothing, and pages count only what is shown.
    for (const text of ['theirs', `${open}/privacy`, 'loose']) expect(await names(viewer.token, text)).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] })
    const first = await search({ depot: 'LOCAL', text: 'privacy/', first: 1 })
    expect(first).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true, endCursor: cursor('1') }, nodes: [{ name: 'privacy/mine' }] })
    const rest = await search({ depot: 'LOCAL', text: 'privacy/', first: 1, after: first.pageInfo.endCursor! })
    expect(rest).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false }, nodes: [{ name: 'privacy/public' }] })
    // Nor does a registry's repository say that the engine holds the tags of an image one may not see.
    const installed = async (token: string) =>
      (await search({ depot: 'REGISTRY', registryId: ids.hub, text: 'privacy' }, token)).nodes.find((n) => n.name === 'user1/privacy')
    expect(await installed(viewer.token)).toMatchObject({ installed: false, installedTags: [], image: null })
    expect(await installed(other.token)).toMatchObject({ installed: true, installedTags: ['1'], image: { name: 'user1/privacy' } })
  })

  it("reads a search API in Docker Hub's shape, paged by offset", async () => {
    hubRequests.length = 0
    const first = await search({ depot: 'REGISTRY', registryId: ids.hub, text: 'web', first: 2 })
    const hub = { registry: { name: 'hub' } }
    expect(first).toEqual({
      totalCount: 5, pageInfo: { hasNextPage: true, endCursor: cursor('2') },
      nodes: [
        hitOf('REGISTRY', 'library/web', [], { ...hub, description: 'Official web', starCount: 900, official: true, automated: false }),
        hitOf('REGISTRY', 'user1/web', [], { ...hub, description: 'web #1', starCount: 1, official: false, automated: false }),
      ],
    })
    expect(hubRequests).toEqual(['?q=web&n=100&page=1'])
    const rest = await search({ depot: 'REGISTRY', registryId: ids.hub, text: 'web', first: 2, after: first.pageInfo.endCursor! })
    expect(rest.nodes.map((n) => n.name)).toEqual(['user2/web', 'user3/web'])
    const last = await search({ depot: 'REGISTRY', registryId: ids.hub, text: 'web', first: 2, after: rest.pageInfo.endCursor! })
    expect(last).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: false, endCursor: cursor('5') }, nodes: [{ name: 'user4/web', automated: true }] })

    // Across the API's pages of 100: position 99 is on page 1, 100 on page 2.
    hubRequests.length = 0
    const across = await search({ depot: 'REGISTRY', registryId: ids.hub, text: 'many', first: 2, after: cursor('99') })
    expect(across).toMatchObject({ totalCount: 150, pageInfo: { hasNextPage: true, endCursor: cursor('101') }, nodes: [{ name: 'user99/many' }, { name: 'user100/many' }] })
    expect(hubRequests).toEqual(['?q=many&n=100&page=1', '?q=many&n=100&page=2'])
  })
})

describe('failures', () => {
  it.each([
    ['down', 'REGISTRY_UNREACHABLE'],
    ['slow', 'REGISTRY_TIMEOUT'],
    ['web', 'NOT_A_REGISTRY'], // answers 200 with HTML and none of the registry API's headers
    ['broken', 'REGISTRY_BAD_RESPONSE'],
    ['htpasswd-bad', 'REGISTRY_UNAUTHORIZED'],
    ['token-bad', 'REGISTRY_UNAUTHORIZED'],
  ])('the %s registry fails all three queries with %s', async (name, reason) => {
    const registryId = ids[name]!
    const reference = `${hosts[name]}/ci/busybox`
    const results: [GraphQLResponse<unknown>, string[]][] = []
    for (const [run, field] of [
      [() => world.run(RemoteTagsList, { reference, registryId }), ['reference']],
      [() => world.run(RemoteInspectImage, { reference: `${reference}:1.0`, registryId }), ['reference']],
      [() => world.run(RemoteSearch, { depot: 'REGISTRY', registryId }), ['registryId']],
    ] as const) {
      const started = Date.now()
      results.push([await run(), [...field]])
      expect(Date.now() - started).toBeLessThan(5_000)
    }
    for (const [result, field] of results) expect(errorOf(result)).toEqual({ code: 'BAD_USER_INPUT', reason, field })
  })

  it.each([
    ['hub-down', 'REGISTRY_UNREACHABLE'],
    ['hub-slow', 'REGISTRY_TIMEOUT'],
    ['hub-private', 'REGISTRY_UNAUTHORIZED'],
  ])('a search API (%s) fails with %s', async (name, reason) => {
    const started = Date.now()
    const result = await world.run(RemoteSearch, { depot: 'REGISTRY', registryId: ids[name], text: 'web' })
    expect(errorOf(result)).toEqual({ code: 'BAD_USER_INPUT', reason, field: ['registryId'] })
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('refuses bad arguments before sending anything', async () => {
    const open = registries.open.host
    const cases: [Promise<GraphQLResponse<unknown>>, Record<string, unknown>][] = [
      [world.run(RemoteSearch, { depot: 'REGISTRY' }), { reason: 'REQUIRED', field: ['registryId'] }],
      [world.run(RemoteSearch, { depot: 'LOCAL', registryId: ids.open }), { reason: 'INVALID', field: ['registryId'] }],
      [world.run(RemoteTagsList, { reference: `${open}/ci/busybox`, registryId: ids.htpasswd }), { reason: 'INVALID', field: ['reference'] }],
      [world.run(RemoteTagsList, { reference: `${open}/ci/busybox`, registryId: gid('Registry', 99999) }), { code: 'NOT_FOUND', field: ['registryId'] }],
      [world.run(RemoteInspectImage, { reference: '127.0.0.1:9/ci/busybox:1.0' }), { code: 'NOT_FOUND', reason: 'NOT_FOUND', field: ['reference'] }],
    ]
    for (const [result, expected] of cases) expect(errorOf(await result)).toMatchObject({ code: 'BAD_USER_INPUT', ...expected })
    // Cursors are checked before anything runs (cursor-guard), without a reason or field.
    for (const after of ['not-a-cursor', Buffer.from('GPC:N:5').toString('base64')]) {
      const result = await world.run(RemoteTagsList, { reference: `${open}/ci/busybox`, after })
      expect(result.errors).toMatchObject([{ message: `Invalid cursor: ${after}`, extensions: { code: 'BAD_USER_INPUT' } }])
    }
  })

  it('needs a signed-in caller for each query', async () => {
    const open = registries.open.host
    for (const result of [
      await world.run(RemoteSearch, { depot: 'LOCAL' }, { token: null }),
      await world.run(RemoteTagsList, { reference: `${open}/ci/busybox` }, { token: null }),
      await world.run(RemoteInspectImage, { reference: `${open}/ci/web:1` }, { token: null }),
    ]) {
      expect(result.data).toBeNull()
      expect(errorOf(result)?.code).toBe('UNAUTHENTICATED')
    }
  })
})
