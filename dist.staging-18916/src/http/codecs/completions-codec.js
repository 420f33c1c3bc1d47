import { completionRequestSchema } from "./chat-request-schema.js";
import { responseHeader } from "./inbound-codec.js";
import { parseWithSchema } from "./parse-with-schema.js";
const completionsCodec = {
  apiType: "completions",
  parseRequest(body) {
    const { prompt, ...rest } = parseWithSchema(completionRequestSchema, body);
    const text = Array.isArray(prompt) ? prompt[0] : prompt;
    return { ...rest, messages: [{ role: "user", content: text }] };
  },
  encodeResult({ ctx, result, usage }) {
    return {
      ...responseHeader(ctx, "text_completion"),
      system_fingerprint: result.systemFingerprint,
      choices: result.choices.map((choice) => ({
        index: choice.index,
        text: choice.message.content ?? "",
        ...choice.message.reasoning ? { reasoning: choice.message.reasoning } : {},
        logprobs: null,
        finish_reason: choice.finishReason,
        native_finish_reason: choice.nativeFinishReason
      })),
      usage
    };
  },
  createStreamEncoder(ctx) {
    const chunk = (choices) => JSON.stringify({ ...responseHeader(ctx, "text_completion"), choices });
    return {
      relaysOpenAIFrames: false,
      encodeParts: (parts) => parts.flatMap((part) => {
        if (part.type === "text-delta") return [chunk([{ index: part.choice, text: part.text, logprobs: null, finish_reason: null }])];
        if (part.type === "reasoning-delta") return [chunk([{ index: part.choice, text: "", reasoning: part.text, logprobs: null, finish_reason: null }])];
        if (part.type === "finish") {
          return [chunk([{ index: part.choice, text: "", logprobs: null, finish_reason: part.finishReason, native_finish_reason: part.nativeFinishReason }])];
        }
        return [];
      }),
      encodeUsage: (usage) => JSON.stringify({ ...responseHeader(ctx, "text_completion"), choices: [], usage }),
      encodeError: (error) => JSON.stringify({ ...responseHeader(ctx, "text_completion"), error, choices: [{ index: 0, text: "", finish_reason: "error" }] })
    };
  }
};
export {
  completionsCodec
};
//# sourceMappingURL=completions-codec.js.map
