// Credentials written into URLs before they were refused (registries) or sealed apart (build
// sources): start-up moves them out of the URL, and until then no read shows them.
import { afterEach, describe, expect, it } from 'vitest'
import type { App } from '../src/app.js'
import { loadSecretKey, SecretBox } from '../src/registries/secret-box.js'
import { graphql } from './gql/index.js'
import { ADMIN_TOKEN } from './support/admin-token.js'
import { createSite } from './support/site.js'
import { gid } from './support/world.js'

const StoredRegistries = graphql(`
  query StoredRegistries {
    registries(first: 100) { nodes { name url searchUrl username hasPassword } }
  }
`)
const StoredBuildSource = graphql(`
  query StoredBuildSource($id: ID!) {
    node(id: $id) { ... on Image { buildSource { repositoryUrl } } }
  }
`)

const LEAK = /do-not-leak/

async function read(app: App, query: { toString(): string }, variables: object = {}, token: string | null = ADMIN_TOKEN) {
  const response = await app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: query.toString(), variables }),
  })
  return response.text()
}

describe('credentials stored in URLs', () => {
  let site: Awaited<ReturnType<typeof createSite>> | undefined
  afterEach(async () => {
    await site?.dispose()
    site = undefined
  })

  it("move out of registry URLs into username and the sealed password at start-up; the registry's own win", async () => {
    site = await createSite()
    const { app } = await site.start({ ADMIN_TOKEN })
    const box = new SecretBox(loadSecretKey(undefined, site.dataDir))
    const legacy = await app.db.registry.create({
      data: { name: 'legacy', url: 'http://robot:p@ss:do-not-leak@127.0.0.1:5000', searchUrl: 'http://robot:p@ss:do-not-leak@127.0.0.1:5000/v1/search' },
    })
    const own = await app.db.registry.create({
      data: { name: 'own', url: 'https://x:url-do-not-leak@registry.example.test', username: 'kept', passwordCiphertext: box.seal('kept-password') },
    })
    // Until a restart moves them, reads never show them: anonymous callers, members, administrators.
    for (const token of [null, ADMIN_TOKEN]) {
      const text = await read(app, StoredRegistries, {}, token)
      expect(text).toContain('"url":"http://127.0.0.1:5000"')
      expect(text).not.toMatch(LEAK)
    }

    const { app: restarted } = await site.start({ ADMIN_TOKEN })
    expect(await restarted.db.registry.findUniqueOrThrow({ where: { id: legacy.id } })).toMatchObject({
      url: 'http://127.0.0.1:5000',
      searchUrl: 'http://127.0.0.1:5000/v1/search',
      username: 'robot',
    })
    expect(await restarted.services.registries.credentials(legacy.id)).toEqual({ username: 'robot', password: 'p@ss:do-not-leak' })
    const ownRow = await restarted.db.registry.findUniqueOrThrow({ where: { id: own.id } })
    expect(ownRow).toMatchObject({ url: 'https://registry.example.test', username: 'kept' })
    expect(await restarted.services.registries.credentials(own.id)).toEqual({ username: 'kept', password: 'kept-password' })
    const stored = JSON.stringify(await restarted.db.registry.findMany())
    expect(stored).not.toMatch(LEAK)
    expect(await read(restarted, StoredRegistries)).toContain('{"name":"legacy","url":"http://127.0.0.1:5000","searchUrl":"http://127.0.0.1:5000/v1/search","username":"robot","hasPassword":true}')

    // A second start finds nothing left to move.
    const { app: again } = await site.start({ ADMIN_TOKEN })
    expect(await again.services.registries.credentials(legacy.id)).toEqual({ username: 'robot', password: 'p@ss:do-not-leak' })
  })

  it('move out of build source URLs into the sealed column at start-up, shown as *** before and after', async () => {
    site = await createSite()
    const { app } = await site.start({ ADMIN_TOKEN })
    const box = new SecretBox(loadSecretKey(undefined, site.dataDir))
    const admin = await app.db.user.findFirstOrThrow({ where: { isAdmin: true } })
    const image = await app.db.image.create({ data: { name: 'legacy/app', ownerId: admin.id } })
    const plain = await app.db.image.create({ data: { name: 'legacy/plain', ownerId: admin.id } })
    const source = (imageId: number, repositoryUrl: string) =>
      app.db.buildSource.create({ data: { imageId, repositoryUrl, secretCiphertext: box.seal('webhook-secret') } })
    const legacy = await source(image.id, 'https://ci:p@rt:do-not-leak@git.example.test/app.git')
    await source(plain.id, 'ssh://git@git.example.test/plain.git')
    const shown = async (running: App, id: number) => read(running, StoredBuildSource, { id: gid('Image', id) })
    expect(await shown(app, image.id)).toContain('"repositoryUrl":"https://ci:***@git.example.test/app.git"')
    expect(await shown(app, image.id)).not.toMatch(LEAK)

    const { app: restarted } = await site.start({ ADMIN_TOKEN })
    const row = await restarted.db.buildSource.findUniqueOrThrow({ where: { id: legacy.id } })
    expect(row.repositoryUrl).toBe('https://ci@git.example.test/app.git')
    expect(box.open(row.repositoryPasswordCiphertext!)).toBe('p@rt:do-not-leak')
    expect(await shown(restarted, image.id)).toContain('"repositoryUrl":"https://ci:***@git.example.test/app.git"')
    // A user name alone is no password: that source is left as it was.
    expect(await restarted.db.buildSource.findUniqueOrThrow({ where: { imageId: plain.id } })).toMatchObject({
      repositoryUrl: 'ssh://git@git.example.test/plain.git',
      repositoryPasswordCiphertext: null,
    })
    expect(await shown(restarted, plain.id)).toContain('"repositoryUrl":"ssh://git@git.example.test/plain.git"')
  })
})
