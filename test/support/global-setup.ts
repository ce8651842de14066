// Makes sure the PostgreSQL server the postgres project needs is running, starting the
// machine's own cluster when it is not (these machines run it; CI may find it stopped).
import { execFileSync } from 'node:child_process'
import { readdirSync, rmSync } from 'node:fs'
import type { TestProject } from 'vitest/node'
import { isPostgresUp, POSTGRES_ADMIN_URL } from './postgres.js'
import { checkRunLog, runLogPath } from './run-log.js'

export default async function setup(project: TestProject) {
  const runLog = runLogPath(project.name)
  rmSync(runLog, { force: true })
  project.provide('runLog', runLog)
  await startPostgres()
  // At the end of the run: no secret in any line any in-process app logged. Vitest reports a
  // teardown's error without failing the run, so the exit code says it.
  return () => {
    try {
      checkRunLog(runLog)
    } catch (error) {
      process.exitCode = 1
      throw error
    }
  }
}

async function startPostgres() {
  if (await isPostgresUp()) return
  try {
    const version = readdirSync('/etc/postgresql')[0]
    if (version) execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' })
  } catch {
    // Reported below with what to do.
  }
  for (let attempt = 0; attempt < 50 && !(await isPostgresUp()); attempt++) await new Promise((r) => setTimeout(r, 200))
  if (!(await isPostgresUp())) {
    throw new Error(`PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL}. Start it, or set TEST_POSTGRES_ADMIN_URL.`)
  }
}
