// What a start loads: dockerode (with ssh2 and BuildKit's gRPC stack) waits for the first engine
// call, so a start that never reaches the engine does not pay for it (src/docker/engine.ts).
import { createRequire } from 'node:module'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createWorld, type World } from './support/world.js'

const dockerodeDir = `${path.sep}node_modules${path.sep}dockerode${path.sep}`
const dockerodeLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes(dockerodeDir))

describe('start-up', () => {
  let world: World | undefined
  afterEach(() => world?.dispose())

  it('loads dockerode on the first engine call, not while the app is built', async () => {
    world = await createWorld({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' })
    expect(dockerodeLoaded()).toBe(false)
    expect((await world.app.services.engine.status()).reachable).toBe(false)
    expect(dockerodeLoaded()).toBe(true)
  })
})
