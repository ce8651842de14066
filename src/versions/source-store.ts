// Source archives are stored by content: sources/sha256/<2 hex>/<64 hex>. Two versions
// uploaded with the same bytes share one file; a file goes when no version names it.
import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { link, mkdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import type { Db } from '../db/client.js'
import { UploadedFile } from '../uploaded-file.js'

export interface StoredSource {
  sha256: string
  sizeBytes: number
  /** The first bytes, enough to tell the archive format. */
  head: Buffer
}

export class SourceTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Source archive is larger than the ${limit}-byte limit`)
  }
}

const HEAD_BYTES = 512

export class SourceStore {
  constructor(
    private readonly db: Db,
    private readonly root: string,
  ) {}

  pathOf(sha256: string): string {
    return path.join(this.root, 'sha256', sha256.slice(0, 2), sha256)
  }

  /**
   * Stores a file. An upload is on disk already, hashed as it arrived: it is linked into place,
   * not copied. Any other file is streamed.
   */
  async putFile(file: File, limit: number): Promise<StoredSource> {
    if (!(file instanceof UploadedFile)) return this.put(file.stream(), limit)
    if (file.size > limit) throw new SourceTooLargeError(limit)
    const target = this.pathOf(file.sha256)
    await mkdir(path.dirname(target), { recursive: true })
    try {
      await link(file.path, target)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      // Uploads staged on another file system are copied.
      if (code === 'EXDEV') return this.put(file.stream(), limit)
      // Already stored: the same digest is the same bytes.
      if (code !== 'EEXIST') throw error
    }
    return { sha256: file.sha256, sizeBytes: file.size, head: Buffer.from(await file.slice(0, HEAD_BYTES).arrayBuffer()) }
  }

  /** Streams the upload to disk, hashing as it goes; nothing is left behind on failure. */
  async put(stream: ReadableStream<Uint8Array>, limit: number): Promise<StoredSource> {
    const tmpDir = path.join(this.root, 'tmp')
    await mkdir(tmpDir, { recursive: true })
    const tmpPath = path.join(tmpDir, randomBytes(12).toString('hex'))
    const hash = createHash('sha256')
    const out = createWriteStream(tmpPath, { mode: 0o600 })
    const headChunks: Buffer[] = []
    let headLength = 0
    let sizeBytes = 0
    try {
      for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
        sizeBytes += chunk.byteLength
        if (sizeBytes > limit) throw new SourceTooLargeError(limit)
        if (headLength < HEAD_BYTES) {
          headChunks.push(Buffer.from(chunk))
          headLength += chunk.byteLength
        }
        hash.update(chunk)
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
      }
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))
      const sha256 = hash.digest('hex')
      const target = this.pathOf(sha256)
      await mkdir(path.dirname(target), { recursive: true })
      await rename(tmpPath, target)
      return { sha256, sizeBytes, head: Buffer.concat(headChunks).subarray(0, HEAD_BYTES) }
    } catch (error) {
      out.destroy()
      // The file is opened asynchronously: removing it before the stream has closed could run
      // before it even exists, and leave it behind.
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()))
      await rm(tmpPath, { force: true })
      throw error
    }
  }

  /** Removes the files of these digests that no version, and no build that may still run (or run again), refers to any more. */
  async releaseUnreferenced(sha256s: readonly string[]): Promise<void> {
    const candidates = [...new Set(sha256s)]
    if (candidates.length === 0) return
    const [versions, builds] = await Promise.all([
      this.db.version.findMany({ where: { sourceSha256: { in: candidates } }, select: { sourceSha256: true }, distinct: ['sourceSha256'] }),
      this.db.build.findMany({
        where: { sourceSha256: { in: candidates }, state: { in: ['QUEUED', 'RUNNING', 'CANCELLING'] } },
        select: { sourceSha256: true },
        distinct: ['sourceSha256'],
      }),
    ])
    const used = new Set([...versions, ...builds].map((v) => v.sourceSha256))
    await Promise.all(candidates.filter((sha) => !used.has(sha)).map((sha) => rm(this.pathOf(sha), { force: true })))
  }
}
