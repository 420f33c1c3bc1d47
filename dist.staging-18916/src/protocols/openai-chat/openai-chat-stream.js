import { convertOpenAIUsage } from "./convert-openai-usage.js";
import { mapOpenAIFinishReason } from "./map-openai-finish-reason.js";
class OpenAIChatStreamDecoder {
  #started = false;
  #openTools = /* @__PURE__ */ new Set();
  decode(chunk) {
    const parts = [];
    if (!this.#started) {
      this.#started = true;
      parts.push({ type: "response-start", upstreamId: typeof chunk.id === "string" ? chunk.id : null });
    }
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    for (const choice of choices) {
      const index = choice.index ?? 0;
      const delta = choice.delta ?? {};
      const reasoning = delta.reasoning ?? delta.reasoning_content;
      if (reasoning || delta.reasoning_details?.length) {
        parts.push({ type: "reasoning-delta", choice: index, text: reasoning ?? "", details: delta.reasoning_details });
      }
      if (delta.content) parts.push({ type: "text-delta", choice: index, text: delta.content });
      for (const call of delta.tool_calls ?? []) {
        const toolIndex = call.index ?? 0;
        const key = `${index}:${toolIndex}`;
        if (!this.#openTools.has(key) && (call.id || call.function?.name)) {
          this.#openTools.add(key);
          parts.push({ type: "tool-call-start", choice: index, index: toolIndex, id: call.id ?? `call_${toolIndex}`, name: call.function?.name ?? "" });
        }
        if (call.function?.arguments) {
          parts.push({ type: "tool-call-delta", choice: index, index: toolIndex, argumentsDelta: call.function.arguments });
        }
      }
      if (choice.finish_reason) {
        parts.push({ type: "finish", choice: index, finishReason: mapOpenAIFinishReason(choice.finish_reason), nativeFinishReason: choice.finish_reason });
      }
    }
    const tokens = convertOpenAIUsage(chunk.usage);
    if (tokens) parts.push({ type: "usage", tokens });
    return parts;
  }
}
export {
  OpenAIChatStreamDecoder
};
//# sourceMappingURL=openai-chat-stream.js.map
