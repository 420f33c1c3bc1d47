import { countInputTokens, estimateTokenCounts } from '../../core/estimate-tokens.js';
import { ZERO_TOKENS, type TokenCounts } from '../../core/canonical/usage.js';
import { readEmbeddingInputs } from '../../protocols/shared/read-embedding-inputs.js';
import type { ChatResult } from '../../core/canonical/chat-response.js';
import type { GuardInference } from '../../guardrails/guard-inference.js';
import type { InferenceContext } from '../inference-context.js';
import type { InferenceStage } from '../inference-stage.js';
import { excludesReasoning, stripResultReasoning, withoutStreamReasoning } from '../exclude-reasoning.js';
import { relayStream } from '../relay-stream.js';
import { withStreamRouterMetadata } from '../router-metadata.js';

/**
 * Translate & relay: a stream goes to the client as it arrives, through the inbound dialect's
 * encoder (guarded by output filters when any apply), all but the final priced usage chunk; a
 * whole result is read for its ids, finish reason and tokens (counted when the upstream sent none);
 * embeddings are read for their input tokens.
 * With `reasoning.exclude` the reasoning is counted and billed but not returned.
 */
export function relayResponse(guard: GuardInference): InferenceStage {
  return {
    name: 'relay',
    run(ctx) {
      const outcome = ctx.outcome;
      // A whole result that carries its usage is read synchronously (no promise for the runner to await).
      if (outcome?.kind === 'result' && outcome.result.tokens) {
        readResult(ctx, outcome.result, outcome.result.tokens);
        return;
      }
      return relay(ctx);
    },
  };

  async function relay(ctx: InferenceContext): Promise<void> {
    const outcome = ctx.outcome;
    if (outcome?.kind === 'embeddings') {
      // Embeddings bill their input only; counted here when the upstream reports no count (Gemini).
      const { result } = outcome;
      const prompt = result.promptTokens ?? (await countInputTokens(readEmbeddingInputs(ctx.request)));
      ctx.tokens = { ...ZERO_TOKENS, promptTokens: prompt };
      ctx.upstreamId = result.upstreamId;
      ctx.finishReason = 'stop';
    } else if (outcome?.kind === 'result') {
      const { result } = outcome;
      readResult(ctx, result, result.tokens ?? (await estimateTokenCounts({ request: ctx.request, completionText: resultText(result) })));
    } else if (outcome && ctx.sink && ctx.recorder) {
      const encoder = ctx.codec.createStreamEncoder(ctx);
      ctx.encoder = guard.streamEncoder(ctx, withStreamRouterMetadata(ctx, excludesReasoning(ctx.request) ? withoutStreamReasoning(encoder) : encoder));
      ctx.output = ctx.recorder.wrap(ctx.sink);
      await relayStream({ ctx, outcome, sink: ctx.output, encoder: ctx.encoder });
    }
  }
}

/** A whole result's tokens, ids and finish reason onto the context (reasoning stripped when excluded). */
function readResult(ctx: InferenceContext, result: ChatResult, tokens: TokenCounts): void {
  ctx.tokens = tokens;
  if (excludesReasoning(ctx.request)) stripResultReasoning(result);
  ctx.upstreamId = result.upstreamId;
  const first = result.choices[0];
  ctx.finishReason = first?.finishReason ?? null;
  ctx.nativeFinishReason = first?.nativeFinishReason ?? null;
}

/** Every text the model produced in a non-streamed result, for counting tokens ourselves. */
function resultText(result: ChatResult): string {
  let text = '';
  for (const { message } of result.choices) {
    text += (message.content ?? '') + (message.reasoning ?? '');
    for (const call of message.tool_calls ?? []) text += call.function.arguments;
  }
  return text;
}
