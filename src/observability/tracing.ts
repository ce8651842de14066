// Traces: the OpenTelemetry API is always there (a no-op until a provider is registered); the
// SDK, the OTLP exporter and Prisma's instrumentation load only when OTEL_EXPORTER_OTLP_ENDPOINT
// is set, so a server that exports nothing does not pay for them at start or in memory.
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api'
import type { Config } from '../config.js'

export const tracer = trace.getTracer('image-catalog')

export interface Tracing {
  /** Sends what is still buffered and stops exporting. */
  shutdown(): Promise<void>
}

/** Registers the SDK globally, once per process; null when no endpoint is configured. */
export async function startTracing(config: Pick<Config, 'otel'>): Promise<Tracing | null> {
  if (!config.otel) return null
  const { registerTracing } = await import('./otel-sdk.js')
  return registerTracing(config.otel)
}

/** The active span's ids for a log line (pino's mixin); nothing when no span is recording. */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan()
  if (!span?.isRecording()) return {}
  const { traceId, spanId } = span.spanContext()
  return { trace_id: traceId, span_id: spanId }
}

/** The context a request's spans start in: the caller's own trace when it sent a traceparent. */
export function requestContext(headers: Headers): Context {
  return propagation.extract(ROOT_CONTEXT, headers, {
    get: (carrier, key) => carrier.get(key) ?? undefined,
    keys: (carrier) => [...carrier.keys()],
  })
}

/** Marks a span failed with the error's class and message (no stack: spans leave the process). */
export function recordFailure(span: Span, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error)
  span.setStatus({ code: SpanStatusCode.ERROR, message })
  span.setAttribute('error.type', error instanceof Error ? error.constructor.name : typeof error)
}

/** Runs `run` in a span of its own that ends (failed when it throws) with it. */
export function inSpan<T>(name: string, attributes: Attributes, parent: Context, run: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { kind: SpanKind.INTERNAL, attributes }, parent, async (span) => {
    try {
      return await run()
    } catch (error) {
      recordFailure(span, error)
      throw error
    } finally {
      span.end()
    }
  })
}

export { context as otelContext }
