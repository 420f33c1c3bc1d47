import { convertBedrockUsage } from "./convert-bedrock-usage.js";
import { mapBedrockFinishReason } from "./map-bedrock-finish-reason.js";
import { BEDROCK_REASONING_FORMAT } from "./replay-reasoning-details.js";
import { JSON_RESPONSE_TOOL } from "./to-bedrock-converse-request.js";
class BedrockConverseStreamDecoder {
  #started = false;
  #toolCount = 0;
  #reasoningCount = 0;
  #jsonResponse = false;
  #blocks = /* @__PURE__ */ new Map();
  /** Returns the parts for one event and whether it was the final (`metadata`) event. */
  decode(eventType, payload) {
    const parts = [];
    if (!this.#started) {
      this.#started = true;
      parts.push({ type: "response-start", upstreamId: null });
    }
    switch (eventType) {
      case "contentBlockStart":
        this.#startBlock(payload, parts);
        break;
      case "contentBlockDelta":
        this.#delta(payload, parts);
        break;
      case "messageStop": {
        const { stopReason } = payload;
        const jsonResponse = this.#jsonResponse && this.#toolCount === 0;
        parts.push({ type: "finish", choice: 0, finishReason: mapBedrockFinishReason(stopReason, { jsonResponse }), nativeFinishReason: stopReason ?? null });
        break;
      }
      case "metadata": {
        const tokens = convertBedrockUsage(payload.usage);
        if (tokens) parts.push({ type: "usage", tokens });
        return { parts, done: true };
      }
      default:
        break;
    }
    return { parts, done: false };
  }
  #startBlock(event, parts) {
    const toolUse = event.start?.toolUse;
    if (!toolUse) return;
    if (toolUse.name === JSON_RESPONSE_TOOL) {
      this.#jsonResponse = true;
      this.#blocks.set(event.contentBlockIndex, { kind: "json" });
      return;
    }
    const index = this.#toolCount++;
    this.#blocks.set(event.contentBlockIndex, { kind: "tool", index });
    parts.push({ type: "tool-call-start", choice: 0, index, id: toolUse.toolUseId, name: toolUse.name });
  }
  #delta(event, parts) {
    const delta = event.delta ?? {};
    if (typeof delta.text === "string") {
      if (delta.text !== "") parts.push({ type: "text-delta", choice: 0, text: delta.text });
      return;
    }
    if (delta.toolUse) {
      const block = this.#blocks.get(event.contentBlockIndex);
      const fragment = delta.toolUse.input ?? "";
      if (fragment === "") return;
      if (block?.kind === "json") parts.push({ type: "text-delta", choice: 0, text: fragment });
      else if (block?.kind === "tool") parts.push({ type: "tool-call-delta", choice: 0, index: block.index, argumentsDelta: fragment });
      return;
    }
    if (delta.reasoningContent) {
      let block = this.#blocks.get(event.contentBlockIndex);
      if (block?.kind !== "reasoning") {
        block = { kind: "reasoning", index: this.#reasoningCount++ };
        this.#blocks.set(event.contentBlockIndex, block);
      }
      const { text, signature, redactedContent } = delta.reasoningContent;
      const base = { format: BEDROCK_REASONING_FORMAT, index: block.index };
      if (typeof text === "string" && text !== "") {
        parts.push({ type: "reasoning-delta", choice: 0, text, details: [{ type: "reasoning.text", text, ...base }] });
      }
      if (typeof signature === "string" && signature !== "") {
        parts.push({ type: "reasoning-delta", choice: 0, text: "", details: [{ type: "reasoning.text", text: "", signature, ...base }] });
      }
      if (typeof redactedContent === "string" && redactedContent !== "") {
        parts.push({ type: "reasoning-delta", choice: 0, text: "", details: [{ type: "reasoning.encrypted", data: redactedContent, ...base }] });
      }
    }
  }
}
export {
  BedrockConverseStreamDecoder
};
//# sourceMappingURL=bedrock-converse-stream.js.map
