// Tutum's derived image state and lastBuildDate, and the images list's state filter.
// Builds are written straight to the database: the state must follow them, never drift.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.js'
import { seedBuild, seedImage } from './support/images-fixtures.js'
import { createWorld, type World } from './support/world.js'

const ImagesStateOne = graphql(`
  query ImagesStateOne($name: String!) {
    image(name: $name) { name state lastBuildDate }
  }
`)
const ImagesStateList = graphql(`
  query ImagesStateList($state: ImageState) {
    images(filter: { state: $state }, first: 100, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      nodes { name state }
    }
  }
`)

type State = 'EMPTY' | 'SUCCESS' | 'BUILDING' | 'FAILED'

let world: World
let alice: { id: number; token: string }
const at = (hour: number) => new Date(Date.UTC(2024, 2, 1, hour))
/** Every seeded image and the state it must be in. */
const expected: Record<string, State> = {}

async function stateOf(name: string, token?: string | null) {
  const { image } = await world.ok(ImagesStateOne, { name }, { token })
  if (!image) throw new Error(`${name} is not visible`)
  return image
}

beforeAll(async () => {
  world = await createWorld()
  alice = await world.createUser('alice')
  // `builtTags` carry a digest, as a build, pull or import records them; `extra.tags` are catalog-only.
  const image = async (name: string, state: State, builtTags: string[] = [], extra: { ownerId?: number; isPrivate?: boolean; tags?: string[] } = {}) => {
    expected[name] = state
    return (await seedImage(world, { name, builtTags, ...extra })).id
  }

  await image('state/empty', 'EMPTY')

  const builtNoTags = await image('state/built-untagged', 'EMPTY')
  await seedBuild(world, builtNoTags, { targetTag: '1.0', state: 'SUCCEEDED', finishedAt: at(1) })

  // Tutum: SUCCESS is "all image tags are successfully built". A tag only named in the
  // catalog (no engine image, no digest) was never built, pulled or imported.
  await image('state/tagged-never-built', 'EMPTY', [], { tags: ['latest'] })
  await image('state/pulled', 'SUCCESS', ['1.0'])
  const partlyBuilt = await image('state/partly-built', 'EMPTY', ['1.0'], { tags: ['next'] })
  await seedBuild(world, partlyBuilt, { targetTag: '1.0', state: 'SUCCEEDED', finishedAt: at(1) })
  const neverBuiltFailed = await image('state/tagged-failed', 'FAILED', [], { tags: ['1.0'] })
  await seedBuild(world, neverBuiltFailed, { targetTag: '1.0', state: 'FAILED', finishedAt: at(1) })

  const success = await image('state/success', 'SUCCESS', ['1.0', '2.0'])
  await seedBuild(world, success, { targetTag: '1.0', state: 'SUCCEEDED', finishedAt: at(5) })
  await seedBuild(world, success, { targetTag: '2.0', state: 'SUCCEEDED', finishedAt: at(3) })

  const recovered = await image('state/recovered', 'SUCCESS', ['1.0'])
  await seedBuild(world, recovered, { targetTag: '1.0', state: 'FAILED', finishedAt: at(2) })
  await seedBuild(world, recovered, { targetTag: '1.0', state: 'SUCCEEDED', finishedAt: at(4) })

  const cancelled = await image('state/cancelled', 'SUCCESS', ['1.0'])
  await seedBuild(world, cancelled, { targetTag: '1.0', state: 'CANCELLED', finishedAt: at(6) })

  const queued = await image('state/queued', 'BUILDING', ['1.0'])
  await seedBuild(world, queued, { targetTag: '1.0', state: 'QUEUED' })

  const running = await image('state/running', 'BUILDING')
  await seedBuild(world, running, { targetTag: '1.0', state: 'SUCCEEDED', finishedAt: at(7) })
  await seedBuild(world, running, { targetTag: '1.0', state: 'RUNNING' })

  // Being cancelled, it still holds the engine.
  const cancelling = await image('state/cancelling', 'BUILDING', ['1.0'])
  await seedBuild(world, cancelling, { targetTag: '1.0', state: 'CANCELLING' })

  const failed = await image('state/failed', 'FAILED', ['1.0', '2.0'])
  await seedBuild(world, failed, { targetTag: '1.0', state: 'SUCCEEDED', finishedAt: at(8) })
  await seedBuild(world, failed, { targetTag: '2.0', state: 'FAILED', finishedAt: at(9) })

  const failedUntagged = await image('state/failed-untagged', 'FAILED')
  await seedBuild(world, failedUntagged, { targetTag: '1.0', state: 'FAILED', finishedAt: at(1) })

  const regressed = await image('state/regressed', 'FAILED', ['1.0'])
  await seedBuild(world, regressed, { targetTag: '1.0', state: 'SUCCEEDED', finishedAt: at(2) })
  await seedBuild(world, regressed, { targetTag: '1.0', state: 'FAILED', finishedAt: at(3) })

  // Building wins over failed, whichever tag fails.
  const failingWhileBuilding = await image('state/failing-while-building', 'BUILDING', ['1.0', '2.0'])
  await seedBuild(world, failingWhileBuilding, { targetTag: '1.0', state: 'FAILED', finishedAt: at(1) })
  await seedBuild(world, failingWhileBuilding, { targetTag: '2.0', state: 'RUNNING' })

  // A build still queued or running makes the image BUILDING, even when a newer build of the same tag has finished.
  const olderStillRunning = await image('state/older-still-running', 'BUILDING', ['1.0'])
  await seedBuild(world, olderStillRunning, { targetTag: '1.0', state: 'RUNNING' })
  await seedBuild(world, olderStillRunning, { targetTag: '1.0', state: 'FAILED', finishedAt: at(2) })

  const hiddenFailed = await image('alice/failed', 'FAILED', ['1.0'], { ownerId: alice.id, isPrivate: true })
  await seedBuild(world, hiddenFailed, { targetTag: '1.0', state: 'FAILED', finishedAt: at(1) })
})
afterAll(() => world?.dispose())

