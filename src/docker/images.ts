// Images and containers on the Docker engine, as the catalog needs them: tag, untag and
// remove references, inspect, list, and find or clear the containers that use an image.
// The catalog decides what to do; this file only knows how the engine does it.
import type Docker from 'dockerode'
import { UserInputError } from '../errors.js'
import type { DockerEngine } from './engine.js'
import { withTimeout } from '../work/timeout.js'

export interface EngineContainer {
  id: string
  name: string
  /** created, running, paused, restarting, removing, exited or dead. */
  state: string
  /** The engine's human summary, e.g. "Up 3 minutes". */
  status: string
  /** What the container was created from, as given: a name:tag or an image id. */
  imageReference: string
  imageId: string
  createdAt: Date
}

export interface EngineImageSummary {
  id: string
  repoTags: string[]
  sizeBytes: bigint
  createdAt: Date
}

export interface ImageHistoryEntry {
  createdAt: Date
  createdBy: string
  comment: string
  emptyLayer: boolean
}

export interface ImageDetails {
  id: string
  digest: string | null
  repoDigests: string[]
  sizeBytes: bigint
  createdAt: Date
  architecture: string
  os: string
  layers: string[]
  env: string[]
  cmd: string[] | null
  entrypoint: string[] | null
  exposedPorts: string[]
  labels: { name: string; value: string }[]
  history: ImageHistoryEntry[]
}

/** What a catalog Tag records about the engine image its reference points at. */
export interface EngineImageRecord {
  digest: string
  engineImageId: string
  sizeBytes: bigint
}

// The engine's own stop grace period is 10 s; a cascading delete is already a decision to
// end these containers, so they get less.
const STOP_GRACE_SECONDS = 5
const LIST_TIMEOUT_MS = 10_000
const ENGINE_SILENT = `The Docker engine gave no answer within ${LIST_TIMEOUT_MS} ms`

const statusOf = (error: unknown) => (error as { statusCode?: number } | null)?.statusCode

/** `name:tag` split at the tag's colon (a registry host may carry a colon of its own). */
export function splitReference(reference: string): { name: string; tag: string } | null {
  const colon = reference.lastIndexOf(':')
  if (colon <= 0 || colon < reference.lastIndexOf('/')) return null
  return { name: reference.slice(0, colon), tag: reference.slice(colon + 1) }
}

/**
 * The content digest the catalog records: the registry digest of this repository when the
 * image came from or went to a registry, else the engine's image id (also a sha256 of the
 * image's configuration), as builds record it.
 */
export function recordOf(info: Docker.ImageInspectInfo, name: string): EngineImageRecord {
  return { digest: repoDigestOf(info, name) ?? info.Id, engineImageId: info.Id, sizeBytes: BigInt(info.Size) }
}

/** The registry digest (sha256:...) of the image in repository `name`, if it has been in a registry. */
export function repoDigestOf(info: Docker.ImageInspectInfo, name: string): string | null {
  const repoDigest = (info.RepoDigests ?? []).find((d) => d.startsWith(`${name}@`))
  return repoDigest ? repoDigest.slice(name.length + 1) : null
}

export function describeContainers(containers: EngineContainer[]): string {
  return containers.map((c) => `${c.name} (${c.id.slice(0, 12)}, ${c.state})`).join(', ')
}

/**
 * Image operations on the engine that holds a tag, by the tag's engineId: several engines may
 * hold the catalog's images (src/engines/engine-pool.ts). Null is the first engine, which
 * holds the tags recorded before engines were.
 */
export interface EnginesByTag {
  images(engineId: number | null | undefined): EngineImages
  /** The first engine: it holds tags that predate engine records, and local-image reads default to it. */
  readonly primaryId: number | null
  /** The engine a caller names, or the first; NOT_FOUND naming `field` for an unknown name. */
  named(name: string | null | undefined, field: string[]): Promise<{ id: number | null; name: string | null; images: EngineImages }>
}

export class EngineImages {
  constructor(private readonly engine: DockerEngine) {}

  private get docker() {
    return this.engine.docker
  }

  requireReachable(field: string[] = []) {
    return this.engine.requireReachable(field)
  }

  async reachable(): Promise<boolean> {
    return (await this.engine.status()).reachable
  }

  /** The image a reference or id names, or null when the engine has no such image. */
  async inspect(reference: string): Promise<Docker.ImageInspectInfo | null> {
    try {
      return await this.docker.getImage(reference).inspect()
    } catch (error) {
      if (statusOf(error) === 404) return null
      throw error
    }
  }

  /** Points `name:tag` at the image `source` (a reference or an id) names. */
  async tag(source: string, name: string, tag: string): Promise<void> {
    await this.docker.getImage(source).tag({ repo: name, tag })
  }

