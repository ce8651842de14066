// Several Docker engines: the list every instance shares (dockerEngines), seeded from
// DOCKER_HOSTS, and the administrators' mutations that add, change, drain and remove engines.
// No engine answers here (the hosts are sockets that do not exist): the engine project tests
// builds on a real one. What a build asks of the engines (engineLabels) is refused before a
// build row is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config.js'
import { graphql } from './gql/index.js'
import { createWorld, gid, type World } from './support/world.js'

const EnginesList = graphql(`
  query EnginesList {
    dockerEngines { name host reachable error capacity runningJobs labels draining checkedAt }
  }
`)

const EnginesPrimary = graphql(`
  query EnginesPrimary {
    dockerEngine { name host reachable }
  }
`)

const EnginesAdd = graphql(`
  mutation EnginesAdd($input: AddDockerEngineInput!) {
    addDockerEngine(input: $input) {
      dockerEngine { name host reachable error capacity runningJobs labels draining checkedAt }
      userErrors { field message code }
    }
  }
`)

const EnginesUpdate = graphql(`
  mutation EnginesUpdate($input: UpdateDockerEngineInput!) {
    updateDockerEngine(input: $input) {
      dockerEngine { name host capacity labels draining runningJobs }
      userErrors { field message code }
    }
  }
`)

const EnginesRemove = graphql(`
  mutation EnginesRemove($input: RemoveDockerEngineInput!) {
    removeDockerEngine(input: $input) {
      removedName
      userErrors { field message code }
    }
  }
`)

const EnginesBuild = graphql(`
  mutation EnginesBuild($input: BuildImageInput!) {
    buildImage(input: $input) { build { id } userErrors { field message code } }
  }
`)

const EnginesBuildFields = graphql(`
  query EnginesBuildFields($id: ID!) {
    build(id: $id) { attempt engineName engineLabels }
  }
`)

const EnginesTagFields = graphql(`
  query EnginesTagFields($id: ID!) {
    node(id: $id) { ... on Tag { name engineName } }
  }
`)

const HOSTS = 'a=unix:///nonexistent/a.sock,b=unix:///nonexistent/b.sock'

let world: World
let member: { id: number; token: string }
let sequence = 0
const uniqueName = () => `engine-${++sequence}`

const add = (input: { name: string; host: string; capacity?: number | null; labels?: string[] | null }, token?: string | null) =>
  world.run(EnginesAdd, { input }, token === undefined ? {} : { token })
const engineNamed = async (name: string) => (await world.ok(EnginesList)).dockerEngines.find((engine) => engine.name === name)

async function imageOf(ownerId: number) {
  return world.app.db.image.create({ data: { name: `engines/img-${++sequence}`, ownerId } })
}

/** A running build on the engine, as this instance would hold it (its lease is ours, so no sweep takes it over). */
async function runningBuildOn(engineId: number) {
  const image = await imageOf(member.id)
  return world.app.db.build.create({
    data: {
      imageId: image.id,
      targetTag: 'latest',
      inlineDockerfile: 'FROM scratch\n',
      state: 'RUNNING',
      startedAt: new Date(),
      engineId,
      runnerId: world.app.services.leases.runnerId,
      heartbeatAt: new Date(),
    },
  })
}

beforeAll(async () => {
  world = await createWorld({ DOCKER_HOSTS: HOSTS })
  member = await world.createUser('engines-member')
})
afterAll(() => world?.dispose())

