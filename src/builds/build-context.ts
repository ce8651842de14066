// Turns a build's source into a Docker build context: a plain, uncompressed tar stream
// for docker.buildImage(stream, { dockerfile }).
//
// A stored archive is never handed to Docker as uploaded. It is read entry by entry,
// every entry is checked (type, path, symlink target, size), and the accepted entries are
// re-packed into a fresh tar, spooled to an unlinked temporary file, so what Docker sees
// is exactly what was checked. Anything unsafe is refused with a UserInputError.
import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { open, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PassThrough, type Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import tar, { type Header as TarHeader, type Pack } from 'tar-stream'
import yauzl from 'yauzl'
import { UserInputError } from '../errors.js'
import type { ArchiveFormat } from '../versions/archive-format.js'

export interface BuildContext {
  tar: NodeJS.ReadableStream | Readable
  /** Path of the Dockerfile inside the context: posix, no leading ./ */
  dockerfile: string
  /** The Dockerfile's text, when it is small enough to read (its FROM lines say what it builds on). */
  dockerfileText?: string
}

/**
 * Closes a context the engine will never read (the build failed to queue, was cancelled, or
 * the engine refused it): an archive's context holds an open file until its stream ends.
 */
export function discardContext(context: BuildContext | undefined): void {
  ;(context?.tar as { destroy?: () => void } | undefined)?.destroy?.()
}

const VERSION_FIELD = ['input', 'versionId']
const DOCKERFILE_FIELD = ['input', 'dockerfilePath']
const DEFAULT_DOCKERFILE = 'Dockerfile'
/** Longest entry path or symlink target accepted (Linux PATH_MAX). */
const MAX_PATH_BYTES = 4096
/** Most entries an archive may hold; bounds the bookkeeping an archive of empty entries costs. */
export const MAX_ARCHIVE_ENTRIES = 200_000
/** Larger Dockerfiles build as usual; only their base images are not looked for. */
const MAX_DOCKERFILE_TEXT = 1024 * 1024

const FILE_MODE = 0o644
const EXEC_MODE = 0o755
const DIR_MODE = 0o755
const LINK_MODE = 0o777

/** Context holding only an inline Dockerfile. */
export function contextFromDockerfile(text: string): BuildContext {
  const pack = tar.pack()
  const out = new PassThrough()
  pack.on('error', (error: Error) => out.destroy(error))
  pack.pipe(out)
  pack.entry(
    { name: DEFAULT_DOCKERFILE, type: 'file', mode: FILE_MODE, uid: 0, gid: 0, mtime: new Date(0) },
    Buffer.from(text, 'utf8'),
  )
  pack.finalize()
  return { tar: out, dockerfile: DEFAULT_DOCKERFILE, dockerfileText: text }
}

/** Context from a stored source archive (format from archive-format.ts: 'tar' | 'tar+gzip' | 'zip'). */
export async function contextFromArchive(
  file: string,
  format: ArchiveFormat,
  options: { dockerfilePath?: string | null; maxUnpackedBytes: number },
): Promise<BuildContext> {
  const dockerfile = normalizeDockerfilePath(options.dockerfilePath)
  // A missing or unreadable stored file is the server's fault, not the caller's: let it surface.
  await stat(file)

  const tmpPath = path.join(tmpdir(), `build-context-${randomBytes(12).toString('hex')}.tar`)
  const writer = new ContextWriter(tmpPath, options.maxUnpackedBytes, dockerfile)
  try {
    if (format === 'zip') await readZip(file, writer)
    else if (format === 'tar' || format === 'tar+gzip') await readTar(file, format === 'tar+gzip', writer)
    else throw new Error(`Unknown archive format ${String(format)}`)
    writer.checkSymlinkParents()
    const kind = writer.finalKind(dockerfile)
    if (kind === undefined) {
      throw new UserInputError('NOT_FOUND', DOCKERFILE_FIELD, `Dockerfile "${dockerfile}" does not exist in the source archive`)
    }
    if (kind !== 'file') {
      throw new UserInputError(
        'NOT_FOUND',
        DOCKERFILE_FIELD,
        `Dockerfile "${dockerfile}" is a ${kind === 'directory' ? 'directory' : 'symlink'} in the source archive, not a regular file`,
      )
    }
    await writer.finish()
    // Open, then unlink: the context lives only as long as the stream reading it.
    const handle = await open(tmpPath, 'r')
    await rm(tmpPath, { force: true })
    return { tar: handle.createReadStream({ autoClose: true }), dockerfile, dockerfileText: writer.dockerfileText ?? undefined }
  } catch (error) {
    await writer.abort()
    await rm(tmpPath, { force: true })
    throw error
  }
}

// ---------------------------------------------------------------------------------------
// Paths

type Kind = 'file' | 'directory' | 'symlink'

function outside(name: string): UserInputError {
  return new UserInputError('INVALID', VERSION_FIELD, `Archive entry "${name}" points outside the build context`)
}

function unreadable(cause: unknown): UserInputError {
  const detail = cause instanceof Error && cause.message ? ` (${cause.message})` : ''
  return new UserInputError('INVALID', VERSION_FIELD, `The source archive cannot be read: it is corrupt or truncated${detail}`)
}

const escapes = (normalized: string) => normalized === '..' || normalized.startsWith('../')

/** The entry's path inside the context, or null for the context's root itself. */
function normalizeEntryPath(raw: string): string | null {
  if (raw.includes('\0')) throw new UserInputError('INVALID', VERSION_FIELD, `Archive entry "${raw}" has a NUL byte in its name`)
  if (Buffer.byteLength(raw) > MAX_PATH_BYTES) {
    throw new UserInputError('INVALID', VERSION_FIELD, `Archive entry "${raw.slice(0, 64)}..." has a name longer than ${MAX_PATH_BYTES} bytes`)
  }
  if (raw.startsWith('/')) throw outside(raw)
  const normalized = path.posix.normalize(raw).replace(/\/+$/, '')
  if (escapes(normalized)) throw outside(raw)
  if (normalized === '.' || normalized === '') return null
  return normalized
}

function checkSymlinkTarget(name: string, entryPath: string, target: string): void {
  const refuse = () =>
    new UserInputError('INVALID', VERSION_FIELD, `Archive entry "${name}" is a symlink to "${target}", which points outside the build context`)
  if (target === '') throw new UserInputError('INVALID', VERSION_FIELD, `Archive entry "${name}" is a symlink with an empty target`)
  if (target.includes('\0')) throw new UserInputError('INVALID', VERSION_FIELD, `Archive entry "${name}" has a NUL byte in its symlink target`)
  if (Buffer.byteLength(target) > MAX_PATH_BYTES) {
    throw new UserInputError('INVALID', VERSION_FIELD, `Archive entry "${name}" has a symlink target longer than ${MAX_PATH_BYTES} bytes`)
  }
  if (target.startsWith('/')) throw refuse()
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(entryPath), target))
  if (escapes(resolved)) throw refuse()
}

