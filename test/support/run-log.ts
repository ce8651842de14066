// One log file per test run and project: every in-process app (test worlds and sites) writes
// its whole log there, and the run's global teardown searches it for the fixtures' secrets, so
// a secret that reaches any log line in any test fails the run.
import { readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pino } from 'pino'
import { inject } from 'vitest'
import { createLogger, type Logger } from '../../src/logger.js'
import { ADMIN_TOKEN } from './admin-token.js'

declare module 'vitest' {
  export interface ProvidedContext {
    runLog: string
  }
}

export const runLogPath = (project: string) => path.join(tmpdir(), `icat-test-run-${project}-${process.pid}.log`)

/** The secret the BuildKit tests mount in a build (test/engine/buildkit.test.ts). */
export const BUILD_SECRET = 'build-secret-Zq8vX2pL'

/** The fixtures' secrets, and the shape of every token the service mints. */
const SECRETS: (string | RegExp)[] = [
  ADMIN_TOKEN,
  /\bicat_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/,
  's3cret',
  'do-not-leak',
  'kept-across-restarts',
  'keep-pw',
  'kept-password',
  BUILD_SECRET,
]

/** The secrets found in a log, each with the first line it is on. */
export function secretsIn(log: string): { secret: string; line: string }[] {
  const lines = log.split('\n')
  return SECRETS.flatMap((secret) => {
    const line = lines.find((each) => (typeof secret === 'string' ? each.includes(secret) : secret.test(each)))
    return line === undefined ? [] : [{ secret: String(secret), line }]
  })
}

export function checkRunLog(file: string): void {
  let log: string
  try {
    log = readFileSync(file, 'utf8')
  } catch {
    return // nothing logged in this run
  }
  const found = secretsIn(log)
  if (found.length === 0) return void rmSync(file, { force: true })
  throw new Error(`Secrets in the run's log ${file}:\n${found.map(({ secret, line }) => `  ${secret}: ${line.slice(0, 500)}`).join('\n')}`)
}

let file: ReturnType<typeof pino.destination> | undefined

/** The logger of an in-process app: everything at debug into the run's log, warnings and errors on the test's output too. */
export function runLogger(): Logger {
  // One open file for all the apps of this test file's process; written at once, since a test process may end without flushing.
  file ??= pino.destination({ dest: inject('runLog'), append: true, mkdir: true, sync: true })
  return createLogger({
    level: 'debug',
    destination: pino.multistream([
      { level: 'debug', stream: file },
      { level: 'warn', stream: process.stdout },
    ]),
  })
}
