// Loaded into a server process a benchmark starts (NODE_OPTIONS="--expose-gc --import <this>"):
// on SIGUSR2 it collects all garbage, then prints the process's memory on stdout, so that the
// benchmark can compare what live objects take rather than when garbage happened to be collected.
process.on('SIGUSR2', () => {
  globalThis.gc()
  const { rss, heapUsed } = process.memoryUsage()
  process.stdout.write(`\nmemory-probe ${JSON.stringify({ rss, heapUsed })}\n`)
})