function normalizeDockerfilePath(requested: string | null | undefined): string {
  if (requested === null || requested === undefined) return DEFAULT_DOCKERFILE
  const refuse = (why: string) => new UserInputError('INVALID', DOCKERFILE_FIELD, `Dockerfile path "${requested}" ${why}`)
  if (requested.trim() === '') throw new UserInputError('INVALID', DOCKERFILE_FIELD, 'Dockerfile path must not be empty')
  if (requested.includes('\0')) throw refuse('has a NUL byte')
  if (Buffer.byteLength(requested) > MAX_PATH_BYTES) throw refuse(`is longer than ${MAX_PATH_BYTES} bytes`)
  if (requested.startsWith('/')) throw refuse('is absolute; it must be relative to the build context')
  const normalized = path.posix.normalize(requested).replace(/\/+$/, '')
  if (escapes(normalized)) throw refuse('points outside the build context')
  if (normalized === '.' || normalized === '') throw refuse('names the build context itself, not a file')
  return normalized
}

// ---------------------------------------------------------------------------------------
// Writing the fresh tar

interface EntryMeta {
  /** The name as the archive spells it, for messages. */
  rawName: string
  kind: Kind
  executable: boolean
  mtime: Date
}

type Sink = ReturnType<Pack['entry']>

class ContextWriter {
  /** The Dockerfile's text, once its entry was read (see BuildContext.dockerfileText). */
  dockerfileText: string | null = null
  private readonly pack = tar.pack()
  private readonly out
  private readonly written: Promise<void>
  private outError: Error | null = null
  private unpackedBytes = 0
  private entries = 0
  /** Final kind of each path: a later entry replaces an earlier one, as tar extraction does. */
  private readonly kinds = new Map<string, Kind>()
  private readonly rawNames = new Map<string, string>()