describe('Image.state', () => {
  it('is derived from tags and builds as Tutum defines it', async () => {
    const actual: Record<string, string> = {}
    for (const name of Object.keys(expected)) actual[name] = (await stateOf(name, alice.token)).state
    expect(actual).toEqual(expected)
  })

  it('agrees between a single image and the list', async () => {
    const { images } = await world.ok(ImagesStateList, {}, { token: alice.token })
    expect(Object.fromEntries(images.nodes.map((n) => [n.name, n.state]))).toEqual(expected)
  })

  it('follows a build as it moves from queued to running to finished', async () => {
    const id = (await seedImage(world, { name: 'state/moving', tags: ['1.0'] })).id
    expect((await stateOf('state/moving')).state).toBe('EMPTY')
    const build = await seedBuild(world, id, { targetTag: '1.0', state: 'QUEUED' })
    expect((await stateOf('state/moving')).state).toBe('BUILDING')
    await world.app.db.build.update({ where: { id: build.id }, data: { state: 'RUNNING' } })
    expect((await stateOf('state/moving')).state).toBe('BUILDING')
    await world.app.db.build.update({ where: { id: build.id }, data: { state: 'FAILED', finishedAt: at(10) } })
    expect(await stateOf('state/moving')).toMatchObject({ state: 'FAILED', lastBuildDate: null })
    await seedBuild(world, id, { targetTag: '1.0', state: 'SUCCEEDED', finishedAt: at(11) })
    // A succeeded build records the tag's digest.
    await world.app.db.tag.updateMany({ where: { imageId: id, name: '1.0' }, data: { digest: `sha256:${'c'.repeat(64)}` } })
    expect(await stateOf('state/moving')).toEqual({ name: 'state/moving', state: 'SUCCESS', lastBuildDate: at(11).toISOString() })
    await world.app.db.image.delete({ where: { id } })
  })
})

describe('Image.lastBuildDate', () => {
  it('is the latest finishedAt of a succeeded build, whatever happened since', async () => {
    expect((await stateOf('state/success')).lastBuildDate).toBe(at(5).toISOString())
    expect((await stateOf('state/recovered')).lastBuildDate).toBe(at(4).toISOString())
    expect((await stateOf('state/failed')).lastBuildDate).toBe(at(8).toISOString())
    expect((await stateOf('state/regressed')).lastBuildDate).toBe(at(2).toISOString())
    expect((await stateOf('state/running')).lastBuildDate).toBe(at(7).toISOString())
    expect((await stateOf('state/built-untagged')).lastBuildDate).toBe(at(1).toISOString())
  })

  it('is null when nothing ever built successfully', async () => {
    for (const name of ['state/empty', 'state/tagged-never-built', 'state/pulled', 'state/cancelled', 'state/queued', 'state/failed-untagged']) {
      expect((await stateOf(name)).lastBuildDate, name).toBeNull()
    }
  })
})

describe('images(filter: { state })', () => {
  const inState = (state: State, token: string | null) =>
    Object.entries(expected)
      .filter(([name, s]) => s === state && (token === alice.token || !name.startsWith('alice/')))
      .map(([name]) => name)
      .sort()

  it.each(['EMPTY', 'SUCCESS', 'BUILDING', 'FAILED'] as const)('state %s lists exactly the images in that state', async (state) => {
    for (const token of [alice.token, null]) {
      const { images } = await world.ok(ImagesStateList, { state }, { token })
      expect(images.nodes.map((n) => n.name)).toEqual(inState(state, token))
      expect(images.nodes.every((n) => n.state === state)).toBe(true)
      expect(images.totalCount).toBe(inState(state, token).length)
    }
  })

  it("never shows another user's private image in a state", async () => {
    const { images } = await world.ok(ImagesStateList, { state: 'FAILED' })
    expect(images.nodes.map((n) => n.name)).not.toContain('alice/failed')
    expect(images.nodes.map((n) => n.name)).toContain('state/failed')
  })
})
