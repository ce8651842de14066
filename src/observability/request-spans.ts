// Spans of requests: one server span per HTTP request (in the caller's trace when it sent a
// traceparent) and one per GraphQL operation under it, named and marked the way OpenTelemetry's
// GraphQL conventions say. graphql-ws operations skip yoga's request handling: their span
// starts at execute. Nothing of the document or its variables goes in a span: they may hold secrets.
import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api'
import { getOperationAST, type DocumentNode, type GraphQLError } from 'graphql'
import { isAsyncIterable, type Plugin } from 'graphql-yoga'
import { httpRoute } from './labels.js'
import { otelContext, recordFailure, requestContext, tracer } from './tracing.js'

const MAX_NAME_LENGTH = 200

export function traceRequests(): Plugin {
  const requestSpans = new WeakSet<Span>()
  const operationSpans = new WeakSet<Span>()

  const operationSpan = (): Span | undefined => {
    const span = trace.getActiveSpan()
    return span && operationSpans.has(span) ? span : undefined
  }
  /** Runs `wrapped` under a new operation span, which ends with it. */
  const inOperation = async (wrapped: () => unknown) => {
    const span = tracer.startSpan('graphql.operation', { kind: SpanKind.INTERNAL })
    operationSpans.add(span)
    await otelContext.with(trace.setSpan(otelContext.active(), span), async () => {
      try {
        await wrapped()
      } catch (error) {
        recordFailure(span, error)
        throw error
      } finally {
        span.end()
      }
    })
  }
  const name = (document: DocumentNode, operationName: string | null | undefined) => {
    const span = operationSpan()
    const operation = getOperationAST(document, operationName)
    if (!span || !operation) return
    const type = operation.operation
    const given = operation.name?.value.slice(0, MAX_NAME_LENGTH)
    span.updateName(given ? `${type} ${given}` : type)
    span.setAttribute('graphql.operation.type', type)
    if (given) span.setAttribute('graphql.operation.name', given)
  }
  const failed = (errors: readonly (Error | GraphQLError)[] | undefined) => {
    const span = operationSpan()
    if (!span || !errors?.length) return
    const codeOf = (error: Error | GraphQLError) => String(('extensions' in error && error.extensions?.code) || 'UNKNOWN')
    const codes = [...new Set(errors.map(codeOf))]
    span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(', ') })
    span.setAttribute('graphql.error.count', errors.length)
    span.setAttribute('graphql.error.codes', codes)
    for (const error of errors) span.addEvent('graphql.error', { code: codeOf(error), path: ('path' in error && error.path?.join('.')) || '' })
  }

  return {
    instrumentation: {
      request: async ({ request }, wrapped) => {
        const parent = requestContext(request.headers)
        const path = new URL(request.url).pathname
        const route = httpRoute(path)
        const span = tracer.startSpan(`${request.method} ${route}`, {
          kind: SpanKind.SERVER,
          attributes: { 'http.request.method': request.method, 'http.route': route, 'url.path': path.slice(0, MAX_NAME_LENGTH) },
        }, parent)
        requestSpans.add(span)
        await otelContext.with(trace.setSpan(parent, span), async () => {
          try {
            await wrapped()
          } finally {
            span.end()
          }
        })
      },
      operation: (_payload, wrapped) => inOperation(wrapped),
      execute: (_payload, wrapped) => (operationSpan() ? wrapped() : inOperation(wrapped)),
      subscribe: (_payload, wrapped) => (operationSpan() ? wrapped() : inOperation(wrapped)),
    },
    onParse: () => ({ result }) => {
      if (result instanceof Error) failed([result])
    },
    onValidate: () => ({ result }) => failed(result),
    onExecute: ({ args }) => {
      name(args.document, args.operationName)
      return { onExecuteDone: ({ result }) => (isAsyncIterable(result) ? undefined : failed(result.errors)) }
    },
    onSubscribe: ({ args }) => {
      name(args.document, args.operationName)
      return { onSubscribeResult: ({ result }) => (isAsyncIterable(result) ? undefined : failed(result.errors)) }
    },
    // The request's own span is the active one here (a plugin may have replaced the request object).
    onResponse: ({ response }) => {
      const span = trace.getActiveSpan()
      if (!span || !requestSpans.has(span)) return
      span.setAttribute('http.response.status_code', response.status)
      if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR })
    },
  }
}
