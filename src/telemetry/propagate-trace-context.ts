import { TraceFlags } from '@opentelemetry/api';
import { parseTraceParent, TraceState } from '@opentelemetry/core';
import type { TraceContext } from './request-trace.js';
import { newSpanId, newTraceId } from './trace-ids.js';

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
  const spanId = newSpanId();
  if (!parent) {
    const traceId = newTraceId();
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
