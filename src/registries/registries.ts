// Registries (QNAP's registry management). Admin-only writes; the default registry is
// fixed; passwords go in sealed and never come back out through the API.
import { requireAdmin, type Viewer } from '../auth/viewer.js'
import { checkHttpUrl, checkText, type FieldPath } from '../catalog/rules.js'
import { actingViewer } from '../catalog/namespaces.js'
import { usesCredentials } from '../catalog/visibility.js'
import type { Db, Registry } from '../db/client.js'
import { AccessError, isUniqueViolation, notFound, UserInputError } from '../errors.js'
import type { ImageReference } from '../pulls/reference.js'
import { RegistryClient, TokenCache, type RegistryEndpoint } from './client.js'
import { FAILURE_CODES } from './failures.js'
import { pingRegistry, type PingResult } from './ping.js'
import type { SecretBox } from './secret-box.js'
import { noInstruments, type Instruments } from '../observability/instruments.js'
import { hasCredentials, splitPassword, usernameOf, withoutCredentials } from '../url-credentials.js'

export const DEFAULT_REGISTRY = {
  name: 'Docker Hub',
  url: 'https://registry-1.docker.io',
  apiVersion: 'v2',
  searchUrl: 'https://index.docker.io/v1/search',
} as const
export type RegistryApiVersion = 'v1' | 'v2'

export interface RegistryFields {
  name?: string
  url?: string
  apiVersion?: RegistryApiVersion | null
  trustSelfSignedCert?: boolean | null
  username?: string | null
  /** `null` forgets the stored password; `undefined` keeps it. */
  password?: string | null
  searchUrl?: string | null
  /** The organization whose members may use its credentials; `null`: administrators only. */
  organizationId?: number | null
}

const CREDENTIALS_GO_TO = 'give them as username and password, which keep the password sealed and write-only'
const PING_CREDENTIALS_GO_TO = 'add the registry with username and password (the password is kept sealed) and ping it by id'
const DOCKER_HUB_AUTH_ADDRESS = 'https://index.docker.io/v1/'
const DOCKER_HUB_HOSTS = new Set(['registry-1.docker.io', 'index.docker.io', 'docker.io'])

/** Where a registry keeps a repository: Docker Hub files one-part names under library/. */
export function remoteRepository(registry: Pick<Registry, 'url'>, path: string): string {
  return DOCKER_HUB_HOSTS.has(registryHost(registry)) && !path.includes('/') ? `library/${path}` : path
}

/** host[:port], as image references name a registry. */
export const registryHost = (registry: Pick<Registry, 'url'>) => new URL(registry.url).host

/** The host an image reference names for this registry: none for the default, Docker Hub. */
export const referenceHost = (registry: Pick<Registry, 'url' | 'isDefault'>) => (registry.isDefault ? null : registryHost(registry))

