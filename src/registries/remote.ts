// The remote catalog (QNAP's remote search, remote tags and remote inspect): what a registry
// holds, read over the Distribution API without pulling anything. Only configured registries
// are reached, so a caller cannot point the server at an address of their choosing.
import { requireViewer, type Viewer } from '../auth/viewer.js'
import type { FieldPath } from '../catalog/rules.js'
import { offsetOf, type Page, type PageRequest } from '../catalog/page.js'
import { usesCredentials } from '../catalog/visibility.js'
import type { Registry } from '../db/client.js'
import { UserInputError } from '../errors.js'
import { parseReference, repositoryOf, type ImageReference } from '../pulls/reference.js'
import { RegistryError, type RegistryClient } from './client.js'
import { FAILURE_CODES } from './failures.js'
import { headerValue } from './http.js'
import {
  formatPlatform,
  MANIFEST_ACCEPT,
  parseImageConfig,
  parseManifest,
  verifyDigest,
  type Descriptor,
  type ImageConfig,
  type Platform,
  type PlatformDescriptor,
} from './manifests.js'
import { referenceHost, remoteRepository, type RegistryManager } from './registries.js'

/** A reference resolved to the configured registry that holds it. */
export interface RemoteTarget {
  registry: Registry
  client: RegistryClient
  ref: ImageReference
  /** The repository as the registry names it (library/ added on Docker Hub). */
  repository: string
  /** The repository as the engine names it: host/path, or path alone on Docker Hub. */
  engineRepository: string
}

export interface RemoteImage {
  target: RemoteTarget
  digest: string
  mediaType: string
  size: number
  isIndex: boolean
  platforms: PlatformDescriptor[]
  /** The image manifest for the chosen platform (or the only one); null when no platform fits. */
  image: RemoteManifest | null
}

export interface RemoteManifest extends ImageConfig {
  digest: string
  mediaType: string
  size: number
  config: Descriptor
  layers: Descriptor[]
}

export interface RemoteRepository {
  name: string
  description: string | null
  starCount: number | null
  official: boolean | null
  automated: boolean | null
}

const CATALOG_PAGE = 100
const MAX_CATALOG_PAGES = 20
const HUB_PAGE = 100

/** Runs a registry conversation; its failures become userErrors on `field` that say why. */
export async function talkingTo<T>(field: FieldPath, conversation: () => Promise<T>): Promise<T> {
  try {
    return await conversation()
  } catch (error) {
    if (error instanceof RegistryError) throw new UserInputError(FAILURE_CODES[error.failure], field, error.message)
    throw error
  }
}

export interface RemoteCatalogOptions {
  /** Repositories asked for per /v2/_catalog page. */
  catalogPageSize?: number
  /** How many catalog pages one search may read looking for matches before it hands back a cursor. */
  maxCatalogPages?: number
}

export class RemoteCatalog {
  private readonly catalogPageSize: number
  private readonly maxCatalogPages: number

  constructor(
    private readonly registries: RegistryManager,
    options: RemoteCatalogOptions = {},
  ) {
    this.catalogPageSize = options.catalogPageSize ?? CATALOG_PAGE
    this.maxCatalogPages = options.maxCatalogPages ?? MAX_CATALOG_PAGES
  }

  /**
   * The registry a reference lives in: the one given (whose host the reference may not
   * contradict), else the configured one at the reference's host, else Docker Hub.
   */
  async resolve(viewer: Viewer | null, reference: string, registryId: number | null, field: FieldPath): Promise<RemoteTarget> {
    requireViewer(viewer)
    const ref = parseReference(reference.trim(), field)
    const registry = await this.registries.forReference(ref, registryId, { reference: field, registryId: ['registryId'] })
    if (!registry) throw new UserInputError('NOT_FOUND', field, `No registry at ${ref.domain ?? 'Docker Hub'} is configured; an administrator can add it with addRegistry`)
    // Its stored credentials go only with the requests of those allowed to use them; for anyone
    // else it is asked as an anonymous client, and answers what it answers anyone.
    return this.target(registry, ref, usesCredentials(registry, viewer))
  }

  /** `withCredentials`: false for a caller who may not use the registry's stored credentials. */
  target(registry: Registry, ref: ImageReference, withCredentials = true): RemoteTarget {
    const located = { ...ref, domain: referenceHost(registry) }
    return {
      registry,
      client: this.registries.client(registry, withCredentials),
      ref: located,
      repository: remoteRepository(registry, ref.path),
      engineRepository: repositoryOf(located),
    }
  }

