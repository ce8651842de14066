// Requests whose bodies are generated as they are sent, over a socket of their own: chunked
// when no Content-Length is given, never held whole in memory, endless if the test wants to
// see the server stop reading.
import { randomBytes } from 'node:crypto'
import { Agent, request, type IncomingHttpHeaders } from 'node:http'

export interface StreamedAnswer {
  status: number
  headers: IncomingHttpHeaders
  text: string
  /** Body bytes the socket took before the body ended or the server closed the connection. */
  sent: number
}

/**
 * POSTs `body` chunk by chunk, waiting for the socket to drain, and resolves once the answer is
 * in and the sending has stopped (the body ended, or the server closed the connection: an
 * endless body ends only that way). Errors after the answer (EPIPE, ECONNRESET of the unsent
 * rest) are what a refused body gets, and are not failures.
 */
export async function streamRequest(url: string, headers: Record<string, string>, body: AsyncIterable<Uint8Array> | null): Promise<StreamedAnswer> {
  // Keep-alive, as browsers and proxies ask: whether the server closes the connection is the test's to see.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const req = request(url, { method: 'POST', headers, agent })
  let answered = false
  const answer = new Promise<Omit<StreamedAnswer, 'sent'>>((resolve, reject) => {
    req.once('response', (res) => {
      answered = true
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.once('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString() }))
      res.once('error', reject)
    })
    req.on('error', (error) => {
      if (!answered) reject(error)
    })
  })
  let sent = 0
  const sending = (async () => {
    if (!body) {
      // Only the head: an answer now shows the server decided without reading a byte of the body.
      req.flushHeaders()
      return
    }
    for await (const chunk of body) {
      if (req.destroyed) return
      sent += chunk.byteLength
      if (!req.write(chunk)) await drainedOrClosed(req)
    }
    if (!req.destroyed) req.end()
  })()
  const result = await answer
  if (!body) req.destroy()
  await sending
  agent.destroy()
  return { ...result, sent }
}

function drainedOrClosed(req: ReturnType<typeof request>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      req.off('drain', done)
      req.off('close', done)
      resolve()
    }
    req.on('drain', done)
    req.on('close', done)
  })
}

/** `total` bytes (or forever), in chunks of 64 KiB cut from one random block. */
export async function* bytes(total = Number.POSITIVE_INFINITY, chunkSize = 64 * 1024): AsyncGenerator<Buffer> {
  const block = randomBytes(chunkSize)
  for (let left = total; left > 0; left -= chunkSize) yield left >= chunkSize ? block : block.subarray(0, left)
}

export interface FilePart {
  field: string
  filename: string
  content: AsyncIterable<Uint8Array>
  /** The content's length, when known: the form's length is then known too. */
  size?: number
}

/** A GraphQL multipart request (operations, map, then the files), generated part by part. */
export function multipartBody(operations: unknown, map: Record<string, string[]>, files: FilePart[]) {
  const boundary = `----icat${randomBytes(8).toString('hex')}`
  const field = (name: string, value: string) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
  const fileHead = (file: FilePart) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    )
  const head = [field('operations', JSON.stringify(operations)), field('map', JSON.stringify(map))]
  const end = Buffer.from(`--${boundary}--\r\n`)
  async function* body(): AsyncGenerator<Uint8Array> {
    yield* head
    for (const file of files) {
      yield fileHead(file)
      yield* file.content
      yield Buffer.from('\r\n')
    }
    yield end
  }
  const length = files.every((file) => file.size !== undefined)
    ? [...head, end].reduce((sum, part) => sum + part.length, 0) + files.reduce((sum, file) => sum + fileHead(file).length + file.size! + 2, 0)
    : undefined
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: body(), length }
}

/** Passes a stream through while hashing it; `digest()` once it has been read. */
export function tap(content: AsyncIterable<Uint8Array>, hash: { update(chunk: Uint8Array): unknown }): AsyncIterable<Uint8Array> {
  return (async function* () {
    for await (const chunk of content) {
      hash.update(chunk)
      yield chunk
    }
  })()
}

/** A ustar archive of one file of `size` bytes (default: random), generated as it is read. */
export async function* tarOf(name: string, size: number, content: AsyncIterable<Uint8Array> = bytes(size)): AsyncGenerator<Uint8Array> {
  const header = Buffer.alloc(512)
  header.write(name, 0, 100, 'utf8')
  header.write('0000644\0', 100)
  header.write('0000000\0', 108)
  header.write('0000000\0', 116)
  header.write(`${size.toString(8).padStart(11, '0')}\0`, 124)
  header.write('00000000000\0', 136)
  header.write('        ', 148) // the checksum field counts as spaces while summing
  header.write('0', 156)
  header.write('ustar\0', 257)
  header.write('00', 263)
  header.write(`${header.reduce((sum, byte) => sum + byte, 0).toString(8).padStart(6, '0')}\0 `, 148)
  yield header
  yield* content
  yield Buffer.alloc((512 - (size % 512)) % 512)
  yield Buffer.alloc(1024) // end of archive
}

/** The length of tarOf(name, size). */
export const tarLength = (size: number) => 512 + Math.ceil(size / 512) * 512 + 1024