describe('DOCKER_HOSTS', () => {
  it('names each engine, or numbers bare hosts; without it DOCKER_HOST is the one engine "default"', () => {
    expect(loadConfig({ DOCKER_HOSTS: HOSTS }).dockerEngines).toEqual([
      { name: 'a', host: 'unix:///nonexistent/a.sock' },
      { name: 'b', host: 'unix:///nonexistent/b.sock' },
    ])
    expect(loadConfig({ DOCKER_HOSTS: ' unix:///x.sock , tcp://10.0.0.2:2375 ' }).dockerEngines).toEqual([
      { name: 'engine-1', host: 'unix:///x.sock' },
      { name: 'engine-2', host: 'tcp://10.0.0.2:2375' },
    ])
    expect(loadConfig({ DOCKER_HOST: 'tcp://127.0.0.1:2375' }).dockerEngines).toEqual([{ name: 'default', host: 'tcp://127.0.0.1:2375' }])
    expect(loadConfig({}).dockerEngines).toEqual([{ name: 'default', host: 'unix:///var/run/docker.sock' }])
  })

  it('refuses a bad entry with a ConfigError naming DOCKER_HOSTS and the entry', () => {
    const fails = (value: string) => () => loadConfig({ DOCKER_HOSTS: value })
    expect(fails('a=unix:///a.sock,b=ftp://example.test')).toThrow(ConfigError)
    expect(fails('a=unix:///a.sock,b=ftp://example.test')).toThrow(
      new ConfigError('DOCKER_HOSTS', 'the host of b must look like unix:///var/run/docker.sock or tcp://127.0.0.1:2375, got "ftp://example.test"'),
    )
    expect(fails('Big=unix:///a.sock')).toThrow(new ConfigError('DOCKER_HOSTS', '"Big" is not an engine name (lower-case letters, digits, . _ -)'))
    expect(fails('a=unix:///a.sock,a=unix:///b.sock')).toThrow(/^DOCKER_HOSTS: names two engines the same/)
    expect(fails('tcp://no-port')).toThrow(/^DOCKER_HOSTS: the host of engine-1 must look like/)
    // An empty host is a mistake, not the default socket in disguise.
    expect(fails('a=')).toThrow(/^DOCKER_HOSTS: the host of a is empty/)
    expect(fails('a=unix:///a.sock,')).toThrow(/^DOCKER_HOSTS: entry 2 is empty/)
  })
})

describe('dockerEngines', () => {
  it('lists the configured engines, found unreachable by the first check', async () => {
    await expect
      .poll(async () => (await world.ok(EnginesList)).dockerEngines, { timeout: 10_000 })
      .toEqual([
        { name: 'a', host: 'unix:///nonexistent/a.sock', reachable: false, error: 'ENOENT', capacity: 4, runningJobs: 0, labels: [], draining: false, checkedAt: expect.any(String) },
        { name: 'b', host: 'unix:///nonexistent/b.sock', reachable: false, error: 'ENOENT', capacity: 4, runningJobs: 0, labels: [], draining: false, checkedAt: expect.any(String) },
      ])
    // dockerEngine is the first of them, asked now.
    expect((await world.ok(EnginesPrimary)).dockerEngine).toEqual({ name: 'a', host: 'unix:///nonexistent/a.sock', reachable: false })
    // Any signed-in caller may read it.
    expect((await world.ok(EnginesList, undefined, { token: member.token })).dockerEngines.map((engine) => engine.name)).toEqual(['a', 'b'])
  })

  it('needs a signed-in caller, like dockerEngine', async () => {
    for (const result of [await world.run(EnginesList, undefined, { token: null }), await world.run(EnginesPrimary, undefined, { token: null })]) {
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
      expect(result.data ?? null).toBeNull()
    }
  })

  it('counts the jobs running on each engine', async () => {
    const engine = await world.app.db.engine.findUniqueOrThrow({ where: { name: 'b' } })
    const build = await runningBuildOn(engine.id)
    try {
      expect(await engineNamed('b')).toMatchObject({ runningJobs: 1 })
      expect(await engineNamed('a')).toMatchObject({ runningJobs: 0 })
    } finally {
      await world.app.db.build.update({ where: { id: build.id }, data: { state: 'FAILED', finishedAt: new Date() } })
    }
    expect(await engineNamed('b')).toMatchObject({ runningJobs: 0 })
  })
})