  /**
   * Removes one reference, never the image by id: the image goes too only when this was its
   * last reference. `prune` also removes untagged parent images left without children.
   * False when the engine did not have the reference. A container using the image behind
   * its last reference is IMAGE_IN_USE on `field`.
   */
  async removeReference(reference: string, options: { prune: boolean; field: string[] }): Promise<boolean> {
    try {
      await this.docker.getImage(reference).remove({ noprune: !options.prune })
      return true
    } catch (error) {
      if (statusOf(error) === 404) return false
      if (statusOf(error) === 409) {
        const message = (error as { json?: { message?: string } }).json?.message ?? String(error)
        throw new UserInputError('IMAGE_IN_USE', options.field, `The engine refused to remove ${reference}: ${message}`)
      }
      throw error
    }
  }

  /** Every container on the engine, running or stopped. */
  async containers(): Promise<EngineContainer[]> {
    const list = await withTimeout(this.docker.listContainers({ all: true }), LIST_TIMEOUT_MS, ENGINE_SILENT)
    return list.map((c) => ({
      id: c.Id,
      name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
      state: c.State,
      status: c.Status,
      imageReference: c.Image,
      imageId: c.ImageID,
      createdAt: new Date(c.Created * 1000),
    }))
  }

  /** Stops the containers (a few seconds' grace), then removes them with their anonymous volumes. */
  async stopAndRemove(containers: EngineContainer[]): Promise<void> {
    await Promise.all(
      containers.map(async ({ id }) => {
        const container = this.docker.getContainer(id)
        try {
          await container.stop({ t: STOP_GRACE_SECONDS })
        } catch (error) {
          // 304: already stopped; 404: already gone.
          if (statusOf(error) !== 304 && statusOf(error) !== 404) throw error
        }
        try {
          await container.remove({ v: true })
        } catch (error) {
          if (statusOf(error) !== 404) throw error
        }
      }),
    )
  }

  /** The images the engine holds, newest first; dangling ones have no repo tags. */
  async list(): Promise<EngineImageSummary[]> {
    const images = await withTimeout(this.docker.listImages(), LIST_TIMEOUT_MS, ENGINE_SILENT)
    return images
      .map((image) => ({
        id: image.Id,
        repoTags: (image.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
        sizeBytes: BigInt(image.Size),
        createdAt: new Date(image.Created * 1000),
      }))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }

  /** A local inspect with the image's history; null when the engine has no such image. */
  async details(reference: string): Promise<ImageDetails | null> {
    const info = await this.inspect(reference)
    if (!info) return null
    let history: { Created: number; CreatedBy: string; Comment: string; Size: number }[]
    try {
      history = await this.docker.getImage(info.Id).history()
    } catch (error) {
      // Removed between the two calls.
      if (statusOf(error) === 404) return null
      throw error
    }
    const name = splitReference(reference)?.name
    const config = info.Config ?? ({} as Partial<Docker.ImageInspectInfo['Config']>)
    const list = (value: string | string[] | null | undefined) => (value == null ? null : Array.isArray(value) ? value : [value])
    return {
      id: info.Id,
      digest: name ? repoDigestOf(info, name) : null,
      repoDigests: info.RepoDigests ?? [],
      sizeBytes: BigInt(info.Size),
      createdAt: new Date(info.Created),
      architecture: info.Architecture,
      os: info.Os,
      layers: info.RootFS?.Layers ?? [],
      env: config.Env ?? [],
      cmd: list(config.Cmd),
      entrypoint: list(config.Entrypoint),
      exposedPorts: Object.keys(config.ExposedPorts ?? {}),
      labels: Object.entries(config.Labels ?? {}).map(([labelName, value]) => ({ name: labelName, value })),
      history: withEmptyLayers(history, info.RootFS?.Layers?.length ?? 0),
    }
  }
}

// Instructions that change only the image's configuration, never its files, in the classic
// builder's spelling ("/bin/sh -c #(nop)  ENV ...") and BuildKit's ("ENV ...").
const CONFIG_ONLY = /^(?:\/bin\/sh -c #\(nop\)\s+)?(?:ENV|LABEL|CMD|ENTRYPOINT|EXPOSE|USER|ARG|STOPSIGNAL|HEALTHCHECK|SHELL|VOLUME|ONBUILD|MAINTAINER)\b/

/**
 * The history API (newest step first) has no empty-layer flag, and reports size 0 both for a
 * step without a layer and for a layer of only symlinks or empty files. The layer count is
 * exact, so the zero-size steps that are not configuration-only take up the rest, oldest first.
 */
function withEmptyLayers(history: { Created: number; CreatedBy?: string; Comment?: string; Size: number }[], layerCount: number): ImageHistoryEntry[] {
  const hasLayer = history.map((h) => h.Size > 0)
  let missing = layerCount - hasLayer.filter(Boolean).length
  for (let i = history.length - 1; i >= 0 && missing > 0; i--) {
    if (!hasLayer[i] && !CONFIG_ONLY.test(history[i]!.CreatedBy ?? '')) {
      hasLayer[i] = true
      missing--
    }
  }
  return history.map((h, i) => ({ createdAt: new Date(h.Created * 1000), createdBy: h.CreatedBy ?? '', comment: h.Comment ?? '', emptyLayer: !hasLayer[i] }))
}

