function mapBedrockFinishReason(reason, options = {}) {
  switch (reason) {
    case null:
    case void 0:
      return null;
    case "end_turn":
    case "stop_sequence":
      return "stop";
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return options.jsonResponse ? "stop" : "tool_calls";
    case "guardrail_intervened":
    case "content_filtered":
      return "content_filter";
    case "malformed_model_output":
    case "malformed_tool_use":
      return "error";
    default:
      return "stop";
  }
}
export {
  mapBedrockFinishReason
};
//# sourceMappingURL=map-bedrock-finish-reason.js.map
