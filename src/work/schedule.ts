// Cron schedules for jobs that queue themselves (retention runs). graphile-worker parses them:
// on PostgreSQL its runner queues the job once per matching minute across every instance (its
// known_crontabs table remembers the last run); on SQLite the in-process queue asks the same
// parsed schedule every minute, so both backends read a schedule alike.
import { parseCronItems, type ParsedCronItem } from 'graphile-worker'
import type { JobKind } from './work-queue.js'

/** The schedule as graphile-worker runs it; throws graphile-worker's reason when it is not cron. */
export function parseSchedule(kind: JobKind, expression: string): ParsedCronItem {
  const [item] = parseCronItems([{ task: kind, match: expression, identifier: `icat-${kind}`, payload: { id: 0, attempt: 1 } }])
  return item!
}

/** Whether the schedule runs in the minute of `at` (UTC, as graphile-worker counts). */
export function scheduledAt(item: ParsedCronItem, at: Date): boolean {
  return item.match({ min: at.getUTCMinutes(), hour: at.getUTCHours(), date: at.getUTCDate(), month: at.getUTCMonth() + 1, dow: at.getUTCDay() })
}
