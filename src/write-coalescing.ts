// A subscription's events go out one at a time, each a write of its own, and every write that
// reaches an idle socket is a system call: a build's log, published a batch of a thousand lines
// at a time, cost a thousand calls per subscriber. Held (corked) until the event loop's turn
// ends, the writes of one turn leave together, in one call, at the cost of that turn's latency.
import type { Socket } from 'node:net'

const coalescing = new WeakSet<Socket>()
/** The sockets held this turn, released together by one immediate: a line to a thousand subscribers schedules one, not a thousand. */
let held: Socket[] = []

function releaseHeld(): void {
  const sockets = held
  held = []
  for (const socket of sockets) {
    heldNow.delete(socket)
    if (!socket.destroyed) socket.uncork()
  }
}
const heldNow = new WeakSet<Socket>()

/** From now on, whatever is written to the socket within one turn of the event loop is sent at its end. */
export function coalesceWritesPerTurn(socket: Socket): void {
  // A keep-alive connection may carry several streams: once is enough.
  if (coalescing.has(socket)) return
  coalescing.add(socket)
  const write = socket.write
  socket.write = function (this: Socket, ...args: Parameters<Socket['write']>) {
    if (!heldNow.has(socket) && !socket.destroyed) {
      heldNow.add(socket)
      socket.cork()
      if (held.push(socket) === 1) setImmediate(releaseHeld)
    }
    return write.apply(this, args)
  } as Socket['write']
}
