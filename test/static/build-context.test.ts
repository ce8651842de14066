// Build contexts from stored archives: real tar, tar.gz and zip files are written to a temp
// dir, turned into a context, and the resulting tar is read back entry by entry.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { deflateRawSync, gzipSync } from 'node:zlib'
import tar from 'tar-stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contextFromArchive, contextFromDockerfile, type BuildContext } from '../../src/builds/build-context.js'
import { UserInputError } from '../../src/errors.js'
import { detectArchiveFormat, type ArchiveFormat } from '../../src/versions/archive-format.js'

// ---------------------------------------------------------------------------------------
// Helpers

interface TarItem {
  name: string
  type?: 'file' | 'directory' | 'symlink' | 'link' | 'fifo' | 'character-device' | 'block-device'
  data?: string | Buffer
  mode?: number
  linkname?: string
  /** Declared size, when it should differ from the data (headers that lie). */
  size?: number
}

async function makeTar(items: TarItem[]): Promise<Buffer> {
  const pack = tar.pack()
  const chunks: Buffer[] = []
  const collected = (async () => {
    for await (const chunk of pack) chunks.push(chunk as Buffer)
  })()
  for (const item of items) {
    const type = item.type ?? 'file'
    const data = item.data === undefined ? undefined : Buffer.from(item.data)
    const header = {
      name: item.name,
      type,
      mode: item.mode ?? (type === 'directory' ? 0o755 : 0o644),
      linkname: item.linkname,
      mtime: new Date('2024-01-02T03:04:05Z'),
    }
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error | null) => (error ? reject(error) : resolve())
      if (type === 'file') pack.entry(header, data ?? Buffer.alloc(0), done)
      else pack.entry({ ...header, size: 0 }, done).end(undefined)
    })
  }
  pack.finalize()
  await collected
  return Buffer.concat(chunks)
}

/** A tar whose single file header declares `declared` bytes but holds only `actual`. */
async function makeLyingTar(name: string, declared: number, actual: number): Promise<Buffer> {
  const whole = await makeTar([{ name, data: Buffer.alloc(declared, 0x61) }])
  return whole.subarray(0, 512 + actual)
}

