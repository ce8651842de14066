// Images the catalog holds on one engine and needs on another: a build FROM a catalog tag that
// runs on an engine other than the one the tag's image is on. They move through a registry
// every engine can reach (ENGINE_TRANSFER_REGISTRY, one of the catalog's registries): pushed
// from the engine that holds them under a transfer name, pulled on the other, named there as
// the Dockerfile names them, and the transfer names dropped again.
import type Docker from 'dockerode'
import type { Db } from '../db/client.js'
import { followEngineStream } from '../docker/follow.js'
import { splitReference } from '../docker/images.js'
import { repositoryOf } from '../pulls/reference.js'
import { referenceHost, type RegistryManager } from '../registries/registries.js'
import type { EnginePool } from './engine-pool.js'

/** A catalog tag a Dockerfile builds FROM, and the engine that holds its image. */
export interface BaseImage {
  reference: string
  engineImageId: string
  engineId: number | null
}

/** The images a Dockerfile builds on (its FROM lines), without stages, scratch and ARG-made names. */
export function fromReferences(dockerfile: string | null | undefined): string[] {
  if (!dockerfile) return []
  const stages = new Set<string>()
  const references: string[] = []
  for (const line of dockerfile.split(/\r?\n/)) {
    const match = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?\s*$/i.exec(line)
    if (!match) continue
    const [, image, stage] = match
    if (!stages.has(image!.toLowerCase()) && image !== 'scratch' && !image!.includes('$')) references.push(image!.includes(':') || image!.includes('@') ? image! : `${image}:latest`)
    if (stage) stages.add(stage.toLowerCase())
  }
  return [...new Set(references)]
}

export class ImageMover {
  constructor(
    private readonly db: Db,
    private readonly engines: EnginePool,
    private readonly registries: RegistryManager,
    private readonly transferRegistry: string | undefined,
  ) {}

  /** The catalog tags among these references whose images some engine holds. */
  async catalogBases(references: readonly string[]): Promise<BaseImage[]> {
    const bases: BaseImage[] = []
    for (const reference of references) {
      const parts = splitReference(reference)
      if (!parts) continue
      const tag = await this.db.tag.findFirst({
        where: { engineImageId: { not: null }, OR: [{ engineReference: reference }, { engineReference: null, name: parts.tag, image: { name: parts.name } }] },
        select: { engineImageId: true, engineId: true },
      })
      if (tag) bases.push({ reference, engineImageId: tag.engineImageId!, engineId: tag.engineId ?? this.engines.primaryId })
    }
    return bases
  }

  /**
   * Makes each base image the engine `to` lacks available there under its own name. Says
   * what it does through `log`; throws, saying what to configure, when it cannot.
   */
  async bring(bases: readonly BaseImage[], to: { id: number; name: string }, log: (text: string) => void, signal: AbortSignal): Promise<void> {
    const target = this.engines.engine(to.id).docker
    for (const base of bases) {
      if (base.engineId === null || base.engineId === to.id) continue
      const there = await target.getImage(base.reference).inspect().catch(() => null)
      if (there?.Id === base.engineImageId) continue
      const from = this.engines.known.find((engine) => engine.id === base.engineId)
      const registry = this.transferRegistry ? await this.db.registry.findUnique({ where: { name: this.transferRegistry } }) : null
      if (!registry) {
        throw new Error(
          `${base.reference} is on the Docker engine ${from?.name ?? base.engineId}, and this build runs on ${to.name}: ` +
            (this.transferRegistry ? `the transfer registry ${this.transferRegistry} does not exist` : 'set ENGINE_TRANSFER_REGISTRY to a registry both engines reach to move it'),
        )
      }
      const started = Date.now()
      log(`Moving ${base.reference} from engine ${from?.name ?? base.engineId} to engine ${to.name} through the registry ${registry.name}`)
      await this.move(base, this.engines.engine(base.engineId).docker, target, registry, signal)
      log(`Moved ${base.reference} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    }
  }

  private async move(base: BaseImage, source: Docker, target: Docker, registry: { id: number; url: string; isDefault: boolean }, signal: AbortSignal) {
    const { name, tag } = splitReference(base.reference)!
    const domain = referenceHost(registry)
    // Under a name of the transfer's own: the registry's copy is the catalog's working copy, not a release.
    const repository = repositoryOf({ domain, path: `icat-transfer/${name.replace(/[^a-z0-9._/-]/g, '-')}` })
    const transfer = `${repository}:${tag}`
    const authconfig = await this.registries.engineAuth(registry.id, domain)
    const check = (error: string | null, what: string) => {
      if (error) throw new Error(`${what} ${base.reference} through ${registry.url} failed: ${error}`)
    }
    await source.getImage(base.engineImageId).tag({ repo: repository, tag })
    try {
      const pushed = await source.getImage(transfer).push({ tag, authconfig, abortSignal: signal })
      check(await followEngineStream(source, pushed, signal, () => {}), 'Pushing')
      const pulled = await target.pull(transfer, { authconfig, abortSignal: signal })
      check(await followEngineStream(target, pulled, signal, () => {}), 'Pulling')
      await target.getImage(transfer).tag({ repo: name, tag })
    } finally {
      await source.getImage(transfer).remove({ noprune: true }).catch(() => {})
      await target.getImage(transfer).remove({ noprune: true }).catch(() => {})
    }
  }
}