describe('addDockerEngine', () => {
  it('adds an engine, checked at once, with the default capacity or the one given', async () => {
    const name = uniqueName()
    const { data } = await add({ name, host: 'unix:///nonexistent/added.sock' })
    expect(data!.addDockerEngine).toEqual({
      dockerEngine: { name, host: 'unix:///nonexistent/added.sock', reachable: false, error: 'ENOENT', capacity: 4, runningJobs: 0, labels: [], draining: false, checkedAt: expect.any(String) },
      userErrors: [],
    })
    const labelled = uniqueName()
    const second = await add({ name: labelled, host: 'tcp://127.0.0.1:1', capacity: 2, labels: ['platform=linux/arm64', 'gpu=yes', 'gpu=yes'] })
    expect(second.data!.addDockerEngine).toMatchObject({ dockerEngine: { name: labelled, capacity: 2, labels: ['platform=linux/arm64', 'gpu=yes'], reachable: false }, userErrors: [] })
    const names = (await world.ok(EnginesList)).dockerEngines.map((engine) => engine.name)
    expect(names.slice(0, 2)).toEqual(['a', 'b'])
    expect(names).toContain(name)
    expect(names).toContain(labelled)
  })

  it('is for administrators only', async () => {
    const name = uniqueName()
    const forbidden = await add({ name, host: 'unix:///nonexistent/x.sock' }, member.token)
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    const anonymous = await add({ name, host: 'unix:///nonexistent/x.sock' }, null)
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    expect(await world.app.db.engine.count({ where: { name } })).toBe(0)
  })

  it('names the field of a bad name, host, capacity or label, and writes nothing', async () => {
    const before = await world.app.db.engine.count()
    const errors = async (input: { name?: string; host?: string; capacity?: number; labels?: string[] }) =>
      (await add({ name: uniqueName(), host: 'unix:///nonexistent/x.sock', ...input })).data!.addDockerEngine
    const cases: [Parameters<typeof errors>[0], string[]][] = [
      [{ name: 'Upper' }, ['input', 'name']],
      [{ name: '' }, ['input', 'name']],
      [{ name: '-dash' }, ['input', 'name']],
      [{ name: 'x'.repeat(64) }, ['input', 'name']],
      [{ host: 'ftp://example.test' }, ['input', 'host']],
      [{ host: 'tcp://no-port' }, ['input', 'host']],
      [{ host: '' }, ['input', 'host']],
      [{ capacity: 0 }, ['input', 'capacity']],
      [{ capacity: -3 }, ['input', 'capacity']],
      [{ capacity: 1001 }, ['input', 'capacity']],
      [{ labels: ['gpu=yes', 'no-equals-sign'] }, ['input', 'labels', '1']],
      [{ labels: ['Key=value'] }, ['input', 'labels', '0']],
      [{ labels: ['key='] }, ['input', 'labels', '0']],
      [{ labels: Array.from({ length: 17 }, (_, i) => `k${i}=v`) }, ['input', 'labels']],
    ]
    for (const [input, field] of cases) {
      const payload = await errors(input)
      expect(payload, JSON.stringify(input)).toEqual({ dockerEngine: null, userErrors: [{ field, code: 'INVALID', message: expect.any(String) }] })
    }
    expect(await world.app.db.engine.count()).toBe(before)
  })

  it('refuses a name that is taken', async () => {
    for (const name of ['a', 'b']) {
      const { data } = await add({ name, host: 'unix:///nonexistent/other.sock' })
      expect(data!.addDockerEngine).toEqual({ dockerEngine: null, userErrors: [{ field: ['input', 'name'], code: 'TAKEN', message: `An engine named ${name} already exists` }] })
    }
    expect((await engineNamed('a'))!.host).toBe('unix:///nonexistent/a.sock')
  })
})