export class RegistryManager {
  private readonly tokens = new TokenCache()
  private readonly clients = new Map<string, { version: number; client: RegistryClient }>()

  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly timeoutMs: number,
    private readonly instruments: Instruments = noInstruments,
  ) {}

  /**
   * The registry's client, with its stored credentials and TLS setting. One per registry
   * version, so the registry's auth challenge is learned once (not with a 401 per call) and
   * the password is decrypted once; any change to the registry makes a new one.
   */
  client(registry: Registry, withCredentials = true): RegistryClient {
    const key = `${registry.id}:${withCredentials}`
    const known = this.clients.get(key)
    if (known && known.version === registry.updatedAt.getTime()) return known.client
    const endpoint = this.endpoint(registry)
    const client = new RegistryClient(withCredentials ? endpoint : { ...endpoint, credentials: null }, this.tokens)
    this.clients.set(key, { version: registry.updatedAt.getTime(), client })
    return client
  }

  find(id: number) {
    return this.db.registry.findUnique({ where: { id } })
  }

  /** The stored registry at host[:port], if any; Docker Hub's names all lead to the default. */
  async findByHost(host: string): Promise<Registry | null> {
    const registries = await this.db.registry.findMany({ orderBy: { id: 'asc' } })
    const wanted = DOCKER_HUB_HOSTS.has(host) ? 'registry-1.docker.io' : host.toLowerCase()
    return registries.find((registry) => registryHost(registry).toLowerCase() === wanted) ?? null
  }

  /**
   * The registry a reference lives in: the one given, whose host the reference may not
   * contradict (its credentials must not go to another host), else the configured one at the
   * reference's host, Docker Hub's when it names none. Null when no registry is configured there.
   */
  async forReference(ref: ImageReference, registryId: number | null, fields: { reference: FieldPath; registryId: FieldPath }): Promise<Registry | null> {
    if (registryId === null) return this.findByHost(ref.domain ?? 'docker.io')
    const registry = await this.find(registryId)
    if (!registry) throw notFound(fields.registryId, 'Registry')
    const host = referenceHost(registry)
    if (ref.domain && ref.domain !== host) {
      throw new UserInputError('INVALID', fields.reference, `The reference names the registry ${ref.domain}, but registry ${registry.name} is at ${host ?? 'Docker Hub'}`)
    }
    return registry
  }

  private endpoint(registry: Registry, trustSelfSignedCert = registry.trustSelfSignedCert): RegistryEndpoint {
    return { url: withoutCredentials(registry.url), trustSelfSignedCert, credentials: this.open(registry), timeoutMs: this.timeoutMs, instruments: this.instruments }
  }

  /**
   * Pings a stored registry (with its credentials and TLS setting) or any URL. Admin only:
   * it makes the server send requests to addresses a caller chooses.
   */
  async ping(viewer: Viewer | null, target: { id?: number | null; url?: string | null; trustSelfSignedCert?: boolean | null }): Promise<PingResult> {
    requireAdmin(viewer)
    if ((target.id == null) === (target.url == null)) throw new UserInputError('INVALID', ['id'], 'Give exactly one of id or url')
    if (target.url != null) {
      const url = checkHttpUrl(target.url.trim(), ['url'], { credentialsGoTo: PING_CREDENTIALS_GO_TO })
      return pingRegistry({ url, trustSelfSignedCert: target.trustSelfSignedCert ?? false, credentials: null, timeoutMs: this.timeoutMs, instruments: this.instruments })
    }
    const registry = await this.find(target.id!)
    if (!registry) throw notFound(['id'], 'Registry')
    return pingRegistry(this.endpoint(registry, target.trustSelfSignedCert ?? registry.trustSelfSignedCert))
  }

  /**
   * Refuses (FORBIDDEN) a caller who asks to use the registry's stored credentials without
   * being allowed to (see usesCredentials); a registry without credentials is anyone's to use.
   */
  requireCredentialsUse(registry: Registry, viewer: Viewer | null): void {
    if (this.open(registry) && !usesCredentials(registry, viewer)) {
      throw new AccessError('FORBIDDEN', `The credentials stored for ${registry.name} are for administrators${registry.organizationId ? ' and members of its organization' : ''} only`)
    }
  }

  /** Pings the registry with its credentials; a failure is a userError on `field` that says why. */
  async requireUsable(registry: Registry, field: FieldPath): Promise<void> {
    const ping = await pingRegistry(this.endpoint(registry))
    if (ping.error) throw new UserInputError(FAILURE_CODES[ping.error.code], field, ping.error.message)
    if (ping.authRequired && ping.authenticated === null) {
      throw new UserInputError('REGISTRY_UNAUTHORIZED', field, `${registry.name} requires credentials, and none are stored`)
    }
  }

  /** The default registry first, then the others in the order they were added. */
  list(query: object) {
    return this.db.registry.findMany({ ...query, orderBy: [{ isDefault: 'desc' }, { id: 'asc' }] })
  }

  count() {
    return this.db.registry.count()
  }

  async ensureDefault() {
    const existing = await this.db.registry.findFirst({ where: { isDefault: true } })
    if (existing) return existing
    return this.db.registry.upsert({
      where: { name: DEFAULT_REGISTRY.name },
      create: { ...DEFAULT_REGISTRY, isDefault: true },
      update: { isDefault: true },
    })
  }

  /**
   * Registries stored before URLs were refused credentials: a user name and password in the URL
   * move into username and the sealed password (unless the registry has its own), so they keep
   * working and never show. Run at start-up; a registry without any is left alone.
   */
  async moveUrlCredentials(): Promise<void> {
    const stored = await this.db.registry.findMany({ where: { OR: [{ url: { contains: '@' } }, { searchUrl: { contains: '@' } }] } })
    for (const registry of stored) {
      const data: { url?: string; searchUrl?: string; username?: string | null; passwordCiphertext?: string | null } = {}
      if (hasCredentials(registry.url)) {
        data.url = withoutCredentials(registry.url)
        if (!registry.username && !registry.passwordCiphertext) {
          const password = splitPassword(registry.url).password
          data.username = usernameOf(registry.url)
          data.passwordCiphertext = password ? this.box.seal(password) : null
        }
      }
      if (registry.searchUrl && hasCredentials(registry.searchUrl)) data.searchUrl = withoutCredentials(registry.searchUrl)
      if (Object.keys(data).length === 0) continue
      // Another instance starting at the same time may have moved them already.
      await this.db.registry.updateMany({ where: { id: registry.id, url: registry.url, searchUrl: registry.searchUrl }, data })
    }
  }

  async add(viewer: Viewer | null, fields: RegistryFields & { name: string; url: string }) {
    requireAdmin(viewer)
    const data = await this.checkFields(fields)
    return this.withUniqueName(fields.name, () => this.db.registry.create({ data: { ...data, name: data.name!, url: data.url! } }))
  }

  async update(viewer: Viewer | null, id: number, fields: RegistryFields) {
    requireAdmin(viewer)
    await this.requireEditable(id)
    const data = await this.checkFields(fields)
    return this.withUniqueName(fields.name, () => this.db.registry.update({ where: { id }, data }))
  }

  /** Refuses while images name the registry, so no image silently loses where it lives. */
  async delete(viewer: Viewer | null, id: number) {
    requireAdmin(viewer)
    const registry = await this.requireEditable(id)
    const users = await this.db.image.count({ where: { registryId: id } })
    if (users > 0) {
      throw new UserInputError('IN_USE', ['input', 'id'], `${users} image(s) use registry ${registry.name}; move or delete them first`)
    }
    return this.db.registry.delete({ where: { id } })
  }

  /** Decrypted credentials, for talking to the registry itself; never for API output. */
  async credentials(id: number): Promise<{ username: string; password: string } | null> {
    const registry = await this.find(id)
    return registry ? this.open(registry) : null
  }

  /**
   * The engine's authconfig for pulls and pushes: the stored credentials, for the host they
   * belong to. `forUserId`: the job's requester, who must be allowed to use them (usesCredentials,
   * as they are now); without them the engine asks anonymously.
   */
  async engineAuth(id: number, domain: string | null, forUserId?: number) {
    const registry = await this.find(id)
    if (!registry) return undefined
    if (forUserId !== undefined && !usesCredentials(registry, await actingViewer(this.db, forUserId))) return undefined
    const credentials = this.open(registry)
    return credentials ? { ...credentials, serveraddress: domain ?? DOCKER_HUB_AUTH_ADDRESS } : undefined
  }

  private open(registry: Registry): { username: string; password: string } | null {
    if (!registry.username || !registry.passwordCiphertext) return null
    return { username: registry.username, password: this.box.open(registry.passwordCiphertext) }
  }

  private async requireEditable(id: number) {
    const registry = await this.db.registry.findUnique({ where: { id } })
    if (!registry) throw notFound(['input', 'id'], 'Registry')
    if (registry.isDefault) throw new UserInputError('READ_ONLY', ['input', 'id'], `The default registry ${registry.name} cannot be changed or deleted`)
    return registry
  }

  private async withUniqueName<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
    try {
      return await write()
    } catch (error) {
      if (isUniqueViolation(error)) throw new UserInputError('TAKEN', ['input', 'name'], `A registry named ${name} already exists`)
      throw error
    }
  }

  private async checkFields(fields: RegistryFields) {
    const at = (name: string): FieldPath => ['input', name]
    const data: {
      name?: string
      url?: string
      apiVersion?: string
      trustSelfSignedCert?: boolean
      username?: string | null
      passwordCiphertext?: string | null
      searchUrl?: string | null
      organizationId?: number | null
    } = {}
    if (fields.name !== undefined) data.name = checkText(fields.name, at('name'), { min: 1, max: 64 })
    const checkUrl = (value: string, name: string) => checkHttpUrl(value, at(name), { credentialsGoTo: CREDENTIALS_GO_TO })
    if (fields.url !== undefined) data.url = checkUrl(fields.url.trim().replace(/\/+$/, ''), 'url')
    if (fields.searchUrl !== undefined) {
      data.searchUrl = fields.searchUrl === null || fields.searchUrl.trim() === '' ? null : checkUrl(fields.searchUrl.trim(), 'searchUrl')
    }
    if (fields.apiVersion != null) data.apiVersion = fields.apiVersion
    if (fields.trustSelfSignedCert != null) data.trustSelfSignedCert = fields.trustSelfSignedCert
    if (fields.username !== undefined) {
      data.username = fields.username === null ? null : checkText(fields.username, at('username'), { min: 1, max: 255 })
    }
    if (fields.password !== undefined) {
      if (fields.password !== null && fields.password.length > 4096) {
        throw new UserInputError('INVALID', at('password'), 'Password must be at most 4096 characters')
      }
      data.passwordCiphertext = fields.password === null || fields.password === '' ? null : this.box.seal(fields.password)
    }
    if (fields.organizationId !== undefined) {
      if (fields.organizationId !== null && !(await this.db.organization.findUnique({ where: { id: fields.organizationId }, select: { id: true } }))) {
        throw notFound(at('organizationId'), 'Organization')
      }
      data.organizationId = fields.organizationId
    }
    return data
  }
}
