function excludesReasoning(request) {
  return request.reasoning?.exclude === true || request.include_reasoning === false;
}
function stripResultReasoning(result) {
  for (const { message } of result.choices) {
    delete message.reasoning;
    delete message.reasoning_details;
  }
}
function withoutStreamReasoning(encoder) {
  return {
    relaysOpenAIFrames: false,
    donePayload: encoder.donePayload,
    encodeParts: (parts) => encoder.encodeParts(parts.filter((part) => part.type !== "reasoning-delta")),
    encodeUsage: (usage) => encoder.encodeUsage(usage),
    encodeError: (error) => encoder.encodeError(error)
  };
}
export {
  excludesReasoning,
  stripResultReasoning,
  withoutStreamReasoning
};
//# sourceMappingURL=exclude-reasoning.js.map
