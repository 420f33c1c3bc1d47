import type { RequestTracer } from '../../telemetry/request-trace.js';
import type { InferenceStage } from '../inference-stage.js';

/**
 * Fixes the request's W3C trace context when tracing is configured: a valid inbound `traceparent`
 * (and `tracestate`) makes the request span a child of the caller's span, and every upstream
 * attempt then sends its own `traceparent`. Without a tracer the stage does nothing, so no trace
 * header is ever sent upstream.
 */
export function startTrace(deps: { tracer: RequestTracer | undefined }): InferenceStage {
  const { tracer } = deps;
  if (!tracer) return { name: 'start-trace' };
  return {
    name: 'start-trace',
    run: (ctx) => {
      const { traceparent, tracestate } = ctx.exchange.headers;
      ctx.trace = tracer.start({ traceparent, tracestate });
    },
  };
}
