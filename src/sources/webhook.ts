// POST /hooks/git/<image name>: a git host's push event for an image's build source. The
// answer is plain JSON with an HTTP status, as webhook senders expect, not GraphQL. It runs
// after limitRequestSize, like every request, which bounds a body without a declared length
// as it is read.
import type { IncomingMessage } from 'node:http'
import type { Plugin } from 'graphql-yoga'
import { readAtMost } from '../http-guards.js'
import type { BuildSourceManager } from './build-sources.js'

const PREFIX = '/hooks/git/'
// Push events are JSON of a few KiB; multipart uploads may be larger elsewhere, never here.
const MAX_EVENT_BYTES = 1024 * 1024

export function serveGitHooks(sources: BuildSourceManager, addressOf: (req: IncomingMessage | undefined) => string): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI, serverContext }) {
      if (!url.pathname.startsWith(PREFIX)) return
      const json = (status: number, body: unknown) =>
        endResponse(new fetchAPI.Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }))
      if (request.method !== 'POST') return json(405, { error: 'Send events with POST' })
      const tooLarge = () => json(413, { error: `The event is larger than ${MAX_EVENT_BYTES} bytes` })
      // A declared length is checked before the body is read.
      if (Number(request.headers.get('content-length') ?? 0) > MAX_EVENT_BYTES) return tooLarge()
      let name: string
      try {
        name = decodeURIComponent(url.pathname.slice(PREFIX.length))
      } catch {
        return json(404, { error: 'Not an image name' })
      }
      // A body without a declared length is read only as far as an event may go.
      const body = await readAtMost(request, MAX_EVENT_BYTES)
      if (!body) return tooLarge()
      const answer = await sources.receiveHook(name, request.headers, body, addressOf((serverContext as { req?: IncomingMessage }).req))
      json(answer.status, answer.body)
    },
  }
}
