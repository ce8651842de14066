// Production runs the build, not the sources: `npm run build` writes dist/server.js, and
// `node dist/server.js`, with no TypeScript compiler loaded, migrates a new database, answers,
// says it is ready, and stops cleanly on SIGTERM. (test/engine/dockerfile.test.ts runs the same
// build from an `npm ci --omit=dev` install inside the image.)
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_TOKEN } from '../support/admin-token.js'
import { startServer, type Running } from '../support/processes.js'

const root = path.resolve(import.meta.dirname, '../..')
let dataDir: string
let server: Running

beforeAll(async () => {
  await promisify(execFile)(process.execPath, ['scripts/build.mjs'], { cwd: root })
  dataDir = await mkdtemp(path.join(tmpdir(), 'icat-dist-'))
  server = await startServer({ DATA_DIR: dataDir, ADMIN_TOKEN }, { entry: 'dist' })
}, 120_000)

afterAll(async () => {
  await server?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

describe('node dist/server.js', () => {
  it('is one JavaScript bundle that loads no TypeScript compiler', () => {
    const bundle = readFileSync(path.join(root, 'dist/server.js'), 'utf8')
    expect(bundle).not.toMatch(/from ["']tsx|require\(["']tsx|from ["']typescript["']/)
    const commandLine = readFileSync(`/proc/${server.pid}/cmdline`, 'utf8').split('\0').filter(Boolean)
    expect(commandLine.slice(1)).toEqual(['dist/server.js'])
    expect(existsSync(path.join(dataDir, 'catalog.db'))).toBe(true)
  })

  it('answers a query as the administrator and is ready', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ query: '{ viewer { name isAdmin } images(first: 1) { totalCount } }' }),
    })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { data?: { viewer: { isAdmin: boolean }; images: { totalCount: number } } }
    expect(body.data).toMatchObject({ viewer: { isAdmin: true }, images: { totalCount: 0 } })
    const ready = await fetch(new URL('/ready', server.url))
    expect(ready.status).toBe(200)
    expect(await ready.json()).toMatchObject({ ready: true, database: { reachable: true, migrated: true } })
  })

  it('exits 0 on SIGTERM', async () => {
    await server.stop()
    expect(await server.exited).toEqual({ code: 0, signal: null })
    expect(server.output()).toContain('"msg":"stopped"')
  })
})
