// Base images for building the project's Dockerfile where no image can be pulled: root
// filesystems made of this machine's own files, loaded with `docker import`. The runtime one
// holds what the official node:20-bookworm-slim holds for us (node and the libraries ldd lists);
// the build one adds npm and, from the installed Debian packages, what node-gyp needs to compile
// better-sqlite3 when no prebuilt binary can be downloaded (python3, make, g++), as the official
// node:20-bookworm does.
import { execFileSync, spawn } from 'node:child_process'
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type Docker from 'dockerode'
import { followToEnd } from './engine-setup.js'

const NODE = '/usr/bin/node'
const NPM = '/usr/lib/node_modules/npm'
const NPM_GLOBAL_CONFIG = '/usr/etc/npmrc'
const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt'
/** bookworm's merged /usr: these are symlinks into it, and files are stored under their real folder. */
const MERGED = { bin: 'usr/bin', sbin: 'usr/sbin', lib: 'usr/lib', lib64: 'usr/lib64' }
const BUILD_PACKAGES = ['nodejs', 'g++', 'make', 'python3', 'dash', 'coreutils', 'sed', 'grep']
const UNNEEDED = /^\/usr\/share\/(doc|man|info|locale|lintian)\//
// The official images' `node` user (uid 1000), which the Dockerfile runs as.
const PASSWD = 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n'
const GROUP = 'root:x:0:\nnode:x:1000:\n'

/** The file at its real folder (not through /lib or /bin), so that the tar never writes through a symlink. */
function canonical(file: string): string {
  return path.join(realpathSync(path.dirname(file)), path.basename(file))
}

function sharedLibraries(binary: string): string[] {
  return execFileSync('ldd', [binary], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /(\/\S+)\s+\(0x/.exec(line)?.[1])
    .filter((file): file is string => Boolean(file))
}

function installedPackageFiles(packages: string[]): string[] {
  const closure = execFileSync(
    'apt-cache',
    ['depends', '--recurse', '--installed', '--no-recommends', '--no-suggests', '--no-conflicts', '--no-breaks', '--no-replaces', '--no-enhances', ...packages],
    { encoding: 'utf8' },
  )
    .split('\n')
    .filter((line) => /^[a-z0-9]/.test(line))
  const files = execFileSync('dpkg', ['-L', ...new Set(closure)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\n')
  return files.filter((file) => file.startsWith('/') && !UNNEEDED.test(file))
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.join(entry.parentPath, entry.name))
}

/**
 * The files of a root filesystem, streamed by tar (hundreds of MB: never held in memory): a
 * staging folder with what this machine's own /etc must not give away, then the chosen files.
 */
class RootFilesystem {
  private readonly files = new Set<string>()

  /** A file, or a symlink and what it points to; a package's folder entries and vanished files add nothing. */
  add(given: string) {
    let file: string
    try {
      file = canonical(given)
    } catch {
      return
    }
    // The merged-/usr links themselves come from the staging folder.
    if (this.files.has(file) || path.dirname(file) === '/' && file.slice(1) in MERGED) return
    const stat = lstatSync(file, { throwIfNoEntry: false })
    if (!stat || stat.isDirectory()) return
    this.files.add(file)
    if (stat.isSymbolicLink()) this.add(path.resolve(path.dirname(file), readlinkSync(file)))
  }

  async stream(): Promise<{ tar: NodeJS.ReadableStream; done: Promise<void>; cleanup(): Promise<void> }> {
    const staging = await mkdtemp(path.join(tmpdir(), 'icat-rootfs-'))
    // It becomes the image's /: mkdtemp made it 0700, which would shut out every user but root.
    chmodSync(staging, 0o755)
    for (const [link, target] of Object.entries(MERGED)) symlinkSync(target, path.join(staging, link))
    mkdirSync(path.join(staging, 'tmp'), { mode: 0o1777 })
    mkdirSync(path.join(staging, 'etc'))
    writeFileSync(path.join(staging, 'etc/passwd'), PASSWD)
    writeFileSync(path.join(staging, 'etc/group'), GROUP)
    const list = path.join(staging, '.files')
    // Each file's folders are listed too, before it, with their own modes: a folder the engine
    // has to make as it unpacks comes out 0600, which only root can enter (uid 1000 found no node).
    const folders = new Set<string>()
    for (const file of this.files) {
      for (let dir = path.dirname(file); dir !== '/'; dir = path.dirname(dir)) folders.add(dir)
    }
    // The staging folder has its own /etc and /tmp: an entry twice in one layer is refused.
    for (const staged of readdirSync(staging)) folders.delete(`/${staged}`)
    writeFileSync(list, [...[...folders].sort(), ...this.files].map((file) => file.slice(1)).join('\n'))
    const tar = spawn('tar', ['-c', '-C', staging, '--exclude=./.files', '.', '-C', '/', '--no-recursion', '-T', list], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    tar.stderr.on('data', (chunk) => (stderr += chunk))
    const done = new Promise<void>((resolve, reject) =>
      tar.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`tar exited with ${code}: ${stderr}`)))),
    )
    return { tar: tar.stdout, done, cleanup: () => rm(staging, { recursive: true, force: true }) }
  }
}

async function importImage(docker: Docker, rootfs: RootFilesystem, repo: string, changes: string[]): Promise<void> {
  const { tar, done, cleanup } = await rootfs.stream()
  try {
    const [name, tag] = repo.split(':') as [string, string]
    await followToEnd(docker, await docker.importImage(tar, { repo: name, tag, changes }))
    await done
  } finally {
    await cleanup()
  }
}

const ENV = ['ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'CMD ["node"]']

/** node and its libraries: the Dockerfile's NODE_IMAGE. */
export async function importRuntimeImage(docker: Docker, repo: string): Promise<void> {
  const rootfs = new RootFilesystem()
  for (const file of [NODE, ...sharedLibraries(NODE)]) rootfs.add(file)
  await importImage(docker, rootfs, repo, ENV)
}

/** node, npm, the node headers, python3, make and g++, from the installed packages: the Dockerfile's BUILD_IMAGE. */
export async function importBuildImage(docker: Docker, repo: string): Promise<void> {
  const rootfs = new RootFilesystem()
  for (const file of installedPackageFiles(BUILD_PACKAGES)) rootfs.add(file)
  // npm as it is installed here, which may be newer than the one the nodejs package shipped.
  for (const file of filesUnder(NPM)) rootfs.add(file)
  // cc and c++ are update-alternatives links (to gcc, g++), which no package lists.
  for (const file of ['/usr/bin/sh', '/usr/bin/cc', '/usr/bin/c++', '/usr/bin/npm', '/usr/bin/npx']) rootfs.add(file)
  // This machine reaches the npm registry through a TLS proxy that its CA bundle trusts, and its
  // global npmrc points npm at that bundle; an image made for it carries both.
  for (const file of [NPM_GLOBAL_CONFIG, CA_BUNDLE]) if (existsSync(file)) rootfs.add(file)
  // node-gyp would download the headers of this node from nodejs.org; the nodejs package has them.
  await importImage(docker, rootfs, repo, [...ENV, 'ENV npm_config_nodedir=/usr'])
}
