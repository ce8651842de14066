// Speaks the OCI Distribution API to one registry over HTTP: every call has a deadline, the
// registry's TLS trust setting is honoured, and its auth challenge is answered the way the
// Docker client does (anonymous, Basic, or a Bearer token from the challenge's realm, cached
// until it expires). The Docker engine is not involved: nothing here downloads a layer.
import { createHash } from 'node:crypto'
import type { Instruments } from '../observability/instruments.js'
import { headerValue, RemoteError, remoteRequest, type RemoteFailure, type RemoteResponse } from './http.js'

export type RegistryFailure = RemoteFailure | 'NOT_A_REGISTRY' | 'UNAUTHORIZED' | 'DENIED' | 'NOT_FOUND' | 'BAD_RESPONSE'
export type AuthScheme = 'NONE' | 'BASIC' | 'BEARER'

/** A registry answered in a way that stops the operation; `failure` says which way. */
export class RegistryError extends Error {
  constructor(
    readonly failure: RegistryFailure,
    message: string,
  ) {
    super(message)
  }
}

export interface Credentials {
  username: string
  password: string
}

export interface RegistryEndpoint {
  url: string
  trustSelfSignedCert: boolean
  credentials: Credentials | null
  timeoutMs: number
  instruments?: Instruments
}

export interface Challenge {
  scheme: Exclude<AuthScheme, 'NONE'>
  params: Record<string, string>
}

/** `WWW-Authenticate: Bearer realm="...",service="..."` into its scheme and parameters. */
export function parseChallenge(header: string | null | undefined): Challenge | null {
  if (!header) return null
  const match = /^\s*(\w+)\s*(.*)$/.exec(header)
  if (!match) return null
  const name = match[1]!.toLowerCase()
  const scheme = name === 'bearer' ? 'BEARER' : name === 'basic' ? 'BASIC' : null
  if (!scheme) return null
  const params: Record<string, string> = {}
  for (const [, key, quoted, bare] of match[2]!.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) params[key!.toLowerCase()] = quoted ?? bare ?? ''
  return { scheme, params }
}

