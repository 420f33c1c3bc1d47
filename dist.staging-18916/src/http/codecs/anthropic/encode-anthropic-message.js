import { toAnthropicReasoningBlock } from "./carry-foreign-reasoning.js";
function toAnthropicContent(message) {
  const blocks = [];
  for (const detail of message.reasoning_details ?? []) {
    const block = toAnthropicReasoningBlock(detail);
    if (block) blocks.push(block);
  }
  if (blocks.length === 0 && message.reasoning) blocks.push({ type: "thinking", thinking: message.reasoning, signature: "" });
  if (message.content) blocks.push({ type: "text", text: message.content });
  for (const call of message.tool_calls ?? []) {
    blocks.push({ type: "tool_use", id: call.id, name: call.function.name, input: parseToolInput(call.function.arguments) });
  }
  return blocks;
}
function parseToolInput(text) {
  if (text.trim() === "") return {};
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}
export {
  parseToolInput,
  toAnthropicContent
};
//# sourceMappingURL=encode-anthropic-message.js.map
