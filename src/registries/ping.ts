// QNAP's registry ping: a real GET /v2/ that says whether a registry answers, which API it
// speaks, whether it wants auth, and, when it does not answer, why.
import { remoteGet, RemoteError, type RemoteFailure, type RemoteResponse } from './http.js'

export type PingFailure = RemoteFailure | 'NOT_A_REGISTRY' | 'UNAUTHORIZED'
export type AuthScheme = 'NONE' | 'BASIC' | 'BEARER'

export interface PingResult {
  url: string
  reachable: boolean
  apiVersion: string | null
  authRequired: boolean | null
  authScheme: AuthScheme | null
  /** Whether the stored credentials were accepted; null when none were tried. */
  authenticated: boolean | null
  error: { code: PingFailure; message: string } | null
  latencyMs: number
}

export interface PingTarget {
  url: string
  trustSelfSignedCert: boolean
  credentials: { username: string; password: string } | null
  timeoutMs: number
}

interface Challenge {
  scheme: AuthScheme
  params: Record<string, string>
}

/** `WWW-Authenticate: Bearer realm="...",service="..."` into its scheme and parameters. */
export function parseChallenge(header: string | null | undefined): Challenge | null {
  if (!header) return null
  const match = /^\s*(\w+)\s*(.*)$/.exec(header)
  if (!match) return null
  const scheme = match[1]!.toLowerCase() === 'bearer' ? 'BEARER' : match[1]!.toLowerCase() === 'basic' ? 'BASIC' : null
  if (!scheme) return null
  const params: Record<string, string> = {}
  for (const [, key, quoted, bare] of match[2]!.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) params[key!.toLowerCase()] = quoted ?? bare ?? ''
  return { scheme, params }
}

const basic = ({ username, password }: { username: string; password: string }) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`

export async function pingRegistry(target: PingTarget): Promise<PingResult> {
  const started = Date.now()
  const base = target.url.replace(/\/+$/, '')
  const result = (fields: Partial<PingResult>): PingResult => ({
    url: base,
    reachable: false,
    apiVersion: null,
    authRequired: null,
    authScheme: null,
    authenticated: null,
    error: null,
    latencyMs: Date.now() - started,
    ...fields,
  })
  const get = (url: string, headers: Record<string, string> = {}) =>
    remoteGet(url, { headers, timeoutMs: target.timeoutMs, trustSelfSignedCert: target.trustSelfSignedCert })

  let first: RemoteResponse
  try {
    first = await get(`${base}/v2/`)
  } catch (error) {
    if (error instanceof RemoteError) return result({ error: { code: error.failure, message: error.message } })
    throw error
  }
  const apiVersion = headerValue(first.headers['docker-distribution-api-version'])
  const challenge = parseChallenge(headerValue(first.headers['www-authenticate']))
  const isRegistry = (first.status === 200 && apiVersion !== null) || (first.status === 401 && challenge !== null)
  if (!isRegistry) {
    return result({
      error: { code: 'NOT_A_REGISTRY', message: `${base}/v2/ answered HTTP ${first.status} without the Docker Registry API's headers: not a registry` },
    })
  }
  const reachable = { reachable: true, apiVersion }
  if (first.status === 200) return result({ ...reachable, authRequired: false, authScheme: 'NONE' })
  if (!target.credentials) return result({ ...reachable, authRequired: true, authScheme: challenge!.scheme })

  try {
    const accepted = await authenticate(challenge!, target.credentials, base, get)
    return result({
      ...reachable,
      authRequired: true,
      authScheme: challenge!.scheme,
      authenticated: accepted,
      error: accepted ? null : { code: 'UNAUTHORIZED', message: `${base} refused the stored credentials (HTTP 401)` },
    })
  } catch (error) {
    if (error instanceof RemoteError) return result({ ...reachable, authRequired: true, authScheme: challenge!.scheme, error: { code: error.failure, message: error.message } })
    throw error
  }
}

/** Answers the challenge with the credentials; true when /v2/ then lets us in. */
async function authenticate(
  challenge: Challenge,
  credentials: { username: string; password: string },
  base: string,
  get: (url: string, headers?: Record<string, string>) => Promise<RemoteResponse>,
): Promise<boolean> {
  if (challenge.scheme === 'BASIC') return (await get(`${base}/v2/`, { authorization: basic(credentials) })).status === 200
  const realm = challenge.params.realm
  if (!realm) return false
  const tokenUrl = new URL(realm)
  if (challenge.params.service) tokenUrl.searchParams.set('service', challenge.params.service)
  const tokenResponse = await get(tokenUrl.toString(), { authorization: basic(credentials) })
  if (tokenResponse.status !== 200) return false
  const { token, access_token: accessToken } = JSON.parse(tokenResponse.body) as { token?: string; access_token?: string }
  if (!token && !accessToken) return false
  return (await get(`${base}/v2/`, { authorization: `Bearer ${token ?? accessToken}` })).status === 200
}

const headerValue = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? null) : (value ?? null))
