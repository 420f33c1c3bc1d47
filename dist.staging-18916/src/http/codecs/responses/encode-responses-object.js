function encodeResponsesObject(input) {
  const { message, finishReason } = input.choice;
  const output = [];
  if (message.reasoning) {
    output.push({ type: "reasoning", id: `rs_${input.id}`, summary: [{ type: "summary_text", text: message.reasoning }] });
  }
  if (message.content) {
    output.push({ type: "message", id: `msg_${input.id}`, role: "assistant", status: "completed", content: [{ type: "output_text", text: message.content, annotations: [] }] });
  }
  for (const call of message.tool_calls ?? []) {
    output.push({ type: "function_call", id: `fc_${call.id}`, call_id: call.id, name: call.function.name, arguments: call.function.arguments, status: "completed" });
  }
  const incomplete = finishReason === "length";
  return {
    id: input.id,
    object: "response",
    created_at: Math.floor(input.createdAtMs / 1e3),
    model: input.model,
    status: incomplete ? "incomplete" : "completed",
    incomplete_details: incomplete ? { reason: "max_output_tokens" } : null,
    error: null,
    output,
    output_text: message.content ?? "",
    usage: {
      input_tokens: input.usage.prompt_tokens,
      input_tokens_details: { cached_tokens: input.usage.prompt_tokens_details?.cached_tokens ?? 0 },
      output_tokens: input.usage.completion_tokens,
      output_tokens_details: { reasoning_tokens: input.usage.completion_tokens_details?.reasoning_tokens ?? 0 },
      total_tokens: input.usage.total_tokens,
      ...input.usage.cost !== void 0 ? { cost: input.usage.cost } : {}
    }
  };
}
export {
  encodeResponsesObject
};
//# sourceMappingURL=encode-responses-object.js.map