  /** A page of the repository's tags, in the registry's (lexical) order. */
  async tags(target: RemoteTarget, page: PageRequest): Promise<Page<string>> {
    const { client, repository } = target
    const query = new URLSearchParams({ n: String(page.first + 1) })
    if (page.after) query.set('last', page.after)
    const response = await client.expect(`/v2/${repository}/tags/list?${query}`, { scope: `repository:${repository}:pull`, what: `repository ${repository}` })
    const body = client.json<{ tags?: string[] | null }>(response, 'a tag list')
    // Registries that ignore n and last (distribution before v3) send everything, in their storage's
    // order rather than sorted: sort and page it here, since the cursor is the last name handed out.
    const names = (body.tags ?? []).filter((name) => typeof name === 'string' && (page.after === null || name > page.after)).sort()
    const items = names.slice(0, page.first).map((name) => ({ cursor: name, node: name }))
    const more = names.length > page.first || (names.length === page.first && nextLink(response.headers.link) !== null)
    return { items, hasNextPage: more, endCursor: items.at(-1)?.cursor ?? null, totalCount: null }
  }

  /** Reads the manifest (and, for an image, its config blob); never a layer. */
  async inspect(target: RemoteTarget, platform: string | null): Promise<RemoteImage> {
    const top = await this.manifest(target, target.ref.digest ?? target.ref.tag ?? 'latest')
    if (top.manifest.kind === 'IMAGE') {
      const image = await this.image(target, top.digest, top.mediaType, top.size, top.manifest.config, top.manifest.layers)
      const own: PlatformDescriptor = { digest: top.digest, mediaType: top.mediaType, size: top.size, platform: platformOfConfig(image) }
      if (platform !== null && own.platform && !samePlatform(own.platform, platform)) {
        throw new UserInputError('NOT_FOUND', ['platform'], `${target.engineRepository} is a single-platform image for ${formatPlatform(own.platform)}, not ${platform}`)
      }
      return { target, digest: top.digest, mediaType: top.mediaType, size: top.size, isIndex: false, platforms: own.platform ? [own] : [], image }
    }
    const platforms = top.manifest.manifests
    const wanted = platform ?? 'linux/amd64'
    const chosen =
      platforms.find((p) => p.platform && formatPlatform(p.platform) === wanted) ?? platforms.find((p) => p.platform && samePlatform(p.platform, wanted))
    if (!chosen && platform !== null) {
      throw new UserInputError('NOT_FOUND', ['platform'], `${target.engineRepository} has no image for ${platform}; it has ${platforms.map((p) => (p.platform ? formatPlatform(p.platform) : p.digest)).join(', ')}`)
    }
    let image: RemoteManifest | null = null
    if (chosen) {
      const child = await this.manifest(target, chosen.digest)
      if (child.manifest.kind !== 'IMAGE') throw new RegistryError('BAD_RESPONSE', `The index entry ${chosen.digest} is not an image manifest`)
      image = await this.image(target, child.digest, child.mediaType, child.size, child.manifest.config, child.manifest.layers)
    }
    return { target, digest: top.digest, mediaType: top.mediaType, size: top.size, isIndex: true, platforms, image }
  }

  /** The digest the registry's tag points at now, from a HEAD (no body) where it says. */
  async currentDigest(target: RemoteTarget, tag: string): Promise<string> {
    const path = `/v2/${target.repository}/manifests/${tag}`
    const options = { accept: MANIFEST_ACCEPT, scope: `repository:${target.repository}:pull`, what: `${target.engineRepository}:${tag}` }
    const head = await target.client.expect(path, { ...options, method: 'HEAD' })
    const digest = headerValue(head.headers['docker-content-digest'])
    if (digest) return digest
    return (await this.manifest(target, tag)).digest
  }

  /** Repositories in the registry whose name contains `text` (bounded by SearchManager), by its search API or its catalog. */
  async search(registry: Registry, text: string, page: PageRequest, withCredentials = true): Promise<Page<RemoteRepository>> {
    const client = this.registries.client(registry, withCredentials)
    return registry.searchUrl ? this.searchApi(client, registry.searchUrl, text, page) : this.searchCatalog(client, text, page)
  }

  /**
   * Reads /v2/_catalog page by page (following its Link headers) and keeps the names that
   * match. The cursor is the last name handed out, which the registry's `last` starts after.
   */
  private async searchCatalog(client: RegistryClient, text: string, page: PageRequest): Promise<Page<RemoteRepository>> {
    const needle = text.toLowerCase()
    const query = new URLSearchParams({ n: String(this.catalogPageSize) })
    if (page.after) query.set('last', page.after)
    let next: string | null = `/v2/_catalog?${query}`
    const found: string[] = []
    let scanned: string | null = page.after
    for (let pages = 0; next && found.length <= page.first && pages < this.maxCatalogPages; pages++) {
      const response = await client.expect(next, { scope: 'registry:catalog:*', what: 'a catalog' })
      const names = client.json<{ repositories?: string[] | null }>(response, 'a catalog').repositories ?? []
      for (const name of names) {
        if (found.length > page.first) break
        scanned = name
        if (name.toLowerCase().includes(needle)) found.push(name)
      }
      const link = nextLink(response.headers.link)
      next = link ? new URL(link, client.base).toString() : null
    }
    const items = found.slice(0, page.first).map((name) => ({ cursor: name, node: repositoryNamed(name) }))
    const hasNextPage = found.length > page.first || next !== null
    // Out of pages to read with nothing found: the next request carries on from where this one stopped.
    const endCursor = items.at(-1)?.cursor ?? (hasNextPage ? scanned : null)
    return { items, hasNextPage, endCursor, totalCount: null }
  }

