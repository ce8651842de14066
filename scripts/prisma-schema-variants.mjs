// The model file is written for SQLite (prisma/schema.prisma); the PostgreSQL variant is
// derived from it here, so that client generation (scripts/prisma-generate.mjs) and
// migration authoring (scripts/create-migration.ts) rewrite it the same way.

/** The PostgreSQL variant: same models, other provider, client only, own output. */
export function postgresSchema(sqliteSchema) {
  const out = sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/generator pothos \{[^}]*\}\n/, '')
    .replace('output       = "../src/db/generated/sqlite"', 'output       = "./postgresql"')
  if (out.includes('"sqlite"') || !out.includes('"./postgresql"')) {
    throw new Error('prisma/schema.prisma no longer has the shape scripts/prisma-schema-variants.mjs rewrites')
  }
  return out
}