// A minimal zip writer, so that the tests control names, modes and sizes exactly (zip
// libraries refuse to write the unsafe archives these tests need).
const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()
function crc32(data: Buffer): number {
  let crc = 0xffffffff
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

interface ZipItem {
  name: string
  data?: string | Buffer
  /** Unix mode with type bits (e.g. 0o100755, 0o120777); omitted: no Unix attributes. */
  mode?: number
  deflate?: boolean
  /** Uncompressed size to declare instead of the real one. */
  declaredSize?: number
}

function makeZip(items: ZipItem[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const item of items) {
    const name = Buffer.from(item.name, 'utf8')
    const raw = Buffer.from(item.data ?? '')
    const stored = item.deflate ? deflateRawSync(raw) : raw
    const method = item.deflate ? 8 : 0
    const crc = crc32(raw)
    const size = item.declaredSize ?? raw.length
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x800, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt16LE(0, 10)
    local.writeUInt16LE((44 << 9) | (1 << 5) | 2, 12) // 2024-01-02
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(stored.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(item.mode === undefined ? 20 : (3 << 8) | 20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x800, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt16LE(0, 12)
    central.writeUInt16LE((44 << 9) | (1 << 5) | 2, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(stored.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(item.mode === undefined ? 0 : (item.mode << 16) >>> 0, 38)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, stored)
    centrals.push(central, name)
    offset += local.length + name.length + stored.length
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(items.length, 8)
  end.writeUInt16LE(items.length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

interface OutEntry {
  name: string
  type: string
  mode: number
  linkname?: string
  data?: string
}

async function readContext(context: BuildContext): Promise<OutEntry[]> {
  const extract = tar.extract()
  ;(context.tar as NodeJS.ReadableStream).pipe(extract as unknown as NodeJS.WritableStream)
  const out: OutEntry[] = []
  for await (const entry of extract) {
    const chunks: Buffer[] = []
    for await (const chunk of entry) chunks.push(chunk as Buffer)
    const h = entry.header
    const item: OutEntry = { name: h.name, type: h.type, mode: h.mode }
    if (h.type === 'symlink') item.linkname = h.linkname
    if (h.type === 'file') item.data = Buffer.concat(chunks).toString('utf8')
    out.push(item)
  }
  return out
}

let dir: string
let counter = 0
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'build-context-test-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function store(bytes: Buffer): Promise<string> {
  const file = path.join(dir, `archive-${++counter}`)
  await writeFile(file, bytes)
  return file
}

const LIMIT = 1024 * 1024

async function fromTar(items: TarItem[], options: { dockerfilePath?: string | null; maxUnpackedBytes?: number } = {}) {
  return contextFromArchive(await store(await makeTar(items)), 'tar', { maxUnpackedBytes: LIMIT, ...options })
}

/** The refusal a promise ends with, as the userError it carries. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(UserInputError)
  const userError = (error as UserInputError).userErrors[0]!
  expect(userError.message).toBe((error as UserInputError).message)
  return userError
}

const DOCKERFILE = 'FROM busybox\nCOPY . /app\n'

// A representative source tree, as tar items; the zip test builds the same tree.
const TREE: TarItem[] = [
  { name: 'Dockerfile', data: DOCKERFILE },
  { name: 'src/', type: 'directory' },
  { name: 'src/lib/', type: 'directory' },
  { name: 'src/lib/util.js', data: 'export const x = 1\n' },
  { name: 'bin/run.sh', data: '#!/bin/sh\necho hi\n', mode: 0o755 },
  { name: 'src/current', type: 'symlink', linkname: 'lib/util.js' },
]
const EXPECTED: OutEntry[] = [
  { name: 'Dockerfile', type: 'file', mode: 0o644, data: DOCKERFILE },
  { name: 'src', type: 'directory', mode: 0o755 },
  { name: 'src/lib', type: 'directory', mode: 0o755 },
  { name: 'src/lib/util.js', type: 'file', mode: 0o644, data: 'export const x = 1\n' },
  { name: 'bin/run.sh', type: 'file', mode: 0o755, data: '#!/bin/sh\necho hi\n' },
  { name: 'src/current', type: 'symlink', mode: 0o777, linkname: 'lib/util.js' },
]

// ---------------------------------------------------------------------------------------

describe('contextFromDockerfile', () => {
  it('makes a tar holding only the Dockerfile, byte for byte', async () => {
    const text = 'FROM alpine:3.20\nRUN echo "é ünïcode"\n'
    const context = contextFromDockerfile(text)
    expect(context.dockerfile).toBe('Dockerfile')
    expect(await readContext(context)).toEqual([{ name: 'Dockerfile', type: 'file', mode: 0o644, data: text }])
  })
})

describe('contextFromArchive: accepted archives', () => {
  it('re-packs a tar: nested dirs, exec bit, inner symlink, contents', async () => {
    const context = await fromTar(TREE)
    expect(context.dockerfile).toBe('Dockerfile')
    expect(await readContext(context)).toEqual(EXPECTED)
  })

  it('re-packs a tar.gz the same way', async () => {
    const bytes = gzipSync(await makeTar(TREE))
    expect(detectArchiveFormat(bytes)).toBe('tar+gzip')
    const context = await contextFromArchive(await store(bytes), 'tar+gzip', { maxUnpackedBytes: LIMIT })
    expect(await readContext(context)).toEqual(EXPECTED)
  })

  it('re-packs a zip: stored and deflated entries, Unix modes, symlink', async () => {
    const bytes = makeZip([
      { name: 'Dockerfile', data: DOCKERFILE, deflate: true },
      { name: 'src/', mode: 0o040755 },
      { name: 'src/lib/' },
      { name: 'src/lib/util.js', data: 'export const x = 1\n', mode: 0o100644 },
      { name: 'bin/run.sh', data: '#!/bin/sh\necho hi\n', mode: 0o100755, deflate: true },
      { name: 'src/current', data: 'lib/util.js', mode: 0o120777 },
    ])
    expect(detectArchiveFormat(bytes)).toBe('zip')
    const context = await contextFromArchive(await store(bytes), 'zip', { maxUnpackedBytes: LIMIT })
    expect(context.dockerfile).toBe('Dockerfile')
    expect(await readContext(context)).toEqual(EXPECTED)
  })

  it('keeps a single top-level folder (GitHub zip style) and finds the Dockerfile by its full path', async () => {
    const bytes = makeZip([
      { name: 'repo-main/' },
      { name: 'repo-main/Dockerfile', data: DOCKERFILE },
      { name: 'repo-main/app/main.py', data: 'print(1)\n', deflate: true },
    ])
    const file = await store(bytes)
    expect(
      (await refusal(contextFromArchive(file, 'zip', { maxUnpackedBytes: LIMIT }))),
    ).toEqual({ code: 'NOT_FOUND', field: ['input', 'dockerfilePath'], message: 'Dockerfile "Dockerfile" does not exist in the source archive' })
    const context = await contextFromArchive(file, 'zip', { maxUnpackedBytes: LIMIT, dockerfilePath: 'repo-main/Dockerfile' })
    expect(context.dockerfile).toBe('repo-main/Dockerfile')
    expect(await readContext(context)).toEqual([
      { name: 'repo-main', type: 'directory', mode: 0o755 },
      { name: 'repo-main/Dockerfile', type: 'file', mode: 0o644, data: DOCKERFILE },
      { name: 'repo-main/app/main.py', type: 'file', mode: 0o644, data: 'print(1)\n' },
    ])
  })

  it('normalizes entry paths and the Dockerfile path (./, a/../b, trailing slash)', async () => {
    const context = await fromTar(
      [
        { name: './', type: 'directory' },
        { name: './docker/prod.Dockerfile', data: 'FROM scratch\n' },
        { name: 'x/../README.md', data: 'hello' },
      ],
      { dockerfilePath: './docker/../docker/prod.Dockerfile' },
    )
    expect(context.dockerfile).toBe('docker/prod.Dockerfile')
    expect(await readContext(context)).toEqual([
      { name: 'docker/prod.Dockerfile', type: 'file', mode: 0o644, data: 'FROM scratch\n' },
      { name: 'README.md', type: 'file', mode: 0o644, data: 'hello' },
    ])
  })

  it('allows symlinks that stay inside, including ones that climb to the root', async () => {
    const context = await fromTar([
      { name: 'Dockerfile', data: DOCKERFILE },
      { name: 'a/b/up', type: 'symlink', linkname: '../../Dockerfile' },
      { name: 'a/here', type: 'symlink', linkname: '.' },
    ])
    expect((await readContext(context)).filter((e) => e.type === 'symlink')).toEqual([
      { name: 'a/b/up', type: 'symlink', mode: 0o777, linkname: '../../Dockerfile' },
      { name: 'a/here', type: 'symlink', mode: 0o777, linkname: '.' },
    ])
  })

  it('accepts an archive that unpacks to exactly the limit', async () => {
    const context = await fromTar(
      [
        { name: 'Dockerfile', data: 'FROM x\n' },
        { name: 'data.bin', data: Buffer.alloc(93, 1) },
      ],
      { maxUnpackedBytes: 100 },
    )
    expect((await readContext(context)).map((e) => e.name)).toEqual(['Dockerfile', 'data.bin'])
  })

  it('streams a large file through intact', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024)
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) % 251
    const context = await contextFromArchive(
      await store(gzipSync(await makeTar([{ name: 'Dockerfile', data: DOCKERFILE }, { name: 'big.bin', data: big }]))),
      'tar+gzip',
      { maxUnpackedBytes: 4 * 1024 * 1024 },
    )
    const extract = tar.extract()
    ;(context.tar as NodeJS.ReadableStream).pipe(extract as unknown as NodeJS.WritableStream)
    const files = new Map<string, Buffer>()
    for await (const entry of extract) {
      const chunks: Buffer[] = []
      for await (const chunk of entry) chunks.push(chunk as Buffer)
      files.set(entry.header.name, Buffer.concat(chunks))
    }
    expect(files.get('big.bin')!.equals(big)).toBe(true)
  })

  it('spools through the temp dir and leaves nothing behind, accepted or refused', async () => {
    const spool = await mkdtemp(path.join(dir, 'spool-'))
    const saved = process.env.TMPDIR
    process.env.TMPDIR = spool // os.tmpdir() reads it on every call
    try {
      const context = await fromTar(TREE)
      expect(await readdir(spool)).toEqual([]) // unlinked at once; the open stream keeps the data
      expect((await readContext(context)).length).toBe(EXPECTED.length)
      await refusal(fromTar([{ name: '../x', data: 'x' }]))
      await refusal(fromTar(TREE, { dockerfilePath: 'missing' }))
      expect(await readdir(spool)).toEqual([])
    } finally {
      if (saved === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = saved
    }
  })
})

describe('contextFromArchive: refusals', () => {
  const VERSION = ['input', 'versionId']
  const DOCKERFILE_PATH = ['input', 'dockerfilePath']

  it.each([
    ['../etc/passwd', '../etc/passwd'],
    ['/etc/passwd', '/etc/passwd'],
    ['src/../../x', 'src/../../x'],
    ['..', '..'],
  ])('refuses a tar entry at %s', async (name, shown) => {
    expect(await refusal(fromTar([{ name: 'Dockerfile', data: DOCKERFILE }, { name, data: 'root:x:0:0' }]))).toEqual({
      code: 'INVALID',
      field: VERSION,
      message: `Archive entry "${shown}" points outside the build context`,
    })
  })

  it('refuses escaping zip entries (and backslash paths) the same way', async () => {
    for (const name of ['../evil.sh', '/abs.txt', 'a\\..\\..\\win.txt']) {
      const file = await store(makeZip([{ name: 'Dockerfile', data: DOCKERFILE }, { name, data: 'x' }]))
      expect(await refusal(contextFromArchive(file, 'zip', { maxUnpackedBytes: LIMIT }))).toEqual({
        code: 'INVALID',
        field: VERSION,
        message: `Archive entry "${name.replace(/\\/g, '/')}" points outside the build context`,
      })
    }
  })

  it.each([
    ['/etc/passwd', 'link'],
    ['../outside', 'link'],
    ['../../x', 'a/link'],
    ['b/../../../x', 'a/link'],
  ])('refuses a symlink to %s', async (target, name) => {
    expect(
      await refusal(fromTar([{ name: 'Dockerfile', data: DOCKERFILE }, { name, type: 'symlink', linkname: target }])),
    ).toEqual({
      code: 'INVALID',
      field: VERSION,
      message: `Archive entry "${name}" is a symlink to "${target}", which points outside the build context`,
    })
  })

  it('refuses an escaping zip symlink', async () => {
    const file = await store(makeZip([{ name: 'Dockerfile', data: DOCKERFILE }, { name: 'sub/l', data: '../../etc', mode: 0o120777 }]))
    expect(await refusal(contextFromArchive(file, 'zip', { maxUnpackedBytes: LIMIT }))).toEqual({
      code: 'INVALID',
      field: VERSION,
      message: 'Archive entry "sub/l" is a symlink to "../../etc", which points outside the build context',
    })
  })

  it('refuses entries placed under a symlink (the link could move them outside)', async () => {
    expect(
      await refusal(
        fromTar([
          { name: 'Dockerfile', data: DOCKERFILE },
          { name: 'd', type: 'symlink', linkname: '.' },
          { name: 'd/x', type: 'symlink', linkname: '../y' },
        ]),
      ),
    ).toEqual({ code: 'INVALID', field: VERSION, message: 'Archive entry "d/x" lies under the symlink "d"' })
  })

  it.each([
    ['link' as const, 'a hard link'],
    ['fifo' as const, 'a FIFO'],
    ['character-device' as const, 'a device'],
    ['block-device' as const, 'a device'],
  ])('refuses a %s entry', async (type, what) => {
    expect(
      await refusal(fromTar([{ name: 'Dockerfile', data: DOCKERFILE }, { name: 'odd', type, linkname: type === 'link' ? 'Dockerfile' : undefined }])),
    ).toEqual({
      code: 'INVALID',
      field: VERSION,
      message: `Archive entry "odd" is ${what}; only regular files, directories and symlinks are allowed`,
    })
  })

  it('refuses zip fifo and device entries', async () => {
    for (const [mode, what] of [[0o010644, 'a FIFO'], [0o020644, 'a device']] as const) {
      const file = await store(makeZip([{ name: 'Dockerfile', data: DOCKERFILE }, { name: 'odd', mode }]))
      expect(await refusal(contextFromArchive(file, 'zip', { maxUnpackedBytes: LIMIT }))).toEqual({
        code: 'INVALID',
        field: VERSION,
        message: `Archive entry "odd" is ${what}; only regular files, directories and symlinks are allowed`,
      })
    }
  })

  const tooLarge = { code: 'TOO_LARGE', field: VERSION, message: 'The source archive unpacks to more than the 100-byte limit' }

  it('refuses a tar one byte over the limit', async () => {
    expect(
      await refusal(
        fromTar(
          [
            { name: 'Dockerfile', data: 'FROM x\n' },
            { name: 'data.bin', data: Buffer.alloc(94, 1) },
          ],
          { maxUnpackedBytes: 100 },
        ),
      ),
    ).toEqual(tooLarge)
  })

  it('refuses a gzip bomb by the size in the header, before reading the data', async () => {
    // Declares 10 MB but holds 10 bytes: refused for size, not as truncated, so nothing was read.
    const file = await store(gzipSync(await makeLyingTar('bomb.bin', 10 * 1024 * 1024, 10)))
    expect(await refusal(contextFromArchive(file, 'tar+gzip', { maxUnpackedBytes: 100 }))).toEqual(tooLarge)
  })

  it('refuses a real gzip bomb', async () => {
    const bytes = gzipSync(await makeTar([{ name: 'Dockerfile', data: DOCKERFILE }, { name: 'zeros', data: Buffer.alloc(20 * 1024 * 1024) }]))
    expect(bytes.length).toBeLessThan(100 * 1024)
    const error = await refusal(contextFromArchive(await store(bytes), 'tar+gzip', { maxUnpackedBytes: LIMIT }))
    expect(error).toEqual({ code: 'TOO_LARGE', field: VERSION, message: `The source archive unpacks to more than the ${LIMIT}-byte limit` })
  })

  it('refuses a zip bomb by its declared size', async () => {
    const file = await store(
      makeZip([
        { name: 'Dockerfile', data: DOCKERFILE },
        { name: 'zeros', data: Buffer.alloc(20 * 1024 * 1024), deflate: true },
      ]),
    )
    expect(await refusal(contextFromArchive(file, 'zip', { maxUnpackedBytes: LIMIT }))).toEqual({
      code: 'TOO_LARGE',
      field: VERSION,
      message: `The source archive unpacks to more than the ${LIMIT}-byte limit`,
    })
  })

  it('refuses a zip entry that inflates to more than it declares', async () => {
    const file = await store(
      makeZip([
        { name: 'Dockerfile', data: DOCKERFILE },
        { name: 'liar', data: Buffer.alloc(5 * 1024 * 1024), deflate: true, declaredSize: 10 },
      ]),
    )
    const error = await refusal(contextFromArchive(file, 'zip', { maxUnpackedBytes: LIMIT }))
    expect(error.code).toBe('INVALID')
    expect(error.field).toEqual(VERSION)
    expect(error.message).toMatch(/^The source archive cannot be read/)
  })

  it('checks the Dockerfile path: absolute or escaping is INVALID', async () => {
    for (const [dockerfilePath, why] of [
      ['/Dockerfile', 'is absolute; it must be relative to the build context'],
      ['../Dockerfile', 'points outside the build context'],
      ['a/../../Dockerfile', 'points outside the build context'],
      ['.', 'names the build context itself, not a file'],
    ]) {
      expect(await refusal(fromTar(TREE, { dockerfilePath }))).toEqual({
        code: 'INVALID',
        field: DOCKERFILE_PATH,
        message: `Dockerfile path "${dockerfilePath}" ${why}`,
      })
    }
    expect(await refusal(fromTar(TREE, { dockerfilePath: '' }))).toEqual({
      code: 'INVALID',
      field: DOCKERFILE_PATH,
      message: 'Dockerfile path must not be empty',
    })
  })

  it('checks the Dockerfile exists as a regular file: else NOT_FOUND', async () => {
    expect(await refusal(fromTar(TREE, { dockerfilePath: 'docker/Dockerfile' }))).toEqual({
      code: 'NOT_FOUND',
      field: DOCKERFILE_PATH,
      message: 'Dockerfile "docker/Dockerfile" does not exist in the source archive',
    })
    expect(await refusal(fromTar(TREE, { dockerfilePath: 'src/lib' }))).toEqual({
      code: 'NOT_FOUND',
      field: DOCKERFILE_PATH,
      message: 'Dockerfile "src/lib" is a directory in the source archive, not a regular file',
    })
    expect(await refusal(fromTar(TREE, { dockerfilePath: 'src/current' }))).toEqual({
      code: 'NOT_FOUND',
      field: DOCKERFILE_PATH,
      message: 'Dockerfile "src/current" is a symlink in the source archive, not a regular file',
    })
    expect(await refusal(fromTar([{ name: 'README', data: 'no dockerfile' }]))).toEqual({
      code: 'NOT_FOUND',
      field: DOCKERFILE_PATH,
      message: 'Dockerfile "Dockerfile" does not exist in the source archive',
    })
  })

  it.each<[string, ArchiveFormat, () => Promise<Buffer>]>([
    ['a bad gzip stream', 'tar+gzip', async () => Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0]), Buffer.alloc(200, 0x55)])],
    ['a truncated tar.gz', 'tar+gzip', async () => {
      const whole = gzipSync(await makeTar(TREE))
      return whole.subarray(0, whole.length - 30)
    }],
    ['a truncated tar', 'tar', async () => makeLyingTar('Dockerfile', 2000, 100)],
    ['a tar with a garbage header', 'tar', async () => Buffer.concat([await makeTar(TREE).then((t) => t.subarray(0, 512)), Buffer.alloc(1024, 0x41)])],
    ['a bad zip', 'zip', async () => Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(300, 0x33)])],
    ['a zip cut short', 'zip', async () => makeZip([{ name: 'Dockerfile', data: DOCKERFILE }]).subarray(0, 60)],
  ])('refuses %s as unreadable', async (_what, format, make) => {
    const error = await refusal(contextFromArchive(await store(await make()), format, { maxUnpackedBytes: LIMIT }))
    expect(error.code).toBe('INVALID')
    expect(error.field).toEqual(VERSION)
    expect(error.message).toMatch(/^The source archive cannot be read: it is corrupt or truncated/)
  })

  it('lets a missing stored file surface as a server error, not a user error', async () => {
    const error = await contextFromArchive(path.join(dir, 'nope'), 'tar', { maxUnpackedBytes: LIMIT }).catch((e: unknown) => e)
    expect(error).not.toBeInstanceOf(UserInputError)
    expect((error as NodeJS.ErrnoException).code).toBe('ENOENT')
  })
})
