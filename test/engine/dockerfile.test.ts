// The project's own Dockerfile, built on the private engine from base images made of this
// machine's node (nothing can be pulled here), then run: its HEALTHCHECK turns healthy and it
// answers GraphQL. Its runtime stage is `npm ci --omit=dev --omit=optional` + dist/ + `node dist/server.js`,
// so this is also the proof that a production install starts and answers. Last, it runs as
// compose.yaml's catalog service does, with PostgreSQL, Redis and the engine's socket.
import { spawn } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { dockerFromHost } from '../../src/docker/engine.js'
import { ADMIN_TOKEN } from '../support/admin-token.js'
import { followToEnd } from '../support/engine-setup.js'
import { importBuildImage, importRuntimeImage } from '../support/local-node-images.js'
import { createScratchDatabase } from '../support/postgres.js'
import { freePort } from '../support/processes.js'

const root = path.resolve(import.meta.dirname, '../..')
const BUILD_IMAGE = 'icat-test/node-build:20'
const NODE_IMAGE = 'icat-test/node-runtime:20'
const IMAGE = 'icat-test/image-catalog:dockerfile'
// Downloading every package and compiling better-sqlite3 on a busy machine.
const BUILD_TIMEOUT_MS = 40 * 60_000

/** The build context as `docker build .` sends it: the checkout less what .dockerignore names. */
function buildContext(): NodeJS.ReadableStream {
  const tar = spawn('tar', ['-c', '-C', root, '--exclude-from=.dockerignore', '.'], { stdio: ['ignore', 'pipe', 'inherit'] })
  return tar.stdout
}

async function run(docker: Docker, cmd: string[], env: string[] = []): Promise<{ code: number; output: string }> {
  const container = await docker.createContainer({ Image: IMAGE, Cmd: cmd, Env: env, Tty: true, HostConfig: { NetworkMode: 'none' } })
  try {
    await container.start()
    const { StatusCode } = (await container.wait()) as { StatusCode: number }
    return { code: StatusCode, output: (await container.logs({ stdout: true, stderr: true })).toString() }
  } finally {
    await container.remove({ force: true })
  }
}

/** Resolves at the container's first health_status: healthy event; rejects if it dies or turns unhealthy first. */
async function healthy(docker: Docker, container: Docker.Container, started: () => Promise<void>): Promise<void> {
  const events = (await docker.getEvents({ filters: { container: [container.id] } })) as NodeJS.ReadableStream & { destroy(): void }
  try {
    await new Promise<void>((resolve, reject) => {
      let pending = ''
      events.on('data', (chunk: Buffer) => {
        pending += chunk.toString()
        const lines = pending.split('\n')
        pending = lines.pop()!
        for (const line of lines.filter(Boolean)) {
          const status = (JSON.parse(line) as { status?: string }).status ?? ''
          if (status === 'health_status: healthy') resolve()
          if (status === 'health_status: unhealthy' || status === 'die') reject(new Error(`the container reported ${status}`))
        }
      })
      events.on('error', reject)
      started().catch(reject)
    })
  } catch (error) {
    const logs = (await container.logs({ stdout: true, stderr: true })).toString()
    throw new Error(`${(error as Error).message}; its output:\n${logs}`)
  } finally {
    events.destroy()
  }
}

