// Loaded into a server process a benchmark starts (NODE_OPTIONS="--expose-gc --import <this>"):
// on SIGUSR2 it collects all garbage, then prints the process's memory on stdout, so that the
// benchmark can compare what live objects take rather than when garbage happened to be collected.
//
// With CPU_PROFILE_FILE set, a V8 CPU profile is written there when the process exits (what
// `node --cpu-prof` does, which NODE_OPTIONS may not hold). Each SIGUSR2 starts it afresh, so it
// covers what followed the last memory reading (a benchmark's measured phase), not the start-up.
let restartProfile = () => {}
if (process.env.CPU_PROFILE_FILE) {
  const { Session } = await import('node:inspector')
  const { writeFileSync } = await import('node:fs')
  const session = new Session()
  session.connect()
  session.post('Profiler.enable')
  session.post('Profiler.start')
  restartProfile = () => session.post('Profiler.stop', () => session.post('Profiler.start'))
  // An in-process session answers synchronously, so the profile is written before the exit.
  process.on('exit', () => session.post('Profiler.stop', (error, result) => error || writeFileSync(process.env.CPU_PROFILE_FILE, JSON.stringify(result.profile))))
}

// With HEAP_SNAPSHOT_DIR set, each reading also writes a heap snapshot there (after the
// collection): two of them, compared in DevTools, say what the objects between them are.
const { writeHeapSnapshot } = await import('node:v8')
let snapshots = 0

process.on('SIGUSR2', () => {
  globalThis.gc()
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage()
  if (process.env.HEAP_SNAPSHOT_DIR) writeHeapSnapshot(`${process.env.HEAP_SNAPSHOT_DIR}/reading-${++snapshots}.heapsnapshot`)
  process.stdout.write(`\nmemory-probe ${JSON.stringify({ rss, heapUsed, heapTotal, external, arrayBuffers })}\n`)
  restartProfile()
})
