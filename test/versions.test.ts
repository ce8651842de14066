// createVersion (Fandogh's source upload) over the GraphQL multipart request protocol, the
// content-addressed source store behind it, and the Version type.
//
// Uploads are sent as real multipart requests (https://github.com/jaydenseric/graphql-multipart-request-spec):
// an `operations` part with the query and `variables.input.source: null`, a `map` part
// pointing file part "0" at that variable, and the file part itself. No extra header is
// needed: graphql-yoga 5 ships CSRF prevention (the `graphql-require-preflight` style
// header check) as the opt-in plugin @graphql-yoga/plugin-csrf-prevention, which this app
// does not install; the API authenticates by the Authorization header only, which a
// cross-site form cannot send, so a forged multipart form runs as an anonymous caller.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { crc32, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.js'
import type { VersionsCreateMutation } from './gql/graphql.js'
import { ADMIN_TOKEN, createWorld, type GraphQLResponse, type World, gid } from './support/world.js'

const VersionsCreate = graphql(`
  mutation VersionsCreate($input: CreateVersionInput!) {
    createVersion(input: $input) {
      version {
        id
        version
        state
        sizeBytes
        createdAt
        source { sha256 sizeBytes filename format }
        image { id name }
        builds { totalCount nodes { id } }
      }
      userErrors { field message code }
    }
  }
`)

const VersionsDeleteImage = graphql(`
  mutation VersionsDeleteImage($input: DeleteImageInput!) {
    deleteImage(input: $input) { deletedImageId userErrors { field message code } }
  }
`)

const VersionsVersion = graphql(`
  query VersionsVersion($id: ID!) {
    version(id: $id) {
      id
      version
      state
      sizeBytes
      createdAt
      source { sha256 sizeBytes filename format }
      image { id name }
      builds(first: 10) { totalCount nodes { id targetTag state } pageInfo { hasNextPage } }
    }
  }
`)

const VersionsNode = graphql(`
  query VersionsNode($id: ID!) {
    node(id: $id) { id ... on Version { version } }
  }
`)

const VersionsOfImage = graphql(`
  query VersionsOfImage($id: ID!, $first: Int, $after: String) {
    image(id: $id) {
      versions(first: $first, after: $after) {
        totalCount
        nodes { version }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`)

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

// --- Archives, made byte by byte so their digests are stable -------------------------------

/** A ustar archive of these text files. */
function tarArchive(files: Record<string, string>): Buffer {
  const parts: Buffer[] = []
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text)
    const header = Buffer.alloc(512)
    header.write(name, 0, 100, 'utf8')
    header.write('0000644\0', 100) // mode
    header.write('0000000\0', 108) // uid
    header.write('0000000\0', 116) // gid
    header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124)
    header.write('00000000000\0', 136) // mtime
    header.write('        ', 148) // checksum field counts as spaces while summing
    header.write('0', 156) // regular file
    header.write('ustar\0', 257)
    header.write('00', 263)
    const sum = header.reduce((total, byte) => total + byte, 0)
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148)
    parts.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512))
  }
  parts.push(Buffer.alloc(1024)) // end of archive
  return Buffer.concat(parts)
}

