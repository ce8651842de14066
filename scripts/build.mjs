// Compiles the service to dist/server.js for `node dist/server.js`: one ESM bundle of our sources,
// the generated Prisma clients (src/db/generated) and the pure-JS packages. Measured by
// bench/startup.bench.ts: with packages left in node_modules, Node spent about a second of
// CPU per start resolving, lexing (CJS named exports) and compiling some 1,500 module files;
// one file halves the start's CPU time. Left in node_modules (and so in `dependencies`) are
// the packages that find their own files at run time or load native code:
const external = [
  'better-sqlite3', // native addon
  '@prisma/client', // imports its query compiler (a base64 WASM module per database) on demand
  '@prisma/schema-engine-wasm', // src/db/schema-engine.ts reads its .wasm file beside it
  'pino', // starts transports in worker threads from its own files
  'dockerode', // required on first use (src/docker/engine.ts); loads BuildKit's .proto files
  // optional native speed-ups that their packages require inside try/catch
  'pg-native',
  'bufferutil',
  'utf-8-validate',
]
// A package left external must not import graphql: it would load a second copy of it, and
// graphql refuses schemas and types from another copy.
import { rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outdir = path.join(root, 'dist')
rmSync(outdir, { recursive: true, force: true })
await build({
  absWorkingDir: root,
  entryPoints: ['src/server.ts'],
  outdir,
  bundle: true,
  external,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Dynamic imports become their own files (dist/chunks/), which a start does not read: the
  // OpenTelemetry SDK (src/observability/otel-sdk.ts, loaded only when OTLP export is on) was
  // some 600 kB of server.js that every start parsed and compiled.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // The bundled CommonJS packages call require() for Node's own modules and each other.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // Whitespace and syntax only (identifiers keep their names, so do class names in errors and
  // logs): V8 keeps the source of every module in memory and scans all of it at start, and the
  // bundle shrinks by a third (3.7 to 2.5 MB). The source map maps traces back to src/.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  logLevel: 'warning',
})
