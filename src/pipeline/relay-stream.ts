import { estimateTokenCounts } from '../core/estimate-tokens.js';
import { createChunkStamp } from '../protocols/openai-chat/rewrite-openai-chunk.js';
import { relayOpenAIFrame, type OpenAIFrameRelay } from '../protocols/openai-chat/relay-openai-frame.js';
import type { SseEvent } from '../core/sse-event.js';
import type { DispatchOutcome } from './dispatch-with-failover.js';
import type { InferenceContext } from './inference-context.js';
import type { SseSink, StreamEncoder } from '../core/sse-sink.js';
import { StreamTally } from './stream-tally.js';

type StreamOutcome = Extract<DispatchOutcome, { kind: 'stream' }>;

/**
 * Relays an upstream stream to the client, the events of each upstream read in one write.
 * OpenAI-framed upstreams going to an OpenAI-chat client take the fast path: frames are restamped by string splicing and only frames that
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
  // Dispatch's decoder has seen the first event (its state, e.g. Anthropic's open blocks, with it).
  const { decoder } = outcome;
  const tally = new StreamTally();
  const frames: OpenAIFrameRelay = { stamp, tally, provider };

  /** Turns one upstream event into client payloads; true once the upstream said it is done. */
  const handle = (event: SseEvent, payloads: string[], decoded?: StreamOutcome['firstDecoded']): boolean => {
    if (fast) {
      if (event.data === '[DONE]') return true;
      const payload = relayOpenAIFrame(event.data, frames);
      if (payload !== undefined) payloads.push(payload);
      return false;
    }
    const { parts, done } = decoded ?? decoder.decode(event);
    tally.addParts(parts);
    for (const payload of encoder.encodeParts(parts)) payloads.push(payload);
    return done;
  };
  /**
   * The events of one upstream read go to the client in one write. What was converted before an
   * event failed (an in-band upstream error, a guardrail block) is still sent: it was tallied.
   */
  const relay = async (events: readonly SseEvent[], firstDecoded?: StreamOutcome['firstDecoded']): Promise<boolean> => {
    const payloads: string[] = [];
    try {
      for (let i = 0; i < events.length; i += 1) if (handle(events[i] as SseEvent, payloads, i === 0 ? firstDecoded : undefined)) return true;
      return false;
    } finally {
      tally.endRead(events.length);
      await sink.sendMany(payloads);
    }
  };

  try {
    const { first } = outcome;
    // The first read's events are cut from that read's text: the outcome (kept on the context until
    // the request ends) lets go of them, so the read can be collected as soon as it is relayed.
    outcome.first = [];
    let done = await relay(first, outcome.firstDecoded);
    if (!done) {
      for await (const events of outcome.rest) {
        if (sink.closed) break;
        if (await relay(events)) {
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
