// A registry stand-in on loopback, for tests that need a registry to answer one thing their
// way: `answer` handles the requests a test is about (returning true when it did); any other
// request gets the Distribution API's 200 with its version header, as /v2/ does.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { freePort } from './processes.js'

export async function registryStandIn(answer: (req: IncomingMessage, res: ServerResponse) => boolean = () => false): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (answer(req, res)) return
    res.writeHead(200, { 'content-type': 'application/json', 'docker-distribution-api-version': 'registry/2.0' }).end('{}')
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}
