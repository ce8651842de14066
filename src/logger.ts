// The service's log: JSON lines through pino, one logger per app. Levels say who is at fault:
// `info` for what a client got wrong, `error` only for failures of this server.
// Secrets are kept out by configuration: `redact` removes the fields that hold them wherever a
// log object can carry them, and the error serializer scrubs the ones a message can quote
// (a URL's password, a token) before the line is written.
import { pino, stdSerializers, type DestinationStream, type Logger, type LoggerOptions as PinoOptions } from 'pino'
import { traceFields } from './observability/tracing.js'

export type { Logger }

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]
export type LogFormat = 'json' | 'pretty'

export interface LoggerOptions {
  level?: LogLevel
  /** `pretty` is for a person at a terminal (pino-pretty); anything that reads the log gets JSON. */
  format?: LogFormat
  /** Where lines go; stdout when left out. */
  destination?: DestinationStream
  /** Fields merged into every line, e.g. the current trace id (pino's `mixin`). */
  mixin?: () => Record<string, unknown>
}

const SECRET_FIELDS = ['authorization', 'cookie', 'set-cookie', 'token', 'password', 'secret', 'adminToken', 'mintedToken', 'secretKey', 'webhookSecret', 'credentials', 'connectionParams']

/** Every place a secret could sit in a log object: top level, one level down (headers, input, variables), and two. */
export const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => [`["${field}"]`, `*["${field}"]`, `*.*["${field}"]`])

// A URL's userinfo and an API token are the secrets a message can quote.
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@]*@/gi
const API_TOKEN = /\bicat_[A-Za-z0-9_-]+/g
const BEARER = /\b(Bearer|Basic)\s+\S+/gi

/** The text with URL credentials, API tokens and bearer values replaced by a mask. */
export function scrubSecrets(text: string): string {
  return text.replace(URL_USERINFO, '$1***@').replace(API_TOKEN, 'icat_***').replace(BEARER, '$1 ***')
}

function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error
  const serialized = stdSerializers.err(error) as unknown as Record<string, unknown>
  for (const [key, value] of Object.entries(serialized)) if (typeof value === 'string') serialized[key] = scrubSecrets(value)
  return serialized
}

export function createLogger({ level = 'info', format = 'json', destination, mixin }: LoggerOptions = {}): Logger {
  const options: PinoOptions = {
    level,
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    serializers: { err: serializeError },
    // Every line written inside a traced request carries its trace_id and span_id.
    mixin: mixin ? () => ({ ...traceFields(), ...mixin() }) : traceFields,
  }
  if (format === 'pretty' && !destination) return pino({ ...options, transport: { target: 'pino-pretty', options: { destination: 1 } } })
  return pino(options, destination)
}