  constructor(
    tmpPath: string,
    private readonly maxUnpackedBytes: number,
    private readonly dockerfilePath: string,
  ) {
    this.out = createWriteStream(tmpPath, { mode: 0o600 })
    this.written = new Promise<void>((resolve, reject) => {
      this.out.on('close', () => (this.outError ? reject(this.outError) : resolve()))
      this.out.on('error', (error) => {
        this.outError = error
        reject(error)
      })
    })
    this.written.catch(() => {}) // observed in finish(); never an unhandled rejection
    this.pack.on('error', (error: Error) => this.out.destroy(error))
    this.pack.pipe(this.out)
  }

  /** Checks an entry and returns its path inside the context, or null to skip it (the root). */
  accept(meta: EntryMeta, size: number): string | null {
    const entryPath = normalizeEntryPath(meta.rawName)
    if (entryPath === null) {
      if (meta.kind === 'directory') return null
      throw new UserInputError('INVALID', VERSION_FIELD, `Archive entry "${meta.rawName}" is a ${meta.kind} at the root of the build context`)
    }
    this.entries += 1
    if (this.entries > MAX_ARCHIVE_ENTRIES) {
      throw new UserInputError('TOO_MANY', VERSION_FIELD, `The source archive has more than ${MAX_ARCHIVE_ENTRIES} entries`)
    }
    if (meta.kind === 'file') this.count(size)
    this.kinds.set(entryPath, meta.kind)
    this.rawNames.set(entryPath, meta.rawName)
    return entryPath
  }

  /** Adds unpacked bytes; refuses as soon as the total passes the limit. */
  count(bytes: number): void {
    this.unpackedBytes += bytes
    if (this.unpackedBytes > this.maxUnpackedBytes) {
      throw new UserInputError(
        'TOO_LARGE',
        VERSION_FIELD,
        `The source archive unpacks to more than the ${this.maxUnpackedBytes}-byte limit`,
      )
    }
  }

  async directory(meta: EntryMeta): Promise<void> {
    const entryPath = this.accept(meta, 0)
    if (entryPath === null) return
    await this.add({ name: entryPath, type: 'directory', mode: DIR_MODE, mtime: meta.mtime, uid: 0, gid: 0 }, Buffer.alloc(0))
  }

  async symlink(meta: EntryMeta, target: string): Promise<void> {
    const entryPath = this.accept(meta, 0)
    if (entryPath === null) return
    checkSymlinkTarget(meta.rawName, entryPath, target)
    await this.add(
      { name: entryPath, type: 'symlink', linkname: target, mode: LINK_MODE, mtime: meta.mtime, uid: 0, gid: 0 },
      Buffer.alloc(0),
    )
  }

  /**
   * Streams a regular file of the declared size into the context. `data` must yield exactly
   * `size` bytes; its errors are the archive's (unreadable) ones.
   */
  async file(meta: EntryMeta, size: number, data: AsyncIterable<Buffer>): Promise<void> {
    const entryPath = this.accept(meta, size)
    if (entryPath === null) return
    const header = {
      name: entryPath,
      type: 'file' as const,
      size,
      mode: meta.executable ? EXEC_MODE : FILE_MODE,
      mtime: meta.mtime,
      uid: 0,
      gid: 0,
    }
    let sink!: Sink
    const done = new Promise<void>((resolve, reject) => {
      sink = this.pack.entry(header, (error?: Error | null) => (error ? reject(error) : resolve()))
    })
    done.catch(() => {}) // awaited below; never an unhandled rejection when we stop early
    let seen = 0
    // The last entry of a path is the file: a Dockerfile read earlier is replaced.
    const keep = entryPath === this.dockerfilePath && size <= MAX_DOCKERFILE_TEXT ? ([] as Buffer[]) : null
    if (entryPath === this.dockerfilePath) this.dockerfileText = null
    for await (const chunk of data) {
      keep?.push(chunk)
      seen += chunk.length
      if (seen > size) throw unreadable(new Error(`entry "${meta.rawName}" holds more bytes than its header declares`))
      if (!sink.write(chunk)) await this.drained(sink)
    }
    if (seen !== size) throw unreadable(new Error(`entry "${meta.rawName}" holds fewer bytes than its header declares`))
    if (keep) this.dockerfileText = Buffer.concat(keep).toString('utf8')
    sink.end(undefined)
    await done
  }

