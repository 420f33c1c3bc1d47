const CONTENT_FILTER = /* @__PURE__ */ new Set(["SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION"]);
const TOOL_FAILURE = /* @__PURE__ */ new Set(["MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS"]);
function mapGeminiFinishReason(reason, hasToolCalls) {
  if (typeof reason !== "string" || reason === "") return null;
  if (reason === "STOP") return hasToolCalls ? "tool_calls" : "stop";
  if (reason === "MAX_TOKENS") return "length";
  if (CONTENT_FILTER.has(reason) || reason === "OTHER_BLOCK" || reason === "BLOCK_REASON_UNSPECIFIED") return "content_filter";
  if (TOOL_FAILURE.has(reason)) return "error";
  return hasToolCalls ? "tool_calls" : "stop";
}
export {
  mapGeminiFinishReason
};
//# sourceMappingURL=map-gemini-finish-reason.js.map
