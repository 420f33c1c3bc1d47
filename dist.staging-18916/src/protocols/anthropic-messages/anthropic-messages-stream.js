import { ANTHROPIC_REASONING_FORMAT } from "./anthropic-messages-api.js";
import { convertAnthropicUsage } from "./convert-anthropic-usage.js";
import { mapAnthropicFinishReason } from "./map-anthropic-finish-reason.js";
import { JSON_TOOL_NAME } from "./to-anthropic-messages-request.js";
class AnthropicMessagesStreamDecoder {
  #blocks = /* @__PURE__ */ new Map();
  #toolCount = 0;
  #detailCount = 0;
  #usage;
  #done = false;
  /** True once `message_stop` arrived. */
  get done() {
    return this.#done;
  }
  decode(event) {
    switch (event.type) {
      case "message_start":
        if (event.message.usage) this.#usage = { ...event.message.usage };
        return [{ type: "response-start", upstreamId: typeof event.message.id === "string" ? event.message.id : null }];
      case "content_block_start":
        return this.#start(event.index, event.content_block);
      case "content_block_delta":
        return this.#delta(event.index, event.delta);
      case "message_delta": {
        if (event.usage) {
          this.#usage ??= {};
          for (const [key, value] of Object.entries(event.usage)) {
            if (value !== null && value !== void 0) this.#usage[key] = value;
          }
        }
        const native = event.delta?.stop_reason ?? null;
        let finishReason = mapAnthropicFinishReason(native);
        if (finishReason === "tool_calls" && this.#toolCount === 0) finishReason = "stop";
        const parts = [{ type: "finish", choice: 0, finishReason, nativeFinishReason: native }];
        const tokens = convertAnthropicUsage(this.#usage);
        if (tokens) parts.push({ type: "usage", tokens });
        return parts;
      }
      case "message_stop":
        this.#done = true;
        return [];
      default:
        return [];
    }
  }
  #start(index, block) {
    switch (block.type) {
      case "text":
        this.#blocks.set(index, { kind: "text" });
        return block.text ? [{ type: "text-delta", choice: 0, text: block.text }] : [];
      case "thinking": {
        const detailIndex = this.#detailCount++;
        this.#blocks.set(index, { kind: "reasoning", detailIndex });
        return block.thinking ? [this.#reasoning(detailIndex, { text: block.thinking })] : [];
      }
      case "redacted_thinking": {
        const detailIndex = this.#detailCount++;
        this.#blocks.set(index, { kind: "other" });
        const detail = { type: "reasoning.encrypted", data: block.data, format: ANTHROPIC_REASONING_FORMAT, index: detailIndex };
        return [{ type: "reasoning-delta", choice: 0, text: "", details: [detail] }];
      }
      case "tool_use": {
        if (block.name === JSON_TOOL_NAME) {
          this.#blocks.set(index, { kind: "json" });
          return [];
        }
        const toolIndex = this.#toolCount++;
        this.#blocks.set(index, { kind: "tool", toolIndex });
        return [{ type: "tool-call-start", choice: 0, index: toolIndex, id: block.id, name: block.name }];
      }
      default:
        this.#blocks.set(index, { kind: "other" });
        return [];
    }
  }
  #delta(index, delta) {
    const block = this.#blocks.get(index);
    switch (delta.type) {
      case "text_delta":
        return delta.text ? [{ type: "text-delta", choice: 0, text: delta.text }] : [];
      case "thinking_delta":
        return block?.kind === "reasoning" && delta.thinking ? [this.#reasoning(block.detailIndex, { text: delta.thinking })] : [];
      case "signature_delta":
        return block?.kind === "reasoning" && delta.signature ? [this.#reasoning(block.detailIndex, { signature: delta.signature })] : [];
      case "input_json_delta":
        if (!delta.partial_json) return [];
        if (block?.kind === "json") return [{ type: "text-delta", choice: 0, text: delta.partial_json }];
        if (block?.kind === "tool") return [{ type: "tool-call-delta", choice: 0, index: block.toolIndex, argumentsDelta: delta.partial_json }];
        return [];
      default:
        return [];
    }
  }
  #reasoning(detailIndex, piece) {
    const detail = { type: "reasoning.text", ...piece, format: ANTHROPIC_REASONING_FORMAT, index: detailIndex };
    return { type: "reasoning-delta", choice: 0, text: piece.text ?? "", details: [detail] };
  }
}
export {
  AnthropicMessagesStreamDecoder
};
//# sourceMappingURL=anthropic-messages-stream.js.map
