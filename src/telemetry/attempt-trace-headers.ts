import type { TraceContext } from './request-trace.js';
import { newSpanId } from './trace-ids.js';

/**
 * The headers an upstream attempt sends: `traceparent` naming that attempt's CLIENT span (the
 * same id for every call of one attempt) and the caller's `tracestate`, if any. Kept apart from
 * the OpenTelemetry packages: the request path imports this module whether or not a collector is
 * configured, and those packages are loaded only when one is.
 */
export function attemptTraceHeaders(trace: TraceContext, attemptIndex: number): Record<string, string> {
  const spanId = (trace.attemptSpanIds[attemptIndex] ??= newSpanId());
  const traceparent = `00-${trace.traceId}-${spanId}-${trace.sampled ? '01' : '00'}`;
  return trace.traceState ? { traceparent, tracestate: trace.traceState } : { traceparent };
}
