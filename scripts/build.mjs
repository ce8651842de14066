// Compiles the service to dist/server.js for `node dist/server.js`: one ESM bundle of our own
// sources (the generated Prisma clients included, since they live in src/db/generated), with
// every package left to node_modules. One file to load starts faster than tsc's hundreds of
// modules, and leaving packages external keeps their own file lookups (WASM, GraphiQL assets)
// working unchanged.
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
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
})
