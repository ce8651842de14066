// QNAP's search across depots: what the engine holds (LOCAL), this catalog (CATALOG), and a
// registry (REGISTRY). Every hit says whether the engine has it and which catalog image, if
// any the caller may see, carries its name.
import { requireViewer, type Viewer } from '../auth/viewer.js'
import type { Db, Prisma, Registry } from '../db/client.js'
import type { DockerEngine } from '../docker/engine.js'
import type { EngineImages } from '../docker/images.js'
import { notFound, UserInputError } from '../errors.js'
import { parseReference, repositoryOf } from '../pulls/reference.js'
import { referenceHost, type RegistryManager } from '../registries/registries.js'
import { talkingTo, type RemoteCatalog, type RemoteRepository } from '../registries/remote.js'
import { offsetOf, pageOf, type Page, type PageRequest } from './page.js'
import { isVisibleImage, usesCredentials, visibleImages } from './visibility.js'

export type SearchDepot = 'LOCAL' | 'CATALOG' | 'REGISTRY'

type CatalogImage = Prisma.ImageGetPayload<object>

export interface SearchHit extends RemoteRepository {
  depot: SearchDepot
  registry: Registry | null
  /** The engine's tags of this repository; null when the engine does not answer. */
  installedTags: string[] | null
  /** The catalog image of this name, when the caller may see it. */
  image: CatalogImage | null
}

export interface SearchQuery {
  depot: SearchDepot
  registryId: number | null
  text: string | null
}

const MAX_TEXT = 255

export class SearchManager {
  constructor(
    private readonly db: Db,
    private readonly engine: DockerEngine,
    private readonly engineImages: EngineImages,
    private readonly registries: RegistryManager,
    private readonly remote: RemoteCatalog,
  ) {}

  async search(viewer: Viewer | null, query: SearchQuery, page: PageRequest): Promise<Page<SearchHit>> {
    const user = requireViewer(viewer)
    const text = (query.text ?? '').trim().toLowerCase()
    if (text.length > MAX_TEXT) throw new UserInputError('INVALID', ['text'], `Search text must be at most ${MAX_TEXT} characters`)
    if (query.depot !== 'REGISTRY' && query.registryId !== null) {
      throw new UserInputError('INVALID', ['registryId'], 'Only a REGISTRY search names a registry')
    }
    if (query.depot === 'CATALOG') return this.searchCatalog(user, text, page)
    if (query.depot === 'LOCAL') return this.searchLocal(user, text, page)
    return this.searchRegistry(user, query.registryId, text, page)
  }

  private async searchCatalog(viewer: Viewer, text: string, page: PageRequest): Promise<Page<SearchHit>> {
    const where = { AND: [visibleImages(viewer), text ? { name: { contains: text } } : {}] }
    const offset = offsetOf(page.after)
    const [images, total, installed] = await Promise.all([
      this.db.image.findMany({ where, orderBy: { name: 'asc' }, skip: offset, take: page.first }),
      this.db.image.count({ where }),
      this.installedTags(),
    ])
    // A pulled image's engine repository carries its registry host; the catalog name does not.
    const byCatalogName = new Map<string, string[]>()
    for (const [repository, tags] of installed ?? []) {
      const name = catalogName(repository)
      if (name) byCatalogName.set(name, [...new Set([...(byCatalogName.get(name) ?? []), ...tags])].sort())
    }
    const items = images.map((image, i) => ({
      cursor: String(offset + i + 1),
      node: {
        ...blank(image.name),
        description: image.description || null,
        starCount: image.starCount,
        depot: 'CATALOG' as const,
        registry: null,
        installedTags: installed ? (byCatalogName.get(image.name) ?? []) : null,
        image,
      },
    }))
    return { items, hasNextPage: offset + items.length < total, endCursor: items.at(-1)?.cursor ?? null, totalCount: total }
  }

  /** The engine's repositories (host/path as it names them) whose name contains the text, as the viewer may see them. */
  private async searchLocal(viewer: Viewer, text: string, page: PageRequest): Promise<Page<SearchHit>> {
    await this.engine.requireReachable()
    const installed = (await this.installedFor(viewer, (name) => name.includes(text)))!
    const result = pageOf([...installed.tags.keys()].sort(), page)
    return {
      ...result,
      items: result.items.map(({ cursor, node: name }) => ({
        cursor,
        node: { ...blank(name), depot: 'LOCAL' as const, registry: null, installedTags: installed.tags.get(name)!, image: installed.images.get(name) ?? null },
      })),
    }
  }

