// A private Docker engine and OCI registry for the engine tests: Debian's docker.io and
// docker-registry, on their own socket, data folder and loopback port, stopped afterwards.
// Nothing can be pulled from the internet here, so the base image (busybox) is built
// locally from busybox-static and pushed to the private registry.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { existsSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Docker from 'dockerode'
import { pack } from 'tar-stream'
import type { TestProject } from 'vitest/node'
import { aptInstall } from './apt.js'
import { freePort, stopProcess } from './processes.js'

export const BASE_IMAGE = 'icat-test/busybox:latest'
// chromium is for the GraphiQL browser test, installed here so no test hook waits on apt.
const PACKAGES = ['docker.io', 'docker-registry', 'busybox-static', 'chromium']

declare module 'vitest' {
  export interface ProvidedContext {
    dockerHost: string
    registryHost: string
  }
}

function have(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

function ensurePackages() {
  if (have('dockerd') && have('docker-registry') && existsSync('/bin/busybox') && existsSync('/usr/bin/chromium')) return
  aptInstall(PACKAGES, 'The engine tests')
}

async function waitFor(what: string, check: () => Promise<boolean>, log: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${what} did not come up within ${timeoutMs} ms; its log:\n${existsSync(log) ? readFileSync(log, 'utf8').slice(-4000) : '(none)'}`)
}

async function buildBaseImage(docker: Docker) {
  const context = pack()
  context.entry({ name: 'Dockerfile' }, 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\nCMD ["/bin/sh"]\n')
  context.entry({ name: 'busybox', mode: 0o755 }, readFileSync('/bin/busybox'))
  context.finalize()
  const stream = await docker.buildImage(context as unknown as NodeJS.ReadableStream, { t: BASE_IMAGE, networkmode: 'none' })
  await followToEnd(docker, stream)
}

/** Reads an engine progress stream (build, import) to its end; fails with the engine's error and the output's tail. */
export function followToEnd(docker: Docker, stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) =>
    docker.modem.followProgress(stream, (error, output: Array<{ stream?: string; status?: string; error?: string }> | undefined) => {
      const text = (output ?? []).map((event) => event.stream ?? (event.status ? `${event.status}\n` : '')).join('')
      const failed = output?.find((event) => event.error)
      if (error || failed) reject(new Error(`${(error as Error | undefined)?.message ?? failed!.error}\n${text.slice(-4000)}`))
      else resolve(text)
    }),
  )
}

/**
 * dockerd leaves its network namespace (exec/netns/default) and its data root mounted when it
 * exits, and a mounted folder cannot be removed (EBUSY): deepest first, each is let go.
 */
function unmountUnder(dir: string) {
  const mounts = readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1]?.replace(/\\040/g, ' '))
    .filter((point): point is string => point !== undefined && point.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length)
  for (const point of mounts) spawnSync('umount', ['-l', point], { stdio: 'ignore' })
}

export interface PrivateEngine {
  dockerHost: string
  registryHost: string
  stop(): Promise<void>
}

/** Starts dockerd and the registry in a fresh folder, with the busybox base image built. */
export async function startPrivateEngine(): Promise<PrivateEngine> {
  ensurePackages()
  const dir = await mkdtemp(path.join(tmpdir(), 'icat-engine-'))
  const socket = path.join(dir, 'docker.sock')
  const dockerLog = path.join(dir, 'dockerd.log')
  const dockerd = spawn(
    'dockerd',
    ['--data-root', path.join(dir, 'data'), '--exec-root', path.join(dir, 'exec'), '-H', `unix://${socket}`, '--pidfile', path.join(dir, 'docker.pid'),
      '--iptables=false', '--ip6tables=false', '--bridge=none', '--storage-driver=vfs'],
    // Its log goes to a file in the run's folder, quoted when something fails.
    { stdio: ['ignore', openSync(dockerLog, 'a'), openSync(dockerLog, 'a')] },
  )
  const registryPort = await freePort()
  const registryConfig = path.join(dir, 'registry.yml')
  writeFileSync(
    registryConfig,
    `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${path.join(dir, 'registry')}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${registryPort}\n`,
  )
  const registry = spawn('docker-registry', ['serve', registryConfig], { stdio: 'ignore' })

  const stopAll = async () => {
    await Promise.all([stopProcess(dockerd), stopProcess(registry)])
    unmountUnder(dir)
    await rm(dir, { recursive: true, force: true })
  }
  try {
    const docker = new Docker({ socketPath: socket })
    await waitFor('dockerd', async () => (await docker.ping()).toString() === 'OK', dockerLog)
    const registryHost = `127.0.0.1:${registryPort}`
    await waitFor('docker-registry', async () => (await fetch(`http://${registryHost}/v2/`)).ok, registryConfig)
    await buildBaseImage(docker)
    return { dockerHost: `unix://${socket}`, registryHost, stop: stopAll }
  } catch (error) {
    await stopAll()
    throw error
  }
}

export default async function setup(project: TestProject) {
  const engine = await startPrivateEngine()
  project.provide('dockerHost', engine.dockerHost)
  project.provide('registryHost', engine.registryHost)
  return engine.stop
}
