// A small HTTP client for registries: a hard timeout on every call, the registry's TLS
// trust setting honoured, and failures sorted into causes a person can act on.
import http from 'node:http'
import https from 'node:https'
import { registryOperation, startCall } from '../observability/calls.js'
import { noInstruments, type Instruments } from '../observability/instruments.js'

export type RemoteFailure = 'DNS' | 'CONNECTION_REFUSED' | 'TLS' | 'TIMEOUT' | 'NETWORK'

export class RemoteError extends Error {
  constructor(
    readonly failure: RemoteFailure,
    message: string,
  ) {
    super(message)
  }
}

export interface RemoteResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

export interface RemoteRequest {
  method?: 'GET' | 'HEAD' | 'DELETE'
  headers?: Record<string, string>
  timeoutMs: number
  trustSelfSignedCert?: boolean
  /** Bodies beyond this are refused as TOO_LARGE rather than read without bound. */
  maxBodyBytes?: number
  /** Where the call's latency and failure are reported. */
  instruments?: Instruments
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i
const MAX_BODY_BYTES = 4 * 1024 * 1024

function classify(error: NodeJS.ErrnoException, url: URL): RemoteError {
  const code = error.code ?? ''
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new RemoteError('DNS', `The host ${url.hostname} cannot be resolved`)
  if (code === 'ECONNREFUSED') return new RemoteError('CONNECTION_REFUSED', `Nothing accepts connections at ${url.host}`)
  if (TLS_CODES.test(code) || TLS_CODES.test(error.message)) {
    return new RemoteError('TLS', `The TLS certificate of ${url.host} is not trusted (${code || error.message}); set trustSelfSignedCert to accept it`)
  }
  return new RemoteError('NETWORK', `${url.host}: ${code || error.message}`)
}

/** One request with a deadline for the whole exchange, body included. Redirects are the caller's. */
export function remoteRequest(target: string, options: RemoteRequest): Promise<RemoteResponse> {
  const url = new URL(target)
  const transport = url.protocol === 'https:' ? https : http
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES
  const method = options.method ?? 'GET'
  const endCall = startCall(options.instruments ?? noInstruments, 'registry', `${method} ${registryOperation(url)}`, {
    'http.request.method': method,
    'server.address': url.host,
  })
  return new Promise<RemoteResponse>((resolve, reject) => {
    const fail = (error: RemoteError) => {
      clearTimeout(timer)
      request.destroy()
      reject(error)
    }
    const request = transport.request(
      url,
      { method, headers: options.headers, rejectUnauthorized: !options.trustSelfSignedCert },
      (response) => {
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > limit) fail(new RemoteError('NETWORK', `${url.host} sent more than ${limit} bytes for ${url.pathname}`))
          else chunks.push(chunk)
        })
        response.on('end', () => {
          clearTimeout(timer)
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) })
        })
        response.on('error', (error) => fail(classify(error, url)))
      },
    )
    const timer = setTimeout(() => fail(new RemoteError('TIMEOUT', `${url.host} did not answer within ${options.timeoutMs} ms`)), options.timeoutMs)
    request.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      reject(classify(error, url))
    })
    request.end()
  }).then(
    (response) => (endCall(response.status >= 500 ? `http_${response.status}` : null), response),
    (error: RemoteError) => (endCall(error.failure), Promise.reject(error)),
  )
}

export const headerValue = (value: string | string[] | undefined): string | null =>
  Array.isArray(value) ? (value[0] ?? null) : (value ?? null)
