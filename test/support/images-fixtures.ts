// Fixtures for the images tests: rows written straight to the database, so each test
// builds exactly the catalog it asserts on, and helpers to read GraphQL errors.
import { expect } from 'vitest'
import type { GraphQLResponse, World } from './world.js'

export const ADMIN_ID = 1

/** A Relay global ID, as the API encodes it. */
export { gid } from './world.js'

export interface ImageSeed {
  name: string
  ownerId?: number
  isPrivate?: boolean
  jumpstart?: boolean
  registryId?: number | null
  categoryIds?: number[]
  /** Catalog-only tags: never built, pulled or imported, so no digest. */
  tags?: string[]
  /** Tags with a digest, as a build, a pull or an import records them. */
  builtTags?: string[]
  starCount?: number
  createdAt?: Date
  updatedAt?: Date
  description?: string
}

export async function seedImage(world: World, seed: ImageSeed) {
  const { db } = world.app
  const { categoryIds, tags, builtTags, ownerId, ...data } = seed
  const image = await db.image.create({
    data: {
      ...data,
      ownerId: ownerId ?? ADMIN_ID,
      categories: categoryIds ? { connect: categoryIds.map((id) => ({ id })) } : undefined,
    },
  })
  if (tags?.length) await db.tag.createMany({ data: tags.map((name) => ({ imageId: image.id, name })) })
  if (builtTags?.length) {
    await db.tag.createMany({ data: builtTags.map((name, i) => ({ imageId: image.id, name, digest: `sha256:${String(i).padStart(64, 'b')}` })) })
  }
  return image
}

export async function seedVersion(world: World, imageId: number, version = '1.0') {
  return world.app.db.version.create({
    data: { imageId, version, sourceSha256: 'b'.repeat(64), sourceSizeBytes: 10, sourceFilename: 'src.tar', sourceFormat: 'tar' },
  })
}

export async function seedBuild(
  world: World,
  imageId: number,
  data: { targetTag: string; state: 'QUEUED' | 'RUNNING' | 'CANCELLING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED'; finishedAt?: Date; versionId?: number; logLines?: number },
) {
  const { logLines = 0, ...fields } = data
  const build = await world.app.db.build.create({ data: { imageId, ...fields } })
  if (logLines > 0) {
    await world.app.db.buildLogLine.createMany({
      data: Array.from({ length: logLines }, (_, lineNo) => ({ buildId: build.id, lineNo, text: `line ${lineNo}` })),
    })
  }
  return build
}

/** Asserts the response failed with exactly one top-level error of `code` (and `reason`, if given). */
export function expectError(result: GraphQLResponse<unknown>, code: string, reason?: string) {
  expect(result.errors, JSON.stringify(result)).toHaveLength(1)
  const extensions = result.errors![0]!.extensions ?? {}
  expect(extensions.code).toBe(code)
  if (reason !== undefined) expect(extensions.reason).toBe(reason)
}

export const names = (connection: { nodes: { name: string }[] }) => connection.nodes.map((n) => n.name)
