// Uploads of hundreds of MB to a real server process, with the default MAX_UPLOAD_BYTES
// (256 MiB): 200 MiB is taken and stored, 300 MiB is refused with 413 and leaves nothing, and
// the server's memory stays flat meanwhile because files stream to disk. The memory is the
// server's own, read from /proc/<pid>/status: its peak (VmHWM) is reset before each upload
// (clear_refs), so the figure is the true growth, not a sample. The bodies are generated as
// they are sent (a real tar.gz, chunked, never whole in the test's memory either).
//
// It runs once, on SQLite: the database holds one Version row either way, and the streaming
// path is the same on PostgreSQL (test/uploads.test.ts runs the framing on both).
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { createGzip } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.js'
import { ADMIN_TOKEN } from './support/admin-token.js'
import { postTo, startServer, type Running } from './support/processes.js'
import { bytes, multipartBody, streamRequest, tap, tarLength, tarOf } from './support/streaming.js'
import { databaseKind } from './support/world.js'

const LargeCreateImage = graphql(`
  mutation LargeCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id } userErrors { field message code } }
  }
`)

const LargeUpload = graphql(`
  mutation LargeUpload($input: CreateVersionInput!) {
    createVersion(input: $input) {
      version { version source { sha256 sizeBytes format } }
      userErrors { field message code }
    }
  }
`)

const LargeVersions = graphql(`
  query LargeVersions($id: ID!) {
    image(id: $id) { versions(first: 10) { totalCount nodes { version } } }
  }
`)

const MiB = 1024 * 1024
const LIMIT = 256 * MiB
const GROWTH_LIMIT = 64 * MiB

/** VmRSS and VmHWM of a process, in bytes. */
async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]) * 1024
  return { rss: kib('VmRSS'), peak: kib('VmHWM') }
}

/** Runs `upload` and answers how far the server's resident memory rose above where it was. */
async function growthDuring<T>(pid: number, upload: () => Promise<T>): Promise<{ result: T; before: number; peak: number; growth: number }> {
  // "5" resets the peak to the current resident size (Linux >= 4.0).
  await writeFile(`/proc/${pid}/clear_refs`, '5')
  const { rss: before } = await memoryOf(pid)
  const result = await upload()
  const { peak } = await memoryOf(pid)
  return { result, before, peak, growth: peak - before }
}

/** A tar.gz of one file of `size` random bytes, generated as it is read (gzip level 0: no time spent compressing noise). */
const tarGz = (size: number) => Readable.from(tarOf('payload.bin', size)).pipe(createGzip({ level: 0 }))

describe.skipIf(databaseKind !== 'sqlite')('uploads of hundreds of MB to a server process', () => {
  let server: Running
  let dataDir: string
  let imageId: string
  const figures: string[] = []

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'icat-large-'))
    server = await startServer({ DATA_DIR: dataDir, ADMIN_TOKEN })
    const created = await postTo(server, LargeCreateImage, { input: { name: 'large/app' } })
    imageId = created.createImage.image!.id
  })
  afterAll(async () => {
    await server?.stop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
    if (figures.length) console.log(`upload memory (server VmHWM − VmRSS before):\n  ${figures.join('\n  ')}`)
  })

  /** Streams a createVersion upload of `content` (chunked unless `length` is given). */
  function upload(version: string, content: AsyncIterable<Uint8Array>, length?: number) {
    const form = multipartBody(
      { query: LargeUpload.toString(), variables: { input: { imageId, version, source: null } } },
      { 0: ['variables.input.source'] },
      [{ field: '0', filename: `${version}.tar.gz`, content, size: length }],
    )
    const headers: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': form.contentType }
    if (length !== undefined) headers['content-length'] = String(form.length)
    return streamRequest(server.url, headers, form.body)
  }

  const filesUnder = async (dir: string) =>
    existsSync(path.join(dataDir, dir)) ? (await readdir(path.join(dataDir, dir), { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name) : []

  const record = (label: string, m: { before: number; peak: number; growth: number }) =>
    figures.push(`${label}: ${(m.growth / MiB).toFixed(1)} MiB (from ${(m.before / MiB).toFixed(1)} to ${(m.peak / MiB).toFixed(1)} MiB)`)

  it('stores a 200 MiB upload with its digest, and refuses 300 MiB with 413, storing nothing, the server growing by less than 64 MiB', async () => {
    // Warm up the code paths an upload runs, so their one-off cost is not counted as growth.
    const warm = await upload('warm-up', tarGz(4 * MiB))
    expect(warm.status).toBe(200)

    const sent = { hash: createHash('sha256'), size: 0 }
    const counting = { update: (chunk: Uint8Array) => (sent.hash.update(chunk), (sent.size += chunk.byteLength)) }
    const accepted = await growthDuring(server.pid, () => upload('200mib', tap(tarGz(200 * MiB), counting)))
    record('200 MiB accepted (chunked)', accepted)
    expect(accepted.result.status).toBe(200)
    const sha256 = sent.hash.digest('hex')
    expect(sent.size).toBeGreaterThan(200 * MiB)
    expect(JSON.parse(accepted.result.text)).toEqual({
      data: { createVersion: { version: { version: '200mib', source: { sha256, sizeBytes: sent.size, format: 'tar+gzip' } }, userErrors: [] } },
      extensions: { cost: expect.any(Object) },
    })
    const stored = path.join(dataDir, 'sources', 'sha256', sha256.slice(0, 2), sha256)
    expect((await stat(stored)).size).toBe(sent.size)
    expect(accepted.growth).toBeLessThan(GROWTH_LIMIT)

    const storedBefore = await filesUnder('sources')
    const refused = await growthDuring(server.pid, () => upload('300mib', tarGz(300 * MiB)))
    record('300 MiB refused (chunked, read up to the limit)', refused)
    expect(refused.result.status).toBe(413)
    expect(JSON.parse(refused.result.text)).toEqual({
      errors: [{ message: `Request body is larger than ${LIMIT + MiB} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    })
    // The server stopped at the limit: the rest of the 300 MiB was never sent.
    expect(refused.result.sent).toBeLessThan(LIMIT + 32 * MiB)
    expect(refused.growth).toBeLessThan(GROWTH_LIMIT)

    // Declared, it is refused before a byte of it is read.
    const declared = await growthDuring(server.pid, () => upload('300mib', tarOf('payload.bin', 300 * MiB), tarLength(300 * MiB)))
    record('300 MiB refused (declared length)', declared)
    expect(declared.result.status).toBe(413)
    expect(declared.result.sent).toBeLessThan(32 * MiB)

    // Nothing of the refused uploads: no row, no stored file, no staged file.
    const versions = await postTo(server, LargeVersions, { id: imageId })
    expect(versions.image!.versions).toEqual({ totalCount: 2, nodes: [{ version: '200mib' }, { version: 'warm-up' }] })
    expect(await filesUnder('sources')).toEqual(storedBefore)
    expect(storedBefore).toHaveLength(2)
    expect(await filesUnder('uploads')).toEqual([])
  }, 300_000)
})
