// Generates both Prisma clients (SQLite and PostgreSQL) from the one model file, offline.
// `prisma generate` only needs *a* schema-engine path to exist; it never runs it for
// client generation, and the real engine cannot be downloaded on these machines.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { postgresSchema } from './prisma-schema-variants.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const prismaCli = path.join(root, 'node_modules', 'prisma', 'build', 'index.js')
const modelFile = path.join(root, 'prisma', 'schema.prisma')
if (!existsSync(prismaCli) || !existsSync(modelFile)) {
  // `npm ci --omit=dev`: the prisma CLI (and its ~100 MB of tooling) is a devDependency, and a
  // production install runs a build made elsewhere, which carries the generated clients in dist/
  // (and may not ship prisma/schema.prisma at all).
  console.log('prisma-generate: no prisma CLI or model (a production install); dist/ carries the generated clients')
  process.exit(0)
}
const generatedDir = path.join(root, 'src', 'db', 'generated')
mkdirSync(generatedDir, { recursive: true })

const pgSchemaPath = path.join(generatedDir, 'postgresql.prisma')
writeFileSync(pgSchemaPath, postgresSchema(readFileSync(modelFile, 'utf8')))

const env = { ...process.env, PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`, PRISMA_SCHEMA_ENGINE_BINARY: prismaCli, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' }
for (const schema of [modelFile, pgSchemaPath]) {
  execFileSync(process.execPath, [prismaCli, 'generate', '--schema', schema, '--no-hints'], { cwd: root, env, stdio: 'inherit' })
}
