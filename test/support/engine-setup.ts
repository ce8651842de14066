// A private Docker engine and OCI registry for the engine tests: Debian's docker.io and
// docker-registry, on their own socket, data folder and loopback port, stopped afterwards.
// Nothing can be pulled from the internet here, so the base image (busybox) is built
// locally from busybox-static and pushed to the private registry. A test that needs a second
// engine beside it (one to kill, say) starts one with startExtraEngine.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, openSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Docker from 'dockerode'
import { pack } from 'tar-stream'
import type { TestProject } from 'vitest/node'
import { dockerFromHost } from '../../src/docker/engine.js'
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

/** A dockerd whose data root, exec root (and so its own managed containerd), socket, pidfile and log are all in one folder. */
interface Dockerd {
  process: ChildProcess
  docker: Docker
  dockerHost: string
  log: string
}

/**
 * Starts dockerd in dir. Several of these run side by side without clashing: each one starts a
 * containerd of its own (socket and state under its exec root, content under its data root), so
 * no --containerd-namespace is needed. That holds only while no system containerd listens on
 * /run/containerd/containerd.sock: dockerd would use that one instead, and engines sharing it in
 * one namespace see each other's container events.
 */
function spawnDockerd(dir: string): Dockerd {
  const socket = path.join(dir, 'docker.sock')
  const log = path.join(dir, 'dockerd.log')
  const child = spawn(
    'dockerd',
    ['--data-root', path.join(dir, 'data'), '--exec-root', path.join(dir, 'exec'), '-H', `unix://${socket}`, '--pidfile', path.join(dir, 'docker.pid'),
      '--iptables=false', '--ip6tables=false', '--bridge=none', '--storage-driver=vfs'],
    // Its log goes to a file in the run's folder, quoted when something fails.
    { stdio: ['ignore', openSync(log, 'a'), openSync(log, 'a')] },
  )
  return { process: child, docker: new Docker({ socketPath: socket }), dockerHost: `unix://${socket}`, log }
}

function dockerdAnswers(engine: Dockerd): Promise<void> {
  return waitFor('dockerd', async () => (await engine.docker.ping()).toString() === 'OK', engine.log)
}

const readOr = (file: string, fallback = '') => {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return fallback
  }
}
const listOr = (dir: string) => (existsSync(dir) ? readdirSync(dir) : [])
// Gone, or a zombie that nobody reaped yet (in this sandbox pid 1 does not reap what it inherits).
const ended = (pid: number) => ['', 'Z', 'X'].includes(readOr(`/proc/${pid}/stat`).replace(/^.*\) /s, '').charAt(0))

/**
 * containerd dies with dockerd, but a dockerd killed mid-build leaves the RUN step's container
 * running under its containerd-shim, and the container's cgroups behind. They are found by what
 * this folder's containerd wrote: each task's init.pid (checked against the task's cgroup, so a
 * reused pid is left alone) and the shims, whose command line names this folder's containerd
 * socket. Killing a container's init ends every process in its pid namespace. The cgroups are
 * dockerd's cgroupfs ones, /docker/<container id> in each hierarchy.
 */
async function endLeftoverContainers(dir: string, log: string) {
  const exec = path.join(dir, 'exec')
  const tasks = path.join(exec, 'containerd', 'daemon', 'io.containerd.runtime.v2.task')
  const socket = path.join(exec, 'containerd', 'containerd.sock')
  const ids: string[] = []
  const pids: number[] = []
  for (const namespace of listOr(tasks)) {
    for (const id of listOr(path.join(tasks, namespace))) {
      ids.push(id)
      const pid = Number(readOr(path.join(tasks, namespace, id, 'init.pid')))
      if (pid > 0 && readOr(`/proc/${pid}/cgroup`).includes(id)) pids.push(pid)
    }
  }
  if (ids.length === 0) return
  for (const entry of readdirSync('/proc')) {
    if (/^\d+$/.test(entry) && readOr(`/proc/${entry}/cmdline`).split('\0').includes(socket)) pids.push(Number(entry))
  }
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  await waitFor('the end of the containers a killed dockerd left running', async () => pids.every(ended), log, 15_000)
  const hierarchies = ['/sys/fs/cgroup', ...listOr('/sys/fs/cgroup').map((name) => path.join('/sys/fs/cgroup', name))]
  for (const id of ids) {
    for (const hierarchy of hierarchies) {
      try {
        rmdirSync(path.join(hierarchy, 'docker', id))
      } catch {
        // not in this hierarchy
      }
    }
  }
}

/** Stops what still runs (and what a killed dockerd left running), then lets go of dockerd's mounts and removes the folder. */
async function removeEngineFolder(dir: string, processes: ChildProcess[], log: string) {
  await Promise.all(processes.map(stopProcess))
  await endLeftoverContainers(dir, log)
  unmountUnder(dir)
  await rm(dir, { recursive: true, force: true })
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
  const dockerd = spawnDockerd(dir)
  const registryPort = await freePort()
  const registryConfig = path.join(dir, 'registry.yml')
  writeFileSync(
    registryConfig,
    `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${path.join(dir, 'registry')}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:${registryPort}\n`,
  )
  const registry = spawn('docker-registry', ['serve', registryConfig], { stdio: 'ignore' })

  const stopAll = () => removeEngineFolder(dir, [dockerd.process, registry], dockerd.log)
  try {
    await dockerdAnswers(dockerd)
    const registryHost = `127.0.0.1:${registryPort}`
    await waitFor('docker-registry', async () => (await fetch(`http://${registryHost}/v2/`)).ok, registryConfig)
    await buildBaseImage(dockerd.docker)
    return { dockerHost: dockerd.dockerHost, registryHost, stop: stopAll }
  } catch (error) {
    await stopAll()
    throw error
  }
}

export interface ExtraEngine {
  dockerHost: string
  /** Stops dockerd if it still runs and removes its folder, as startPrivateEngine's stop does; also after kill. */
  stop(): Promise<void>
  /** dockerd's pid. */
  pid: number
  /** Sends dockerd a signal (SIGTERM unless told), e.g. SIGKILL to make the engine unreachable mid-build. */
  kill(signal?: NodeJS.Signals): void
  /** How dockerd ended, once it has: after kill, the moment from which the engine no longer answers. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  restart?: never
}

/** A second private dockerd (no registry), with the busybox base image (BASE_IMAGE) loaded from `from`. */
export async function startExtraEngine(from: { dockerHost: string }): Promise<ExtraEngine> {
  ensurePackages()
  const dir = await mkdtemp(path.join(tmpdir(), 'icat-engine-extra-'))
  const dockerd = spawnDockerd(dir)
  const child = dockerd.process
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const stop = () => removeEngineFolder(dir, [child], dockerd.log)
  try {
    await dockerdAnswers(dockerd)
    // The image goes from one engine to the other as the tar `docker save` would write, never on disk.
    const tar = await dockerFromHost(from.dockerHost).getImage(BASE_IMAGE).get()
    const sourceFailed = new Promise<never>((_, reject) => tar.once('error', reject))
    await Promise.race([dockerd.docker.loadImage(tar).then((progress) => followToEnd(dockerd.docker, progress)), sourceFailed])
    return { dockerHost: dockerd.dockerHost, stop, pid: child.pid!, kill: (signal) => void child.kill(signal), exited }
  } catch (error) {
    await stop()
    throw error
  }
}

export default async function setup(project: TestProject) {
  const engine = await startPrivateEngine()
  project.provide('dockerHost', engine.dockerHost)
  project.provide('registryHost', engine.registryHost)
  return engine.stop
}
