import { signSimThinking } from "./sign-sim-thinking.js";
const IMAGE_TYPES = /* @__PURE__ */ new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);
function validateAnthropicRequest(body, version) {
  if (version >= "2026-10-21") {
    for (const field of ["temperature", "top_p", "top_k"]) {
      if (body[field] !== void 0) return `${field}: Extra inputs are not permitted in API version ${version}`;
    }
  }
  if (typeof body.model !== "string" || body.model === "") return "model: Field required";
  if (typeof body.max_tokens !== "number" || !Number.isInteger(body.max_tokens) || body.max_tokens < 1) return "max_tokens: Field required";
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "messages: at least one message is required";
  if (typeof body.temperature === "number" && (body.temperature < 0 || body.temperature > 1)) return "temperature: Input should be less than or equal to 1";
  if (Array.isArray(body.stop_sequences) && body.stop_sequences.some((value) => typeof value !== "string" || value.trim() === "")) {
    return "stop_sequences: each stop sequence must contain non-whitespace";
  }
  const thinking = body.thinking;
  const thinkingOn = thinking?.type === "enabled";
  if (thinkingOn) {
    const budget = thinking.budget_tokens;
    if (typeof budget !== "number" || budget < 1024) return "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024";
    if (budget >= body.max_tokens) return "`max_tokens` must be greater than `thinking.budget_tokens`";
    const choice = body.tool_choice?.type;
    if (choice === "any" || choice === "tool") return "Thinking may not be enabled when tool_choice forces tool use.";
    if (body.temperature !== void 0 && body.temperature !== 1) return "`temperature` may only be set to 1 when thinking is enabled.";
    if (body.top_k !== void 0) return "`top_k` must be unset when thinking is enabled.";
  }
  return validateMessages(body.messages, thinkingOn);
}
function validateMessages(messages, thinkingOn) {
  let pendingToolUses = [];
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    if (message?.role === "system") {
      const problem = validateSystemTurn(messages, i);
      if (problem) return problem;
      continue;
    }
    if (message?.role !== "user" && message?.role !== "assistant") {
      return `messages.${i}.role: Input should be 'user', 'assistant' or 'system'`;
    }
    const blocks = typeof message.content === "string" ? [{ type: "text", text: message.content }] : Array.isArray(message.content) ? message.content : [];
    if (blocks.length === 0 && i < messages.length - 1) return `messages.${i}: all messages must have non-empty content except for the optional final assistant message`;
    for (let j = 0; j < blocks.length; j++) {
      const problem = validateBlock(blocks[j], `messages.${i}.content.${j}`);
      if (problem) return problem;
    }
    if (message.role === "user") {
      const results = blocks.filter((block) => block.type === "tool_result").map((block) => block.tool_use_id);
      const firstOther = blocks.findIndex((block) => block.type !== "tool_result");
      if (firstOther >= 0 && blocks.slice(firstOther).some((block) => block.type === "tool_result")) {
        return `messages.${i}: tool_result blocks must come before any other content in a user message`;
      }
      for (const id of results) {
        if (!pendingToolUses.includes(id)) return `messages.${i}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
      }
      const missing = pendingToolUses.filter((id) => !results.includes(id));
      if (missing.length > 0) return `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(", ")}`;
      pendingToolUses = [];
    } else {
      if (pendingToolUses.length > 0) return `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${pendingToolUses.join(", ")}`;
      pendingToolUses = blocks.filter((block) => block.type === "tool_use").map((block) => block.id);
      const isLast = i === messages.length - 1;
      const tail = blocks[blocks.length - 1];
      if (isLast && tail?.type === "text" && typeof tail.text === "string" && /\s$/.test(tail.text)) {
        return "messages: final assistant content cannot end with trailing whitespace";
      }
      const openToolTurn = pendingToolUses.length > 0 && i === messages.length - 2;
      if (thinkingOn && openToolTurn && blocks[0]?.type !== "thinking" && blocks[0]?.type !== "redacted_thinking") {
        return `messages.${i}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${String(blocks[0]?.type)}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks).`;
      }
    }
  }
  return void 0;
}
function validateSystemTurn(messages, i) {
  if (i === 0) return "messages.0.role: the first message cannot be a system message; use the top-level `system` parameter";
  const previous = messages[i - 1]?.role;
  if (previous === "system") return `messages.${i}: consecutive system messages are not allowed`;
  if (previous !== "user") return `messages.${i}: a system message must come right after a user turn`;
  const next = messages[i + 1];
  if (next?.role === "system") return `messages.${i + 1}: consecutive system messages are not allowed`;
  if (next && next.role !== "assistant") return `messages.${i}: a system message must be the last message or be followed by an assistant turn`;
  const content = messages[i]?.content;
  const blocks = typeof content === "string" ? [{ type: "text", text: content }] : Array.isArray(content) ? content : [];
  if (blocks.length === 0) return `messages.${i}: system messages must have non-empty content`;
  for (let j = 0; j < blocks.length; j++) {
    const block = blocks[j];
    if (block.type !== "text" || typeof block.text !== "string" || block.text === "") return `messages.${i}.content.${j}: system messages take non-empty text blocks only`;
  }
  return void 0;
}
function validateBlock(block, where) {
  switch (block?.type) {
    case "text":
      if (typeof block.text !== "string" || block.text === "") return `${where}: text content blocks must be non-empty`;
      return void 0;
    case "image": {
      const source = block.source;
      if (source?.type === "base64" && (!IMAGE_TYPES.has(source.media_type) || typeof source.data !== "string")) return `${where}.source.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`;
      if (source?.type === "url" && typeof source.url !== "string") return `${where}.source.url: Field required`;
      if (source?.type !== "base64" && source?.type !== "url") return `${where}.source: Input tag does not match any of the expected tags`;
      return void 0;
    }
    case "tool_use":
      if (typeof block.input !== "object" || block.input === null || Array.isArray(block.input)) return `${where}.input: Input should be a valid dictionary`;
      if (typeof block.id !== "string" || typeof block.name !== "string") return `${where}: tool_use needs id and name`;
      return void 0;
    case "thinking":
      if (typeof block.signature !== "string" || block.signature !== signSimThinking(String(block.thinking ?? ""))) return `${where}: Invalid \`signature\` in \`thinking\` block`;
      return void 0;
    case "tool_result":
    case "redacted_thinking":
    case "document":
      return void 0;
    default:
      return `${where}.type: Input tag '${String(block?.type)}' found using 'type' does not match any of the expected tags`;
  }
}
export {
  validateAnthropicRequest
};
//# sourceMappingURL=validate-anthropic-request.js.map
