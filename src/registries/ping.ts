// QNAP's registry ping: a real GET /v2/ that says whether a registry answers, which API it
// speaks, whether it wants auth, and, when it does not answer, why.
import { parseChallenge, RegistryClient, RegistryError, TokenCache, type AuthScheme, type RegistryEndpoint } from './client.js'
import { headerValue, type RemoteResponse } from './http.js'

export type PingFailure = Exclude<RegistryError['failure'], 'DENIED' | 'NOT_FOUND' | 'BAD_RESPONSE'>

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

export async function pingRegistry(target: RegistryEndpoint): Promise<PingResult> {
  const started = Date.now()
  // A fresh token cache: a ping proves the credentials now, not that a token once worked.
  const client = new RegistryClient(target, new TokenCache())
  const result = (fields: Partial<PingResult>): PingResult => ({
    url: client.base,
    reachable: false,
    apiVersion: null,
    authRequired: null,
    authScheme: null,
    authenticated: null,
    error: null,
    latencyMs: Date.now() - started,
    ...fields,
  })
  const failed = (error: unknown, fields: Partial<PingResult> = {}) => {
    if (!(error instanceof RegistryError)) throw error
    // A token service that answers nonsense means the credentials could not be proven.
    const code = error.failure === 'DENIED' || error.failure === 'NOT_FOUND' || error.failure === 'BAD_RESPONSE' ? 'UNAUTHORIZED' : error.failure
    return result({ ...fields, authenticated: code === 'UNAUTHORIZED' ? false : null, error: { code, message: error.message } })
  }

  let first: RemoteResponse
  try {
    first = await client.fetch(`${client.base}/v2/`, {}, {})
  } catch (error) {
    return failed(error)
  }
  const apiVersion = headerValue(first.headers['docker-distribution-api-version'])
  const challenge = parseChallenge(headerValue(first.headers['www-authenticate']))
  const isRegistry = (first.status === 200 && apiVersion !== null) || (first.status === 401 && challenge !== null)
  if (!isRegistry) {
    return result({
      error: { code: 'NOT_A_REGISTRY', message: `${client.base}/v2/ answered HTTP ${first.status} without the Docker Registry API's headers: not a registry` },
    })
  }
  const reachable = { reachable: true, apiVersion }
  if (first.status === 200) return result({ ...reachable, authRequired: false, authScheme: 'NONE' })
  const known = { ...reachable, authRequired: true, authScheme: challenge!.scheme }
  if (!target.credentials) return result(known)
  try {
    const authorization = await client.authorization(challenge!, undefined)
    const accepted = (await client.fetch(`${client.base}/v2/`, { authorization: authorization! }, {})).status === 200
    return result({
      ...known,
      authenticated: accepted,
      error: accepted ? null : { code: 'UNAUTHORIZED', message: `${client.base} refused the stored credentials (HTTP 401)` },
    })
  } catch (error) {
    return failed(error, known)
  }
}
