// How the remote catalog reaches a registry, against the real docker-registry: its
// /v2/_catalog read page by page through its Link headers (the service reads 100
// repositories a page; here pages of 2, so seven repositories span four pages), and a
// registry behind a self-signed certificate, trusted only when its registry says so.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../gql/index.js'
import type { Registry } from '../../src/db/client.js'
import { RemoteCatalog } from '../../src/registries/remote.js'
import { registryFetch, startRegistry, type TestRegistry } from '../support/registries.js'
import { createWorld, type World } from '../support/world.js'

const TransportTags = graphql(`
  query TransportTags($reference: String!) { remoteTags(reference: $reference) { nodes { name } } }
`)
const TransportAddRegistry = graphql(`
  mutation TransportAddRegistry($input: AddRegistryInput!) { addRegistry(input: $input) { registry { id } userErrors { code } } }
`)
const TransportUpdateRegistry = graphql(`
  mutation TransportUpdateRegistry($input: UpdateRegistryInput!) { updateRegistry(input: $input) { userErrors { code } } }
`)

const REPOSITORIES = ['a/app1', 'b/other', 'c/app2', 'd/app3', 'e/zzz', 'f/app4', 'g/app5']

let world: World
let registry: TestRegistry
let row: Registry

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

/** The smallest image a registry takes: a config blob and a manifest with no layers. */
async function putImage(repository: string) {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, config: {} }))
  const started = await registryFetch(registry, `/v2/${repository}/blobs/uploads/`, { method: 'POST' })
  expect(started.status).toBe(202)
  const location = new URL(started.headers.get('location')!, registry.url)
  location.searchParams.set('digest', sha256(config))
  const uploaded = await registryFetch(registry, `${location.pathname}${location.search}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    body: new Uint8Array(config),
  })
  expect(uploaded.status).toBe(201)
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length },
    layers: [],
  })
  const put = await registryFetch(registry, `/v2/${repository}/manifests/1.0`, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
    body: manifest,
  })
  expect(put.status).toBe(201)
}

beforeAll(async () => {
  registry = await startRegistry('htpasswd')
  for (const repository of REPOSITORIES) await putImage(repository)
  world = await createWorld({ REGISTRY_TIMEOUT_MS: '2000' })
  row = await world.app.services.registries.add(await world.app.services.users.authenticate(world.app.config.adminToken!), {
    name: 'paged',
    url: registry.url,
    username: 'ci',
    password: 's3cret',
  })
}, 60_000)

afterAll(async () => {
  await world?.dispose()
  await registry?.stop()
})

describe('searching a registry catalog', () => {
  it('follows Link headers across pages and hands out a cursor where it stopped', async () => {
    const remote = new RemoteCatalog(world.app.services.registries, { catalogPageSize: 2, maxCatalogPages: 2 })
    const names = (page: Awaited<ReturnType<RemoteCatalog['search']>>) => page.items.map((item) => item.node.name)

    const first = await remote.search(row, 'app', { first: 3, after: null })
    expect(names(first)).toEqual(['a/app1', 'c/app2', 'd/app3'])
    // Two pages read, a third announced by the registry's Link header: there may be more.
    expect(first).toMatchObject({ hasNextPage: true, endCursor: 'd/app3', totalCount: null })

    const second = await remote.search(row, 'app', { first: 3, after: first.endCursor })
    expect(names(second)).toEqual(['f/app4', 'g/app5'])
    expect(second).toMatchObject({ hasNextPage: false, endCursor: 'g/app5' })
  })

  it('stops after its page budget with nothing found, and carries on from there', async () => {
    const remote = new RemoteCatalog(world.app.services.registries, { catalogPageSize: 2, maxCatalogPages: 2 })
    const nothingYet = await remote.search(row, 'zzz', { first: 1, after: null })
    expect(nothingYet).toMatchObject({ items: [], hasNextPage: true, endCursor: 'd/app3' })
    const found = await remote.search(row, 'zzz', { first: 1, after: nothingYet.endCursor })
    expect(found.items.map((item) => item.node.name)).toEqual(['e/zzz'])
  })

  it('reads the whole catalog in one page when it fits, as the service does', async () => {
    const page = await world.app.services.remote.search(row, '', { first: 100, after: null })
    expect(page.items.map((item) => item.node.name)).toEqual(REPOSITORIES)
    expect(page.hasNextPage).toBe(false)
  })
})

describe('a registry behind a self-signed certificate', () => {
  it('is refused as REGISTRY_TLS until its registry trusts the certificate, then read', async () => {
    const secure = await startRegistry('htpasswd', { tls: true })
    try {
      const host = new URL(secure.url).host
      // The registry is empty: its NOT_FOUND proves the handshake and the credentials got through.
      const { addRegistry } = await world.ok(TransportAddRegistry, { input: { name: 'self-signed', url: secure.url, username: 'ci', password: 's3cret' } })
      const refused = await world.run(TransportTags, { reference: `${host}/ci/web` })
      expect(refused.errors?.[0]?.extensions).toMatchObject({ reason: 'REGISTRY_TLS', field: ['reference'] })
      expect(refused.errors?.[0]?.message).toContain('trustSelfSignedCert')
      await world.ok(TransportUpdateRegistry, { input: { id: addRegistry.registry!.id, trustSelfSignedCert: true } })
      const trusted = await world.run(TransportTags, { reference: `${host}/ci/web` })
      expect(trusted.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'NOT_FOUND' })
      expect(trusted.errors?.[0]?.message).toContain('NAME_UNKNOWN')
    } finally {
      await secure.stop()
    }
  })
})
