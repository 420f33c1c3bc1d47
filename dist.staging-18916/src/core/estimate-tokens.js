import { TokenCounter } from "./token-counter.js";
const SYNC_EXACT_CHARS = 16384;
const ASYNC_EXACT_CHARS = 1e6;
function countTokens(text) {
  return text.length === 0 ? 0 : new TokenCounter(SYNC_EXACT_CHARS).count(text);
}
const counted = /* @__PURE__ */ new WeakMap();
function estimatePromptTokens(request) {
  const counter = new TokenCounter(SYNC_EXACT_CHARS);
  let total = 3;
  for (const message of request.messages ?? []) total += counted.get(message) ?? remember(message, countMessage(message, (text) => counter.count(text)));
  const { tools } = request;
  if (tools) total += counted.get(tools) ?? remember(tools, counter.count(JSON.stringify(tools)));
  return total;
}
async function measurePromptTokens(request) {
  if (!request.tools && promptChars(request) <= SYNC_EXACT_CHARS) return;
  const counter = new TokenCounter(ASYNC_EXACT_CHARS);
  for (const message of request.messages ?? []) {
    if (counted.has(message)) continue;
    let tokens = 0;
    for (const text of messageTexts(message)) tokens += await counter.countAsync(text);
    remember(message, tokens + messageOverhead(message));
  }
  const { tools } = request;
  if (tools && !counted.has(tools)) remember(tools, await counter.countAsync(JSON.stringify(tools)));
}
async function estimateTokenCounts(options) {
  return {
    promptTokens: estimatePromptTokens(options.request),
    completionTokens: await new TokenCounter(ASYNC_EXACT_CHARS).countAsync(options.completionText),
    cachedReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0
  };
}
function promptChars(request) {
  let chars = 0;
  for (const message of request.messages ?? []) for (const text of messageTexts(message)) chars += text.length;
  return chars;
}
function remember(key, tokens) {
  counted.set(key, tokens);
  return tokens;
}
function countMessage(message, count) {
  let tokens = messageOverhead(message);
  for (const text of messageTexts(message)) tokens += count(text);
  return tokens;
}
function messageOverhead(message) {
  let tokens = message.name ? 4 : 3;
  if (Array.isArray(message.content)) {
    for (const part of message.content) if (part.type === "image_url") tokens += 85;
  }
  return tokens;
}
function* messageTexts(message) {
  const { content } = message;
  if (typeof content === "string") yield content;
  else if (Array.isArray(content)) {
    for (const part of content) if (part.type === "text" && typeof part.text === "string") yield part.text;
  }
  for (const call of message.tool_calls ?? []) {
    yield call.function.name;
    yield call.function.arguments;
  }
}
export {
  ASYNC_EXACT_CHARS,
  SYNC_EXACT_CHARS,
  countTokens,
  estimatePromptTokens,
  estimateTokenCounts,
  measurePromptTokens
};
//# sourceMappingURL=estimate-tokens.js.map
