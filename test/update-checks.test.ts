// Tag.updateCheck asks the registry once per tag for a while (src/registries/drift.ts): within
// one instance without Redis, and across instances with REDIS_URL, where the registry's answer
// is kept in Redis (src/registries/update-check-memory.ts). Against a registry stand-in on
// loopback that counts the manifest HEADs it answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../src/logger.js'
import { redisMemory } from '../src/registries/update-check-memory.js'
import { graphql } from './gql/index.js'
import { freePort, startRedis } from './support/processes.js'
import { registryStandIn } from './support/registry-stand-in.js'
import { createWorld, gid, type World } from './support/world.js'

const UpdateCheckTag = graphql(`
  query UpdateCheckTag($id: ID!, $maxAgeSeconds: Int) {
    node(id: $id) {
      ... on Tag { updateCheck(maxAgeSeconds: $maxAgeSeconds) { remoteDigest updateAvailable comparedAt errorCode } }
    }
  }
`)

const LOCAL = `sha256:${'a'.repeat(64)}`
const REMOTE = `sha256:${'b'.repeat(64)}`

/** A registry that answers every manifest HEAD with REMOTE, counting them. */
async function countingRegistry(): Promise<{ url: string; heads: () => number; close(): Promise<void> }> {
  let heads = 0
  const registry = await registryStandIn((req, res) => {
    if (req.method !== 'HEAD' || !/^\/v2\/.+\/manifests\//.test(req.url ?? '')) return false
    heads += 1
    res.writeHead(200, { 'docker-content-digest': REMOTE, 'content-type': 'application/vnd.docker.distribution.manifest.v2+json' }).end()
    return true
  })
  return { ...registry, heads: () => heads }
}

/** A tag of an image kept in `registryUrl`, with LOCAL as its digest; the same rows in every world on one database. */
async function trackedTag(world: World, registryUrl: string, name: string): Promise<string> {
  const { db } = world.app
  const admin = await db.user.findFirstOrThrow({ where: { isAdmin: true } })
  const registry = await db.registry.create({ data: { name: `checks-${name.replace('/', '-')}`, url: registryUrl } })
  const image = await db.image.create({ data: { name, ownerId: admin.id, registryId: registry.id } })
  const tag = await db.tag.create({ data: { imageId: image.id, name: '1.0', digest: LOCAL } })
  return gid('Tag', tag.id)
}

async function checkOf(world: World, id: string, maxAgeSeconds: number) {
  const { node } = await world.ok(UpdateCheckTag, { id, maxAgeSeconds })
  return (node as { updateCheck: { remoteDigest: string | null; updateAvailable: boolean | null; comparedAt: string | null; errorCode: string | null } }).updateCheck
}

describe('update checks within one instance (no Redis)', () => {
  let world: World
  let registry: Awaited<ReturnType<typeof countingRegistry>>
  beforeAll(async () => {
    world = await createWorld()
    registry = await countingRegistry()
  })
  afterAll(async () => {
    await world?.dispose()
    await registry?.close()
  })

  it('asks the registry once while the answer is young enough, and again when asked for a fresher one', async () => {
    const id = await trackedTag(world, registry.url, 'checks/one')
    const first = await checkOf(world, id, 60)
    expect(first).toMatchObject({ remoteDigest: REMOTE, updateAvailable: true, errorCode: null })
    expect(registry.heads()).toBe(1)
    expect(await checkOf(world, id, 60)).toEqual(first)
    expect(registry.heads()).toBe(1)
    const fresh = await checkOf(world, id, 0)
    expect(registry.heads()).toBe(2)
    expect(fresh.remoteDigest).toBe(REMOTE)
  })
})

describe('update checks across instances sharing Redis (REDIS_URL)', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>
  let first: World
  let second: World
  let registry: Awaited<ReturnType<typeof countingRegistry>>
  beforeAll(async () => {
    redis = await startRedis()
    registry = await countingRegistry()
    first = await createWorld({ REDIS_URL: redis.url })
    // The second instance on the first one's database, as instances behind a load balancer are.
    second = await createWorld({ REDIS_URL: redis.url, DATA_DIR: first.dataDir, ...(first.app.config.database.provider === 'postgresql' ? { DATABASE_URL: first.app.config.database.url } : {}) })
  })
  afterAll(async () => {
    await second?.dispose()
    await first?.dispose()
    await redis?.stop()
    await registry?.close()
  })

  it("answers one instance's check from another's, without asking the registry again", async () => {
    const id = await trackedTag(first, registry.url, 'checks/shared')
    const asked = await checkOf(first, id, 60)
    expect(asked).toMatchObject({ remoteDigest: REMOTE, updateAvailable: true })
    expect(registry.heads()).toBe(1)
    expect(await checkOf(second, id, 60)).toEqual(asked)
    expect(registry.heads()).toBe(1)
    // Fresher than the shared answer: the second instance asks, and the first reads that answer.
    const fresh = await checkOf(second, id, 0)
    expect(registry.heads()).toBe(2)
    expect(await checkOf(first, id, 60)).toEqual(fresh)
    expect(registry.heads()).toBe(2)
  })
})

describe('update check answers in Redis, with Redis gone', () => {
  it('reads nothing and keeps nothing, saying so in the log, and never fails the check', async () => {
    const lines: string[] = []
    const logger = createLogger({ level: 'warn', format: 'json', destination: { write: (line: string) => void lines.push(line) } })
    const memory = redisMemory(`redis://127.0.0.1:${await freePort()}`, 'icat:test:', logger)
    try {
      await memory.remember('key', { remoteDigest: REMOTE, error: null, comparedAt: Date.now() })
      expect(await memory.recall('key')).toBeUndefined()
      expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['update check write in Redis failed', 'update check read in Redis failed'])
    } finally {
      await memory.close()
    }
  })
})
