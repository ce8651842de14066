// Request framing over a real socket: bodies with a declared length and without one
// (Transfer-Encoding: chunked, as proxies and streaming clients send them) are both taken, and
// both are held to MAX_REQUEST_BYTES, or MAX_UPLOAD_BYTES for a multipart upload, as they are
// read: the first byte past the limit gets 413 and the server reads no further. Uploads stream
// to disk (test/uploads-large.test.ts measures the memory).
import { createHash, createHmac } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../src/logger.js'
import { graphql } from './gql/index.js'
import { bytes, multipartBody, streamRequest, tap, tarLength, tarOf } from './support/streaming.js'
import { ADMIN_TOKEN, createWorld, type World } from './support/world.js'

const FramingCreateCategory = graphql(`
  mutation FramingCreateCategory($input: CreateCategoryInput!) {
    createCategory(input: $input) { category { id name } userErrors { field message code } }
  }
`)

const FramingCreateImage = graphql(`
  mutation FramingCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id } userErrors { field message code } }
  }
`)

const FramingSetSource = graphql(`
  mutation FramingSetSource($input: SetBuildSourceInput!) {
    setBuildSource(input: $input) { webhookSecret userErrors { field message code } }
  }
`)

const FramingUpload = graphql(`
  mutation FramingUpload($input: CreateVersionInput!) {
    createVersion(input: $input) {
      version { id version source { sha256 sizeBytes filename format } }
      userErrors { field message code }
    }
  }
`)