  /** Docker Hub's search API (GET ?q=&n=&page=), paged by offset over its fixed-size pages. */
  private async searchApi(client: RegistryClient, searchUrl: string, text: string, page: PageRequest): Promise<Page<RemoteRepository>> {
    const offset = offsetOf(page.after)
    const items: Page<RemoteRepository>['items'] = []
    let total: number | null = null
    for (let number = Math.floor(offset / HUB_PAGE) + 1; items.length < page.first; number++) {
      const url = new URL(searchUrl)
      url.search = new URLSearchParams({ q: text, n: String(HUB_PAGE), page: String(number) }).toString()
      const response = await client.expect(url.toString(), { what: 'a search' })
      const body = client.json<{ num_results?: number; results?: HubResult[] }>(response, 'search results')
      total = typeof body.num_results === 'number' ? body.num_results : total
      const results = body.results ?? []
      const start = (number - 1) * HUB_PAGE
      results.forEach((result, i) => {
        const position = start + i
        if (position >= offset && items.length < page.first) items.push({ cursor: String(position + 1), node: hubRepository(result) })
      })
      if (results.length < HUB_PAGE) break
    }
    const end = items.length ? Number(items.at(-1)!.cursor) : offset
    return { items, hasNextPage: total !== null && end < total, endCursor: items.at(-1)?.cursor ?? null, totalCount: total }
  }

  private async manifest(target: RemoteTarget, reference: string) {
    const { client, repository } = target
    const response = await client.expect(`/v2/${repository}/manifests/${reference}`, {
      accept: MANIFEST_ACCEPT,
      scope: `repository:${repository}:pull`,
      what: `${target.engineRepository}${reference.startsWith('sha256:') ? '@' : ':'}${reference}`,
    })
    const announced = headerValue(response.headers['docker-content-digest'])
    const asked = reference.startsWith('sha256:') ? reference : null
    if (asked && announced && asked !== announced) throw new RegistryError('BAD_RESPONSE', `Asked for ${asked}, the registry answered ${announced}`)
    // Not JSON from something without the registry API's marks is a web page, not a bad manifest.
    client.json(response, 'a manifest')
    const digest = verifyDigest(response.body, asked ?? announced, 'a manifest')
    const manifest = parseManifest(response.body, headerValue(response.headers['content-type']))
    return { digest, manifest, mediaType: manifest.mediaType, size: response.body.length }
  }

  private async image(target: RemoteTarget, digest: string, mediaType: string, size: number, config: Descriptor, layers: Descriptor[]): Promise<RemoteManifest> {
    const { client, repository } = target
    const blob = await client.expect(`/v2/${repository}/blobs/${config.digest}`, {
      scope: `repository:${repository}:pull`,
      what: `the config blob ${config.digest}`,
    })
    verifyDigest(blob.body, config.digest, 'an image config')
    return { digest, mediaType, size, config, layers, ...parseImageConfig(blob.body) }
  }
}

interface HubResult {
  name?: string
  repo_name?: string
  description?: string
  short_description?: string
  star_count?: number
  is_official?: boolean
  is_automated?: boolean
}

const hubRepository = (r: HubResult): RemoteRepository => ({
  name: r.name ?? r.repo_name ?? '',
  description: r.description ?? r.short_description ?? null,
  starCount: typeof r.star_count === 'number' ? r.star_count : null,
  official: typeof r.is_official === 'boolean' ? r.is_official : null,
  automated: typeof r.is_automated === 'boolean' ? r.is_automated : null,
})

const repositoryNamed = (name: string): RemoteRepository => ({ name, description: null, starCount: null, official: null, automated: null })

/** os/arch[/variant] against a platform; linux/arm64 asked, linux/arm64/v8 listed is a match, as in Docker. */
function samePlatform(platform: Platform, wanted: string): boolean {
  return formatPlatform(platform) === wanted || formatPlatform({ ...platform, variant: null }) === wanted
}

function platformOfConfig(config: ImageConfig): Platform | null {
  return config.os && config.architecture ? { os: config.os, architecture: config.architecture, variant: config.variant, osVersion: null } : null
}

/** The target of `Link: </v2/_catalog?last=b&n=2>; rel="next"`, if there is one. */
function nextLink(header: string | string[] | undefined): string | null {
  const value = headerValue(header)
  const match = value ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(value) : null
  return match?.[1] ?? null
}
