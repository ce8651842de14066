// Subscriptions over Server-Sent Events as the bytes on the wire (src/event-stream.ts): a ping
// first, one `event: next` per result, `event: complete` at the end, and the headers yoga sends;
// a subscription refused at its start is one event with the error, as before.
import { request, type IncomingMessage } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from './gql/index.js'
import { ADMIN_TOKEN, createWorld, gid, type World } from './support/world.js'

const StreamCreateImage = graphql(`
  mutation StreamCreateImage($input: CreateImageInput!) {
    createImage(input: $input) { image { id } }
  }
`)
const StreamUpdateImage = graphql(`
  mutation StreamUpdateImage($input: UpdateImageInput!) {
    updateImage(input: $input) { image { id } userErrors { code } }
  }
`)
const StreamDeleteImage = graphql(`
  mutation StreamDeleteImage($input: DeleteImageInput!) {
    deleteImage(input: $input) { deletedImageId }
  }
`)
const StreamImageUpdated = graphql(`
  subscription StreamImageUpdated($imageId: ID!) {
    imageUpdated(imageId: $imageId) { name description }
  }
`)

/** An SSE subscription over a socket, its body kept as text as it comes. */
function openRaw(url: string, imageId: string) {
  const body = JSON.stringify({ query: StreamImageUpdated.toString(), variables: { imageId } })
  let text = ''
  let waiter: (() => void) | null = null
  const ended = new Promise<void>((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${ADMIN_TOKEN}`, 'content-length': Buffer.byteLength(body) },
    })
    req.once('response', (res: IncomingMessage) => {
      raw.response = res
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        text += chunk
        waiter?.()
      })
      res.once('end', resolve)
    })
    req.once('error', reject)
    req.end(body)
  })
  const raw = {
    response: undefined as IncomingMessage | undefined,
    ended,
    text: () => text,
    /** Resolves once the body holds `count` events. */
    async events(count: number) {
      while ((text.match(/^event: next$/gm) ?? []).length < count) await new Promise<void>((resolve) => (waiter = resolve))
    },
  }
  return raw
}

describe('subscriptions over Server-Sent Events, on the wire', () => {
  let world: World
  let url: string
  beforeAll(async () => {
    world = await createWorld()
    url = await world.app.start()
  })
  afterAll(() => world?.dispose())

  it('pings first, sends each result as one event, then completes and ends the response', async () => {
    const { createImage } = await world.ok(StreamCreateImage, { input: { name: 'stream/wire' } })
    const imageId = createImage.image!.id
    const raw = openRaw(url, imageId)
    await raw.events(1)
    expect(raw.response!.statusCode).toBe(200)
    expect(raw.response!.headers['content-type']).toBe('text/event-stream')
    expect(raw.response!.headers['cache-control']).toBe('no-cache')
    expect(raw.text().startsWith(':\n\n')).toBe(true)

    expect((await world.ok(StreamUpdateImage, { input: { id: imageId, description: 'second' } })).updateImage.userErrors).toEqual([])
    await raw.events(2)
    await world.ok(StreamDeleteImage, { input: { id: imageId } })
    await raw.ended

    // Pings (every 300 ms under NODE_ENV=test) may come between events, never inside one.
    const messages = raw
      .text()
      .split('\n\n')
      .filter((message) => message !== '' && message !== ':')
    expect(messages).toEqual([
      `event: next\ndata: ${JSON.stringify({ data: { imageUpdated: { name: 'stream/wire', description: '' } } })}`,
      `event: next\ndata: ${JSON.stringify({ data: { imageUpdated: { name: 'stream/wire', description: 'second' } } })}`,
      'event: complete\ndata:',
    ])
    expect(raw.text().endsWith('event: complete\ndata:\n\n')).toBe(true)
  })

  it('answers a subscription refused at its start with one event holding the error, and completes', async () => {
    const raw = openRaw(url, gid('Image', 999_999))
    await raw.ended
    const messages = raw
      .text()
      .split('\n\n')
      .filter((message) => message !== '' && message !== ':')
    expect(messages).toHaveLength(2)
    const error = JSON.parse(/^data: (.*)$/m.exec(messages[0]!)![1]!) as { errors: { extensions: Record<string, unknown> }[] }
    expect(error.errors[0]!.extensions.code).toBe('NOT_FOUND')
    // What yoga's plugins keep between themselves stays out of the answer.
    expect(Object.keys(error.errors[0]!.extensions)).not.toContain('http')
    expect(messages[1]).toBe('event: complete\ndata:')
  })
})
