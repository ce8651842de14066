// src/write-coalescing.ts over real loopback sockets: what one turn writes to a socket leaves in
// one system call at the turn's end, for every socket written in that turn, in order.
import { createServer, connect, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { coalesceWritesPerTurn } from '../../src/write-coalescing.js'

interface Pair {
  /** The server's side, whose writes are coalesced, with the calls that reached the kernel. */
  sending: Socket
  calls: number[]
  /** What the other side has read so far. */
  received: () => string
  receivedLength: (length: number) => Promise<void>
}

const servers: Server[] = []
const sockets: Socket[] = []
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy()
  for (const server of servers.splice(0)) server.close()
})

async function pair(): Promise<Pair> {
  const server = createServer()
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve))
  const client = connect((server.address() as { port: number }).port, '127.0.0.1')
  const sending = await accepted
  sockets.push(client, sending)
  coalesceWritesPerTurn(sending)
  // Each call to the kernel: _writev for several chunks, _write for one; counted by chunks sent.
  const calls: number[] = []
  const { _writev, _write } = sending as unknown as { _writev: (...args: unknown[]) => void; _write: (...args: unknown[]) => void }
  Object.assign(sending, {
    _writev(this: Socket, chunks: unknown[], ...rest: unknown[]) {
      calls.push(chunks.length)
      return _writev.call(this, chunks, ...rest)
    },
    _write(this: Socket, ...args: unknown[]) {
      calls.push(1)
      return _write.apply(this, args)
    },
  })
  let text = ''
  let waiting: (() => void) | null = null
  client.setEncoding('utf8')
  client.on('data', (chunk: string) => {
    text += chunk
    waiting?.()
  })
  return {
    sending,
    calls,
    received: () => text,
    async receivedLength(length) {
      while (text.length < length) await new Promise<void>((resolve) => (waiting = resolve))
    },
  }
}

describe('coalesceWritesPerTurn', () => {
  it('sends what one turn writes to each of several sockets in one call per socket, in order', async () => {
    const pairs = await Promise.all([pair(), pair(), pair()])
    for (const { sending } of pairs) for (const chunk of ['a', 'b', 'c', 'd']) sending.write(chunk)
    // Nothing has left before the turn ends.
    expect(pairs.map(({ calls }) => calls.length)).toEqual([0, 0, 0])
    await Promise.all(pairs.map((each) => each.receivedLength(4)))
    for (const { calls, received } of pairs) {
      expect(calls).toEqual([4])
      expect(received()).toBe('abcd')
    }
  })

  it('holds each turn apart: the writes of the next turn are a call of their own', async () => {
    const { sending, calls, receivedLength, received } = await pair()
    sending.write('1')
    sending.write('2')
    await receivedLength(2)
    sending.write('3')
    sending.write('4')
    sending.write('5')
    await receivedLength(5)
    expect(calls).toEqual([2, 3])
    expect(received()).toBe('12345')
  })

  it('lets a socket destroyed within the turn go, and still sends the others', async () => {
    const [gone, kept] = await Promise.all([pair(), pair()])
    gone.sending.write('lost')
    kept.sending.write('x')
    kept.sending.write('y')
    gone.sending.destroy()
    await kept.receivedLength(2)
    expect(kept.calls).toEqual([2])
    expect(kept.received()).toBe('xy')
  })

  it('wraps a socket once, however often it is asked (a keep-alive connection carries several streams)', async () => {
    const { sending, calls, receivedLength } = await pair()
    coalesceWritesPerTurn(sending)
    coalesceWritesPerTurn(sending)
    sending.write('p')
    sending.write('q')
    await receivedLength(2)
    expect(calls).toEqual([2])
  })
})
