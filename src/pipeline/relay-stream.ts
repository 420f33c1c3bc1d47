import { estimateTokenCounts } from '../core/estimate-tokens.js';
import { createChunkStamp } from '../protocols/openai-chat/rewrite-openai-chunk.js';
import { relayOpenAIFrame } from '../protocols/openai-chat/relay-openai-frame.js';
import type { SseEvent } from '../core/sse-event.js';
import type { DispatchOutcome } from './dispatch-with-failover.js';
import type { InferenceContext } from './inference-context.js';
import type { SseSink, StreamEncoder } from '../core/sse-sink.js';
import { StreamTally } from './stream-tally.js';

type StreamOutcome = Extract<DispatchOutcome, { kind: 'stream' }>;

/**
 * Relays an upstream stream to the client. OpenAI-framed upstreams going to an OpenAI-chat
 * client take the fast path: frames are restamped by string splicing and only frames that
 * carry a finish reason, usage or an error are parsed. Everything else goes through the
 * canonical StreamParts and the client's encoder. Usage is held back: the settle stage prices
 * it and the deliver stage sends it, once, in the final chunk.
 */
export async function relayStream(options: {
  ctx: InferenceContext;
  outcome: StreamOutcome;
  sink: SseSink;
  encoder: StreamEncoder;
}): Promise<void> {
  const { ctx, outcome, sink, encoder } = options;
  const provider = (ctx.served as NonNullable<InferenceContext['served']>).endpoint.provider;
  const fast = outcome.adapter.relaysOpenAIFrames && encoder.relaysOpenAIFrames;
  const stamp = createChunkStamp({ generationId: ctx.generationId, model: ctx.served!.model.model.id, providerName: provider.name });
  const decoder = outcome.adapter.createStreamDecoder(provider);
  const tally = new StreamTally();

  const handle = async (event: SseEvent): Promise<boolean> => {
    if (fast) {
      if (event.data === '[DONE]') return true;
      const payload = relayOpenAIFrame(event.data, { stamp, tally, provider });
      if (payload !== undefined) await sink.send(payload);
      return false;
    }
    const { parts, done } = decoder.decode(event);
    tally.addParts(parts);
    for (const payload of encoder.encodeParts(parts)) await sink.send(payload);
    return done;
  };

  try {
    let done = await handle(outcome.first);
    if (!done) {
      for await (const event of outcome.rest) {
        if (sink.closed) break;
        if (await handle(event)) {
          done = true;
          break;
        }
      }
    }
    await outcome.rest.return(undefined);
    if (!done && !fast && !sink.closed) decoder.end?.();
  } finally {
    // Also when the stream ends in an in-band upstream error or the client's cancel (the error
    // propagates after this): what was relayed is what gets billed — the upstream's usage when it
    // came, else the relayed text and the prompt counted with billing's estimator.
    ctx.upstreamId = tally.upstreamId;
    ctx.finishReason = tally.finishReason;
    ctx.nativeFinishReason = tally.nativeFinishReason;
    ctx.tokens = tally.tokens ?? await estimateTokenCounts({ request: ctx.request, completionText: tally.streamedText() });
  }
}
