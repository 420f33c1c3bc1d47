import { ANTHROPIC_REASONING_FORMAT } from "./anthropic-reasoning-format.js";
const PREFIX = "switchyard.v1.";
function wrapReasoningValue(carried) {
  if (carried.format === ANTHROPIC_REASONING_FORMAT && carried.id === void 0) return carried.value;
  const payload = { f: carried.format, v: carried.value };
  if (carried.id !== void 0) payload.i = carried.id;
  return PREFIX + Buffer.from(JSON.stringify(payload)).toString("base64url");
}
function unwrapReasoningValue(text) {
  if (!text.startsWith(PREFIX)) return { format: ANTHROPIC_REASONING_FORMAT, value: text };
  try {
    const payload = JSON.parse(Buffer.from(text.slice(PREFIX.length), "base64url").toString("utf8"));
    if (typeof payload.f === "string" && typeof payload.v === "string") {
      return { format: payload.f, value: payload.v, ...typeof payload.i === "string" ? { id: payload.i } : {} };
    }
  } catch {
  }
  return { format: ANTHROPIC_REASONING_FORMAT, value: text };
}
function toAnthropicReasoningBlock(raw) {
  const detail = raw ?? {};
  const format = typeof detail.format === "string" ? detail.format : ANTHROPIC_REASONING_FORMAT;
  const id = typeof detail.id === "string" ? detail.id : void 0;
  if (detail.type === "reasoning.text") {
    const signature = typeof detail.signature === "string" && detail.signature !== "" ? wrapReasoningValue({ format, value: detail.signature, ...id ? { id } : {} }) : "";
    return { type: "thinking", thinking: typeof detail.text === "string" ? detail.text : "", signature };
  }
  if (detail.type === "reasoning.encrypted" && typeof detail.data === "string") {
    return { type: "redacted_thinking", data: wrapReasoningValue({ format, value: detail.data, ...id ? { id } : {} }) };
  }
  if (detail.type === "reasoning.summary" && typeof detail.summary === "string") return { type: "thinking", thinking: detail.summary, signature: "" };
  return void 0;
}
export {
  toAnthropicReasoningBlock,
  unwrapReasoningValue,
  wrapReasoningValue
};
//# sourceMappingURL=carry-foreign-reasoning.js.map
