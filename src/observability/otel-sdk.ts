// Loaded only when traces are exported (see tracing.ts). The SDK itself reads the standard
// OTEL_* variables this file leaves alone (OTEL_EXPORTER_OTLP_HEADERS, OTEL_TRACES_SAMPLER,
// OTEL_BSP_*, OTEL_RESOURCE_ATTRIBUTES).
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources'
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node'
import { PrismaInstrumentation } from '@prisma/instrumentation'
import type { OtelConfig } from '../config.js'
import type { Tracing } from './tracing.js'

let registered: Tracing | null = null

export function registerTracing(config: OtelConfig): Tracing {
  // The provider is process-wide (the API's globals); a second app in the process shares it.
  if (registered) return registered
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': config.serviceName }))
    .merge(detectResources({ detectors: [envDetector] }))
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: config.tracesUrl }))],
  })
  // Also installs the AsyncLocalStorage context manager and the W3C traceparent propagator.
  provider.register()
  // Prisma 7 traces through a global hook its client reads at every query; no module patching.
  const prisma = new PrismaInstrumentation()
  prisma.setTracerProvider(provider)
  prisma.enable()
  registered = {
    async shutdown() {
      prisma.disable()
      await provider.shutdown()
    },
  }
  return registered
}
