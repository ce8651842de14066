// Manifests as registries serve them: Docker schema 2 and OCI image manifests, and the two
// kinds of index (Docker manifest lists, OCI image indexes) that point at one per platform.
import { createHash } from 'node:crypto'
import { RegistryError } from './client.js'

export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const
/** What we ask for: every kind we can read, so the registry never down-converts to schema 1. */
export const MANIFEST_ACCEPT = [MEDIA.ociIndex, MEDIA.dockerList, MEDIA.ociManifest, MEDIA.dockerManifest]
const INDEX_TYPES = new Set<string>([MEDIA.ociIndex, MEDIA.dockerList])
const IMAGE_TYPES = new Set<string>([MEDIA.ociManifest, MEDIA.dockerManifest])

export interface Descriptor {
  mediaType: string
  digest: string
  size: number
}

export interface Platform {
  os: string
  architecture: string
  variant: string | null
  osVersion: string | null
}

export type PlatformDescriptor = Descriptor & { platform: Platform | null }

export type Manifest =
  | { kind: 'INDEX'; mediaType: string; manifests: PlatformDescriptor[] }
  | { kind: 'IMAGE'; mediaType: string; config: Descriptor; layers: Descriptor[] }

export interface ImageConfig {
  os: string | null
  architecture: string | null
  variant: string | null
  created: Date | null
  labels: { name: string; value: string }[]
  env: string[]
  cmd: string[] | null
  entrypoint: string[] | null
  workingDir: string | null
  user: string | null
  exposedPorts: string[]
}

export const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

/** Checks content against the digest it was asked for or announced with; sha256 only, as registries use. */
export function verifyDigest(bytes: Buffer, expected: string | null, what: string): string {
  const actual = sha256(bytes)
  if (expected && expected.startsWith('sha256:') && expected !== actual) {
    throw new RegistryError('BAD_RESPONSE', `The registry sent ${what} whose content does not match its digest ${expected}`)
  }
  return expected ?? actual
}

const bad = (message: string) => new RegistryError('BAD_RESPONSE', message)

function descriptor(value: unknown, what: string): Descriptor {
  const d = value as Partial<Descriptor> | null
  if (!d || typeof d.digest !== 'string' || typeof d.size !== 'number') throw bad(`The manifest's ${what} is not a descriptor with a digest and a size`)
  return { mediaType: typeof d.mediaType === 'string' ? d.mediaType : '', digest: d.digest, size: d.size }
}

export function parseManifest(bytes: Buffer, contentType: string | null): Manifest {
  let body: Record<string, unknown>
  try {
    body = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>
  } catch {
    throw bad('The manifest is not JSON')
  }
  if (body.schemaVersion === 1) throw bad('The registry only offers a schema 1 manifest, which Docker dropped; push it again with a current client')
  // The media type in the body wins; OCI allows leaving it out, and then the header says.
  const mediaType = (typeof body.mediaType === 'string' && body.mediaType) || (contentType ?? '').split(';')[0]!.trim()
  const isIndex = INDEX_TYPES.has(mediaType) || (!mediaType && Array.isArray(body.manifests))
  if (isIndex) {
    if (!Array.isArray(body.manifests)) throw bad('The index lists no manifests')
    return {
      kind: 'INDEX',
      mediaType: mediaType || MEDIA.ociIndex,
      manifests: body.manifests.map((entry: unknown, i: number) => ({
        ...descriptor(entry, `manifests[${i}]`),
        platform: platformOf((entry as { platform?: Record<string, unknown> }).platform),
      })),
    }
  }
  if (!IMAGE_TYPES.has(mediaType) && !body.config) throw bad(`The manifest has a media type this service does not read: ${mediaType || 'none'}`)
  if (!Array.isArray(body.layers)) throw bad('The manifest lists no layers')
  return {
    kind: 'IMAGE',
    mediaType: mediaType || MEDIA.ociManifest,
    config: descriptor(body.config, 'config'),
    layers: body.layers.map((layer: unknown, i: number) => descriptor(layer, `layers[${i}]`)),
  }
}

function platformOf(value: Record<string, unknown> | undefined): Platform | null {
  if (!value || typeof value.os !== 'string' || typeof value.architecture !== 'string') return null
  return {
    os: value.os,
    architecture: value.architecture,
    variant: typeof value.variant === 'string' ? value.variant : null,
    osVersion: typeof value['os.version'] === 'string' ? value['os.version'] : null,
  }
}

/** os/arch[/variant] as Docker writes platforms. */
export const formatPlatform = (p: Platform) => [p.os, p.architecture, p.variant].filter(Boolean).join('/')

/** The image config blob's fields a person looks at; absent ones are null or empty. */
export function parseImageConfig(bytes: Buffer): ImageConfig {
  let body: Record<string, unknown>
  try {
    body = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>
  } catch {
    throw bad('The image config is not JSON')
  }
  const config = (body.config ?? {}) as Record<string, unknown>
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null)
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null)
  const created = text(body.created)
  const labels = (config.Labels ?? {}) as Record<string, unknown>
  return {
    os: text(body.os),
    architecture: text(body.architecture),
    variant: text(body.variant),
    created: created && !Number.isNaN(Date.parse(created)) ? new Date(created) : null,
    labels: Object.entries(labels)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([name, value]) => ({ name, value }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    env: strings(config.Env) ?? [],
    cmd: strings(config.Cmd),
    entrypoint: strings(config.Entrypoint),
    workingDir: text(config.WorkingDir),
    user: text(config.User),
    exposedPorts: Object.keys((config.ExposedPorts ?? {}) as object).sort(),
  }
}
