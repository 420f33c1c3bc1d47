import { estimatePromptTokens } from "../core/estimate-tokens.js";
import { DEFAULT_EXPECTED_COMPLETION } from "./select-endpoints.js";
function readRequestFeatures(request) {
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  return {
    // Memoised per request by estimatePromptTokens, shared with rate limiting and billing.
    promptTokens: () => estimatePromptTokens(request),
    promptTokensUpperBound: promptCharacters(request),
    maxTokens,
    expectedCompletionTokens: maxTokens ?? DEFAULT_EXPECTED_COMPLETION,
    wantsTools: Array.isArray(request.tools) && request.tools.length > 0 || request.tool_choice !== void 0 && request.tool_choice !== "none"
  };
}
function promptCharacters(request) {
  let total = 3;
  for (const message of request.messages ?? []) {
    total += 4;
    const { content } = message;
    if (typeof content === "string") total += content.length;
    else if (Array.isArray(content)) {
      for (const part of content) total += "text" in part && typeof part.text === "string" ? part.text.length : 1e3;
    }
    for (const call of message.tool_calls ?? []) total += call.function.name.length + call.function.arguments.length;
  }
  if (request.tools) total += JSON.stringify(request.tools).length;
  return total;
}
export {
  readRequestFeatures
};
//# sourceMappingURL=read-request-features.js.map
