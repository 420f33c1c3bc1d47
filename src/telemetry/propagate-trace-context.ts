import { TraceFlags } from '@opentelemetry/api';
import { parseTraceParent, TraceState } from '@opentelemetry/core';
import { randomBytes } from 'node:crypto';
import type { TraceContext } from './request-trace.js';

/**
 * W3C trace and span ids (random, never all zero). Generated here rather than with the OTel SDK's
 * generator so the request path does not load the SDK when no collector is configured.
 */
const ids = {
  generateTraceId: () => nonZeroHex(16),
  generateSpanId: () => nonZeroHex(8),
};

function nonZeroHex(bytes: number): string {
  for (;;) {
    const id = randomBytes(bytes).toString('hex');
    if (!/^0+$/.test(id)) return id;
  }
}

/**
 * Starts a request's trace context from its W3C `traceparent` / `tracestate` headers
 * (https://www.w3.org/TR/trace-context/): a valid parent makes the request span its child and
 * decides sampling by its `sampled` flag; an absent, repeated or malformed one starts a new trace
 * sampled by `sampleNewTrace`. Nothing is shared between requests.
 */
export function startTraceContext(
  headers: { traceparent?: string | string[] | undefined; tracestate?: string | string[] | undefined },
  sampleNewTrace: (traceId: string) => boolean,
): TraceContext {
  const parent = typeof headers.traceparent === 'string' ? parseTraceParent(headers.traceparent.trim()) : null;
  const spanId = ids.generateSpanId();
  if (!parent) {
    const traceId = ids.generateTraceId();
    return { traceId, spanId, parentSpanId: undefined, sampled: sampleNewTrace(traceId), traceState: undefined, attemptSpanIds: [] };
  }
  const state = headers.tracestate === undefined ? '' : Array.isArray(headers.tracestate) ? headers.tracestate.join(',') : headers.tracestate;
  const traceState = state ? new TraceState(state).serialize() || undefined : undefined;
  return {
    traceId: parent.traceId,
    spanId,
    parentSpanId: parent.spanId,
    sampled: (parent.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED,
    traceState,
    attemptSpanIds: [],
  };
}

/**
 * The headers an upstream attempt sends: `traceparent` naming that attempt's CLIENT span (the
 * same id for every call of one attempt) and the caller's `tracestate`, if any.
 */
export function attemptTraceHeaders(trace: TraceContext, attemptIndex: number): Record<string, string> {
  const spanId = (trace.attemptSpanIds[attemptIndex] ??= ids.generateSpanId());
  const traceparent = `00-${trace.traceId}-${spanId}-${trace.sampled ? '01' : '00'}`;
  return trace.traceState ? { traceparent, tracestate: trace.traceState } : { traceparent };
}