  private async searchRegistry(viewer: Viewer, registryId: number | null, text: string, page: PageRequest): Promise<Page<SearchHit>> {
    if (registryId === null) throw new UserInputError('REQUIRED', ['registryId'], 'A REGISTRY search needs the registry to search')
    const registry = await this.registries.find(registryId)
    if (!registry) throw notFound(['registryId'], 'Registry')
    // Searched with its stored credentials only for those allowed to use them (see usesCredentials).
    const found = await talkingTo(['registryId'], () => this.remote.search(registry, text, page, usesCredentials(registry, viewer)))
    const domain = referenceHost(registry)
    // Docker Hub lists its official images as library/x; the engine and the catalog call them x.
    const localName = (name: string) => repositoryOf({ domain, path: domain ? name : name.replace(/^library\//, '') })
    const wanted = new Set(found.items.map((item) => localName(item.node.name)))
    const installed = await this.installedFor(viewer, (repository) => wanted.has(repository))
    const images = await this.catalogImages(viewer, found.items.map((item) => item.node.name.replace(/^library\//, '')))
    return {
      ...found,
      items: found.items.map(({ cursor, node }) => ({
        cursor,
        node: {
          ...node,
          depot: 'REGISTRY' as const,
          registry,
          installedTags: installed ? (installed.tags.get(localName(node.name)) ?? []) : null,
          image: images.get(node.name.replace(/^library\//, '')) ?? null,
        },
      })),
    }
  }

  /**
   * Repository to its tags, from one listing of the engine's images, whoever's they are (a
   * caller shows them through installedFor's rule); null when the engine does not answer.
   */
  async installedTags(): Promise<Map<string, string[]> | null> {
    if (!(await this.engineImages.reachable())) return null
    const byRepository = new Map<string, string[]>()
    for (const image of await this.engineImages.list()) {
      for (const repoTag of image.repoTags) {
        const colon = repoTag.lastIndexOf(':')
        if (colon <= repoTag.lastIndexOf('/')) continue
        const repository = repoTag.slice(0, colon)
        byRepository.set(repository, [...(byRepository.get(repository) ?? []), repoTag.slice(colon + 1)].sort())
      }
    }
    return byRepository
  }

  /**
   * The engine's repositories (those `wanted`) as this viewer may see them, with the catalog
   * image each carries. The engine is shared by every user: a repository that carries a catalog
   * image's name, under any registry host, is there only for whom may see that image (for anyone
   * else it is absent, like a missing one); one that carries no catalog image's name only for
   * administrators, who see the whole engine in localImages. Null when the engine does not answer.
   */
  private async installedFor(
    viewer: Viewer,
    wanted: (repository: string) => boolean,
  ): Promise<{ tags: Map<string, string[]>; images: Map<string, CatalogImage> } | null> {
    const installed = await this.installedTags()
    if (!installed) return null
    const repositories = [...installed.keys()].filter(wanted)
    const names = [...new Set(repositories.map(catalogName).filter((name): name is string => name !== null))]
    const known = names.length > 0 ? await this.db.image.findMany({ where: { name: { in: names } } }) : []
    const byName = new Map(known.map((image) => [image.name, image]))
    const tags = new Map<string, string[]>()
    const images = new Map<string, CatalogImage>()
    for (const repository of repositories) {
      const image = byName.get(catalogName(repository) ?? '')
      if (image ? !isVisibleImage(image, viewer) : !viewer.isAdmin) continue
      tags.set(repository, installed.get(repository)!)
      if (image) images.set(repository, image)
    }
    return { tags, images }
  }

  private async catalogImages(viewer: Viewer, names: (string | null)[]): Promise<Map<string, CatalogImage>> {
    const wanted = names.filter((name): name is string => name !== null)
    if (wanted.length === 0) return new Map()
    const images = await this.db.image.findMany({ where: { AND: [{ name: { in: wanted } }, visibleImages(viewer)] } })
    return new Map(images.map((image) => [image.name, image]))
  }
}

const blank = (name: string): RemoteRepository => ({ name, description: null, starCount: null, official: null, automated: null })

/** The catalog's name for an engine repository (its path without the registry host), if it has one. */
function catalogName(repository: string): string | null {
  try {
    return parseReference(repository, ['name']).path
  } catch {
    return null
  }
}
