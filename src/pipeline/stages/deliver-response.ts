import type { GuardInference } from '../../guardrails/guard-inference.js';
import type { Usage } from '../../core/canonical/usage.js';
import type { InferenceContext } from '../inference-context.js';
import type { InferenceStage } from '../inference-stage.js';
import { withRouterMetadata } from '../router-metadata.js';

/**
 * Sends what could only be sent once the generation was settled: a whole result (after the output
 * guard: a blocked answer was still produced and billed) or a stream's final priced usage chunk and
 * end marker. Then keeps the response (cache entry, content log) after the last byte went out.
 */
export function deliverResponse(guard: GuardInference): InferenceStage {
  return {
    name: 'deliver',
    // A whole response is written synchronously; only what is kept after it (if anything) is awaited.
    run(ctx) {
      const { outcome, usage } = ctx;
      if (!outcome || !usage) throw new Error('deliver ran before dispatch and settlement');
      if (outcome.kind === 'embeddings') {
        if (!ctx.codec.encodeEmbeddings) throw new Error(`the ${ctx.route} codec cannot encode embeddings`);
        const body = ctx.codec.encodeEmbeddings({ ctx, result: outcome.result, usage });
        const text = ctx.exchange.writeJson(200, ctx.responseHeaders, body);
        return ctx.recorder?.keepJson(text);
      }
      if (outcome.kind === 'result') {
        guard.guardResult(ctx, outcome.result);
        const body = ctx.codec.encodeResult({ ctx, result: outcome.result, usage });
        const text = ctx.exchange.writeJson(200, ctx.responseHeaders, withRouterMetadata(ctx, body));
        // Router metadata is per request and never replayed from the cache (as on OpenRouter).
        return ctx.recorder?.keepJson(ctx.routing.explain && text !== undefined ? JSON.stringify(body) : text);
      }
      return deliverStreamEnd(ctx, usage);
    },
  };
}

/** A stream's final priced usage chunk and end marker, then what is kept of the stream. */
async function deliverStreamEnd(ctx: InferenceContext, usage: Usage): Promise<void> {
  const { sink, output, encoder } = ctx;
  if (!sink || !output || !encoder) return;
  if (!output.closed) {
    // One write for both (one chunked frame; the end's terminator joins it in the same writev).
    await output.sendMany([encoder.encodeUsage(usage), encoder.donePayload ?? '[DONE]']);
  }
  if (sink.closed && !ctx.exchange.ended) ctx.cancelled = true;
  sink.end();
  await ctx.recorder?.keepStream();
}