describe('updateDockerEngine', () => {
  it('changes the host, capacity and labels, and drains and undrains', async () => {
    const name = uniqueName()
    await add({ name, host: 'unix:///nonexistent/u.sock' })
    const changed = await world.ok(EnginesUpdate, { input: { name, host: 'tcp://127.0.0.1:1', capacity: 9, labels: ['zone=eu'] } })
    expect(changed.updateDockerEngine).toEqual({
      dockerEngine: { name, host: 'tcp://127.0.0.1:1', capacity: 9, labels: ['zone=eu'], draining: false, runningJobs: 0 },
      userErrors: [],
    })
    const drained = await world.ok(EnginesUpdate, { input: { name, draining: true } })
    // What is not given stays as it was.
    expect(drained.updateDockerEngine.dockerEngine).toEqual({ name, host: 'tcp://127.0.0.1:1', capacity: 9, labels: ['zone=eu'], draining: true, runningJobs: 0 })
    expect(await engineNamed(name)).toMatchObject({ draining: true })
    // Members see the drain too.
    const seen = (await world.ok(EnginesList, undefined, { token: member.token })).dockerEngines.find((engine) => engine.name === name)
    expect(seen).toMatchObject({ draining: true })
    await world.ok(EnginesUpdate, { input: { name, draining: false, labels: [] } })
    expect(await engineNamed(name)).toMatchObject({ draining: false, labels: [] })
  })

  it('is for administrators only', async () => {
    const forbidden = await world.run(EnginesUpdate, { input: { name: 'a', draining: true } }, { token: member.token })
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    const anonymous = await world.run(EnginesUpdate, { input: { name: 'a', draining: true } }, { token: null })
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    expect(await engineNamed('a')).toMatchObject({ draining: false })
  })

  it('says NOT_FOUND for an unknown engine, and names the field of a bad value, changing nothing', async () => {
    const unknown = await world.ok(EnginesUpdate, { input: { name: 'no-such-engine', draining: true } })
    expect(unknown.updateDockerEngine).toMatchObject({ dockerEngine: null, userErrors: [{ field: ['input', 'name'], code: 'NOT_FOUND' }] })
    const cases: [Record<string, unknown>, string[]][] = [
      [{ host: 'http://127.0.0.1:2375' }, ['input', 'host']],
      [{ capacity: 0 }, ['input', 'capacity']],
      [{ labels: ['nope'] }, ['input', 'labels', '0']],
    ]
    for (const [change, field] of cases) {
      const { updateDockerEngine } = await world.ok(EnginesUpdate, { input: { name: 'b', ...change } })
      expect(updateDockerEngine, JSON.stringify(change)).toMatchObject({ dockerEngine: null, userErrors: [{ field, code: 'INVALID' }] })
    }
    expect(await engineNamed('b')).toMatchObject({ host: 'unix:///nonexistent/b.sock', capacity: 4, labels: [], draining: false })
  })
})

describe('removeDockerEngine', () => {
  it('removes an idle engine', async () => {
    const name = uniqueName()
    await add({ name, host: 'unix:///nonexistent/r.sock' })
    expect((await world.ok(EnginesRemove, { input: { name } })).removeDockerEngine).toEqual({ removedName: name, userErrors: [] })
    expect(await engineNamed(name)).toBeUndefined()
    expect(await world.app.db.engine.count({ where: { name } })).toBe(0)
    // Gone: a second removal finds nothing.
    expect((await world.ok(EnginesRemove, { input: { name } })).removeDockerEngine).toMatchObject({ removedName: null, userErrors: [{ field: ['input', 'name'], code: 'NOT_FOUND' }] })
  })

  it('is for administrators only', async () => {
    const forbidden = await world.run(EnginesRemove, { input: { name: 'b' } }, { token: member.token })
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    const anonymous = await world.run(EnginesRemove, { input: { name: 'b' } }, { token: null })
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    expect(await engineNamed('b')).toBeDefined()
  })

  it('says NOT_FOUND for an unknown engine', async () => {
    const { removeDockerEngine } = await world.ok(EnginesRemove, { input: { name: 'no-such-engine' } })
    expect(removeDockerEngine).toMatchObject({ removedName: null, userErrors: [{ field: ['input', 'name'], code: 'NOT_FOUND' }] })
  })

  it("refuses an engine that holds a tag's image, until the tag is gone", async () => {
    const name = uniqueName()
    await add({ name, host: 'unix:///nonexistent/t.sock' })
    const engine = await world.app.db.engine.findUniqueOrThrow({ where: { name } })
    const image = await imageOf(member.id)
    const tag = await world.app.db.tag.create({ data: { imageId: image.id, name: 'v1', engineImageId: `sha256:${'a'.repeat(64)}`, engineId: engine.id } })
    expect((await world.ok(EnginesTagFields, { id: gid('Tag', tag.id) })).node).toEqual({ name: 'v1', engineName: name })

    const { removeDockerEngine } = await world.ok(EnginesRemove, { input: { name } })
    expect(removeDockerEngine).toEqual({ removedName: null, userErrors: [{ field: ['input', 'name'], code: 'INVALID', message: expect.stringContaining('holds the images of 1 tag(s)') }] })
    expect(await engineNamed(name)).toBeDefined()

    await world.app.db.tag.delete({ where: { id: tag.id } })
    expect((await world.ok(EnginesRemove, { input: { name } })).removeDockerEngine).toEqual({ removedName: name, userErrors: [] })
  })

  it('refuses an engine with a running build, until it has ended', async () => {
    const name = uniqueName()
    await add({ name, host: 'unix:///nonexistent/j.sock', labels: ['pool=jobs'] })
    const engine = await world.app.db.engine.findUniqueOrThrow({ where: { name } })
    const build = await runningBuildOn(engine.id)
    await world.app.db.build.update({ where: { id: build.id }, data: { engineLabels: ['pool=jobs'] } })
    expect((await world.ok(EnginesBuildFields, { id: gid('Build', build.id) })).build).toEqual({ attempt: 1, engineName: name, engineLabels: ['pool=jobs'] })
    expect(await engineNamed(name)).toMatchObject({ runningJobs: 1 })

    const { removeDockerEngine } = await world.ok(EnginesRemove, { input: { name } })
    expect(removeDockerEngine).toEqual({ removedName: null, userErrors: [{ field: ['input', 'name'], code: 'INVALID', message: expect.stringContaining('runs 1 job(s)') }] })
    expect(await engineNamed(name)).toBeDefined()

    await world.app.db.build.update({ where: { id: build.id }, data: { state: 'SUCCEEDED', finishedAt: new Date() } })
    expect((await world.ok(EnginesRemove, { input: { name } })).removeDockerEngine).toEqual({ removedName: name, userErrors: [] })
    // The build keeps its record; the engine it ran on is gone.
    expect((await world.ok(EnginesBuildFields, { id: gid('Build', build.id) })).build).toEqual({ attempt: 1, engineName: null, engineLabels: ['pool=jobs'] })
  })
})