const basic = ({ username, password }: Credentials) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`

// The token spec's default lifetime when a token server names none.
const DEFAULT_TOKEN_SECONDS = 60
const MAX_REDIRECTS = 3
const MAX_TOKENS = 1000

/**
 * Bearer tokens by realm, service, scope and credentials, kept until shortly before they
 * expire. One cache serves every client, so repeated calls to a registry cost one token.
 */
export class TokenCache {
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>()

  get(key: string): string | null {
    const entry = this.tokens.get(key)
    if (!entry) return null
    if (entry.expiresAt <= Date.now()) {
      this.tokens.delete(key)
      return null
    }
    return entry.token
  }

  set(key: string, token: string, lifetimeSeconds: number): void {
    // Refreshed a little early, so a token does not expire between check and use.
    const margin = Math.min(10, lifetimeSeconds / 10)
    const now = Date.now()
    this.tokens.set(key, { token, expiresAt: now + (lifetimeSeconds - margin) * 1000 })
    // One token per repository scope: without a sweep, expired ones would pile up.
    if (this.tokens.size > MAX_TOKENS) for (const [old, entry] of this.tokens) if (entry.expiresAt <= now) this.tokens.delete(old)
  }

  forget(key: string): void {
    this.tokens.delete(key)
  }
}

export interface SendOptions {
  method?: 'GET' | 'HEAD' | 'DELETE'
  accept?: string[]
  /** The token scope the request needs, e.g. repository:team/web:pull. */
  scope?: string
  maxBodyBytes?: number
}

export class RegistryClient {
  readonly base: string
  /** The registry's last challenge, so later calls authenticate up front instead of after a 401. */
  private challenge: Challenge | null = null

  constructor(
    private readonly endpoint: RegistryEndpoint,
    private readonly tokens: TokenCache,
  ) {
    this.base = endpoint.url.replace(/\/+$/, '')
  }

  get hasCredentials(): boolean {
    return this.endpoint.credentials !== null
  }

  /** A request to `path` (or a full URL from a Link header), answering the auth challenge once. */
  async send(path: string, options: SendOptions = {}): Promise<RemoteResponse> {
    const url = path.startsWith('http') ? path : `${this.base}${path}`
    const headers: Record<string, string> = options.accept ? { accept: options.accept.join(', ') } : {}
    const known = this.challenge ? await this.authorization(this.challenge, options.scope) : null
    let response = await this.fetch(url, { ...headers, ...(known ? { authorization: known } : {}) }, options)
    if (response.status !== 401) return response
    const challenge = parseChallenge(headerValue(response.headers['www-authenticate']))
    if (!challenge) return response
    this.challenge = challenge
    if (known) this.tokens.forget(this.tokenKey(challenge, options.scope))
    const answer = await this.authorization(challenge, challenge.params.scope ?? options.scope)
    if (!answer) return response
    response = await this.fetch(url, { ...headers, authorization: answer }, options)
    return response
  }

  /** Like send, but anything other than a 2xx becomes a RegistryError that says why. */
  async expect(path: string, options: SendOptions & { what: string }): Promise<RemoteResponse> {
    const response = await this.send(path, options)
    if (response.status >= 200 && response.status < 300) return response
    throw this.refusal(response, options.what)
  }

  /** JSON from a 2xx answer, or BAD_RESPONSE naming what could not be read. */
  json<T>(response: RemoteResponse, what: string): T {
    try {
      return JSON.parse(response.body.toString('utf8')) as T
    } catch {
      if (!speaksRegistryApi(response)) throw this.notARegistry(response)
      throw new RegistryError('BAD_RESPONSE', `${this.base} sent ${what} that is not JSON`)
    }
  }

  refusal(response: RemoteResponse, what: string): RegistryError {
    if (!speaksRegistryApi(response)) return this.notARegistry(response)
    const detail = registryErrorText(response)
    if (response.status === 401) {
      return new RegistryError('UNAUTHORIZED', `${this.base} refused ${this.hasCredentials ? 'the stored credentials' : 'anonymous access'} for ${what} (HTTP 401${detail})`)
    }
    if (response.status === 403) return new RegistryError('DENIED', `${this.base} denied access to ${what} (HTTP 403${detail})`)
    if (response.status === 404) return new RegistryError('NOT_FOUND', `${this.base} has no ${what} (HTTP 404${detail})`)
    return new RegistryError('BAD_RESPONSE', `${this.base} answered HTTP ${response.status} for ${what}${detail}`)
  }

  private notARegistry(response: RemoteResponse): RegistryError {
    return new RegistryError('NOT_A_REGISTRY', `${this.base} answered HTTP ${response.status} without the Docker Registry API's headers or errors: not a registry`)
  }

  /** The value for an Authorization header that answers `challenge`, or null when we have none to give. */
  async authorization(challenge: Challenge, scope: string | undefined): Promise<string | null> {
    const credentials = this.endpoint.credentials
    if (challenge.scheme === 'BASIC') return credentials ? basic(credentials) : null
    const key = this.tokenKey(challenge, scope)
    const cached = this.tokens.get(key)
    if (cached) return `Bearer ${cached}`
    const realm = challenge.params.realm
    if (!realm) throw new RegistryError('BAD_RESPONSE', `${this.base} asked for a bearer token without saying where to get one (no realm)`)
    let tokenUrl: URL
    try {
      tokenUrl = new URL(realm)
    } catch {
      throw new RegistryError('BAD_RESPONSE', `${this.base} named a token realm that is not a URL: ${realm}`)
    }
    if (challenge.params.service) tokenUrl.searchParams.set('service', challenge.params.service)
    if (scope) tokenUrl.searchParams.set('scope', scope)
    if (credentials) tokenUrl.searchParams.set('account', credentials.username)
    const response = await this.fetch(tokenUrl.toString(), credentials ? { authorization: basic(credentials) } : {}, {})
    if (response.status === 401 || response.status === 403) {
      throw new RegistryError('UNAUTHORIZED', `The token service of ${this.base} refused ${credentials ? 'the stored credentials' : 'anonymous access'} (HTTP ${response.status})`)
    }
    if (response.status !== 200) throw new RegistryError('BAD_RESPONSE', `The token service of ${this.base} answered HTTP ${response.status}`)
    const body = this.json<{ token?: string; access_token?: string; expires_in?: number }>(response, 'a token')
    const token = body.token ?? body.access_token
    if (!token) throw new RegistryError('BAD_RESPONSE', `The token service of ${this.base} answered without a token`)
    const lifetime = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_TOKEN_SECONDS
    this.tokens.set(key, token, lifetime)
    return `Bearer ${token}`
  }

  /** One exchange, following redirects (blob stores hand out other hosts) without our credentials. */
  async fetch(url: string, headers: Record<string, string>, options: SendOptions): Promise<RemoteResponse> {
    let target = url
    let sent = headers
    for (let hop = 0; ; hop++) {
      const response = await remoteRequest(target, {
        method: options.method,
        headers: sent,
        timeoutMs: this.endpoint.timeoutMs,
        trustSelfSignedCert: this.endpoint.trustSelfSignedCert,
        maxBodyBytes: options.maxBodyBytes,
        instruments: this.endpoint.instruments,
      }).catch((error: unknown) => {
        throw error instanceof RemoteError ? new RegistryError(error.failure, error.message) : error
      })
      const location = headerValue(response.headers.location)
      if (![301, 302, 303, 307, 308].includes(response.status) || !location) return response
      if (hop >= MAX_REDIRECTS) throw new RegistryError('BAD_RESPONSE', `${this.base} redirected more than ${MAX_REDIRECTS} times`)
      const next = new URL(location, target)
      // Credentials belong to the registry's host; a storage backend gets a signed URL instead.
      if (next.host !== new URL(target).host) {
        const { authorization: _dropped, ...rest } = sent
        sent = rest
      }
      target = next.toString()
    }
  }

  private tokenKey(challenge: Challenge, scope: string | undefined): string {
    const who = this.endpoint.credentials
      ? `${this.endpoint.credentials.username}:${createHash('sha256').update(this.endpoint.credentials.password).digest('hex')}`
      : ''
    return [challenge.params.realm, challenge.params.service, scope ?? '', who].join('|')
  }
}

/**
 * Whether an answer comes from something that speaks the Distribution API: its version
 * header, an auth challenge, or an error body in its format. A web server's 404 page has none.
 */
function speaksRegistryApi(response: RemoteResponse): boolean {
  if (headerValue(response.headers['docker-distribution-api-version']) || headerValue(response.headers['www-authenticate'])) return true
  try {
    return Array.isArray((JSON.parse(response.body.toString('utf8')) as { errors?: unknown }).errors)
  } catch {
    return false
  }
}

/** The registry's own words from an OCI error body ({"errors":[{"code","message"}]}), if any. */
function registryErrorText(response: RemoteResponse): string {
  try {
    const errors = (JSON.parse(response.body.toString('utf8')) as { errors?: { code?: string; message?: string }[] }).errors
    const first = errors?.[0]
    return first ? `: ${[first.code, first.message].filter(Boolean).join(' ')}` : ''
  } catch {
    return ''
  }
}