describe('the Dockerfile', () => {
  let docker: Docker
  let server: Docker.Container | undefined

  beforeAll(async () => {
    docker = dockerFromHost(inject('dockerHost'))
    await importBuildImage(docker, BUILD_IMAGE)
    await importRuntimeImage(docker, NODE_IMAGE)
    const stream = await docker.buildImage(buildContext(), {
      t: IMAGE,
      buildargs: { BUILD_IMAGE, NODE_IMAGE },
      // The engine has no bridge; npm ci reaches the registry through the host's network.
      networkmode: 'host',
      rm: true,
      forcerm: true,
    })
    await followToEnd(docker, stream)
  }, BUILD_TIMEOUT_MS)

  afterAll(async () => {
    await server?.remove({ force: true })
    await docker?.getImage(IMAGE).remove({ force: true }).catch(() => {})
  })

  it('runs as a non-root user, from a production install without the build tooling', async () => {
    const image = await docker.getImage(IMAGE).inspect()
    console.log(`image ${IMAGE}: ${(image.Size / 1e6).toFixed(0)} MB`)
    expect(image.Config.User).toBe('1000:1000')
    expect(image.Config.Cmd).toEqual(['node', 'dist/server.js'])
    const probe = await run(docker, [
      'node',
      '-e',
      // By folder: packages with an exports map (Pothos's, Prisma's) do not resolve their package.json.
      `const has = (p) => require('node:fs').existsSync('/app/node_modules/' + p + '/package.json')
       console.log('probe ' + JSON.stringify({ uid: process.getuid(), runtime: has('@pothos/plugin-prisma') && has('better-sqlite3') && has('@prisma/schema-engine-wasm'),
         dev: ['prisma', 'typescript', 'tsx', 'esbuild', 'vitest'].filter(has) }))`,
    ])
    expect(probe.code).toBe(0)
    // Prefixed: docker-modem hands back output that parses as JSON as an object, not as text.
    expect(JSON.parse(probe.output.trim().split('\n').at(-1)!.replace(/^probe /, ''))).toEqual({ uid: 1000, runtime: true, dev: [] })
  })

  it('starts, turns healthy by its HEALTHCHECK and answers a GraphQL query', async () => {
    const port = await freePort()
    server = await docker.createContainer({
      Image: IMAGE,
      Env: [`PORT=${port}`, 'HOST=127.0.0.1', `ADMIN_TOKEN=${ADMIN_TOKEN}`],
      HostConfig: { NetworkMode: 'host' },
    })
    await healthy(docker, server, () => server!.start())
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ query: '{ images(first: 1) { totalCount } }' }),
    })
    expect(((await response.json()) as { data: unknown }).data).toEqual({ images: { totalCount: 0 } })
    // The SQLite database is in the data volume, written by the non-root user.
    const inspected = await server.inspect()
    expect(inspected.Mounts.map((mount) => mount.Destination)).toContain('/data')
  })

  // compose.yaml's own catalog service, with its hosts (postgres, redis) put on loopback, where
  // this machine runs them: nothing else can be pulled to run beside it.
  it("runs as compose.yaml's catalog service: on PostgreSQL and Redis, driving the engine through the mounted socket", async () => {
    const compose = parseYaml(readFileSync(path.join(root, 'compose.yaml'), 'utf8')) as {
      services: { catalog: { environment: Record<string, string>; volumes: string[]; group_add: string[] } }
    }
    const service = compose.services.catalog
    expect(service.environment).toMatchObject({ DATABASE_URL: expect.stringMatching(/^postgresql:\/\/[^@]+@postgres:5432\//), REDIS_URL: 'redis://redis:6379', DOCKER_HOST: 'unix:///var/run/docker.sock' })
    const socketMount = service.volumes.find((volume) => volume.endsWith(':/var/run/docker.sock'))
    expect(socketMount).toBe('/var/run/docker.sock:/var/run/docker.sock')
    expect(service.group_add).toEqual(['${DOCKER_GID:-999}'])
    const hostSocket = inject('dockerHost').replace('unix://', '')
    const database = await createScratchDatabase()
    const port = await freePort()
    const catalog = await docker.createContainer({
      Image: IMAGE,
      Env: [
        `DATABASE_URL=${database.url}`,
        'REDIS_URL=redis://127.0.0.1:6379',
        `DOCKER_HOST=${service.environment.DOCKER_HOST}`,
        `ADMIN_TOKEN=${ADMIN_TOKEN}`,
        `PORT=${port}`,
        'HOST=127.0.0.1',
      ],
      // DOCKER_GID, as compose.yaml's comment tells: the group that owns the socket.
      HostConfig: { NetworkMode: 'host', Binds: [`${hostSocket}:/var/run/docker.sock`], GroupAdd: [String(statSync(hostSocket).gid)] },
    })
    try {
      await healthy(docker, catalog, () => catalog.start())
      const ready = (await (await fetch(`http://127.0.0.1:${port}/ready`)).json()) as { ready: boolean; engine: { reachable: boolean } }
      expect(ready).toMatchObject({ ready: true, database: { reachable: true, migrated: true }, engine: { reachable: true } })
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({ query: '{ dockerEngine { reachable } localImages(first: 50) { nodes { repoTags } } }' }),
      })
      const { data } = (await response.json()) as { data: { dockerEngine: { reachable: boolean }; localImages: { nodes: { repoTags: string[] }[] } } }
      expect(data.dockerEngine.reachable).toBe(true)
      // The engine it reaches is the one it runs on: its own image is there.
      expect(data.localImages.nodes.flatMap((node) => node.repoTags)).toContain(IMAGE)
    } finally {
      await catalog.remove({ force: true })
      await database.drop()
    }
  })

  it('refuses to start on a bad setting, naming the variable', async () => {
    const { code, output } = await run(docker, ['node', 'dist/server.js'], ['DATABASE_URL=mysql://nowhere/catalog'])
    expect(code).not.toBe(0)
    expect(output).toContain('DATABASE_URL')
  })
})
