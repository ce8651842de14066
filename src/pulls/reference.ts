// Image references in Docker's grammar (github.com/distribution/reference):
//   reference := name [ ":" tag ] [ "@" digest ]
//   name      := [ domain "/" ] path-component [ "/" path-component ]*
// The first component is a registry host only when it looks like one (has "." or ":",
// is "localhost", or has capitals), exactly as Docker decides, so "team/web" stays on Docker Hub.
import { checkImageName, type FieldPath } from '../catalog/rules.js'
import { UserInputError } from '../errors.js'

export interface ImageReference {
  /** Registry host[:port]; null for Docker Hub. */
  domain: string | null
  /** Repository path without the host, e.g. base/busybox: the catalog image's name. */
  path: string
  tag: string | null
  digest: string | null
}

const ALPHA_NUMERIC = '[a-z0-9]+'
const SEPARATOR = '(?:[._]|__|-+)'
const PATH_COMPONENT = `${ALPHA_NUMERIC}(?:${SEPARATOR}${ALPHA_NUMERIC})*`
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])'
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`
const TAG = '[\\w][\\w.-]{0,127}'
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}'
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`)
const NAME_MAX = 255
const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io'])

function invalid(field: FieldPath, message: string): never {
  throw new UserInputError('INVALID', field, message)
}

/** Parses and checks a reference; a mistake is an INVALID userError on `field`. */
export function parseReference(input: string, field: FieldPath): ImageReference {
  const match = REFERENCE.exec(input)
  if (!match) {
    invalid(field, `"${input}" is not an image reference: name[:tag][@digest], e.g. registry.example.com:5000/team/web:1.0`)
  }
  const [, name, tag, digest] = match as unknown as [string, string, string | undefined, string | undefined]
  if (name.length > NAME_MAX) invalid(field, `The repository name must be at most ${NAME_MAX} characters`)
  if (digest?.startsWith('sha256:') && !/^sha256:[0-9a-f]{64}$/.test(digest)) invalid(field, 'A sha256 digest has 64 lowercase hex digits')
  let domain: string | null = null
  let path = name
  const slash = name.indexOf('/')
  const first = name.slice(0, slash)
  if (slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first)) {
    domain = first
    path = name.slice(slash + 1)
  }
  if (domain && DOCKER_HUB_HOSTS.has(domain)) {
    domain = null
    // Docker Hub's official images live under library/, which Docker leaves out of their names.
    if (/^library\/[^/]+$/.test(path)) path = path.slice('library/'.length)
  }
  // Docker allows a few separators ("__", "--") the catalog's names do not.
  checkImageName(path, field)
  return { domain, path, tag: tag ?? null, digest: digest ?? null }
}

/** The reference spelled out, with the default tag when it names neither tag nor digest. */
export function formatReference(ref: ImageReference): string {
  const repository = repositoryOf(ref)
  if (!ref.tag && !ref.digest) return `${repository}:latest`
  return `${repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`
}

/** host/path, or just path on Docker Hub: the repository the engine names the image by. */
export function repositoryOf(ref: Pick<ImageReference, 'domain' | 'path'>): string {
  return ref.domain ? `${ref.domain}/${ref.path}` : ref.path
}

/** What to ask the engine for: a digest pins the content, so it wins over the tag. */
export function engineReference(ref: ImageReference): string {
  return ref.digest ? `${repositoryOf(ref)}@${ref.digest}` : `${repositoryOf(ref)}:${ref.tag ?? 'latest'}`
}

/** The catalog tag a pull records: the tag given, latest when neither tag nor digest is. */
export function catalogTag(ref: ImageReference): string | null {
  return ref.tag ?? (ref.digest ? null : 'latest')
}
