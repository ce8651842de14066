// Two kinds of failure reach clients on purpose:
// - UserInputError: the caller can fix it. Mutations turn it into a payload userError;
//   elsewhere it is a GraphQL error with code BAD_USER_INPUT (or NOT_FOUND).
// - AccessError: who is asking is the problem (UNAUTHENTICATED or FORBIDDEN).
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

export const notFound = (field: string[], what: string) =>
  new UserInputError('NOT_FOUND', field, `${what} does not exist`)

/** Prisma's error codes that mean the caller raced another writer, not a server fault. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002'
}
export function isRecordMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2025'
}
