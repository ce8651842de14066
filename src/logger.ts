// The service's log: JSON lines through pino, one logger per app. Levels say who is at fault:
// `info` for what a client got wrong, `error` only for failures of this server.
import { pino, type DestinationStream, type Logger } from 'pino'
import { traceFields } from './observability/tracing.js'

export type { Logger }

export interface LoggerOptions {
  level?: string
  /** Where lines go; stdout when left out. */
  destination?: DestinationStream
}

export function createLogger({ level = 'info', destination }: LoggerOptions = {}): Logger {
  // Every line written inside a traced request carries its trace_id and span_id.
  return pino({ level, mixin: traceFields }, destination)
}
