import { createHash } from "node:crypto";
import { countTextTokens } from "../shared/count-text-tokens.js";
const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;
const IMAGE_TOKENS = 100;
function countAnthropicPrompt(body, cache) {
  const segments = [];
  const add = (value, tokens, breakpoint) => segments.push({ tokens, key: JSON.stringify(value), breakpoint });
  for (const tool of Array.isArray(body.tools) ? body.tools : []) add(tool, countTextTokens(JSON.stringify(tool)), Boolean(tool?.cache_control));
  const system = typeof body.system === "string" ? [{ type: "text", text: body.system }] : Array.isArray(body.system) ? body.system : [];
  for (const block of system) add(block, countTextTokens(String(block?.text ?? "")), Boolean(block?.cache_control));
  for (const message of Array.isArray(body.messages) ? body.messages : []) {
    const blocks = typeof message?.content === "string" ? [{ type: "text", text: message.content }] : Array.isArray(message?.content) ? message.content : [];
    add(message?.role, PER_MESSAGE, false);
    for (const block of blocks) add(block, countBlock(block), Boolean(block?.cache_control));
  }
  let total = REPLY_PRIMING;
  for (const segment of segments) total += segment.tokens;
  let last = -1;
  segments.forEach((segment, index) => {
    if (segment.breakpoint) last = index;
  });
  if (body.cache_control && segments.length > 0) last = segments.length - 1;
  if (last < 0) return { total, cacheRead: 0, cacheWrite: 0 };
  const hash = createHash("sha256").update(String(body.model));
  let prefix = 0;
  for (const segment of segments.slice(0, last + 1)) {
    hash.update(segment.key);
    prefix += segment.tokens;
  }
  const key = hash.digest("hex");
  if (cache.has(key)) return { total, cacheRead: prefix, cacheWrite: 0 };
  cache.add(key);
  return { total, cacheRead: 0, cacheWrite: prefix };
}
function countBlock(block) {
  switch (block?.type) {
    case "text":
      return countTextTokens(String(block.text ?? ""));
    case "image":
    case "document":
      return IMAGE_TOKENS;
    case "tool_use":
      return countTextTokens(String(block.name ?? "")) + countTextTokens(JSON.stringify(block.input ?? {}));
    case "tool_result":
      return typeof block.content === "string" ? countTextTokens(block.content) : Array.isArray(block.content) ? block.content.reduce((sum, inner) => sum + countBlock(inner), 0) : 0;
    case "thinking":
      return countTextTokens(String(block.thinking ?? ""));
    default:
      return 0;
  }
}
export {
  countAnthropicPrompt
};
//# sourceMappingURL=count-anthropic-prompt.js.map
