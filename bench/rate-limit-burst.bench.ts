// What a burst of 2,000 requests gets from a real server process with the default limits:
// as one API token, as one anonymous client, and as 2,000 guessed tokens from one address.
// Run: npm run bench:burst
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { CatalogPage } from '../test/support/catalog-seed.js'
import { ADMIN_TOKEN } from '../test/support/admin-token.js'
import { startServer } from '../test/support/processes.js'

const BURST = 2000
const IN_FLIGHT = 50
const VIEWER = '{ viewer { name } }'

const dataDir = await mkdtemp(path.join(tmpdir(), 'icat-burst-'))
// Empty values: the server's own defaults, not the test kit's large buckets.
const server = await startServer({ DATA_DIR: dataDir, ADMIN_TOKEN, RATE_LIMIT_CAPACITY: '', RATE_LIMIT_RESTORE_RATE: '', FAILED_AUTH_LIMIT: '' })

async function burst(label: string, request: (i: number) => { token: string | null; query: string; variables?: object }) {
  const counts = new Map<string, number>()
  let next = 0
  const started = performance.now()
  const worker = async () => {
    while (next < BURST) {
      const { token, query, variables } = request(next++)
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      })
      const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] }
      const outcome = `${response.status} ${body.errors?.[0]?.extensions?.code ?? 'answered'}`
      counts.set(outcome, (counts.get(outcome) ?? 0) + 1)
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  const seconds = (performance.now() - started) / 1000
  console.log(`${label}: ${[...counts].map(([outcome, n]) => `${outcome}: ${n}`).join(', ')} in ${seconds.toFixed(1)} s`)
}

try {
  console.log(`${BURST} requests each, ${IN_FLIGHT} in flight, against node ${server.url} (default limits)`)
  await burst('one token, viewer (cost 1)', () => ({ token: ADMIN_TOKEN, query: VIEWER }))
  await burst('one token, catalog page of 20 (requested 51402)', () => ({ token: ADMIN_TOKEN, query: CatalogPage.toString(), variables: { first: 20 } }))
  await burst('anonymous, catalog page of 20 (requested 51402)', () => ({ token: null, query: CatalogPage.toString(), variables: { first: 20 } }))
  await burst('guessed tokens, one address', (i) => ({ token: `icat_guess-${i}`, query: VIEWER }))
} finally {
  await server.stop()
  await rm(dataDir, { recursive: true, force: true })
}