  private drained(sink: Sink): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onDrain = () => {
        cleanup()
        resolve()
      }
      const onError = (error: Error) => {
        cleanup()
        reject(error)
      }
      const cleanup = () => {
        sink.removeListener('drain', onDrain)
        sink.removeListener('error', onError)
      }
      sink.on('drain', onDrain)
      sink.on('error', onError)
    })
  }

  private add(header: Partial<TarHeader> & Pick<TarHeader, 'name'>, body: Buffer): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pack.entry(header, body, (error?: Error | null) => (error ? reject(error) : resolve()))
    })
  }

  /** Refuses entries that lie under a symlink: their real place would not be the checked one. */
  checkSymlinkParents(): void {
    for (const entryPath of this.kinds.keys()) {
      let slash = entryPath.indexOf('/')
      while (slash !== -1) {
        const parent = entryPath.slice(0, slash)
        if (this.kinds.get(parent) === 'symlink') {
          throw new UserInputError(
            'INVALID',
            VERSION_FIELD,
            `Archive entry "${this.rawNames.get(entryPath) ?? entryPath}" lies under the symlink "${this.rawNames.get(parent) ?? parent}"`,
          )
        }
        slash = entryPath.indexOf('/', slash + 1)
      }
    }
  }

  finalKind(entryPath: string): Kind | undefined {
    return this.kinds.get(entryPath)
  }

  async finish(): Promise<void> {
    this.pack.finalize()
    await this.written
  }

  /** Stops writing and waits for the file to close: it is opened asynchronously, and removing it sooner could leave it behind. */
  async abort(): Promise<void> {
    this.pack.destroy()
    this.out.destroy()
    if (!this.out.closed) await new Promise<void>((resolve) => this.out.once('close', () => resolve()))
  }
}

// ---------------------------------------------------------------------------------------
// Reading: tar and tar+gzip

/** Re-throws the archive's own read errors as "cannot be read"; our refusals pass through. */
async function* guarded<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* source
  } catch (error) {
    throw error instanceof UserInputError ? error : unreadable(error)
  }
}

async function readTar(file: string, gzipped: boolean, writer: ContextWriter): Promise<void> {
  const source = createReadStream(file)
  const gunzip = gzipped ? createGunzip() : null
  const extract = tar.extract()
  source.on('error', (error) => extract.destroy(error))
  if (gunzip) {
    gunzip.on('error', (error) => extract.destroy(error))
    source.pipe(gunzip).pipe(extract)
  } else {
    source.pipe(extract)
  }
  try {
    for await (const entry of guarded(extract)) {
      const header = entry.header
      const meta: EntryMeta = {
        rawName: header.name,
        kind: 'file',
        executable: ((header.mode ?? 0) & 0o111) !== 0,
        mtime: header.mtime ?? new Date(0),
      }
      switch (header.type) {
        case 'file':
        case 'contiguous-file':
          await writer.file(meta, header.size ?? 0, guarded(entry as AsyncIterable<Buffer>))
          break
        case 'directory':
          await writer.directory({ ...meta, kind: 'directory' })
          await drain(entry)
          break
        case 'symlink':
          await writer.symlink({ ...meta, kind: 'symlink' }, header.linkname ?? '')
          await drain(entry)
          break
        case 'link':
          refuseType(header.name, 'a hard link')
          break
        case 'character-device':
        case 'block-device':
          refuseType(header.name, 'a device')
          break
        case 'fifo':
          refuseType(header.name, 'a FIFO')
          break
        default:
          refuseType(header.name, 'an unsupported kind of entry')
      }
    }
  } finally {
    source.destroy()
    gunzip?.destroy()
    extract.destroy()
  }
}