/** A zip archive of these text files, stored without compression. */
function zipArchive(files: Record<string, string>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  let count = 0
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text)
    const nameBytes = Buffer.from(name)
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed
    local.writeUInt16LE(0x21, 12) // DOS date 1980-01-01
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x21, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, data)
    centrals.push(central, nameBytes)
    offset += local.length + nameBytes.length + data.length
    count++
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(count, 8)
  end.writeUInt16LE(count, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

const dockerfile = (tag: string) => ({ Dockerfile: `FROM scratch\nLABEL v=${tag}\n`, 'app/main.txt': `hello ${tag}\n` })

// --- The multipart request ---------------------------------------------------------------

interface UploadInput {
  imageId: string
  version: string
}

/** The multipart form of one createVersion call; `file` null leaves the file part out. */
function uploadForm(input: UploadInput, file: { bytes: Uint8Array; filename: string } | null): FormData {
  const form = new FormData()
  form.set('operations', JSON.stringify({ query: VersionsCreate.toString(), variables: { input: { ...input, source: null } } }))
  form.set('map', JSON.stringify(file ? { 0: ['variables.input.source'] } : {}))
  if (file) form.set('0', new File([new Uint8Array(file.bytes)], file.filename, { type: 'application/octet-stream' }))
  return form
}

async function upload(
  world: World,
  input: UploadInput,
  file: { bytes: Uint8Array; filename: string } | null,
  token: string | null = ADMIN_TOKEN,
): Promise<GraphQLResponse<VersionsCreateMutation>> {
  const response = await world.post(uploadForm(input, file), token ? { authorization: `Bearer ${token}` } : {})
  return { status: response.status, ...((await response.json()) as object) }
}

/** Uploads and fails the test unless the version was created. */
async function uploadOk(world: World, input: UploadInput, bytes: Uint8Array, filename = 'source.tar', token: string = ADMIN_TOKEN) {
  const result = await upload(world, input, { bytes, filename }, token)
  expect(result.errors).toBeUndefined()
  expect(result.data!.createVersion.userErrors).toEqual([])
  return result.data!.createVersion.version!
}

// --- The source store on disk ------------------------------------------------------------

const sourcesRoot = (world: World) => path.join(world.dataDir, 'sources')
const storedPath = (world: World, sha: string) => path.join(sourcesRoot(world), 'sha256', sha.slice(0, 2), sha)

/** Every file under sources/, relative to it. */
async function filesOnDisk(world: World): Promise<string[]> {
  if (!existsSync(sourcesRoot(world))) return []
  const entries = await readdir(sourcesRoot(world), { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(sourcesRoot(world), path.join(e.parentPath, e.name)))
    .sort()
}
const shaFile = (sha: string) => path.join('sha256', sha.slice(0, 2), sha)

// --- Fixtures ----------------------------------------------------------------------------

let imageCount = 0
async function imageOf(world: World, ownerId: number, options: { isPrivate?: boolean } = {}) {
  const image = await world.app.db.image.create({
    data: { name: `versions/img-${++imageCount}`, ownerId, isPrivate: options.isPrivate ?? false },
  })
  return { ...image, gid: gid('Image', image.id) }
}

async function adminId(world: World) {
  return (await world.app.db.user.findFirstOrThrow({ where: { isAdmin: true }, orderBy: { id: 'asc' } })).id
}

describe('createVersion', () => {
  let world: World
  let admin: number
  let alice: { id: number; token: string }
  let bob: { id: number; token: string }

  beforeAll(async () => {
    world = await createWorld()
    admin = await adminId(world)
    alice = await world.createUser('alice')
    bob = await world.createUser('bob')
  })
  afterAll(() => world?.dispose())

  it('stores a tar upload content-addressed and returns a PENDING version', async () => {
    const image = await imageOf(world, alice.id)
    const bytes = tarArchive(dockerfile('tar'))
    const sha = sha256(bytes)
    const version = await uploadOk(world, { imageId: image.gid, version: '1.0.0' }, bytes, 'app-source.tar', alice.token)
    const row = await world.app.db.version.findFirstOrThrow({ where: { imageId: image.id } })
    expect(version).toEqual({
      id: gid('Version', row.id),
      version: '1.0.0',
      state: 'PENDING',
      sizeBytes: null,
      createdAt: row.createdAt.toISOString(),
      source: { sha256: sha, sizeBytes: bytes.length, filename: 'app-source.tar', format: 'tar' },
      image: { id: image.gid, name: image.name },
      builds: { totalCount: 0, nodes: [] },
    })
    expect(row).toMatchObject({ version: '1.0.0', state: 'PENDING', sourceSha256: sha, sourceSizeBytes: bytes.length, sourceFormat: 'tar' })
    const stored = await readFile(storedPath(world, sha))
    expect(stored.equals(bytes)).toBe(true)
    expect(await filesOnDisk(world)).toContain(shaFile(sha))
    // The staged upload was linked into place, not copied, and is gone.
    expect((await filesOnDisk(world)).filter((f) => f.startsWith('tmp'))).toEqual([])
    expect(await readdir(path.join(world.dataDir, 'uploads'))).toEqual([])
  })

  it('detects tar.gz and zip from their bytes, whatever the file is called', async () => {
    const image = await imageOf(world, alice.id)
    const gz = gzipSync(tarArchive(dockerfile('gz')))
    const zip = zipArchive(dockerfile('zip'))
    const asGz = await uploadOk(world, { imageId: image.gid, version: 'gz' }, gz, 'source.zip', alice.token)
    const asZip = await uploadOk(world, { imageId: image.gid, version: 'zip' }, zip, 'source.bin', alice.token)
    expect(asGz.source).toEqual({ sha256: sha256(gz), sizeBytes: gz.length, filename: 'source.zip', format: 'tar+gzip' })
    expect(asZip.source).toEqual({ sha256: sha256(zip), sizeBytes: zip.length, filename: 'source.bin', format: 'zip' })
    expect((await readFile(storedPath(world, sha256(gz)))).equals(gz)).toBe(true)
    expect((await readFile(storedPath(world, sha256(zip)))).equals(zip)).toBe(true)
  })

  it('keeps at most 255 characters of the file name', async () => {
    const image = await imageOf(world, alice.id)
    const name = `${'n'.repeat(300)}.tar`
    const version = await uploadOk(world, { imageId: image.gid, version: 'long-name' }, tarArchive(dockerfile('long')), name, alice.token)
    expect(version.source.filename).toBe(name.slice(0, 255))
  })

  it('administrators may upload to any image; owners to their private ones', async () => {
    const image = await imageOf(world, bob.id, { isPrivate: true })
    await uploadOk(world, { imageId: image.gid, version: 'by-owner' }, tarArchive(dockerfile('o')), 'o.tar', bob.token)
    const other = await imageOf(world, bob.id)
    await uploadOk(world, { imageId: other.gid, version: 'by-admin' }, tarArchive(dockerfile('a')), 'a.tar')
    expect(await world.app.db.version.count({ where: { imageId: { in: [image.id, other.id] } } })).toBe(2)
  })

  it('shares one file between versions with the same bytes, and deleting images releases it only when unused', async () => {
    const shared = tarArchive(dockerfile('shared'))
    const unique = zipArchive(dockerfile('unique'))
    const a = await imageOf(world, alice.id)
    const b = await imageOf(world, bob.id)
    const v1 = await uploadOk(world, { imageId: a.gid, version: '1' }, shared, 'a1.tar', alice.token)
    const v2 = await uploadOk(world, { imageId: a.gid, version: '2' }, shared, 'a2.tar', alice.token)
    const v3 = await uploadOk(world, { imageId: a.gid, version: '3' }, unique, 'a3.zip', alice.token)
    const vb = await uploadOk(world, { imageId: b.gid, version: '1' }, shared, 'b1.tar', bob.token)
    expect(new Set([v1, v2, vb].map((v) => v.source.sha256))).toEqual(new Set([sha256(shared)]))
    // One file for the three uploads of the same bytes.
    const sameDir = await readdir(path.dirname(storedPath(world, sha256(shared))))
    expect(sameDir.filter((f) => f === sha256(shared))).toHaveLength(1)
    expect(await world.app.db.version.count({ where: { sourceSha256: sha256(shared) } })).toBe(3)
    expect(existsSync(storedPath(world, sha256(unique)))).toBe(true)

    // Image a goes: its unique archive goes with it; the shared one stays for image b.
    const deleted = await world.ok(VersionsDeleteImage, { input: { id: a.gid } }, { token: alice.token })
    expect(deleted.deleteImage).toEqual({ deletedImageId: a.gid, userErrors: [] })
    expect(existsSync(storedPath(world, sha256(unique)))).toBe(false)
    expect(existsSync(storedPath(world, sha256(shared)))).toBe(true)
    expect(await world.app.db.version.count({ where: { imageId: a.id } })).toBe(0)
    expect(v3.source.format).toBe('zip')

    // Image b goes: nothing refers to the shared archive any more.
    await world.ok(VersionsDeleteImage, { input: { id: b.gid } }, { token: bob.token })
    expect(existsSync(storedPath(world, sha256(shared)))).toBe(false)
    expect(await filesOnDisk(world)).not.toContain(shaFile(sha256(shared)))
  })

  it('refuses a version the image already has as TAKEN, storing neither file nor row', async () => {
    const image = await imageOf(world, alice.id)
    const first = tarArchive(dockerfile('first'))
    const second = tarArchive(dockerfile('second'))
    await uploadOk(world, { imageId: image.gid, version: '1.0' }, first, 'first.tar', alice.token)
    const before = await filesOnDisk(world)
    const result = await upload(world, { imageId: image.gid, version: '1.0' }, { bytes: second, filename: 'second.tar' }, alice.token)
    expect(result.errors).toBeUndefined()
    expect(result.data!.createVersion).toEqual({
      version: null,
      userErrors: [{ field: ['input', 'version'], code: 'TAKEN', message: `${image.name} already has a version 1.0` }],
    })
    expect(await filesOnDisk(world)).toEqual(before)
    expect(existsSync(storedPath(world, sha256(second)))).toBe(false)
    const rows = await world.app.db.version.findMany({ where: { imageId: image.id } })
    expect(rows).toHaveLength(1)
    expect(rows[0]!.sourceSha256).toBe(sha256(first))
  })

  it('two concurrent uploads of the same version: one wins, the other is TAKEN and leaves no file', async () => {
    const image = await imageOf(world, alice.id)
    const archives = [tarArchive(dockerfile('race-1')), tarArchive(dockerfile('race-2'))]
    const results = await Promise.all(
      archives.map((bytes, i) => upload(world, { imageId: image.gid, version: 'race' }, { bytes, filename: `r${i}.tar` }, alice.token)),
    )
    const winners = results.filter((r) => r.data?.createVersion.version)
    const losers = results.filter((r) => r.data?.createVersion.userErrors.length)
    expect(winners).toHaveLength(1)
    expect(losers).toHaveLength(1)
    expect(losers[0]!.data!.createVersion.userErrors).toMatchObject([{ field: ['input', 'version'], code: 'TAKEN' }])
    const kept = winners[0]!.data!.createVersion.version!.source.sha256
    const lost = archives.map(sha256).find((sha) => sha !== kept)!
    expect(existsSync(storedPath(world, kept))).toBe(true)
    expect(existsSync(storedPath(world, lost))).toBe(false)
    expect(await world.app.db.version.count({ where: { imageId: image.id } })).toBe(1)
  })

  const invalidVersions: [string, string][] = [
    ['empty', ''],
    ['a leading dot', '.1'],
    ['a leading dash', '-1'],
    ['a space', '1 0'],
    ['a slash', 'v1/2'],
    ['129 characters', '1'.repeat(129)],
  ]
  it.each(invalidVersions)('refuses a version string that is %s as INVALID', async (_label, version) => {
    const image = await imageOf(world, alice.id)
    const bytes = tarArchive(dockerfile(`invalid-${version}`))
    const result = await upload(world, { imageId: image.gid, version }, { bytes, filename: 's.tar' }, alice.token)
    expect(result.data!.createVersion).toEqual({
      version: null,
      userErrors: [{ field: ['input', 'version'], code: 'INVALID', message: expect.stringContaining('[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}') }],
    })
    expect(await world.app.db.version.count({ where: { imageId: image.id } })).toBe(0)
    expect(existsSync(storedPath(world, sha256(bytes)))).toBe(false)
  })

  it('refuses an empty file as INVALID', async () => {
    const image = await imageOf(world, alice.id)
    const before = await filesOnDisk(world)
    const result = await upload(world, { imageId: image.gid, version: 'empty' }, { bytes: new Uint8Array(0), filename: 'empty.tar' }, alice.token)
    expect(result.data!.createVersion).toMatchObject({ version: null, userErrors: [{ field: ['input', 'source'], code: 'INVALID', message: 'Source archive is empty' }] })
    expect(await world.app.db.version.count({ where: { imageId: image.id } })).toBe(0)
    expect(await filesOnDisk(world)).toEqual(before)
  })

  it('refuses what is not a tar, tar.gz or zip as UNSUPPORTED_FORMAT and leaves no file behind', async () => {
    const image = await imageOf(world, alice.id)
    const before = await filesOnDisk(world)
    const samples = [
      Buffer.from('FROM scratch\nthis is a Dockerfile, not an archive\n'),
      // A tar header without the ustar magic, and a 511-byte prefix of a real tar.
      Buffer.alloc(2048, 0x41),
      tarArchive(dockerfile('cut')).subarray(0, 200),
    ]
    for (const [i, bytes] of samples.entries()) {
      const result = await upload(world, { imageId: image.gid, version: `text-${i}` }, { bytes, filename: 'source.tar' }, alice.token)
      expect(result.data!.createVersion).toMatchObject({
        version: null,
        userErrors: [{ field: ['input', 'source'], code: 'UNSUPPORTED_FORMAT', message: 'Source must be a tar, tar.gz or zip archive' }],
      })
      expect(existsSync(storedPath(world, sha256(bytes)))).toBe(false)
    }
    expect(await filesOnDisk(world)).toEqual(before)
    // Neither the staged upload nor a temporary file of the store is left.
    for (const temp of [path.join(world.dataDir, 'uploads'), path.join(sourcesRoot(world), 'tmp')]) {
      if (existsSync(temp)) expect(await readdir(temp)).toEqual([])
    }
    expect(await world.app.db.version.count({ where: { imageId: image.id } })).toBe(0)
  })

  it('NOT_FOUND for a missing image and another user\'s private image, with nothing stored', async () => {
    const hidden = await imageOf(world, bob.id, { isPrivate: true })
    const bytes = tarArchive(dockerfile('hidden'))
    for (const imageId of [gid('Image', 999_999), hidden.gid]) {
      const result = await upload(world, { imageId, version: '1' }, { bytes, filename: 's.tar' }, alice.token)
      expect(result.data!.createVersion).toEqual({
        version: null,
        userErrors: [{ field: ['input', 'imageId'], code: 'NOT_FOUND', message: 'Image does not exist' }],
      })
    }
    expect(existsSync(storedPath(world, sha256(bytes)))).toBe(false)
    expect(await world.app.db.version.count({ where: { imageId: hidden.id } })).toBe(0)
  })

  it('INVALID_ID for an ID that is not an image\'s', async () => {
    for (const imageId of ['garbage', gid('Version', 1)]) {
      const result = await upload(world, { imageId, version: '1' }, { bytes: tarArchive(dockerfile('id')), filename: 's.tar' }, alice.token)
      expect(result.data!.createVersion.userErrors).toMatchObject([{ field: ['input', 'imageId'], code: 'INVALID_ID' }])
    }
  })

  it('FORBIDDEN on another user\'s public image, with nothing stored', async () => {
    const image = await imageOf(world, bob.id)
    const bytes = tarArchive(dockerfile('forbidden'))
    const result = await upload(world, { imageId: image.gid, version: '1' }, { bytes, filename: 's.tar' }, alice.token)
    expect(result.data).toBeNull()
    expect(result.errors).toMatchObject([{ path: ['createVersion'], extensions: { code: 'FORBIDDEN' } }])
    expect(existsSync(storedPath(world, sha256(bytes)))).toBe(false)
    expect(await world.app.db.version.count({ where: { imageId: image.id } })).toBe(0)
  })

  it('UNAUTHENTICATED for anonymous callers, with nothing stored', async () => {
    const image = await imageOf(world, admin)
    const bytes = tarArchive(dockerfile('anonymous'))
    const result = await upload(world, { imageId: image.gid, version: '1' }, { bytes, filename: 's.tar' }, null)
    expect(result.data).toBeNull()
    expect(result.errors).toMatchObject([{ extensions: { code: 'UNAUTHENTICATED' } }])
    expect(existsSync(storedPath(world, sha256(bytes)))).toBe(false)
    expect(await world.app.db.version.count({ where: { imageId: image.id } })).toBe(0)
  })

  it('a multipart request without the file part is refused before the resolver runs', async () => {
    const image = await imageOf(world, alice.id)
    const result = await upload(world, { imageId: image.gid, version: '1' }, null, alice.token)
    expect(result.status).toBe(400)
    expect(result.data).toBeUndefined()
    expect(result.errors).toMatchObject([{ message: expect.stringContaining('Expected non-nullable type "File!" not to be null') }])
    expect(await world.app.db.version.count({ where: { imageId: image.id } })).toBe(0)
  })

  it('a JSON request cannot pass something file-like as the source', async () => {
    const image = await imageOf(world, alice.id)
    for (const source of ['a string', { name: 'x.tar', size: 3, type: 'application/x-tar' }]) {
      const response = await world.post(
        JSON.stringify({ query: VersionsCreate.toString(), variables: { input: { imageId: image.gid, version: '1', source } } }),
        { 'content-type': 'application/json', authorization: `Bearer ${alice.token}` },
      )
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({
        errors: [{ message: expect.stringContaining('Expected a file sent as a multipart upload'), extensions: { code: 'BAD_USER_INPUT' } }],
      })
    }
    expect(await world.app.db.version.count({ where: { imageId: image.id } })).toBe(0)
  })
})

describe('createVersion with MAX_UPLOAD_BYTES=1024', () => {
  let world: World
  const LIMIT = 1024

  beforeAll(async () => {
    world = await createWorld({ MAX_UPLOAD_BYTES: String(LIMIT), PORT: '0' })
  })
  afterAll(() => world?.dispose())

  /** A ustar archive of exactly `size` bytes (a multiple of 512). */
  const tarOfSize = (size: number, seed: string) => {
    const tar = tarArchive({ [`${seed}.txt`]: seed })
    return size <= tar.length ? tar.subarray(0, size) : Buffer.concat([tar, Buffer.alloc(size - tar.length)])
  }

  it('accepts an archive of exactly the limit', async () => {
    const image = await imageOf(world, await adminId(world))
    const bytes = tarOfSize(LIMIT, 'exact')
    const version = await uploadOk(world, { imageId: image.gid, version: 'exact' }, bytes)
    expect(version.source).toMatchObject({ sizeBytes: LIMIT, format: 'tar', sha256: sha256(bytes) })
  })

  it('refuses one byte more as TOO_LARGE, leaving no file and no row', async () => {
    const image = await imageOf(world, await adminId(world))
    const before = await filesOnDisk(world)
    for (const size of [LIMIT + 1, 4096]) {
      const bytes = tarOfSize(Math.ceil(size / 512) * 512, `big-${size}`).subarray(0, size)
      const result = await upload(world, { imageId: image.gid, version: `big-${size}` }, { bytes, filename: 'big.tar' })
      expect(result.status).toBe(200)
      expect(result.data!.createVersion).toEqual({
        version: null,
        userErrors: [{ field: ['input', 'source'], code: 'TOO_LARGE', message: `Source archive must be at most ${LIMIT} bytes` }],
      })
    }
    expect(await filesOnDisk(world)).toEqual(before)
    expect(await world.app.db.version.count({ where: { imageId: image.id } })).toBe(0)
  })

  it('the source store stops a stream that outgrows the limit and removes its temporary file', async () => {
    const chunks = [new Uint8Array(600), new Uint8Array(600)]
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift()
        if (next) controller.enqueue(next)
        else controller.close()
      },
    })
    await expect(world.app.services.sources.put(stream, LIMIT)).rejects.toThrow(`larger than the ${LIMIT}-byte limit`)
    expect(await readdir(path.join(sourcesRoot(world), 'tmp'))).toEqual([])
  })

  it('answers 413 PAYLOAD_TOO_LARGE to a multipart body over the limit + 1 MiB', async () => {
    const image = await imageOf(world, await adminId(world))
    const bytes = tarOfSize(LIMIT + 1024 * 1024 + 512, 'huge')
    // Serialise the form to learn its exact length: the limit is read from Content-Length.
    const request = new Request('http://localhost/graphql', { method: 'POST', body: uploadForm({ imageId: image.gid, version: 'huge' }, { bytes, filename: 'huge.tar' }) })
    const body = Buffer.from(await request.arrayBuffer())
    expect(body.length).toBeGreaterThan(LIMIT + 1024 * 1024)
    const response = await world.post(body, {
      'content-type': request.headers.get('content-type')!,
      'content-length': String(body.length),
      authorization: `Bearer ${ADMIN_TOKEN}`,
    })
    expect(response.status).toBe(413)
    expect(await response.json()).toEqual({
      errors: [{ message: `Request body is larger than ${LIMIT + 1024 * 1024} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    })

    // Over a real socket too, where the client computes Content-Length itself.
    const url = await world.app.start()
    const overHttp = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      body: uploadForm({ imageId: image.gid, version: 'huge' }, { bytes, filename: 'huge.tar' }),
    })
    expect(overHttp.status).toBe(413)
    expect(await overHttp.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] })

    expect(await world.app.db.version.count({ where: { imageId: image.id } })).toBe(0)
    expect(existsSync(storedPath(world, sha256(bytes)))).toBe(false)
  })
})

describe('version(id:) and Image.versions', () => {
  let world: World
  let alice: { id: number; token: string }
  let bob: { id: number; token: string }

  beforeAll(async () => {
    world = await createWorld()
    alice = await world.createUser('alice')
    bob = await world.createUser('bob')
  })
  afterAll(() => world?.dispose())

  async function versionOf(imageId: number, version: string) {
    return world.app.db.version.create({
      data: { imageId, version, sourceSha256: 'd'.repeat(64), sourceSizeBytes: 2048, sourceFilename: `${version}.tar.gz`, sourceFormat: 'tar+gzip' },
    })
  }

  it('finds a version with its fields and its builds, newest first', async () => {
    const image = await imageOf(world, alice.id)
    const row = await versionOf(image.id, '2.0')
    await world.app.db.version.update({ where: { id: row.id }, data: { state: 'BUILT', sizeBytes: 6_000_000_000n } })
    const builds = []
    for (const state of ['FAILED', 'SUCCEEDED', 'QUEUED'] as const) {
      builds.push(await world.app.db.build.create({ data: { imageId: image.id, versionId: row.id, targetTag: '2.0', state } }))
    }
    // A build of the image without this version is not among the version's builds.
    await world.app.db.build.create({ data: { imageId: image.id, targetTag: 'other' } })

    const data = await world.ok(VersionsVersion, { id: gid('Version', row.id) }, { token: null })
    expect(data.version).toEqual({
      id: gid('Version', row.id),
      version: '2.0',
      state: 'BUILT',
      sizeBytes: 6_000_000_000,
      createdAt: row.createdAt.toISOString(),
      source: { sha256: 'd'.repeat(64), sizeBytes: 2048, filename: '2.0.tar.gz', format: 'tar+gzip' },
      image: { id: image.gid, name: image.name },
      builds: {
        totalCount: 3,
        nodes: [...builds].reverse().map((b) => ({ id: gid('Build', b.id), targetTag: '2.0', state: b.state })),
        pageInfo: { hasNextPage: false },
      },
    })
    const node = await world.ok(VersionsNode, { id: gid('Version', row.id) })
    expect(node.node).toEqual({ id: gid('Version', row.id), version: '2.0' })
  })

  it('is null when missing, and for another user\'s private image, to them and to anonymous callers', async () => {
    const image = await imageOf(world, bob.id, { isPrivate: true })
    const row = await versionOf(image.id, '1')
    const id = gid('Version', row.id)
    expect((await world.ok(VersionsVersion, { id: gid('Version', 999_999) })).version).toBeNull()
    expect((await world.ok(VersionsVersion, { id }, { token: alice.token })).version).toBeNull()
    expect((await world.ok(VersionsVersion, { id }, { token: null })).version).toBeNull()
    expect((await world.ok(VersionsNode, { id }, { token: alice.token })).node).toBeNull()
    expect((await world.ok(VersionsVersion, { id }, { token: bob.token })).version).toMatchObject({ version: '1' })
    // Administrators are no exception: a private image is its owner's alone.
    expect((await world.ok(VersionsVersion, { id })).version).toBeNull()
  })

  it('a malformed or foreign ID is BAD_USER_INPUT with reason INVALID_ID', async () => {
    const image = await imageOf(world, alice.id)
    for (const id of ['not-an-id', image.gid, gid('Version', -1)]) {
      const result = await world.run(VersionsVersion, { id })
      expect(result.data).toEqual({ version: null })
      expect(result.errors).toMatchObject([{ path: ['version'], extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_ID', field: ['id'] } }])
    }
  })

  it('Image.versions lists newest first and pages with first/after', async () => {
    const image = await imageOf(world, alice.id)
    for (const v of ['1', '2', '3', '4', '5']) await versionOf(image.id, v)
    const page1 = await world.ok(VersionsOfImage, { id: image.gid, first: 2 })
    expect(page1.image!.versions).toMatchObject({ totalCount: 5, nodes: [{ version: '5' }, { version: '4' }], pageInfo: { hasNextPage: true } })
    const page2 = await world.ok(VersionsOfImage, { id: image.gid, first: 10, after: page1.image!.versions.pageInfo.endCursor })
    expect(page2.image!.versions).toMatchObject({ totalCount: 5, nodes: [{ version: '3' }, { version: '2' }, { version: '1' }], pageInfo: { hasNextPage: false } })
  })
})