describe('buildImage with engineLabels', () => {
  it('refuses labels no engine has, writing no build', async () => {
    const image = await imageOf(member.id)
    const before = await world.app.db.build.count()
    const { buildImage } = await world.ok(
      EnginesBuild,
      { input: { imageId: gid('Image', image.id), dockerfile: 'FROM scratch\n', engineLabels: ['platform=linux/s390x'] } },
      { token: member.token },
    )
    expect(buildImage).toEqual({
      build: null,
      userErrors: [{ field: ['input', 'engineLabels'], code: 'INVALID', message: 'No Docker engine has the labels platform=linux/s390x' }],
    })
    expect(await world.app.db.build.count()).toBe(before)
  })

  it('refuses a malformed label, naming it', async () => {
    const image = await imageOf(member.id)
    const before = await world.app.db.build.count()
    for (const [labels, field] of [
      [['not a label'], ['input', 'engineLabels', '0']],
      [['zone=eu', '=x'], ['input', 'engineLabels', '1']],
    ] as const) {
      const { buildImage } = await world.ok(
        EnginesBuild,
        { input: { imageId: gid('Image', image.id), dockerfile: 'FROM scratch\n', engineLabels: [...labels] } },
        { token: member.token },
      )
      expect(buildImage).toMatchObject({ build: null, userErrors: [{ field: [...field], code: 'INVALID' }] })
    }
    expect(await world.app.db.build.count()).toBe(before)
  })

  it('says DOCKER_UNAVAILABLE when the engines with the labels are unreachable or draining, writing no build', async () => {
    const name = uniqueName()
    await add({ name, host: 'unix:///nonexistent/l.sock', labels: ['platform=linux/riscv64'] })
    const image = await imageOf(member.id)
    const before = await world.app.db.build.count()
    const ask = async () =>
      (
        await world.ok(
          EnginesBuild,
          { input: { imageId: gid('Image', image.id), dockerfile: 'FROM scratch\n', engineLabels: ['platform=linux/riscv64'] } },
          { token: member.token },
        )
      ).buildImage
    expect(await ask()).toMatchObject({ build: null, userErrors: [{ field: ['input', 'engineLabels'], code: 'DOCKER_UNAVAILABLE', message: expect.stringContaining(name) }] })
    await world.ok(EnginesUpdate, { input: { name, draining: true } })
    expect(await ask()).toMatchObject({ build: null, userErrors: [{ field: ['input', 'engineLabels'], code: 'DOCKER_UNAVAILABLE' }] })
    expect(await world.app.db.build.count()).toBe(before)
  })
})
