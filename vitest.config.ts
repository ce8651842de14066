// The database suite runs twice: on the embedded SQLite database and on PostgreSQL.
// Each test file builds its own world (a fresh database and app) in-process.
// Checks that need no database (schema and codegen freshness) run once.
import { defineConfig } from 'vitest/config'

const databaseSuite = {
  include: ['test/**/*.test.ts'],
  exclude: ['test/static/**', '**/node_modules/**'],
  globalSetup: ['test/support/global-setup.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
}

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      { test: { ...databaseSuite, name: 'sqlite', env: { TEST_DATABASE: 'sqlite' } } },
      { test: { ...databaseSuite, name: 'postgres', env: { TEST_DATABASE: 'postgres' } } },
      { test: { name: 'static', include: ['test/static/**/*.test.ts'], testTimeout: 60_000 } },
    ],
  },
})
