// Start-up: the first administrator and the registry-password key, across restarts.
import { existsSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { App } from '../src/app.js'
import { ConfigError, loadConfig } from '../src/config.js'
import { graphql } from './gql/index.js'
import { createSite } from './support/site.js'

const BootstrapViewer = graphql(`
  query BootstrapViewer {
    viewer { name isAdmin }
  }
`)

async function viewerOf(app: App, token: string) {
  const response = await app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: BootstrapViewer.toString() }),
  })
  return { status: response.status, body: (await response.json()) as { data?: { viewer: { name: string; isAdmin: boolean } | null } } }
}

describe('start-up', () => {
  let site: Awaited<ReturnType<typeof createSite>> | undefined
  afterEach(async () => {
    await site?.dispose()
    site = undefined
  })

  describe('first administrator', () => {
    it('with ADMIN_TOKEN, the admin signs in with it and nothing is printed', async () => {
      site = await createSite()
      const { app, logs } = await site.start({ ADMIN_TOKEN: 'icat_configured-admin-token' })
      expect(logs).toEqual([])
      const { status, body } = await viewerOf(app, 'icat_configured-admin-token')
      expect(status).toBe(200)
      expect(body.data?.viewer).toEqual({ name: 'admin', isAdmin: true })
      expect(await app.db.user.count()).toBe(1)
    })

    it('without ADMIN_TOKEN, the first start prints a minted token once; the next start prints nothing', async () => {
      site = await createSite()
      const first = await site.start()
      expect(first.logs).toHaveLength(1)
      const token = /\b(icat_[A-Za-z0-9_-]+)/.exec(first.logs[0]!)?.[1]
      expect(token).toBeDefined()
      expect((await viewerOf(first.app, token!)).body.data?.viewer).toEqual({ name: 'admin', isAdmin: true })

      const second = await site.start()
      expect(second.logs).toEqual([])
      // Still the same single administrator, and the printed token still works.
      expect(await second.app.db.user.count({ where: { isAdmin: true } })).toBe(1)
      expect(await second.app.db.apiToken.count()).toBe(1)
      expect((await viewerOf(second.app, token!)).body.data?.viewer?.name).toBe('admin')
    })

    it('a later start with ADMIN_TOKEN signs in the existing admin with it', async () => {
      site = await createSite()
      await site.start()
      const { app, logs } = await site.start({ ADMIN_TOKEN: 'icat_added-later' })
      expect(logs).toEqual([])
      expect((await viewerOf(app, 'icat_added-later')).body.data?.viewer).toEqual({ name: 'admin', isAdmin: true })
      expect(await app.db.user.count()).toBe(1)
    })

    it('creates the default registry once, across restarts', async () => {
      site = await createSite()
      await site.start({ ADMIN_TOKEN: 'icat_x' })
      const { app } = await site.start({ ADMIN_TOKEN: 'icat_x' })
      expect(await app.db.registry.findMany({ where: { isDefault: true }, select: { name: true } })).toEqual([{ name: 'Docker Hub' }])
    })
  })

  describe('registry-password key', () => {
    it('without SECRET_KEY, makes <dataDir>/secret.key (mode 0600) and reuses it on the next start', async () => {
      site = await createSite()
      const keyFile = path.join(site.dataDir, 'secret.key')
      const first = await site.start({ ADMIN_TOKEN: 'icat_x' })
      expect(existsSync(keyFile)).toBe(true)
      expect(statSync(keyFile).mode & 0o777).toBe(0o600)
      const key = await readFile(keyFile, 'utf8')
      expect(Buffer.from(key.trim(), 'base64')).toHaveLength(32)

      const registry = await first.app.db.registry.create({ data: { name: 'private', url: 'https://r.example.test' } })
      const viewer = await first.app.services.users.authenticate('icat_x')
      await first.app.services.registries.update(viewer, registry.id, { username: 'robot', password: 'kept-across-restarts' })

      const second = await site.start({ ADMIN_TOKEN: 'icat_x' })
      expect(await readFile(keyFile, 'utf8')).toBe(key)
      expect(await second.app.services.registries.credentials(registry.id)).toEqual({ username: 'robot', password: 'kept-across-restarts' })
    })

    it('with SECRET_KEY (64 hex digits), makes no key file and uses that key', async () => {
      site = await createSite()
      const env = { ADMIN_TOKEN: 'icat_x', SECRET_KEY: 'ab'.repeat(32) }
      const first = await site.start(env)
      expect(existsSync(path.join(site.dataDir, 'secret.key'))).toBe(false)
      const viewer = await first.app.services.users.authenticate('icat_x')
      const registry = await first.app.services.registries.add(viewer, { name: 'keyed', url: 'https://r.example.test', username: 'u', password: 'pw' })

      const again = await site.start(env)
      expect(await again.app.services.registries.credentials(registry.id)).toEqual({ username: 'u', password: 'pw' })
      // Another key cannot open what this one sealed (GCM authenticates).
      const other = await site.start({ ADMIN_TOKEN: 'icat_x', SECRET_KEY: 'cd'.repeat(32) })
      await expect(other.app.services.registries.credentials(registry.id)).rejects.toThrow()
      expect(existsSync(path.join(site.dataDir, 'secret.key'))).toBe(false)
    })

    it('accepts SECRET_KEY as base64 of 32 bytes', () => {
      const key = Buffer.alloc(32, 7)
      expect(loadConfig({ SECRET_KEY: key.toString('base64') }).secretKey).toEqual(key)
      expect(loadConfig({ SECRET_KEY: 'AB'.repeat(32) }).secretKey).toEqual(Buffer.alloc(32, 0xab))
    })

    it.each([
      ['62 hex digits', 'ab'.repeat(31)],
      ['66 hex digits', 'ab'.repeat(33)],
      ['a short word', 'secret'],
      ['base64 of 16 bytes', Buffer.alloc(16, 1).toString('base64')],
    ])('refuses a SECRET_KEY of %s with a clear config error', (_what, value) => {
      expect(() => loadConfig({ SECRET_KEY: value })).toThrow(ConfigError)
      expect(() => loadConfig({ SECRET_KEY: value })).toThrow('SECRET_KEY: must be 32 bytes, as 64 hex digits or base64')
    })
  })
})
