// How a registry's failure reaches a client: one stable userError code per way it can fail.
import type { UserErrorCode } from '../errors.js'
import type { RegistryFailure } from './client.js'

export const FAILURE_CODES: Record<RegistryFailure, UserErrorCode> = {
  DNS: 'REGISTRY_UNREACHABLE',
  CONNECTION_REFUSED: 'REGISTRY_UNREACHABLE',
  NETWORK: 'REGISTRY_UNREACHABLE',
  TIMEOUT: 'REGISTRY_TIMEOUT',
  TLS: 'REGISTRY_TLS',
  NOT_A_REGISTRY: 'NOT_A_REGISTRY',
  UNAUTHORIZED: 'REGISTRY_UNAUTHORIZED',
  DENIED: 'REGISTRY_DENIED',
  NOT_FOUND: 'NOT_FOUND',
  BAD_RESPONSE: 'REGISTRY_BAD_RESPONSE',
}
