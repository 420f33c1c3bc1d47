const SIM_SYSTEM_FINGERPRINT = "fp_sim0a1b2c3";
function renderChatCompletion(plan) {
  const message = {
    role: "assistant",
    content: plan.content,
    refusal: null,
    annotations: []
  };
  if (plan.reasoning !== null) message.reasoning = plan.reasoning;
  if (plan.toolCalls.length > 0) {
    message.tool_calls = plan.toolCalls.map((call) => ({
      id: call.id,
      type: "function",
      function: { name: call.name, arguments: call.arguments }
    }));
  }
  return {
    id: plan.id,
    object: "chat.completion",
    created: plan.created,
    model: plan.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: plan.finishReason }],
    usage: plan.usage,
    service_tier: "default",
    system_fingerprint: SIM_SYSTEM_FINGERPRINT
  };
}
export {
  SIM_SYSTEM_FINGERPRINT,
  renderChatCompletion
};
//# sourceMappingURL=render-chat-completion.js.map
