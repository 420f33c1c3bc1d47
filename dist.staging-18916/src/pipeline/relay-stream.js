import { estimateTokenCounts } from "../core/estimate-tokens.js";
import { createChunkStamp } from "../protocols/openai-chat/rewrite-openai-chunk.js";
import { relayOpenAIFrame } from "../protocols/openai-chat/relay-openai-frame.js";
import { StreamTally } from "./stream-tally.js";
async function relayStream(options) {
  const { ctx, outcome, sink, encoder } = options;
  const provider = ctx.served.endpoint.provider;
  const fast = outcome.adapter.relaysOpenAIFrames && encoder.relaysOpenAIFrames;
  const stamp = createChunkStamp({ generationId: ctx.generationId, model: ctx.served.model.model.id, providerName: provider.name });
  const decoder = outcome.adapter.createStreamDecoder(provider);
  const tally = new StreamTally();
  const handle = async (event) => {
    if (fast) {
      if (event.data === "[DONE]") return true;
      const payload = relayOpenAIFrame(event.data, { stamp, tally, provider });
      if (payload !== void 0) await sink.send(payload);
      return false;
    }
    const { parts, done: done2 } = decoder.decode(event);
    tally.addParts(parts);
    for (const payload of encoder.encodeParts(parts)) await sink.send(payload);
    return done2;
  };
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
  await outcome.rest.return(void 0);
  if (!done && !fast && !sink.closed) decoder.end?.();
  ctx.upstreamId = tally.upstreamId;
  ctx.finishReason = tally.finishReason;
  ctx.nativeFinishReason = tally.nativeFinishReason;
  ctx.tokens = tally.tokens ?? await estimateTokenCounts({ request: ctx.request, completionText: tally.streamedText() });
}
export {
  relayStream
};
//# sourceMappingURL=relay-stream.js.map
