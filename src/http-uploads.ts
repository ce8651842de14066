// GraphQL multipart requests (https://github.com/jaydenseric/graphql-multipart-request-spec)
// parsed as they arrive. Yoga's own parser (request.formData()) holds every file in memory
// until the request is complete; here each file part streams to a file of its own on disk,
// hashed on the way, so an upload of any allowed size costs a few buffers of memory. The
// resolver gets a File backed by that file; the files go when the answer has been made.
import { createHash, randomBytes } from 'node:crypto'
import { openAsBlob } from 'node:fs'
import { mkdir, open, rm } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Busboy, type BusboyFileStream } from '@fastify/busboy'
import { GraphQLError } from 'graphql'
import type { GraphQLParams, Plugin } from 'graphql-yoga'
import { isMultipart } from './http-guards.js'
import { UploadedFile } from './uploaded-file.js'

export interface UploadOptions {
  /** Where file parts are written while the request runs. */
  dir: string
  /** A file part is kept up to one byte past this, enough for its consumer to refuse it by size. */
  maxFileBytes: number
  /** The largest `operations` or `map` part. */
  maxFieldBytes: number
}

export function streamUploads(options: UploadOptions): Plugin {
  const staged = new WeakMap<Request, string[]>()
  return {
    onRequestParse({ request, setRequestParser }) {
      if (request.method !== 'POST' || !isMultipart(request.headers.get('content-type'))) return
      const paths: string[] = []
      staged.set(request, paths)
      setRequestParser((req) => parseMultipart(req, options, paths))
    },
    async onResponse({ request }) {
      const paths = staged.get(request)
      if (paths) await Promise.all(paths.map((file) => rm(file, { force: true })))
    },
  }
}

// The spec has a part per file plus `operations` and `map`; a file costs a file on disk, so
// thousands of tiny ones in one body are refused rather than staged.
const MAX_FILES = 20
const MAX_FIELDS = 20

const badRequest = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } })

async function parseMultipart(request: Request, options: UploadOptions, paths: string[]): Promise<GraphQLParams> {
  if (!request.body) throw badRequest('Multipart request without a body')
  const fields = new Map<string, string>()
  const files = new Map<string, Promise<UploadedFile>>()
  const receiving = new Set<BusboyFileStream>()
  let refused: GraphQLError | undefined
  // A file part this server could not write: its fault, not the client's.
  let unwritable: Error | undefined
  const parser = Busboy({
    headers: { 'content-type': request.headers.get('content-type')! },
    limits: { fileSize: options.maxFileBytes + 1, fieldSize: options.maxFieldBytes, fieldNameSize: 1000, files: MAX_FILES, fields: MAX_FIELDS },
  })
  const tooMany = (what: string, limit: number) => () =>
    (refused ??= new GraphQLError(`A multipart request may have at most ${limit} ${what}`, { extensions: { code: 'PAYLOAD_TOO_LARGE', http: { status: 413 } } }))
  parser.on('filesLimit', tooMany('files', MAX_FILES))
  parser.on('fieldsLimit', tooMany('fields besides its files', MAX_FIELDS))
  parser.on('field', (name, value, _nameTruncated, valueTruncated) => {
    if (valueTruncated) refused ??= new GraphQLError(`Multipart field "${name}" is larger than ${options.maxFieldBytes} bytes`, { extensions: { code: 'PAYLOAD_TOO_LARGE', http: { status: 413 } } })
    else fields.set(name, value)
  })
  parser.on('file', (name, stream, filename, _encoding, mimeType) => {
    receiving.add(stream)
    // Busboy may report a cut-off part on the stream after its reader has stopped; the request's
    // own failure says it already.
    stream.on('error', () => {})
    const file = stage(stream, filename, mimeType, options.dir, paths).finally(() => receiving.delete(stream))
    // A part that cannot be written fails the request: busboy would wait for it to be read forever.
    file.catch((error: Error) => {
      if (parser.destroyed) return
      unwritable = error
      parser.destroy(error)
    })
    files.set(name, file)
  })
  try {
    await pipeline(Readable.from(request.body as unknown as AsyncIterable<Uint8Array>), parser)
    if (refused) throw refused
    const uploads = new Map<string, UploadedFile>()
    for (const [name, file] of files) uploads.set(name, await file)
    return operationsWithFiles(fields, uploads)
  } catch (error) {
    for (const stream of receiving) stream.destroy(error as Error)
    // No file may still be open for writing once the request's files are removed.
    await Promise.allSettled(files.values())
    if (error instanceof GraphQLError) throw error
    if (unwritable) throw unwritable
    throw badRequest(`POST body sent invalid multipart data: ${(error as Error).message}`)
  }
}

/** Writes a file part to disk as it arrives, hashing it; busboy waits while the disk catches up. */
async function stage(stream: BusboyFileStream, filename: string, type: string, dir: string, paths: string[]): Promise<UploadedFile> {
  await mkdir(dir, { recursive: true })
  const file = path.join(dir, randomBytes(12).toString('hex'))
  paths.push(file)
  const hash = createHash('sha256')
  const out = await open(file, 'wx', 0o600)
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk)
      await out.write(chunk)
    }
  } finally {
    await out.close()
  }
  return new UploadedFile(await openAsBlob(file), filename, type, file, hash.digest('hex'))
}

/** The spec's `operations` with each `map` entry's path pointing at its file. */
function operationsWithFiles(fields: Map<string, string>, files: Map<string, UploadedFile>): GraphQLParams {
  const parse = (name: string) => {
    try {
      return JSON.parse(fields.get(name)!) as unknown
    } catch {
      throw badRequest(`Multipart field "${name}" must be a valid JSON string`)
    }
  }
  if (!fields.has('operations')) throw badRequest('Missing multipart field "operations"')
  const operations = parse('operations')
  if (typeof operations !== 'object' || operations === null) throw badRequest('Multipart field "operations" must be a JSON object or array')
  const map = fields.has('map') ? parse('map') : {}
  if (typeof map !== 'object' || map === null || Array.isArray(map)) throw badRequest('Multipart field "map" must be a JSON object')
  for (const [name, paths] of Object.entries(map)) {
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string')) throw badRequest(`Multipart map entry "${name}" must be a list of paths`)
    for (const keyPath of paths) setPath(operations as Record<string, unknown>, keyPath, files.get(name) ?? null)
  }
  return operations as GraphQLParams
}

function setPath(target: Record<string, unknown>, keyPath: string, value: unknown): void {
  const keys = keyPath.split('.')
  // A path may not reach the prototypes of the objects JSON.parse made.
  if (keys.some((key) => key === '__proto__' || key === 'constructor' || key === 'prototype')) return
  let current = target
  for (const key of keys.slice(0, -1)) {
    const next = current[key]
    if (typeof next !== 'object' || next === null || !Object.hasOwn(current, key)) current[key] = {}
    current = current[key] as Record<string, unknown>
  }
  current[keys.at(-1)!] = value
}
