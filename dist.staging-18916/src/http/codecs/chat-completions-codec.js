import { chatRequestSchema } from "./chat-request-schema.js";
import { responseHeader } from "./inbound-codec.js";
import { parseWithSchema } from "./parse-with-schema.js";
const chatCompletionsCodec = {
  apiType: "chat",
  parseRequest: (body) => parseWithSchema(chatRequestSchema, body),
  encodeResult({ ctx, result, usage }) {
    return {
      ...responseHeader(ctx, "chat.completion"),
      system_fingerprint: result.systemFingerprint,
      ...result.extra,
      choices: result.choices.map((choice) => ({
        index: choice.index,
        logprobs: choice.logprobs ?? null,
        finish_reason: choice.finishReason,
        native_finish_reason: choice.nativeFinishReason,
        message: choice.message
      })),
      usage
    };
  },
  createStreamEncoder(ctx) {
    const header = () => responseHeader(ctx, "chat.completion.chunk");
    const chunk = (choices) => JSON.stringify({ ...header(), choices });
    return {
      relaysOpenAIFrames: true,
      encodeParts: (parts) => parts.flatMap((part) => encodeChatPart(part, chunk)),
      encodeUsage: (usage) => JSON.stringify({ ...header(), choices: [], usage }),
      encodeError: (error) => JSON.stringify({
        ...header(),
        error,
        choices: [{ index: 0, delta: { content: "" }, finish_reason: "error", native_finish_reason: null }]
      })
    };
  }
};
function encodeChatPart(part, chunk) {
  const choice = (index, delta) => ({ index, delta, finish_reason: null, native_finish_reason: null });
  switch (part.type) {
    case "response-start":
      return [chunk([choice(0, { role: "assistant", content: "" })])];
    case "text-delta":
      return [chunk([choice(part.choice, { content: part.text })])];
    case "reasoning-delta":
      return [chunk([choice(part.choice, { reasoning: part.text, ...part.details ? { reasoning_details: part.details } : {} })])];
    case "tool-call-start":
      return [chunk([choice(part.choice, { tool_calls: [{ index: part.index, id: part.id, type: "function", function: { name: part.name, arguments: "" } }] })])];
    case "tool-call-delta":
      return [chunk([choice(part.choice, { tool_calls: [{ index: part.index, function: { arguments: part.argumentsDelta } }] })])];
    case "finish":
      return [chunk([{ index: part.choice, delta: {}, finish_reason: part.finishReason, native_finish_reason: part.nativeFinishReason }])];
    case "usage":
      return [];
  }
}
export {
  chatCompletionsCodec
};
//# sourceMappingURL=chat-completions-codec.js.map
