function renderAnthropicMessage(plan, withUsage = true) {
  return {
    id: plan.id,
    type: "message",
    role: "assistant",
    model: plan.model,
    content: plan.blocks,
    stop_reason: plan.stopReason,
    stop_sequence: plan.stopSequence,
    ...withUsage ? { usage: plan.usage } : {}
  };
}
export {
  renderAnthropicMessage
};
//# sourceMappingURL=render-anthropic-message.js.map
