// The one way this service runs an interactive transaction. How long a transaction may wait to
// start and to finish is set once on the client (see createDb); this adds what a caller cannot
// do alone: run the work again when the database rolled it back for a conflict.
import type { Db, Prisma } from './client.js'

const ATTEMPTS = 3

export interface TransactionOptions {
  /**
   * Failures that mean a concurrent writer got there first and a fresh attempt would see its
   * row, e.g. a unique violation after a check that found nothing under READ COMMITTED.
   */
  retryIf?: (error: unknown) => boolean
}

/**
 * Runs `work` in one transaction, again (up to three times in all) after a write conflict or
 * deadlock (P2034) or a failure `retryIf` accepts. `work` must touch only the database, since
 * it may run more than once. Other busy failures are not retried: they already waited their
 * whole budget, and reach the client as SERVICE_BUSY.
 */
export async function transaction<T>(db: Db, work: (tx: Prisma.TransactionClient) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(work)
    } catch (error) {
      const conflict = (error as { code?: string } | null)?.code === 'P2034' || options.retryIf?.(error) === true
      if (!conflict || attempt === ATTEMPTS) throw error
    }
  }
}
