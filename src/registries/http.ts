// A small HTTP client for registries: a hard timeout on every call, the registry's TLS
// trust setting honoured, and failures sorted into causes a person can act on.
import http from 'node:http'
import https from 'node:https'

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
  body: string
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i
const MAX_BODY_BYTES = 1024 * 1024

function classify(error: NodeJS.ErrnoException, url: URL): RemoteError {
  const code = error.code ?? ''
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new RemoteError('DNS', `The host ${url.hostname} cannot be resolved`)
  if (code === 'ECONNREFUSED') return new RemoteError('CONNECTION_REFUSED', `Nothing accepts connections at ${url.host}`)
  if (TLS_CODES.test(code) || TLS_CODES.test(error.message)) {
    return new RemoteError('TLS', `The TLS certificate of ${url.host} is not trusted (${code || error.message}); set trustSelfSignedCert to accept it`)
  }
  return new RemoteError('NETWORK', `${url.host}: ${code || error.message}`)
}

/** GET with a deadline for the whole exchange; the body is read up to 1 MiB. */
export function remoteGet(
  target: string,
  options: { headers?: Record<string, string>; timeoutMs: number; trustSelfSignedCert?: boolean },
): Promise<RemoteResponse> {
  const url = new URL(target)
  const transport = url.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const request = transport.get(url, { headers: options.headers, rejectUnauthorized: !options.trustSelfSignedCert }, (response) => {
      const chunks: Buffer[] = []
      let size = 0
      response.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size <= MAX_BODY_BYTES) chunks.push(chunk)
      })
      response.on('end', () => {
        clearTimeout(timer)
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') })
      })
      response.on('error', (error) => {
        clearTimeout(timer)
        reject(classify(error, url))
      })
    })
    const timer = setTimeout(() => {
      request.destroy()
      reject(new RemoteError('TIMEOUT', `${url.host} did not answer within ${options.timeoutMs} ms`))
    }, options.timeoutMs)
    request.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      reject(classify(error, url))
    })
  })
}
