// remoteTags: a repository's tags in its registry, each marked installed when the engine holds
// it. Held under the registry's name (host/path:tag) is one way; the other is content: the
// engine holds, under a catalog tag's engine reference, an image whose digest in this
// registry the catalog knows (the tag was pulled from there, or pushed there from the engine
// image it still points at). After a push the engine drops the registry's name again, and
// with it the digest it knew, so only the catalog can tell.
import type { Viewer } from '../auth/viewer.js'
import { engineReferenceOf, engineRepositoryOf } from '../catalog/engine-references.js'
import type { Page, PageRequest } from '../catalog/page.js'
import { visibleImages } from '../catalog/visibility.js'
import type { Db } from '../db/client.js'
import type { EngineImages } from '../docker/images.js'
import { mapLimited } from '../work/map-limited.js'
import type { RemoteCatalog, RemoteTarget } from './remote.js'

export interface RemoteTag {
  name: string
  /** What to pull: host/path:tag. */
  reference: string
  /** Null when the engine does not answer. */
  installed: boolean | null
}

const PARALLEL = 8

export class RemoteTags {
  constructor(
    private readonly db: Db,
    private readonly remote: RemoteCatalog,
    private readonly engineImages: EngineImages,
  ) {}

  /** A page of the repository's tags, in the registry's (lexical) order, marked installed. */
  async page(viewer: Viewer | null, target: RemoteTarget, page: PageRequest): Promise<Page<RemoteTag>> {
    const [tags, engine] = await Promise.all([this.remote.tags(target, page), this.engineHolds()])
    const referenceOf = (name: string) => `${target.engineRepository}:${name}`
    let installed: (boolean | null)[] = tags.items.map(() => null)
    if (engine) {
      installed = tags.items.map(({ node: name }) => engine.has(referenceOf(name)))
      const digests = await this.heldDigests(viewer, target, engine)
      if (digests.size > 0) {
        // One HEAD for each tag not held by name, only when there is a digest to compare with.
        installed = await mapLimited(tags.items, PARALLEL, async ({ node: name }) =>
          engine.has(referenceOf(name)) || digests.has(await this.remote.currentDigest(target, name).catch(() => '')),
        )
      }
    }
    return { ...tags, items: tags.items.map(({ cursor, node: name }, i) => ({ cursor, node: { name, reference: referenceOf(name), installed: installed[i]! } })) }
  }

  /** Each name:tag the engine holds, and the image id it points at; null when the engine does not answer. */
  private async engineHolds(): Promise<Map<string, string> | null> {
    if (!(await this.engineImages.reachable())) return null
    return new Map((await this.engineImages.list()).flatMap((image) => image.repoTags.map((reference) => [reference, image.id] as const)))
  }

  /**
   * The registry digests of what the engine holds under the engine references of the catalog
   * image of this path (one the viewer can see), as far as the catalog knows them.
   */
  private async heldDigests(viewer: Viewer | null, target: RemoteTarget, engine: Map<string, string>): Promise<Set<string>> {
    const image = await this.db.image.findFirst({
      where: { AND: [{ name: target.ref.path }, visibleImages(viewer)] },
      select: {
        name: true,
        tags: {
          where: { engineImageId: { not: null } },
          select: {
            name: true,
            engineImageId: true,
            engineReference: true,
            digest: true,
            pushes: { where: { registryId: target.registry.id, state: 'SUCCEEDED', engineImageId: { not: null } }, select: { digest: true, engineImageId: true } },
          },
        },
      },
    })
    const digests = new Set<string>()
    for (const tag of image?.tags ?? []) {
      const reference = engineReferenceOf(tag, image!.name)
      // The catalog's record is only good while the engine still holds that image under that name.
      if (engine.get(reference) !== tag.engineImageId) continue
      if (tag.digest && engineRepositoryOf(reference) === target.engineRepository) digests.add(tag.digest)
      for (const push of tag.pushes) if (push.digest && push.engineImageId === tag.engineImageId) digests.add(push.digest)
    }
    return digests
  }
}
