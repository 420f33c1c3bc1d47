import { anthropicErrorType } from "./anthropic-error-body.js";
import { toAnthropicReasoningBlock } from "./carry-foreign-reasoning.js";
import { toAnthropicStopReason } from "../../../protocols/anthropic-messages/map-anthropic-finish-reason.js";
import { toAnthropicUsage } from "../../../protocols/anthropic-messages/convert-anthropic-usage.js";
function anthropicEvent(type, fields = {}) {
  return JSON.stringify({ type, ...fields });
}
class AnthropicStreamEncoder {
  relaysOpenAIFrames = false;
  /** message_stop ends an Anthropic stream; there is no `[DONE]`. */
  donePayload = anthropicEvent("message_stop");
  #ctx;
  #started = false;
  #nextIndex = 0;
  /** The open block: its index and kind (tool blocks are keyed by their canonical index). */
  #open;
  /** A thinking block ends with its signature; more thinking after it opens a new block. */
  #thinkingSigned = false;
  #tools = /* @__PURE__ */ new Map();
  #finish = null;
  #nativeFinish = null;
  constructor(ctx) {
    this.#ctx = ctx;
  }
  encodeParts(parts) {
    const out = [];
    for (const part of parts) {
      if ("choice" in part && part.choice !== 0) continue;
      this.#ensureStarted(out);
      switch (part.type) {
        case "response-start":
          break;
        case "text-delta":
          if (part.text === "") break;
          this.#openBlock(out, "text", { type: "text", text: "" });
          out.push(this.#delta({ type: "text_delta", text: part.text }));
          break;
        case "reasoning-delta":
          this.#encodeReasoning(out, part);
          break;
        case "tool-call-start":
          this.#startTool(out, part);
          break;
        case "tool-call-delta":
          this.#toolDelta(out, part.index, part.argumentsDelta);
          break;
        case "finish":
          this.#finish = part.finishReason;
          this.#nativeFinish = part.nativeFinishReason;
          this.#closeAll(out);
          break;
        case "usage":
          break;
      }
    }
    return out;
  }
  /** message_delta with the stop reason and the final, priced usage (cumulative, as Anthropic sends it). */
  encodeUsage(usage) {
    const out = [];
    this.#ensureStarted(out);
    this.#closeAll(out);
    const ctx = this.#ctx;
    out.push(
      anthropicEvent("message_delta", {
        delta: { stop_reason: toAnthropicStopReason(this.#finish ?? ctx.finishReason, this.#nativeFinish ?? ctx.nativeFinishReason), stop_sequence: null },
        usage: toAnthropicUsage(ctx.tokens, usage)
      })
    );
    return out.join("\n");
  }
  encodeError(error) {
    return anthropicEvent("error", { error: { type: anthropicErrorType(error.code), message: error.message } });
  }
  #ensureStarted(out) {
    if (this.#started) return;
    this.#started = true;
    const ctx = this.#ctx;
    out.push(
      anthropicEvent("message_start", {
        message: {
          id: ctx.generationId,
          type: "message",
          role: "assistant",
          model: ctx.served?.model.model.id ?? ctx.request.model ?? null,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          // Final counts arrive in message_delta, once the upstream has reported them.
          usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }
        }
      })
    );
  }
  #encodeReasoning(out, part) {
    if (part.text !== "") {
      if (this.#open?.kind !== "thinking" || this.#thinkingSigned) this.#startThinking(out);
      out.push(this.#delta({ type: "thinking_delta", thinking: part.text }));
    }
    for (const detail of part.details ?? []) {
      if (detail.type === "reasoning.encrypted") {
        const block = toAnthropicReasoningBlock(detail);
        if (!block) continue;
        this.#closeAll(out);
        const index = this.#nextIndex++;
        out.push(anthropicEvent("content_block_start", { index, content_block: block }));
        out.push(anthropicEvent("content_block_stop", { index }));
      } else if (typeof detail.signature === "string" && detail.signature !== "") {
        if (this.#open?.kind !== "thinking" || this.#thinkingSigned) this.#startThinking(out);
        const signature = toAnthropicReasoningBlock({ ...detail, type: "reasoning.text" }).signature;
        out.push(this.#delta({ type: "signature_delta", signature }));
        this.#thinkingSigned = true;
      }
    }
  }
  #startThinking(out) {
    this.#closeAll(out);
    this.#openBlock(out, "thinking", { type: "thinking", thinking: "", signature: "" });
    this.#thinkingSigned = false;
  }
  #startTool(out, part) {
    const tool = { id: part.id, name: part.name, pending: "", index: void 0, closed: false };
    this.#tools.set(part.index, tool);
    if (this.#open?.kind === "tool") return;
    this.#closeAll(out);
    this.#beginTool(out, part.index, tool);
  }
  #toolDelta(out, toolIndex, text) {
    const tool = this.#tools.get(toolIndex);
    if (!tool || text === "") return;
    if (this.#open?.kind === "tool" && this.#open.tool === toolIndex) {
      out.push(this.#delta({ type: "input_json_delta", partial_json: text }));
    } else if (tool.index === void 0) {
      tool.pending += text;
    }
  }
  #beginTool(out, toolIndex, tool) {
    const index = this.#nextIndex++;
    tool.index = index;
    this.#open = { index, kind: "tool", tool: toolIndex };
    out.push(anthropicEvent("content_block_start", { index, content_block: { type: "tool_use", id: tool.id, name: tool.name, input: {} } }));
    if (tool.pending !== "") out.push(this.#delta({ type: "input_json_delta", partial_json: tool.pending }));
    tool.pending = "";
  }
  #openBlock(out, kind, contentBlock) {
    if (this.#open?.kind === kind && kind === "text") return;
    this.#closeAll(out);
    const index = this.#nextIndex++;
    this.#open = { index, kind };
    out.push(anthropicEvent("content_block_start", { index, content_block: contentBlock }));
  }
  /** Closes the open block; a closed tool block hands over to the next waiting tool call. */
  #closeOpen(out) {
    const open = this.#open;
    if (!open) return;
    out.push(anthropicEvent("content_block_stop", { index: open.index }));
    this.#open = void 0;
    if (open.kind !== "tool") return;
    this.#tools.get(open.tool).closed = true;
    for (const [toolIndex, tool] of this.#tools) {
      if (tool.index === void 0) {
        this.#beginTool(out, toolIndex, tool);
        return;
      }
    }
  }
  #closeAll(out) {
    while (this.#open) this.#closeOpen(out);
  }
  #delta(delta) {
    return anthropicEvent("content_block_delta", { index: this.#open?.index ?? 0, delta });
  }
}
export {
  AnthropicStreamEncoder,
  anthropicEvent
};
//# sourceMappingURL=anthropic-stream-encoder.js.map
