// One JSON log line per request and per WebSocket operation: request id (kept when sane,
// returned as a header), operation names, status, duration, method, path, client address and
// user id; never the variables' values or a token.
import { createClient } from 'graphql-ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createLogger } from '../src/logger.js'
import { graphql } from './gql/index.js'
import { ADMIN_TOKEN, createWorld, type World } from './support/world.js'

const LoggedViewer = graphql(`
  query LoggedViewer { viewer { id name } }
`)
const LoggedCreateImage = graphql(`
  mutation LoggedCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id } }
  }
`)

type Line = Record<string, unknown> & { msg: string }

describe('the request log', () => {
  let world: World
  let url: string
  const lines: Line[] = []
  const requestLines = () => lines.filter((line) => line.msg === 'request' || line.msg === 'ws operation')
  beforeAll(async () => {
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Line) } })
    world = await createWorld({ PORT: '0' }, { logger })
    url = await world.app.start()
  })
  afterAll(() => world?.dispose())

  async function request(body: object, headers: Record<string, string> = {}) {
    lines.length = 0
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
    await response.text()
    return response
  }

  it('writes a line with the operation, status, duration, request id, method, path, client and user id', async () => {
    const response = await request({ query: LoggedViewer.toString() }, { authorization: `Bearer ${ADMIN_TOKEN}` })
    const id = response.headers.get('x-request-id')
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(requestLines()).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'request',
        reqId: id,
        transport: 'http',
        method: 'POST',
        path: '/graphql',
        client: '127.0.0.1',
        operations: ['query LoggedViewer'],
        userId: 1,
        status: 200,
        durationMs: expect.any(Number),
      }),
    ])
  })

  it('keeps a sane incoming x-request-id and replaces one that is not', async () => {
    const kept = await request({ query: '{ __typename }' }, { 'x-request-id': 'trace-0af7651916cd43dd8448eb211c80319c' })
    expect(kept.headers.get('x-request-id')).toBe('trace-0af7651916cd43dd8448eb211c80319c')
    expect(requestLines()[0]).toMatchObject({ reqId: 'trace-0af7651916cd43dd8448eb211c80319c', operations: ['query (anonymous)'] })
    expect(requestLines()[0]).not.toHaveProperty('userId')
    for (const insane of ['a"b', 'x'.repeat(129), 'two words', '{"level":60}']) {
      const replaced = await request({ query: '{ __typename }' }, { 'x-request-id': insane })
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
      expect(JSON.stringify(requestLines())).not.toContain(insane)
    }
  })

  it('names the variables but never their values, and never the token', async () => {
    const secretName = 'logged/not-this-value'
    await request({ query: LoggedCreateImage.toString(), variables: { input: { name: secretName } } }, { authorization: `Bearer ${ADMIN_TOKEN}` })
    expect(requestLines()).toEqual([expect.objectContaining({ operations: ['mutation LoggedCreateImage'], variables: ['input'], status: 200 })])
    expect(JSON.stringify(lines)).not.toContain(secretName)
    expect(JSON.stringify(lines)).not.toContain(ADMIN_TOKEN)
  })

  it('logs a refused request with its status and the operation it asked for, without the bad token', async () => {
    const badToken = 'icat_not-a-token-anyone-was-given-000000000'
    const response = await request({ query: LoggedViewer.toString(), operationName: 'LoggedViewer' }, { authorization: `Bearer ${badToken}` })
    expect(response.status).toBe(401)
    expect(requestLines()).toEqual([expect.objectContaining({ status: 401, operations: ['LoggedViewer'] })])
    expect(requestLines()[0]).not.toHaveProperty('userId')
    expect(JSON.stringify(lines)).not.toContain(badToken)
    // Without an operationName, the document's own operation name.
    await request({ query: LoggedViewer.toString() }, { authorization: `Bearer ${badToken}` })
    expect(requestLines()).toEqual([expect.objectContaining({ status: 401, operations: ['LoggedViewer'] })])
    const unparsable = await request({ query: '{ viewer {' })
    expect(requestLines()).toEqual([expect.objectContaining({ status: unparsable.status, operations: [] })])
  })

  it('writes one line per WebSocket operation when it ends, with its error codes', async () => {
    lines.length = 0
    const client = createClient({ url: url.replace('http:', 'ws:'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    try {
      const run = (query: string) =>
        new Promise<void>((resolve, reject) => client.subscribe({ query }, { next: () => {}, error: reject, complete: resolve }))
      await run(LoggedViewer.toString())
      await run('query Missing { node(id: "nope") { id } }')
    } finally {
      await client.dispose()
    }
    expect(requestLines()).toEqual([
      expect.objectContaining({ msg: 'ws operation', transport: 'ws', method: 'WS', operations: ['query LoggedViewer'], userId: 1, errors: [], client: '127.0.0.1', reqId: expect.any(String) }),
      expect.objectContaining({ msg: 'ws operation', operations: ['query Missing'], errors: [expect.any(String)] }),
    ])
  })
})
