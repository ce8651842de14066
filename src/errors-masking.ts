// What a client sees of an error nobody planned for: a stable code and no internals.
import { randomUUID } from 'node:crypto'
import { GraphQLError } from 'graphql'
import { isDatabaseBusy, ServiceBusyError } from './errors.js'

// Pothos's errors are GraphQLErrors too, so they are told apart by class name, first.
// Its validation errors (malformed connection arguments, cursors, ids) are the caller's fault;
// any other Pothos error is a fault in this server.
const pothosErrorKind = (error: unknown) =>
  error instanceof Error && error.name.startsWith('Pothos') ? (error.name === 'PothosValidationError' ? 'input' : 'internal') : null

export function maskError(error: unknown, message: string): Error {
  if (!(error instanceof GraphQLError)) return isDatabaseBusy(error) ? busy(error) : unexpected(error, message)
  const original = error.originalError
  if (isDatabaseBusy(original) && !(original instanceof ServiceBusyError)) return busy(original, error)
  const pothos = pothosErrorKind(original)
  if (pothos === 'input') {
    return new GraphQLError(original!.message, { nodes: error.nodes, path: error.path, extensions: { code: 'BAD_USER_INPUT' } })
  }
  if (pothos === 'internal') return unexpected(original, message, error)
  if (!original || original instanceof GraphQLError) return error
  return unexpected(original, message, error)
}

/** Load, not a fault: the client is told to retry, and this server's log line has no incident and no stack. */
function busy(original: unknown, located?: GraphQLError): GraphQLError {
  const plain = new ServiceBusyError()
  console.warn(`database busy: ${(original as Error).message.trim().split('\n').at(-1)}`)
  return new GraphQLError(plain.message, { nodes: located?.nodes, path: located?.path, extensions: plain.extensions })
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
