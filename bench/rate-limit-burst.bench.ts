// What a burst of 2,000 requests gets from a real server process with the default limits: as
// one API token, as one anonymous client, and as 2,000 guessed tokens from one address; first
// over an empty catalog, then over one seeded with 200 images (the catalog page then returns
// real objects, so the refund is smaller).
// Run: npm run bench:burst
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { parse } from 'graphql'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { requestedCost } from '../src/protection/cost.js'
import { schema } from '../src/schema/index.js'
import { CatalogPage, seedCatalog } from '../test/support/catalog-seed.js'
import { ADMIN_TOKEN } from '../test/support/admin-token.js'
import { startServer, type Running } from '../test/support/processes.js'
import { UNTHROTTLED } from '../test/support/world.js'

const BURST = 2000
const IN_FLIGHT = 50
const SEEDED_IMAGES = 200
const VIEWER = '{ viewer { name } }'
// Empty values: the server's own defaults, not the test kit's large buckets.
const DEFAULT_LIMITS = Object.fromEntries(Object.keys(UNTHROTTLED).map((name) => [name, '']))

async function burst(server: Running, label: string, request: (i: number) => { token: string | null; query: string; variables?: object }) {
  const counts = new Map<string, number>()
  let next = 0
  const started = performance.now()
  const worker = async () => {
    while (next < BURST) {
      const { token, query, variables } = request(next++)
      const outcome = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      }).then(
        async (response) => {
          const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] }
          return `${response.status} ${body.errors?.[0]?.extensions?.code ?? 'answered'}`
        },
        (error: Error & { cause?: { code?: string } }) => `no answer (${error.cause?.code ?? error.message})`,
      )
      counts.set(outcome, (counts.get(outcome) ?? 0) + 1)
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  const seconds = (performance.now() - started) / 1000
  console.log(`  ${label}: ${[...counts].map(([outcome, n]) => `${outcome}: ${n}`).join(', ')} in ${seconds.toFixed(1)} s`)
  if ([...counts.keys()].some((outcome) => outcome.startsWith('no answer'))) console.log(`  the server's last words:\n${server.output().slice(-3000)}`)
}

/** A server process over its own data directory, seeded first (by an app on the same database) when asked. */
async function withServer(images: number, run: (server: Running) => Promise<void>) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'icat-burst-'))
  try {
    if (images > 0) {
      const seeder = await buildApp(loadConfig({ DATA_DIR: dataDir, ADMIN_TOKEN }), { log: () => {} })
      try {
        await seedCatalog(seeder.db, images)
      } finally {
        await seeder.stop()
      }
    }
    const server = await startServer({ DATA_DIR: dataDir, ADMIN_TOKEN, ...DEFAULT_LIMITS })
    try {
      await run(server)
    } finally {
      await server.stop()
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}

const page = (token: string | null) => () => ({ token, query: CatalogPage.toString(), variables: { first: 20 } })
// Worked out by the server's own rules, so that the labels say what the buckets were asked for.
const pageCost = requestedCost(schema, parse(CatalogPage.toString()), 'CatalogPage', { first: 20 })
const viewerCost = requestedCost(schema, parse(VIEWER), undefined, {})

console.log(`${BURST} requests each, ${IN_FLIGHT} in flight, against a node server process (default limits); each burst starts where the one before left its bucket`)
await withServer(0, async (server) => {
  console.log('empty catalog:')
  await burst(server, `one token, viewer (requested ${viewerCost})`, () => ({ token: ADMIN_TOKEN, query: VIEWER }))
  await burst(server, `one token, catalog page of 20 (requested ${pageCost})`, page(ADMIN_TOKEN))
  await burst(server, `anonymous, catalog page of 20 (requested ${pageCost})`, page(null))
  await burst(server, 'guessed tokens, one address', (i) => ({ token: `icat_guess-${i}`, query: VIEWER }))
})
await withServer(SEEDED_IMAGES, async (server) => {
  console.log(`catalog of ${SEEDED_IMAGES} seeded images:`)
  await burst(server, `one token, catalog page of 20 (requested ${pageCost})`, page(ADMIN_TOKEN))
  await burst(server, `anonymous, catalog page of 20 (requested ${pageCost})`, page(null))
})
