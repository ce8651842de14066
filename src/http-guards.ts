// HTTP-level answers to requests that never reach a resolver: too large, malformed,
// invalid. Each gets a 4xx and a stable extensions.code, whatever the client accepts.
import type { GraphQLError } from 'graphql'
import type { Plugin } from 'graphql-yoga'
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

const CLIENT_ERROR_CODES = new Set(['BAD_REQUEST', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED'])
// Query limits (depth, tokens, aliases) reject at parse time with a bare error.
const REJECTED_BEFORE_EXECUTION = 'GRAPHQL_VALIDATION_FAILED'

type HttpExtensions = { status?: number; spec?: boolean }

/**
 * Yoga answers plain `application/json` clients 200 for requests it could not parse or
 * validate (the GraphQL-over-HTTP spec's legacy rule). A request that never ran (no `data`)
 * is the client's error, so it is a 400 for every client, and rejected limits get a code too.
 */
export function clientErrorsAre4xx(): Plugin {
  return {
    onResultProcess({ result }) {
      if (Array.isArray(result) || !('errors' in result) || !result.errors || 'data' in result) return
      for (const error of result.errors as GraphQLError[]) {
        const extensions = error.extensions as Record<string, unknown>
        extensions.code ??= REJECTED_BEFORE_EXECUTION
        if (!CLIENT_ERROR_CODES.has(String(extensions.code))) continue
        const http = ((extensions.http as HttpExtensions | undefined) ?? {}) as HttpExtensions
        extensions.http = { ...http, spec: false, status: http.status ?? 400 }
      }
    },
  }
}
