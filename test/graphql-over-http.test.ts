// graphql-http's audit of the GraphQL-over-HTTP spec, every MUST, SHOULD and MAY, against the
// server listening on a loopback port: the transport itself is what is tested.
import { serverAudits } from 'graphql-http'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createWorld, type World } from './support/world.js'

let world: World
let url = ''

beforeAll(async () => {
  world = await createWorld({ PORT: '0', HOST: '127.0.0.1' })
  url = await world.app.start()
})
afterAll(() => world?.dispose())

it('passes every audit of graphql-http', async () => {
  const failed: string[] = []
  const audits = serverAudits({ url })
  for (const audit of audits) {
    const result = await audit.fn()
    if (result.status !== 'ok') failed.push(`${audit.id} ${audit.name}: ${result.reason}`)
  }
  console.log(`graphql-http audits: ${audits.length - failed.length} of ${audits.length} passed`)
  expect(failed).toEqual([])
  expect(audits.length).toBeGreaterThan(50)
})
