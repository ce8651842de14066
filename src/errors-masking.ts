// What a client sees of an error, and what the log keeps of it. This is the one place that
// decides both: a client's mistake goes back as it is and is logged at info, without a stack;
// anything unplanned goes back as INTERNAL_SERVER_ERROR with an incident id and no internals,
// and is logged at error, with the stack, under that id.
import { randomUUID } from 'node:crypto'
import { GraphQLError } from 'graphql'
import { isAsyncIterable, type Plugin, type YogaLogger } from 'graphql-yoga'
import { isDatabaseBusy, isRecordMissing, ServiceBusyError } from './errors.js'
import { scrubSecrets, type Logger } from './logger.js'
import type { WithRequestRecord } from './observability/request-log.js'

// Pothos's errors are GraphQLErrors too, so they are told apart by class name, first.
// Its validation errors (malformed connection arguments, cursors, ids) are the caller's fault;
// any other Pothos error is a fault in this server.
const pothosErrorKind = (error: unknown) =>
  error instanceof Error && error.name.startsWith('Pothos') ? (error.name === 'PothosValidationError' ? 'input' : 'internal') : null

/** The error a GraphQLError wraps, if it wraps something that is not a GraphQLError itself. */
function unplannedCause(error: GraphQLError): Error | undefined {
  let cause = error.originalError
  while (cause instanceof GraphQLError && !pothosErrorKind(cause)) cause = cause.originalError
  return cause ?? undefined
}

export function errorMasking(logger: Logger) {
  // Yoga logs every error that masking replaced; these are logged here already.
  const handled = new WeakSet<object>()

  const unexpected = (original: unknown, message: string, located?: GraphQLError): GraphQLError => {
    const incident = randomUUID()
    // The stack goes to the server log only, keyed by an id the client can quote.
    logger.error({ incident, err: original, path: located?.path }, 'unexpected error')
    return new GraphQLError(message, {
      nodes: located?.nodes,
      path: located?.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', incident },
    })
  }

  // Load, not a fault: the client is told to send it again; the log line has no incident and no stack.
  const busy = (original: unknown, located?: GraphQLError): GraphQLError => {
    const plain = new ServiceBusyError()
    logger.warn({ detail: (original as Error).message.trim().split('\n').at(-1) }, 'database busy')
    return new GraphQLError(plain.message, { nodes: located?.nodes, path: located?.path, extensions: plain.extensions })
  }

  const classify = (error: unknown, message: string): Error => {
    if (!(error instanceof GraphQLError)) return isDatabaseBusy(error) ? busy(error) : unexpected(error, message)
    const cause = unplannedCause(error)
    if (isDatabaseBusy(cause)) return busy(cause, error)
    // A row that a field of the answer reads was deleted by a concurrent request meanwhile: a
    // race the client can see for itself, not a fault here.
    if (isRecordMissing(cause)) {
      logger.info({ path: error.path }, 'a row was deleted while the answer was being made')
      return new GraphQLError('It was deleted while the answer was being made', { nodes: error.nodes, path: error.path, extensions: { code: 'NOT_FOUND' } })
    }
    const pothos = pothosErrorKind(cause)
    if (pothos === 'input') {
      return new GraphQLError(cause!.message, { nodes: error.nodes, path: error.path, extensions: { code: 'BAD_USER_INPUT' } })
    }
    if (cause) return unexpected(cause, message, error)
    // Yoga puts the JSON parser's own error in the answer to a malformed body.
    if ('originalError' in error.extensions) {
      const { originalError: _internal, ...extensions } = error.extensions
      return new GraphQLError(error.message, { nodes: error.nodes, path: error.path, extensions })
    }
    return error
  }

  const maskError = (error: unknown, message: string): Error => {
    if (typeof error === 'object' && error !== null) handled.add(error)
    return classify(error, message)
  }

  const yogaLogger: YogaLogger = {
    // Yoga's own messages are text: what they could quote of a request is scrubbed.
    debug: (...args) => logger.isLevelEnabled('debug') && logger.debug(scrubSecrets(args.map(String).join(' '))),
    info: (...args) => logger.info(scrubSecrets(args.map(String).join(' '))),
    warn: (...args) => logger.warn(scrubSecrets(args.map(String).join(' '))),
    error: (...args) => {
      if (typeof args[0] === 'object' && args[0] !== null && handled.has(args[0])) return
      logger.error({ err: args[0] }, 'yoga error')
    },
  }

  // Every answer passes here, whether its errors were masked or came from parsing, validation
  // or a guard; the unexpected ones among them are logged already, with their stack, under an
  // incident id that masking could not tie to a request: the request's own line lists it.
  const logClientErrors: Plugin<object, WithRequestRecord> = {
    onResultProcess({ result, serverContext }) {
      const record = serverContext.requestRecord
      for (const each of Array.isArray(result) ? result : [result]) {
        if (isAsyncIterable(each)) continue
        for (const error of each.errors ?? []) {
          const { code, reason, field, incident } = error.extensions as Record<string, unknown>
          if (code === 'INTERNAL_SERVER_ERROR') {
            if (record && typeof incident === 'string') record.incidents.push(incident)
            continue
          }
          // No message: it may quote the input, and the input may hold a secret.
          logger.info({ reqId: record?.id, code, reason, field, path: error.path }, 'client error')
        }
      }
    },
  }

  return { maskError, yogaLogger, logClientErrors }
}
