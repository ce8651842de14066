// Real server processes and a private Redis, for tests where the transport or several
// instances are what is being tested.
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readlinkSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import type { TypedDocumentString } from '../gql/graphql.js'
import { ADMIN_TOKEN } from './admin-token.js'
import { UNTHROTTLED } from './world.js'

const root = path.resolve(import.meta.dirname, '../..')

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

/** SIGTERM, then SIGKILL after 15 s; a process already gone (by exit or by signal) is left be. */
export function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000)
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

export interface Running {
  url: string
  /** The server's own process (node itself, not a wrapper): its /proc entry is the server's. */
  pid: number
  output: () => string
  /** How the process ended, once it has. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  stop(): Promise<void>
  /** Ends the process the way a crash or a lost machine would: no chance to clean up. */
  kill(): Promise<void>
}

/**
 * Starts the server with this environment and waits until it serves: from the sources through
 * tsx, or as production runs it, `node dist/server.js` (built beforehand by `npm run build`).
 */
export function startServer(env: Record<string, string>, { entry = 'sources' }: { entry?: 'sources' | 'dist' } = {}): Promise<Running> {
  const command = entry === 'dist' ? ['dist/server.js'] : ['--import', 'tsx', 'src/server.ts']
  return startNodeProcess(command, { ...UNTHROTTLED, ...env })
}

/**
 * Runs `node <args>` from the project's folder on a free loopback port (PORT, HOST) and waits
 * for it to print `is serving GraphQL`, as the server does; benchmarks start their peers so too.
 */
export async function startNodeProcess(args: string[], env: Record<string, string>): Promise<Running> {
  const port = await freePort()
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${args.join(' ')} did not start within 60 s:\n${output}`))
    }, 60_000)
    const check = () => {
      if (output.includes('is serving GraphQL')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout!.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`))
    })
  })
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    pid: child.pid!,
    output: () => output,
    exited,
    stop: () => stopProcess(child),
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGKILL')
      }),
  }
}

/** A Redis of this test's own on a free loopback port, keeping nothing on disk. */
export async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort()
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis-server did not start')), 15_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.once('error', reject)
  })
  return { url: `redis://127.0.0.1:${port}`, stop: () => stopProcess(child) }
}

/** Runs an operation on a server process over HTTP, as the admin; fails on GraphQL errors. */
export async function postTo<R, V>(server: Running, document: TypedDocumentString<R, V>, variables: V): Promise<R> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ query: document.toString(), variables }),
  })
  const body = (await response.json()) as { data?: R; errors?: unknown[] }
  if (body.errors) throw new Error(JSON.stringify(body.errors))
  return body.data!
}

/** The files this process holds open whose path matches, e.g. a deleted temp file. */
export function openFilesMatching(pattern: RegExp): string[] {
  const fdDir = '/proc/self/fd'
  return readdirSync(fdDir)
    .map((fd) => {
      try {
        return readlinkSync(path.join(fdDir, fd))
      } catch {
        return '' // closed while we looked
      }
    })
    .filter((target) => pattern.test(target))
}
