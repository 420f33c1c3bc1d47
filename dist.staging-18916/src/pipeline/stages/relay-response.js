import { estimateTokenCounts } from "../../core/estimate-tokens.js";
import { excludesReasoning, stripResultReasoning, withoutStreamReasoning } from "../exclude-reasoning.js";
import { relayStream } from "../relay-stream.js";
import { withStreamRouterMetadata } from "../router-metadata.js";
function relayResponse(guard) {
  return {
    name: "relay",
    async run(ctx) {
      const outcome = ctx.outcome;
      if (outcome?.kind === "result") {
        const { result } = outcome;
        ctx.tokens = result.tokens ?? await estimateTokenCounts({ request: ctx.request, completionText: resultText(result) });
        if (excludesReasoning(ctx.request)) stripResultReasoning(result);
        ctx.upstreamId = result.upstreamId;
        const first = result.choices[0];
        ctx.finishReason = first?.finishReason ?? null;
        ctx.nativeFinishReason = first?.nativeFinishReason ?? null;
      } else if (outcome && ctx.sink && ctx.recorder) {
        const encoder = ctx.codec.createStreamEncoder(ctx);
        ctx.encoder = guard.streamEncoder(ctx, withStreamRouterMetadata(ctx, excludesReasoning(ctx.request) ? withoutStreamReasoning(encoder) : encoder));
        ctx.output = ctx.recorder.wrap(ctx.sink);
        await relayStream({ ctx, outcome, sink: ctx.output, encoder: ctx.encoder });
      }
    }
  };
}
function resultText(result) {
  let text = "";
  for (const { message } of result.choices) {
    text += (message.content ?? "") + (message.reasoning ?? "");
    for (const call of message.tool_calls ?? []) text += call.function.arguments;
  }
  return text;
}
export {
  relayResponse
};
//# sourceMappingURL=relay-response.js.map
