// Probes for whoever runs the process: /health says it lives (200 while it can answer at all);
// /ready says it can serve: the database answers and has every migration this build ships.
// The engine's state is reported but does not decide readiness: without it the catalog still
// serves, and a restart would not bring the engine back.
// They are answered before yoga (whose own /health answers any path that ends so), and are
// not request-logged: a load balancer probes every few seconds.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { DatabaseConfig } from '../config.js'
import type { Db } from '../db/client.js'
import { readMigrations } from '../db/schema-engine.js'
import type { DockerEngine } from '../docker/engine.js'
import { scrubSecrets } from '../logger.js'
import { withTimeout } from '../work/timeout.js'

const DATABASE_TIMEOUT_MS = 2_000

export interface ReadinessSources {
  db: Db
  database: DatabaseConfig
  engine: DockerEngine
  /** True once a graceful stop has begun. */
  stopping: () => boolean
}

export interface Readiness {
  ready: boolean
  status: 'ready' | 'not ready' | 'shutting down'
  database: { reachable: boolean; migrated: boolean; pendingMigrations?: string[]; error?: string }
  engine: { reachable: boolean; version: string | null; apiVersion: string | null; error: string | null }
}

export function probes({ db, database, engine, stopping }: ReadinessSources) {
  const shipped = readMigrations(database.provider).migrationDirectories.map((folder) => folder.path)

  async function databaseState(): Promise<Readiness['database']> {
    try {
      const rows = await withTimeout(
        db.$queryRawUnsafe<{ migration_name: string }[]>('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL'),
        DATABASE_TIMEOUT_MS,
        `The database gave no answer within ${DATABASE_TIMEOUT_MS} ms`,
      )
      const applied = new Set(rows.map((row) => row.migration_name))
      const pending = shipped.filter((name) => !applied.has(name))
      return pending.length === 0 ? { reachable: true, migrated: true } : { reachable: true, migrated: false, pendingMigrations: pending }
    } catch (error) {
      return { reachable: false, migrated: false, error: scrubSecrets(error instanceof Error ? error.message : String(error)) }
    }
  }

  async function readiness(): Promise<Readiness> {
    const [databaseNow, engineNow] = await Promise.all([databaseState(), engine.status()])
    const engineState = { reachable: engineNow.reachable, version: engineNow.version, apiVersion: engineNow.apiVersion, error: engineNow.error }
    // Asked again: the stop may have begun while the checks ran.
    const status = stopping() ? 'shutting down' : databaseNow.migrated ? 'ready' : 'not ready'
    return { ready: status === 'ready', status, database: databaseNow, engine: engineState }
  }

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    res.end(JSON.stringify(body))
  }

  /** Answers /health and /ready (GET or HEAD); false for any other request. */
  return function serveProbe(req: IncomingMessage, res: ServerResponse): boolean {
    const path = (req.url ?? '').split('?')[0]
    if ((path !== '/health' && path !== '/ready') || (req.method !== 'GET' && req.method !== 'HEAD')) return false
    if (path === '/health') {
      answer(res, 200, { status: stopping() ? 'shutting down' : 'ok' })
      return true
    }
    if (stopping()) {
      answer(res, 503, { ready: false, status: 'shutting down' })
      return true
    }
    readiness().then(
      (state) => answer(res, state.ready ? 200 : 503, state),
      () => answer(res, 503, { ready: false, status: 'not ready' }),
    )
    return true
  }
}
