// The database suite runs twice: on the embedded SQLite database and on PostgreSQL.
// Each test file builds its own world (a fresh database and app) in-process.
// Checks that need no database (schema and codegen freshness) run once.
import { createRequire } from 'node:module'
import { defineConfig } from 'vitest/config'

// graphql 16 ships CJS and ESM builds without an exports map: Node (and so Pothos and yoga)
// loads the CJS one, Vite would hand our sources the ESM one, and graphql refuses to mix them.
const graphqlCjs = createRequire(import.meta.url).resolve('graphql')

const databaseSuite = {
  include: ['test/**/*.test.ts'],
  exclude: ['test/static/**', 'test/engine/**', '**/node_modules/**'],
  globalSetup: ['test/support/global-setup.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
}

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      { extends: true, test: { ...databaseSuite, name: 'sqlite', env: { TEST_DATABASE: 'sqlite' } } },
      { extends: true, test: { ...databaseSuite, name: 'postgres', env: { TEST_DATABASE: 'postgres' } } },
      // Against a private Docker engine and registry that the setup starts and stops.
      {
        extends: true,
        test: {
          name: 'engine',
          include: ['test/engine/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts', 'test/support/engine-setup.ts'],
          env: { TEST_DATABASE: 'sqlite' },
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      { extends: true, test: { name: 'static', include: ['test/static/**/*.test.ts'], testTimeout: 60_000 } },
    ],
  },
})
