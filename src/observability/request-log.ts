// One log line per HTTP request and one per WebSocket operation: who asked (request id,
// client address, user id), what (operation names, method, path), and how it went (status or
// error codes, duration). Never the variables' values or a token: names only.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql'
import { isAsyncIterable, type Plugin } from 'graphql-yoga'
import type { Viewer } from '../auth/viewer.js'
import type { Logger } from '../logger.js'

export const REQUEST_ID_HEADER = 'x-request-id'
// Without an operationName, the name of a document's first operation, read off its text: a
// refused request is never parsed, and a regular expression on its start costs next to nothing.
const FIRST_OPERATION_NAME = /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/
// An incoming id is kept when it could be a trace or correlation id; anything else (long, or
// with characters that could forge log fields or headers) is replaced.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/

export function requestIdFrom(header: string | null | undefined): string {
  return header && SANE_REQUEST_ID.test(header) ? header : randomUUID()
}

/** What one request (or one WebSocket operation) has told about itself so far. */
export interface RequestRecord {
  id: string
  transport: 'http' | 'ws'
  method: string
  path: string
  client: string | undefined
  startedAt: number
  operations: string[]
  /** The operationName the request asked for, until an operation runs. */
  requested?: string
  variables: string[]
  /** The incident ids of the unexpected errors in its answer (their stacks are logged under them). */
  incidents: string[]
  userId: number | undefined
  /** Its result is a stream (a subscription): the line is written at the stream's end. */
  streaming: boolean
  /** Set once its line is written: a subscription writes its own at its end. */
  logged: boolean
}

export function newRequestRecord(fields: Pick<RequestRecord, 'id' | 'transport' | 'method' | 'path' | 'client'>): RequestRecord {
  return { ...fields, startedAt: performance.now(), operations: [], variables: [], incidents: [], userId: undefined, streaming: false, logged: false }
}

/** Where yoga's context (and serverContext) carries the record. */
export interface WithRequestRecord {
  requestRecord?: RequestRecord
}

interface OperationArgs {
  document: DocumentNode
  operationName?: string | null
  variableValues?: unknown
  contextValue: WithRequestRecord & { viewer?: Viewer | null }
}

const errorCodes = (result: ExecutionResult) => [...new Set((result.errors ?? []).map((error) => String(error.extensions?.code ?? 'UNKNOWN')))]

export function logRequests(logger: Logger): Plugin<WithRequestRecord & { viewer?: Viewer | null }, WithRequestRecord> {
  const write = (record: RequestRecord, fields: Record<string, unknown>, message: string) => {
    if (record.logged) return
    record.logged = true
    logger.info(
      {
        reqId: record.id,
        transport: record.transport,
        method: record.method,
        path: record.path,
        client: record.client,
        operations: record.operations.length > 0 || !record.requested ? record.operations : [record.requested],
        variables: record.variables.length > 0 ? record.variables : undefined,
        incidents: record.incidents.length > 0 ? record.incidents : undefined,
        userId: record.userId,
        durationMs: Math.round((performance.now() - record.startedAt) * 10) / 10,
        ...fields,
      },
      message,
    )
  }

  const operationStarted = (record: RequestRecord | undefined, document: DocumentNode, operationName: string | null | undefined, variables: unknown, viewer: Viewer | null | undefined) => {
    if (!record) return
    const operation = getOperationAST(document, operationName)
    record.operations.push(operation ? `${operation.operation} ${operation.name?.value ?? '(anonymous)'}` : '(unknown)')
    if (variables && typeof variables === 'object') record.variables = Object.keys(variables)
    record.userId = viewer?.id
  }

  // A WebSocket operation has no HTTP answer: its line is written when its result is over.
  const finished = (record: RequestRecord | undefined, result: ExecutionResult) => {
    if (record?.transport === 'ws') write(record, { errors: errorCodes(result) }, 'ws operation')
  }
  const streamed = (record: RequestRecord | undefined) => {
    if (record) record.streaming = true
    return { onEnd: () => record && write(record, { status: record.transport === 'http' ? 200 : undefined }, record.transport === 'ws' ? 'ws operation' : 'request') }
  }

  // A query or mutation (onExecute) and a subscription (onSubscribe) are told apart only by
  // which hook sees them: both record the operation and, at their result, end or stream.
  const operationTracked = (args: OperationArgs) => {
    const record = args.contextValue.requestRecord
    operationStarted(record, args.document, args.operationName, args.variableValues, args.contextValue.viewer)
    return ({ result }: { result: ExecutionResult | AsyncIterable<unknown> }) => {
      if (isAsyncIterable(result)) return streamed(record)
      finished(record, result)
      return undefined
    }
  }

  return {
    onRequest({ request, url, serverContext }) {
      const req = (serverContext as { req?: IncomingMessage }).req
      serverContext.requestRecord = newRequestRecord({
        id: requestIdFrom(request.headers.get(REQUEST_ID_HEADER)),
        transport: 'http',
        method: request.method,
        path: url.pathname,
        client: req?.socket.remoteAddress,
      })
    },
    // A request refused before it ran (a bad token, say) still names the operation it asked for.
    onParams({ params, context }) {
      const record = context.requestRecord
      if (!record) return
      if (typeof params.operationName === 'string') record.requested = params.operationName
      else if (typeof params.query === 'string') record.requested = FIRST_OPERATION_NAME.exec(params.query.slice(0, 1024))?.[1]
    },
    onExecute({ args }) {
      return { onExecuteDone: operationTracked(args) }
    },
    onSubscribe({ args }) {
      return { onSubscribeResult: operationTracked(args) }
    },
    onResponse({ response, serverContext }) {
      const record = serverContext.requestRecord
      if (!record) return
      response.headers.set(REQUEST_ID_HEADER, record.id)
      if (record.streaming) return
      write(record, { status: response.status }, 'request')
    },
  }
}
