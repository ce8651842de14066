// Prisma CLI configuration. The service itself never shells out to the CLI: it migrates
// at start-up through the WASM schema engine (src/db/migrate.ts). This file lets people
// use `npx prisma studio` / `prisma migrate deploy` on a machine that has the engines.
import path from 'node:path'
import { defineConfig } from 'prisma/config'

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations', 'sqlite') },
  datasource: { url: process.env.DATABASE_URL?.startsWith('file:') ? process.env.DATABASE_URL : 'file:./data/catalog.db' },
})
