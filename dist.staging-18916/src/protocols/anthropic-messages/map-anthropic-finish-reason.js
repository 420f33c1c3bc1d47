function mapAnthropicFinishReason(reason) {
  switch (reason) {
    case null:
    case void 0:
      return null;
    case "end_turn":
    case "stop_sequence":
    case "pause_turn":
      return "stop";
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return "tool_calls";
    case "refusal":
      return "content_filter";
    default:
      return "stop";
  }
}
const NATIVE_REFINEMENTS = {
  stop: /* @__PURE__ */ new Set(["end_turn", "stop_sequence", "pause_turn"]),
  length: /* @__PURE__ */ new Set(["max_tokens", "model_context_window_exceeded"])
};
function toAnthropicStopReason(finish, native) {
  const canonical = finish ?? "stop";
  if (native !== null && NATIVE_REFINEMENTS[canonical]?.has(native)) return native;
  switch (canonical) {
    case "length":
      return "max_tokens";
    case "tool_calls":
      return "tool_use";
    case "content_filter":
      return "refusal";
    default:
      return "end_turn";
  }
}
export {
  mapAnthropicFinishReason,
  toAnthropicStopReason
};
//# sourceMappingURL=map-anthropic-finish-reason.js.map
