import { InvalidRequestError } from "../../core/errors/gateway-error.js";
import { replayAnthropicThinking } from "./replay-anthropic-thinking.js";
import { toAnthropicContentBlocks } from "./to-anthropic-content-blocks.js";
function convertToAnthropicMessages(input, options = {}) {
  const system = [];
  const messages = [];
  let openToolTurnWithoutThinking = false;
  const append = (role, blocks, extra) => {
    if (blocks.length === 0) return;
    const last2 = messages[messages.length - 1];
    if (last2 && last2.role === role) {
      last2.content.push(...blocks);
      if (extra) Object.assign(last2, extra, { role, content: last2.content });
    } else messages.push({ ...extra, role, content: blocks });
  };
  input.forEach((message, position) => {
    switch (message.role) {
      case "system":
      case "developer": {
        const blocks = toAnthropicContentBlocks(message.content);
        if (blocks.some((block) => block.type !== "text")) throw new InvalidRequestError(`messages[${position}]: system messages take text only`);
        if (options.inlineSystem && messages.length > 0) messages.push({ ...message.anthropic, role: "system", content: blocks });
        else system.push(...blocks);
        return;
      }
      case "user":
        openToolTurnWithoutThinking = false;
        append("user", toAnthropicContentBlocks(message.content), message.anthropic);
        return;
      case "tool":
        append("user", [toToolResult(message, position)], message.anthropic);
        return;
      case "assistant": {
        const thinking = replayAnthropicThinking(message.reasoning_details);
        const calls = message.tool_calls ?? [];
        openToolTurnWithoutThinking = calls.length > 0 && thinking.length === 0;
        append("assistant", [...thinking, ...toAnthropicContentBlocks(message.content), ...calls.map((call, index) => toToolUse(call, `messages[${position}].tool_calls[${index}]`))], message.anthropic);
        return;
      }
      default:
        throw new InvalidRequestError(`messages[${position}]: unknown role "${String(message.role)}"`);
    }
  });
  for (const message of messages) {
    if (message.role === "user") message.content = toolResultsFirst(message.content);
  }
  const last = messages[messages.length - 1];
  if (last?.role === "assistant" && trimPrefill(last.content)) messages.pop();
  return { system, messages, openToolTurnWithoutThinking };
}
function toToolUse(call, where) {
  const text = call.function?.arguments;
  let input = {};
  if (typeof text === "string" && text.trim() !== "") {
    try {
      input = JSON.parse(text);
    } catch {
      throw new InvalidRequestError(`${where}.function.arguments is not valid JSON`);
    }
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new InvalidRequestError(`${where}.function.arguments must be a JSON object for Anthropic models`);
  }
  return { type: "tool_use", id: call.id, name: call.function.name, input };
}
function toToolResult(message, position) {
  if (typeof message.tool_call_id !== "string" || message.tool_call_id === "") {
    throw new InvalidRequestError(`messages[${position}]: a tool message needs its tool_call_id`);
  }
  const content = message.content;
  if (typeof content === "string" || content === null || content === void 0) {
    return { type: "tool_result", tool_use_id: message.tool_call_id, ...content ? { content } : {} };
  }
  return { type: "tool_result", tool_use_id: message.tool_call_id, content: toAnthropicContentBlocks(content) };
}
function toolResultsFirst(blocks) {
  const results = blocks.filter((block) => block.type === "tool_result");
  if (results.length === 0 || results.length === blocks.length) return blocks;
  return [...results, ...blocks.filter((block) => block.type !== "tool_result")];
}
function trimPrefill(blocks) {
  const tail = blocks[blocks.length - 1];
  if (tail?.type !== "text") return false;
  const trimmed = tail.text.trimEnd();
  if (trimmed === "") blocks.pop();
  else tail.text = trimmed;
  return blocks.length === 0;
}
export {
  convertToAnthropicMessages
};
//# sourceMappingURL=convert-to-anthropic-messages.js.map