const AUTH = { authorization: `Bearer ${ADMIN_TOKEN}` }
const MAX_REQUEST_BYTES = 16 * 1024
const MAX_UPLOAD_BYTES = 256 * 1024
const TOO_LARGE_PLAIN = { errors: [{ message: `Request body is larger than ${MAX_REQUEST_BYTES} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }
const TOO_LARGE_UPLOAD = {
  errors: [{ message: `Request body is larger than ${MAX_UPLOAD_BYTES + MAX_REQUEST_BYTES} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
}
// What the socket buffers on both ends, and the server's drain of a refused body (1 MiB), may
// take in before the server's close is felt: a server
// that kept reading would never end an endless body.
const SOCKET_SLACK = 16 * 1024 * 1024

/** A JSON body sent in pieces, so it is chunked on the wire. */
async function* pieces(text: string, size = 7): AsyncGenerator<Buffer> {
  for (let i = 0; i < text.length; i += size) yield Buffer.from(text.slice(i, i + size))
}

/** `{"query": ..., "variables": {"pad": "xxxx...` that never ends. */
async function* endlessJson(query: string): AsyncGenerator<Buffer> {
  yield Buffer.from(`{"query": ${JSON.stringify(query)}, "variables": {"pad": "`)
  const block = Buffer.alloc(64 * 1024, 'x')
  for (;;) yield block
}

/** Every file the app keeps under its data folder for sources and uploads, relative to it. */
async function storedFiles(world: World): Promise<string[]> {
  const found: string[] = []
  for (const dir of ['sources', 'uploads']) {
    const root = path.join(world.dataDir, dir)
    if (!existsSync(root)) continue
    const entries = await readdir(root, { recursive: true, withFileTypes: true })
    for (const e of entries) if (e.isFile()) found.push(path.relative(world.dataDir, path.join(e.parentPath, e.name)))
  }
  return found.sort()
}

describe('request framing', () => {
  let world: World
  let url: string
  let imageId: string
  let versions = 0

  beforeAll(async () => {
    world = await createWorld({ PORT: '0', MAX_REQUEST_BYTES: String(MAX_REQUEST_BYTES), MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) })
    url = await world.app.start()
    const created = await world.ok(FramingCreateImage, { input: { name: 'framing/app' } })
    imageId = created.createImage.image!.id
  })
  afterAll(() => world?.dispose())

  const upload = (version: string, files: Parameters<typeof multipartBody>[2], headers: Record<string, string> = {}) => {
    const form = multipartBody(
      { query: FramingUpload.toString(), variables: { input: { imageId, version, source: null } } },
      { 0: ['variables.input.source'] },
      files,
    )
    return streamRequest(url, { ...AUTH, 'content-type': form.contentType, ...headers }, form.body)
  }

  it('runs a chunked JSON request like one with a declared length', async () => {
    const body = JSON.stringify({ query: FramingCreateCategory.toString(), variables: { input: { name: 'chunked' } } })
    const answer = await streamRequest(url, { ...AUTH, 'content-type': 'application/json' }, pieces(body))
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.text)).toMatchObject({ data: { createCategory: { category: { name: 'chunked' }, userErrors: [] } } })
    // The whole body was read, so the connection could carry another request.
    expect(answer.headers.connection).not.toBe('close')
    expect(await world.app.db.category.count({ where: { name: 'chunked' } })).toBe(1)
  })

  it('refuses a chunked JSON body with 413 at MAX_REQUEST_BYTES and stops reading it', async () => {
    const query = 'mutation Pad($pad: String) { createCategory(input: { name: "endless" }) { category { id } } }'
    const answer = await streamRequest(url, { ...AUTH, 'content-type': 'application/json' }, endlessJson(query))
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.text)).toEqual(TOO_LARGE_PLAIN)
    // The endless body ended only because the server closed the connection.
    expect(answer.sent).toBeLessThan(MAX_REQUEST_BYTES + SOCKET_SLACK)
    expect(await world.app.db.category.count({ where: { name: 'endless' } })).toBe(0)
  })

  it('still refuses a declared Content-Length over the limit before reading any of the body', async () => {
    const plain = await streamRequest(url, { ...AUTH, 'content-type': 'application/json', 'content-length': String(MAX_REQUEST_BYTES + 1) }, null)
    expect(plain.status).toBe(413)
    expect(JSON.parse(plain.text)).toEqual(TOO_LARGE_PLAIN)
    const multipart = await streamRequest(
      url,
      { ...AUTH, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(MAX_UPLOAD_BYTES + MAX_REQUEST_BYTES + 1) },
      null,
    )
    expect(multipart.status).toBe(413)
    expect(JSON.parse(multipart.text)).toEqual(TOO_LARGE_UPLOAD)
  })

  it('refuses a Content-Length that is not a whole number with 400 (in-process: on a socket Node refuses it first)', async () => {
    for (const length of ['12abc', '-1', '1, 1']) {
      const response = await world.post('{}', { 'content-type': 'application/json', 'content-length': length })
      expect(response.status).toBe(400)
      expect(await response.json()).toEqual({ errors: [{ message: 'Content-Length must be a whole number of bytes', extensions: { code: 'BAD_REQUEST' } }] })
    }
  })

  it('asks a client that expects 100-continue for the body only when its declared length fits', async () => {
    const body = JSON.stringify({ query: FramingCreateCategory.toString(), variables: { input: { name: 'expected' } } })
    const ask = (length: number) =>
      new Promise<{ continued: boolean; status: number; text: string }>((resolve, reject) => {
        const req = request(url, {
          method: 'POST',
          headers: { ...AUTH, 'content-type': 'application/json', 'content-length': String(length), expect: '100-continue' },
          agent: false,
        })
        let continued = false
        req.once('continue', () => {
          continued = true
          req.end(body)
        })
        req.once('response', (res) => {
          let text = ''
          res.on('data', (chunk: Buffer) => (text += chunk))
          res.once('end', () => {
            req.destroy()
            resolve({ continued, status: res.statusCode!, text })
          })
        })
        req.once('error', reject)
        req.flushHeaders()
      })
    const refused = await ask(MAX_REQUEST_BYTES + 1)
    expect(refused).toEqual({ continued: false, status: 413, text: JSON.stringify(TOO_LARGE_PLAIN) })
    const taken = await ask(Buffer.byteLength(body))
    expect(taken).toMatchObject({ continued: true, status: 200 })
    expect(await world.app.db.category.count({ where: { name: 'expected' } })).toBe(1)
  })

  it('stores a chunked upload, with the digest of the bytes sent', async () => {
    const hash = createHash('sha256')
    const content = MAX_UPLOAD_BYTES - 4096
    const size = tarLength(content)
    const answer = await upload('chunked', [{ field: '0', filename: 'app.tar', content: tap(tarOf('app.bin', content), hash) }])
    expect(answer.status).toBe(200)
    const sha256 = hash.digest('hex')
    expect(JSON.parse(answer.text)).toEqual({
      data: { createVersion: { version: { id: expect.any(String), version: 'chunked', source: { sha256, sizeBytes: size, filename: 'app.tar', format: 'tar' } }, userErrors: [] } },
      extensions: { cost: expect.any(Object) },
    })
    const stored = await readFile(path.join(world.dataDir, 'sources', 'sha256', sha256.slice(0, 2), sha256))
    expect(createHash('sha256').update(stored).digest('hex')).toBe(sha256)
    // The staged upload was linked into the store and is gone: nothing else is left.
    expect(await storedFiles(world)).toEqual([path.join('sources', 'sha256', sha256.slice(0, 2), sha256)])
    versions++
  })

  it('stores an upload with a declared length the same way', async () => {
    const hash = createHash('sha256')
    const form = multipartBody(
      { query: FramingUpload.toString(), variables: { input: { imageId, version: 'declared', source: null } } },
      { 0: ['variables.input.source'] },
      [{ field: '0', filename: 'd.tar', content: tap(tarOf('d.bin', 1000), hash), size: tarLength(1000) }],
    )
    const answer = await streamRequest(url, { ...AUTH, 'content-type': form.contentType, 'content-length': String(form.length) }, form.body)
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.text)).toMatchObject({ data: { createVersion: { version: { source: { sha256: hash.digest('hex'), sizeBytes: tarLength(1000) } } } } })
    expect(answer.headers.connection).not.toBe('close')
    versions++
  })

  it('refuses an endless chunked upload with 413 at MAX_UPLOAD_BYTES + MAX_REQUEST_BYTES, storing nothing', async () => {
    const before = await storedFiles(world)
    const answer = await upload('endless', [{ field: '0', filename: 'endless.tar', content: tarOf('endless.bin', 2 ** 33 - 1, bytes()) }])
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.text)).toEqual(TOO_LARGE_UPLOAD)
    expect(answer.sent).toBeLessThan(MAX_UPLOAD_BYTES + MAX_REQUEST_BYTES + SOCKET_SLACK)
    expect(await world.app.db.version.count()).toBe(versions)
    expect(await storedFiles(world)).toEqual(before)
  })

  it('answers TOO_LARGE for a chunked file just over MAX_UPLOAD_BYTES, keeping nothing', async () => {
    const before = await storedFiles(world)
    const answer = await upload('just-over', [{ field: '0', filename: 'big.tar', content: bytes(MAX_UPLOAD_BYTES + 1) }])
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.text)).toEqual({
      data: {
        createVersion: {
          version: null,
          userErrors: [{ field: ['input', 'source'], code: 'TOO_LARGE', message: `Source archive must be at most ${MAX_UPLOAD_BYTES} bytes` }],
        },
      },
      extensions: { cost: expect.any(Object) },
    })
    expect(await world.app.db.version.count()).toBe(versions)
    expect(await storedFiles(world)).toEqual(before)
  })

  it('refuses an operations part over MAX_REQUEST_BYTES in an upload with 413', async () => {
    const form = multipartBody(
      { query: FramingUpload.toString(), variables: { input: { imageId, version: 'x'.repeat(MAX_REQUEST_BYTES), source: null } } },
      { 0: ['variables.input.source'] },
      [{ field: '0', filename: 'a.tar', content: tarOf('a.bin', 10) }],
    )
    const answer = await streamRequest(url, { ...AUTH, 'content-type': form.contentType }, form.body)
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.text)).toEqual({
      errors: [{ message: `Multipart field "operations" is larger than ${MAX_REQUEST_BYTES} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    })
    expect(await world.app.db.version.count()).toBe(versions)
  })

  it('refuses a multipart request with more than 20 files with 413, keeping none of them', async () => {
    const before = await storedFiles(world)
    const files = Array.from({ length: 21 }, (_, i) => ({ field: String(i), filename: `${i}.tar`, content: tarOf(`${i}.bin`, 10) }))
    const answer = await upload('many', files)
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.text)).toEqual({ errors: [{ message: 'A multipart request may have at most 20 files', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] })
    expect(await world.app.db.version.count()).toBe(versions)
    expect(await storedFiles(world)).toEqual(before)
  })

  it('answers a malformed chunked multipart body with 400, keeping nothing', async () => {
    const before = await storedFiles(world)
    const answer = await streamRequest(
      url,
      { ...AUTH, 'content-type': 'multipart/form-data; boundary=abc' },
      pieces('--abc\r\nContent-Disposition: form-data; name="0"; filename="a.tar"\r\n\r\nunterminated'),
    )
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.text)).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] })
    expect(await storedFiles(world)).toEqual(before)
  })

  it('reads a chunked git hook event whole: its signature checks out', async () => {
    const source = await world.ok(FramingSetSource, { input: { imageId, repositoryUrl: 'https://git.invalid/framing.git', buildSettings: [{ branch: 'main', tag: 'latest' }] } })
    const event = JSON.stringify({ zen: 'chunked', padding: 'p'.repeat(4000) })
    const signature = `sha256=${createHmac('sha256', source.setBuildSource.webhookSecret!).update(event).digest('hex')}`
    const answer = await streamRequest(
      url.replace(/\/graphql$/, '/hooks/git/framing%2Fapp'),
      { 'content-type': 'application/json', 'x-github-event': 'ping', 'x-hub-signature-256': signature },
      pieces(event, 1000),
    )
    expect({ status: answer.status, body: JSON.parse(answer.text) }).toEqual({ status: 200, body: { ok: true } })
  })

  it('bounds a chunked git hook event as it is read', async () => {
    const answer = await streamRequest(
      url.replace(/\/graphql$/, '/hooks/git/framing%2Fapp'),
      { 'content-type': 'application/json', 'x-github-event': 'push' },
      endlessJson('x'),
    )
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.text)).toEqual({ error: 'The event is larger than 1048576 bytes' })
    expect(answer.sent).toBeLessThan(MAX_REQUEST_BYTES + SOCKET_SLACK)
  })
})

describe('an upload the disk cannot take', () => {
  let world: World
  const logged: { level: number; incident?: string }[] = []

  beforeAll(async () => {
    world = await createWorld({ PORT: '0' }, { logger: createLogger({ destination: { write: (line: string) => void logged.push(JSON.parse(line)) } }) })
    // A file where the uploads folder should be: no upload can be written.
    await writeFile(path.join(world.dataDir, 'uploads'), '')
  })
  afterAll(() => world?.dispose())

  it('is INTERNAL_SERVER_ERROR with an incident, not the client\'s fault', async () => {
    const url = await world.app.start()
    const image = await world.ok(FramingCreateImage, { input: { name: 'framing/disk' } })
    const form = multipartBody(
      { query: FramingUpload.toString(), variables: { input: { imageId: image.createImage.image!.id, version: '1', source: null } } },
      { 0: ['variables.input.source'] },
      [{ field: '0', filename: 'a.tar', content: tarOf('a.bin', 100 * 1024) }],
    )
    const answer = await streamRequest(url, { ...AUTH, 'content-type': form.contentType }, form.body)
    // The status is yoga's for a masked failure, as for every other one (test/transport.test.ts).
    const body = JSON.parse(answer.text)
    expect(body).toEqual({ errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', incident: expect.any(String) } }] })
    expect(answer.text).not.toContain(world.dataDir)
    // The server logged the real failure at error, under the incident id the client got.
    expect(logged.filter((line) => line.incident === body.errors[0].extensions.incident)).toEqual([expect.objectContaining({ level: 50 })])
    expect(await world.app.db.version.count()).toBe(0)
  })
})

describe('uploads past yoga\'s 25 MB default', () => {
  let world: World

  beforeAll(async () => {
    world = await createWorld({ PORT: '0' })
  })
  afterAll(() => world?.dispose())

  it('takes a 30 MB upload with a declared length, since MAX_UPLOAD_BYTES (256 MiB) is the one limit', async () => {
    const url = await world.app.start()
    const image = await world.ok(FramingCreateImage, { input: { name: 'framing/big' } })
    const size = 30_000_000
    const hash = createHash('sha256')
    const form = multipartBody(
      { query: FramingUpload.toString(), variables: { input: { imageId: image.createImage.image!.id, version: '30mb', source: null } } },
      { 0: ['variables.input.source'] },
      [{ field: '0', filename: 'big.tar', content: tap(tarOf('big.bin', size), hash), size: tarLength(size) }],
    )
    const answer = await streamRequest(url, { ...AUTH, 'content-type': form.contentType, 'content-length': String(form.length) }, form.body)
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.text)).toMatchObject({
      data: { createVersion: { version: { source: { sha256: hash.digest('hex'), sizeBytes: tarLength(size), format: 'tar' } }, userErrors: [] } },
    })
  })
})