function refuseType(name: string, what: string): never {
  throw new UserInputError(
    'INVALID',
    VERSION_FIELD,
    `Archive entry "${name}" is ${what}; only regular files, directories and symlinks are allowed`,
  )
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of guarded(stream)) {
    // directories and symlinks carry no data; skip whatever a malformed header claims
  }
}

// ---------------------------------------------------------------------------------------
// Reading: zip

const S_IFMT = 0o170000
const S_IFREG = 0o100000
const S_IFDIR = 0o040000
const S_IFLNK = 0o120000
const S_IFCHR = 0o020000
const S_IFBLK = 0o060000
const S_IFIFO = 0o010000

async function readZip(file: string, writer: ContextWriter): Promise<void> {
  let zip: yauzl.ZipFile
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(
        file,
        { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: false },
        (error, opened) => (error || !opened ? reject(error ?? new Error('no zip file')) : resolve(opened)),
      ),
    )
  } catch (error) {
    throw unreadable(error)
  }
  try {
    for (;;) {
      const entry = await nextZipEntry(zip)
      if (entry === null) break
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false)
      const unixMode = entry.externalFileAttributes >>> 16
      const typeBits = unixMode & S_IFMT
      const meta: EntryMeta = {
        rawName: name,
        kind: 'file',
        executable: (unixMode & 0o111) !== 0,
        mtime: safeDate(() => entry.getLastModDate()),
      }
      if (name.endsWith('/') || typeBits === S_IFDIR) {
        await writer.directory({ ...meta, kind: 'directory' })
        continue
      }
      if (typeBits === S_IFCHR || typeBits === S_IFBLK) refuseType(name, 'a device')
      if (typeBits === S_IFIFO) refuseType(name, 'a FIFO')
      if (typeBits !== 0 && typeBits !== S_IFREG && typeBits !== S_IFLNK) refuseType(name, 'an unsupported kind of entry')
      if (entry.isEncrypted()) {
        throw new UserInputError('INVALID', VERSION_FIELD, `Archive entry "${name}" is encrypted and cannot be read`)
      }
      if (typeBits === S_IFLNK) {
        // Check the path first, so a link placed outside is reported as such.
        normalizeEntryPath(name)
        if (entry.uncompressedSize > MAX_PATH_BYTES) {
          throw new UserInputError('INVALID', VERSION_FIELD, `Archive entry "${name}" has a symlink target longer than ${MAX_PATH_BYTES} bytes`)
        }
        const chunks: Buffer[] = []
        for await (const chunk of guarded(await openZipStream(zip, entry))) chunks.push(chunk as Buffer)
        await writer.symlink({ ...meta, kind: 'symlink' }, Buffer.concat(chunks).toString('utf8'))
        continue
      }
      // file() counts the declared size before inflating a byte; yauzl holds the data to it.
      await writer.file(meta, entry.uncompressedSize, lazyZipData(zip, entry))
    }
  } finally {
    zip.close()
  }
}

/** Opens the entry's data only when first read, i.e. after the writer has accepted its size. */
async function* lazyZipData(zip: yauzl.ZipFile, entry: yauzl.Entry): AsyncGenerator<Buffer> {
  const stream = await openZipStream(zip, entry)
  try {
    yield* guarded(stream as AsyncIterable<Buffer>)
  } finally {
    stream.destroy()
  }
}

function openZipStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise<Readable>((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(unreadable(error)) : resolve(stream))),
  )
}

function nextZipEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise<yauzl.Entry | null>((resolve, reject) => {
    const onEntry = (entry: yauzl.Entry) => {
      cleanup()
      resolve(entry)
    }
    const onEnd = () => {
      cleanup()
      resolve(null)
    }
    const onError = (error: Error) => {
      cleanup()
      reject(unreadable(error))
    }
    const cleanup = () => {
      zip.removeListener('entry', onEntry)
      zip.removeListener('end', onEnd)
      zip.removeListener('error', onError)
    }
    zip.on('entry', onEntry)
    zip.on('end', onEnd)
    zip.on('error', onError)
    zip.readEntry()
  })
}

function safeDate(get: () => Date): Date {
  try {
    const date = get()
    return Number.isNaN(date.getTime()) ? new Date(0) : date
  } catch {
    return new Date(0)
  }
}
