// The engine query and what the catalog does when there is no engine.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { graphql } from '../gql/index.js'
import { createWorld, type World } from '../support/world.js'

const EngineStatus = graphql(`
  query EngineStatus {
    dockerEngine { reachable host version apiVersion storageDriver imageCount error }
  }
`)

describe('dockerEngine', () => {
  let world: World
  let dead: World
  beforeAll(async () => {
    world = await createWorld({ DOCKER_HOST: inject('dockerHost') })
    dead = await createWorld({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' })
  })
  afterAll(async () => {
    await world?.dispose()
    await dead?.dispose()
  })

  it('reports a reachable engine with its version, API version, storage driver and image count', async () => {
    const { dockerEngine } = await world.ok(EngineStatus)
    expect(dockerEngine).toMatchObject({ reachable: true, host: inject('dockerHost'), storageDriver: 'vfs', error: null })
    expect(dockerEngine.version).toMatch(/^\d+\.\d+/)
    expect(dockerEngine.apiVersion).toMatch(/^1\.\d+$/)
    expect(dockerEngine.imageCount).toBeGreaterThanOrEqual(1)
  })

  it('reports a missing engine as a state, and the catalog keeps working', async () => {
    const { dockerEngine } = await dead.ok(EngineStatus)
    expect(dockerEngine).toEqual({
      reachable: false,
      host: 'unix:///nonexistent/docker.sock',
      version: null,
      apiVersion: null,
      storageDriver: null,
      imageCount: null,
      error: 'ENOENT',
    })
  })

  it('needs a signed-in caller', async () => {
    const result = await world.run(EngineStatus, undefined, { token: null })
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
  })
})
