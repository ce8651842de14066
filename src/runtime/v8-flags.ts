// V8 settings for the server process, applied before anything compiles WebAssembly. Imported
// first by src/server.ts, so `node dist/server.js` needs no command-line flags.
import { setFlagsFromString } from 'node:v8'

// Prisma's query compiler is a 3 MB WebAssembly module that runs once per query shape (its plans
// are cached). Left to tier up, V8 recompiles it with TurboFan in the background: at start that
// doubled the CPU time and added about 90 MB of peak RSS, and it bought no measurable latency
// (bench/nested-query.bench.ts). Liftoff's baseline code is enough.
setFlagsFromString('--liftoff-only')
