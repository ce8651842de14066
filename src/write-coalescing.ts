// A subscription's events go out one at a time, each a write of its own, and every write that
// reaches an idle socket is a system call: a build's log, published a batch of a thousand lines
// at a time, cost a thousand calls per subscriber. Held (corked) until the event loop's turn
// ends, the writes of one turn leave together, in one call, at the cost of that turn's latency.
import type { Socket } from 'node:net'

const coalescing = new WeakSet<Socket>()
/** The releases of the sockets held this turn, run by one immediate: a line to a thousand subscribers schedules one, not a thousand. */
let releases: Array<() => void> = []

function releaseAll(): void {
  const now = releases
  releases = []
  for (const release of now) release()
}

/** From now on, whatever is written to the socket within one turn of the event loop is sent at its end. */
export function coalesceWritesPerTurn(socket: Socket): void {
  // A keep-alive connection may carry several streams: once is enough.
  if (coalescing.has(socket)) return
  coalescing.add(socket)
  const write = socket.write
  let held = false
  const release = () => {
    held = false
    if (!socket.destroyed) socket.uncork()
  }
  socket.write = function (this: Socket, ...args: Parameters<Socket['write']>) {
    if (!held && !socket.destroyed) {
      held = true
      socket.cork()
      if (releases.push(release) === 1) setImmediate(releaseAll)
    }
    return write.apply(this, args)
  } as Socket['write']
}
