import { parseWithSchema } from "../parse-with-schema.js";
import { toAnthropicErrorBody } from "./anthropic-error-body.js";
import { anthropicMessagesSchema } from "./anthropic-request-schema.js";
import { anthropicEvent, AnthropicStreamEncoder } from "./anthropic-stream-encoder.js";
import { toAnthropicContent } from "./encode-anthropic-message.js";
import { toAnthropicStopReason } from "../../../protocols/anthropic-messages/map-anthropic-finish-reason.js";
import { toAnthropicUsage } from "../../../protocols/anthropic-messages/convert-anthropic-usage.js";
import { toCanonicalChatRequest } from "./to-canonical-chat-request.js";
const EVENT_TYPE = /^\{"type":"([a-z_]+)"/;
const ANTHROPIC_SSE_FRAMING = {
  frame(payload) {
    if (payload === "[DONE]") return "";
    let frames = "";
    for (const line of payload.split("\n")) frames += `event: ${EVENT_TYPE.exec(line)?.[1] ?? "message"}
data: ${line}

`;
    return frames;
  },
  keepalive: `event: ping
data: ${anthropicEvent("ping")}

`
};
const anthropicMessagesCodec = {
  apiType: "chat",
  parseRequest: (body, headers) => toCanonicalChatRequest(parseWithSchema(anthropicMessagesSchema, body), headers),
  encodeResult({ ctx, result, usage }) {
    const choice = result.choices[0];
    const extraStop = result.extra.stop_sequence;
    return {
      id: ctx.generationId,
      type: "message",
      role: "assistant",
      model: modelOf(ctx),
      content: choice ? toAnthropicContent(choice.message) : [],
      stop_reason: toAnthropicStopReason(choice?.finishReason ?? null, choice?.nativeFinishReason ?? null),
      stop_sequence: typeof extraStop === "string" ? extraStop : null,
      usage: toAnthropicUsage(ctx.tokens, usage)
    };
  },
  createStreamEncoder: (ctx) => new AnthropicStreamEncoder(ctx),
  encodeError: toAnthropicErrorBody,
  sseFraming: ANTHROPIC_SSE_FRAMING
};
function modelOf(ctx) {
  return ctx.served?.model.model.id ?? ctx.request.model ?? null;
}
export {
  ANTHROPIC_SSE_FRAMING,
  anthropicMessagesCodec
};
//# sourceMappingURL=anthropic-messages-codec.js.map
