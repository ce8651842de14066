// HTTP-level answers to requests that never reach a resolver: too large, malformed,
// invalid. Each gets a stable extensions.code and the status the GraphQL-over-HTTP spec gives it.
import type { ServerResponse } from 'node:http'
import { GraphQLError } from 'graphql'
import { isAsyncIterable, type Plugin } from 'graphql-yoga'
import type { Config } from './config.js'

// Only digits are a Content-Length; anything else (signs, lists as in smuggling attempts) would
// slip past a numeric comparison.
const CONTENT_LENGTH = /^\d+$/

/** The largest body a request may have: a multipart upload carries one MAX_UPLOAD_BYTES file and a form. */
function bodyLimit(config: Config, contentType: string | null): number {
  return isMultipart(contentType) ? config.maxUploadBytes + config.maxRequestBytes : config.maxRequestBytes
}

export const isMultipart = (contentType: string | null) => contentType?.toLowerCase().startsWith('multipart/form-data') ?? false

/** What a body over its limit gets, whether its declared length or its bytes told. */
function payloadTooLarge(limit: number): GraphQLError {
  return new GraphQLError(`Request body is larger than ${limit} bytes`, { extensions: { code: 'PAYLOAD_TOO_LARGE', http: { status: 413 } } })
}

const isPayloadTooLarge = (error: unknown) => error instanceof GraphQLError && error.extensions.code === 'PAYLOAD_TOO_LARGE'

/**
 * Bounds every request body: a declared length over the limit is refused before anything is
 * read, and a body without one (chunked) is counted as it is read and fails with
 * PAYLOAD_TOO_LARGE at the first byte past the limit, so nothing downstream (yoga's parsers, the
 * upload parser, the git hooks) reads more than the limit. Yoga's own single limit is off.
 * What is left of a refused body is the server's to drain or close (src/app.ts).
 */
export function limitRequestSize(config: Config): Plugin {
  return {
    onRequest({ request, setRequest, endResponse, fetchAPI, serverContext }) {
      const limit = bodyLimit(config, request.headers.get('content-type'))
      const declared = request.headers.get('content-length')
      const refuse = (status: number, error: GraphQLError) => {
        const { message, extensions } = error
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code: extensions.code } }] }), {
            status,
            headers: { 'content-type': 'application/json' },
          }),
        )
      }
      if (declared !== null && !CONTENT_LENGTH.test(declared)) {
        return refuse(400, new GraphQLError('Content-Length must be a whole number of bytes', { extensions: { code: 'BAD_REQUEST' } }))
      }
      if (declared !== null && Number(declared) > limit) return refuse(413, payloadTooLarge(limit))
      // A client that asked first ("Expect: 100-continue") sends the body only now that it fits.
      if (request.headers.get('expect')?.toLowerCase() === '100-continue') (serverContext as { res?: ServerResponse }).res?.writeContinue()
      if (request.body === null) return
      setRequest(
        new fetchAPI.Request(request.url, {
          method: request.method,
          headers: request.headers,
          signal: request.signal,
          // The fetch API takes an async iterable as a body; the DOM types do not say so.
          body: bounded(request.body as unknown as AsyncIterable<Uint8Array>, limit) as unknown as BodyInit,
          duplex: 'half',
        } as RequestInit),
      )
    },
  }
}

/** Reads a whole body of at most `limit` bytes, or answers null as soon as it has more. */
export async function readAtMost(request: Request, limit: number): Promise<Buffer | null> {
  if (!request.body) return Buffer.alloc(0)
  const chunks: Uint8Array[] = []
  let read = 0
  try {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      read += chunk.byteLength
      if (read > limit) return null
      chunks.push(chunk)
    }
  } catch (error) {
    if (isPayloadTooLarge(error)) return null
    throw error
  }
  return Buffer.concat(chunks)
}

async function* bounded(body: AsyncIterable<Uint8Array>, limit: number): AsyncGenerator<Uint8Array> {
  // Pulled by hand and never returned: ending the iteration would destroy the request, and
  // with it the socket, before the 413 could be sent.
  const chunks = body[Symbol.asyncIterator]()
  let read = 0
  for (;;) {
    const { done, value } = await chunks.next()
    if (done) return
    read += value.byteLength
    if (read > limit) throw payloadTooLarge(limit)
    yield value
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
          // The parsers' failures are the client's, but not a failure of this machine's own (the
          // disk an upload streams to, say: a system error, with its syscall): that is masked as the server's.
          if (error instanceof GraphQLError || typeof (error as { syscall?: unknown } | null)?.syscall === 'string') throw error
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
