// Two kinds of failure reach clients on purpose:
// - UserInputError: the caller can fix it. Mutations turn it into a payload userError;
//   elsewhere it is a GraphQL error with code BAD_USER_INPUT (or NOT_FOUND).
// - AccessError: who is asking is the problem (UNAUTHENTICATED or FORBIDDEN).
// - ServiceBusyError: the database could not take the request in time; nothing was written
//   and the same request may be sent again (SERVICE_BUSY).
// Anything else is unexpected and is masked to INTERNAL_SERVER_ERROR by the server.
import { GraphQLError } from 'graphql'

export const USER_ERROR_CODES = [
  'INVALID',
  'INVALID_ID',
  'REQUIRED',
  'TAKEN',
  'NOT_FOUND',
  'TOO_LARGE',
  'TOO_MANY',
  'UNSUPPORTED_FORMAT',
  'READ_ONLY',
  'IN_USE',
  'DOCKER_UNAVAILABLE',
  'IMAGE_IN_USE',
  'REGISTRY_UNREACHABLE',
  'REGISTRY_TIMEOUT',
  'REGISTRY_TLS',
  'REGISTRY_UNAUTHORIZED',
  'REGISTRY_DENIED',
  'NOT_A_REGISTRY',
  'REGISTRY_BAD_RESPONSE',
  'TIMEOUT',
  'PROTECTED',
  'NAMESPACE_NOT_WRITABLE',
  'LAST_OWNER',
] as const
export type UserErrorCode = (typeof USER_ERROR_CODES)[number]

export interface UserErrorShape {
  field: string[]
  message: string
  code: UserErrorCode
}

export class UserInputError extends GraphQLError {
  readonly userErrors: UserErrorShape[]

  constructor(code: UserErrorCode, field: string[], message: string) {
    super(message, {
      extensions: { code: code === 'NOT_FOUND' ? 'NOT_FOUND' : 'BAD_USER_INPUT', reason: code, field },
    })
    this.userErrors = [{ code, field, message }]
  }
}

export type AccessErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN'

export class AccessError extends GraphQLError {
  constructor(code: AccessErrorCode, message: string) {
    super(message, { extensions: { code, http: { status: code === 'UNAUTHENTICATED' ? 401 : 403 } } })
  }
}

/**
 * The database was too busy to take the request: no connection or transaction in time, or a
 * write conflict that retries did not resolve. A GraphQL error, not an HTTP 503: the request
 * itself was fine and other fields of it may have been answered, and a proxy must not take a
 * busy answer for a broken server.
 */
export class ServiceBusyError extends GraphQLError {
  constructor(message = 'The database is busy; nothing was written. Send the request again.') {
    super(message, { extensions: { code: 'SERVICE_BUSY' } })
  }
}

export const notFound = (field: string[], what: string) =>
  new UserInputError('NOT_FOUND', field, `${what} does not exist`)

/** Prisma's error codes that mean the caller raced another writer, not a server fault. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002'
}
export function isRecordMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2025'
}

/**
 * Prisma's ways of saying "not now": a transaction that could not start or ran out of time
 * (P2028), a write conflict or deadlock (P2034), a database timeout (P1008, SQLite's
 * SQLITE_BUSY among them), too many connections (P2037). The connection pool and SQLite's turns
 * (src/db) throw ServiceBusyError themselves.
 */
export function isDatabaseBusy(error: unknown): boolean {
  if (error instanceof ServiceBusyError) return true
  if (typeof error !== 'object' || error === null) return false
  const { code, message } = error as { code?: unknown; message?: unknown }
  if (code === 'P2028') return typeof message === 'string' && /Unable to start a transaction|expired transaction/.test(message)
  return code === 'P2034' || code === 'P1008' || code === 'P2037'
}
