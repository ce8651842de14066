// A site: one data directory and database that several app starts share, like restarts of
// one server (start-up work, the key file, what a database keeps across versions).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildApp, type App } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { createScratchDatabase } from './postgres.js'
import { runLogger } from './run-log.js'
import { databaseKind } from './world.js'

/** One data directory and database that several app starts share, like restarts of one server. */
export async function createSite() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'icat-boot-'))
  const scratch = databaseKind === 'postgres' ? await createScratchDatabase() : null
  const apps: App[] = []
  return {
    dataDir,
    /** (Re)starts the site's app with `env`, stopping the previous one; returns it and what it logged. */
    async start(env: Record<string, string> = {}) {
      await apps.pop()?.stop()
      const logs: string[] = []
      const config = loadConfig({ DATA_DIR: dataDir, ...(scratch ? { DATABASE_URL: scratch.url } : {}), ...env })
      const app = await buildApp(config, { log: (message) => logs.push(message), logger: runLogger() })
      apps.push(app)
      return { app, logs }
    },
    async dispose() {
      for (const app of apps) await app.stop()
      await scratch?.drop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
