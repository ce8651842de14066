// HTTP-level answers to requests that never reach a resolver: too large, malformed,
// invalid. Each gets a stable extensions.code and the status the GraphQL-over-HTTP spec gives it.
import { GraphQLError } from 'graphql'
import { isAsyncIterable, type Plugin } from 'graphql-yoga'
import type { Config } from './config.js'

/** Refuses oversized bodies before they are read: uploads get their own, larger limit. */
export function limitRequestSize(config: Config): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const length = Number(request.headers.get('content-length') ?? 0)
      const isUpload = request.headers.get('content-type')?.startsWith('multipart/form-data') ?? false
      const limit = isUpload ? config.maxUploadBytes + 1024 * 1024 : config.maxRequestBytes
      if (length > limit) {
        endResponse(
          new fetchAPI.Response(
            JSON.stringify({ errors: [{ message: `Request body is larger than ${limit} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }),
            { status: 413, headers: { 'content-type': 'application/json' } },
          ),
        )
      }
    },
  }
}

/**
 * Parameters a GraphQL-over-HTTP request cannot have: variables or extensions that are not JSON
 * (GET and form requests carry them as text, which yoga parses unguarded), an operationName
 * that is not a string (yoga would look it up as one).
 */
export function malformedParamsAreBadRequests(): Plugin {
  return {
    onParams({ params }) {
      const { operationName } = params as { operationName?: unknown }
      if (operationName != null && typeof operationName !== 'string') {
        throw new GraphQLError('The "operationName" parameter must be a string', { extensions: { code: 'BAD_REQUEST' } })
      }
    },
    onRequestParse({ request, requestParser, setRequestParser }) {
      if (!requestParser) return
      setRequestParser(async (parsing) => {
        try {
          return await requestParser(parsing)
        } catch (error) {
          if (error instanceof GraphQLError) throw error
          throw new GraphQLError(`${malformedParams(request)} not valid JSON`, { extensions: { code: 'BAD_REQUEST' } })
        }
      })
    },
  }
}

function malformedParams(request: Request): string {
  if (request.method !== 'GET') return 'The "variables" or "extensions" parameter is'
  const params = new URL(request.url).searchParams
  const invalid = ['variables', 'extensions'].filter((name) => {
    const text = params.get(name)
    if (!text) return false
    try {
      JSON.parse(text)
      return false
    } catch {
      return true
    }
  })
  return `The ${invalid.map((name) => `"${name}"`).join(' and ')} parameter${invalid.length > 1 ? 's are' : ' is'}`
}

// A request the server could not make sense of as HTTP: 400 for every client.
const MALFORMED_REQUEST = 'BAD_REQUEST'
// A well-formed request that was rejected before it ran (no `data`): the document did not
// parse or validate, its variables were wrong, or its operation or cursors named nothing.
const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE'])
// Query limits (depth, aliases) reject at validation with a bare error.
const REJECTED_BY_A_LIMIT = 'GRAPHQL_VALIDATION_FAILED'
// Variables that could not be coerced: the executor refuses them before anything runs.
const REJECTED_VARIABLES = 'BAD_USER_INPUT'

type HttpExtensions = { status?: number; spec?: boolean; headers?: Record<string, string> }

/**
 * Status codes as the GraphQL-over-HTTP spec has them for a request that never ran: a client
 * that accepts application/graphql-response+json gets 400, one that accepts only application/json
 * gets 200 (yoga reads `http.spec` to tell them apart); a malformed HTTP request is a 4xx for both
 * (400, or the status yoga gave it, such as 405 for a mutation over GET).
 * Every such error gets a stable code.
 */
export function requestErrorStatus(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result }) {
          if (isAsyncIterable(result) || 'data' in result) return
          for (const error of result.errors ?? []) (error.extensions as Record<string, unknown>).code ??= REJECTED_VARIABLES
        },
      }
    },
    onResultProcess({ result }) {
      if (Array.isArray(result) || isAsyncIterable(result) || !result.errors || 'data' in result) return
      for (const error of result.errors as GraphQLError[]) {
        const extensions = error.extensions as Record<string, unknown>
        extensions.code ??= REJECTED_BY_A_LIMIT
        const http = (extensions.http as HttpExtensions | undefined) ?? {}
        if (extensions.code === MALFORMED_REQUEST) extensions.http = { ...http, spec: false, status: http.status ?? 400 }
        else if (REQUEST_ERROR_CODES.has(String(extensions.code))) extensions.http = { ...http, spec: true, status: http.status ?? 400 }
      }
    },
  }
}
