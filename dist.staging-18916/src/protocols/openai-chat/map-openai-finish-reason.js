function mapOpenAIFinishReason(reason) {
  switch (reason) {
    case null:
    case void 0:
      return null;
    case "stop":
    case "eos":
    case "end_turn":
    case "stop_sequence":
      return "stop";
    case "length":
    case "max_tokens":
      return "length";
    case "tool_calls":
    case "function_call":
    case "tool_use":
      return "tool_calls";
    case "content_filter":
      return "content_filter";
    case "error":
      return "error";
    default:
      return "stop";
  }
}
export {
  mapOpenAIFinishReason
};
//# sourceMappingURL=map-openai-finish-reason.js.map
