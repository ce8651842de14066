// What Node itself costs per idle SSE subscriber: a bare node:http server holding N open
// text/event-stream responses (default 1,000), its RSS and live heap per connection after a
// full collection. The floor under bench:subscribers' "memory per idle subscriber".
// Run: node --expose-gc bench/sse-floor.mjs [N]
import { fork } from 'node:child_process'
import { createServer, request } from 'node:http'

if (process.argv[2] === 'clients') {
  // The subscribers, in a child process, so that their memory is not counted.
  const [port, subscribers] = process.argv.slice(3).map(Number)
  process.once('message', () => {
    let open = 0
    for (let i = 0; i < subscribers; i++) {
      const req = request({ port, host: '127.0.0.1', method: 'POST', agent: false }, (res) => res.once('data', () => ++open === subscribers && process.send('open')))
      req.end('{}')
    }
  })
} else {
  const count = Number(process.argv[2] ?? 1_000)
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    res.write(':\n\n')
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const clients = fork(import.meta.filename, ['clients', String(server.address().port), String(count)])
  const settled = () => new Promise((resolve) => setTimeout(resolve, 500))
  const memory = () => (globalThis.gc(), process.memoryUsage())
  await settled()
  const before = memory()
  clients.send('go')
  await new Promise((resolve) => clients.once('message', resolve))
  await settled()
  const after = memory()
  const kb = (bytes) => `${(bytes / count / 1024).toFixed(1)} KB`
  console.log(`${count} idle SSE responses on a bare node:http server: ${kb(after.rss - before.rss)} RSS and ${kb(after.heapUsed - before.heapUsed)} of live heap per connection`)
  clients.kill()
  server.closeAllConnections()
  server.close()
}
