// Fandogh's flow on a real engine: upload a version's source archive, build it, and the
// version and its tag follow. Unsafe archives are refused when the build is asked for.
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { pack } from 'tar-stream'
import { graphql } from '../gql/index.js'
import { sendWithFile } from '../support/multipart.js'
import { collectSubscription } from '../support/sse.js'
import { createWorld, type World } from '../support/world.js'

const VersionBuildsCreateImage = graphql(`
  mutation VersionBuildsCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id } userErrors { code } }
  }
`)
const VersionBuildsUpload = graphql(`
  mutation VersionBuildsUpload($input: CreateVersionInput!) {
    createVersion(input: $input) { version { id state } userErrors { field message code } }
  }
`)
const VersionBuildsBuild = graphql(`
  mutation VersionBuildsBuild($input: BuildImageInput!) {
    buildImage(input: $input) { build { id targetTag } userErrors { field message code } }
  }
`)
const VersionBuildsLogs = graphql(`
  subscription VersionBuildsLogs($buildId: ID!) {
    buildLogs(buildId: $buildId, fromLine: 0) { text }
  }
`)
const VersionBuildsVersion = graphql(`
  query VersionBuildsVersion($id: ID!) {
    version(id: $id) {
      state sizeBytes
      builds { totalCount nodes { state targetTag } }
      image { tags { nodes { name digest sizeBytes } } }
    }
  }
`)

type Entry = { name: string; body?: string; type?: 'file' | 'symlink'; linkname?: string; mode?: number }

async function tarGz(entries: Entry[]): Promise<Buffer> {
  const archive = pack()
  const chunks: Buffer[] = []
  archive.on('data', (chunk: unknown) => chunks.push(chunk as Buffer))
  const done = new Promise<void>((resolve) => archive.on('end', () => resolve()))
  for (const entry of entries) archive.entry({ name: entry.name, type: entry.type ?? 'file', linkname: entry.linkname, mode: entry.mode ?? 0o644 }, entry.body ?? '')
  archive.finalize()
  await done
  return gzipSync(Buffer.concat(chunks))
}

describe('building uploaded versions', () => {
  let world: World
  let imageId: string
  let versions = 0
  beforeAll(async () => {
    world = await createWorld({ DOCKER_HOST: inject('dockerHost') })
    const { createImage } = await world.ok(VersionBuildsCreateImage, { input: { name: 'engine/versioned' } })
    imageId = createImage.image!.id
  })
  afterAll(() => world?.dispose())

  async function upload(entries: Entry[]) {
    const version = `1.${versions++}`
    const file = new File([new Uint8Array(await tarGz(entries))], 'source.tar.gz')
    const result = await sendWithFile(world, VersionBuildsUpload, { input: { imageId, version, source: null as never } }, 'variables.input.source', file)
    expect(result.data!.createVersion.userErrors).toEqual([])
    return { id: result.data!.createVersion.version!.id, version }
  }

  it('builds the archive into a tag named after the version; the version becomes BUILT', async () => {
    const version = await upload([
      { name: 'docker/Dockerfile', body: 'FROM icat-test/busybox:latest\nCOPY app/ /app/\nRUN cat /app/hello.txt && test -x /app/run.sh\n' },
      { name: 'app/hello.txt', body: 'hello from the archive\n' },
      { name: 'app/run.sh', body: '#!/bin/sh\necho run\n', mode: 0o755 },
    ])
    const { buildImage } = await world.ok(VersionBuildsBuild, { input: { imageId, versionId: version.id, dockerfilePath: 'docker/Dockerfile' } })
    expect(buildImage.userErrors).toEqual([])
    expect(buildImage.build!.targetTag).toBe(version.version)
    const logs = await collectSubscription(world, VersionBuildsLogs, { buildId: buildImage.build!.id })
    expect(logs.events.map((e) => e.data!.buildLogs.text)).toContain('hello from the archive')

    const { version: built } = await world.ok(VersionBuildsVersion, { id: version.id })
    expect(built).toMatchObject({ state: 'BUILT', builds: { totalCount: 1, nodes: [{ state: 'SUCCEEDED', targetTag: version.version }] } })
    expect(built!.sizeBytes).toBeGreaterThan(1_000_000)
    const tag = built!.image.tags.nodes.find((t) => t.name === version.version)
    expect(tag).toMatchObject({ sizeBytes: built!.sizeBytes })
    expect(tag!.digest).toMatch(/^sha256:/)
  })

  it.each([
    ['an entry that climbs out', [{ name: 'Dockerfile', body: 'FROM scratch\n' }, { name: '../escape.txt', body: 'x' }], {}, 'versionId'],
    ['a link that points outside', [{ name: 'Dockerfile', body: 'FROM scratch\n' }, { name: 'etc', type: 'symlink' as const, linkname: '/etc' }], {}, 'versionId'],
    ['a Dockerfile path outside the context', [{ name: 'Dockerfile', body: 'FROM scratch\n' }], { dockerfilePath: '../Dockerfile' }, 'dockerfilePath'],
  ])('refuses %s with a userError and queues nothing', async (_what, entries, extra, field) => {
    const version = await upload(entries as Entry[])
    const before = await world.app.db.build.count()
    const { buildImage } = await world.ok(VersionBuildsBuild, { input: { imageId, versionId: version.id, ...extra } })
    expect(buildImage.build).toBeNull()
    expect(buildImage.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', field] })])
    expect(await world.app.db.build.count()).toBe(before)
  })

  it('refuses an archive that unpacks past the limit', async () => {
    const small = await createWorld({ DOCKER_HOST: inject('dockerHost'), MAX_UPLOAD_BYTES: '4096' })
    try {
      const { createImage } = await small.ok(VersionBuildsCreateImage, { input: { name: 'engine/bomb' } })
      // 64 KiB of zeros gzips far below the 4 KiB upload limit but unpacks past 4 x 4 KiB.
      const file = new File([new Uint8Array(await tarGz([{ name: 'Dockerfile', body: 'FROM scratch\n' }, { name: 'zeros', body: '\0'.repeat(65536) }]))], 's.tar.gz')
      const uploaded = await sendWithFile(small, VersionBuildsUpload, { input: { imageId: createImage.image!.id, version: '1', source: null as never } }, 'variables.input.source', file)
      const versionId = uploaded.data!.createVersion.version!.id
      const { buildImage } = await small.ok(VersionBuildsBuild, { input: { imageId: createImage.image!.id, versionId } })
      expect(buildImage.userErrors).toEqual([expect.objectContaining({ code: 'TOO_LARGE', field: ['input', 'versionId'] })])
    } finally {
      await small.dispose()
    }
  })
})
