// What a client sees of an error nobody planned for: a stable code and no internals.
import { randomUUID } from 'node:crypto'
import { GraphQLError } from 'graphql'

/** Pothos raises this for malformed connection arguments and cursors: the caller's fault. */
const isPothosValidationError = (error: unknown) => error instanceof Error && error.name === 'PothosValidationError'

export function maskError(error: unknown, message: string): Error {
  if (!(error instanceof GraphQLError)) return unexpected(error, message)
  const original = error.originalError
  if (!original || original instanceof GraphQLError) return error
  if (isPothosValidationError(original)) {
    return new GraphQLError(original.message, { nodes: error.nodes, path: error.path, extensions: { code: 'BAD_USER_INPUT' } })
  }
  return unexpected(original, message, error)
}

function unexpected(original: unknown, message: string, located?: GraphQLError): GraphQLError {
  const incident = randomUUID()
  // The stack goes to the server log only, keyed by an id the client can quote.
  console.error(`[${incident}]`, original)
  return new GraphQLError(message, {
    nodes: located?.nodes,
    path: located?.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', incident },
  })
}
