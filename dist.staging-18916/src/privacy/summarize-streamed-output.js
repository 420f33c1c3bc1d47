function summarizeStreamedOutput(payloads) {
  const output = { content: "", reasoning: "", tool_arguments: "" };
  for (const payload of payloads) {
    let event;
    try {
      event = JSON.parse(payload);
    } catch {
      continue;
    }
    for (const choice of Array.isArray(event.choices) ? event.choices : []) {
      const delta2 = choice.delta ?? {};
      output.content += text(delta2.content) + text(choice.text);
      output.reasoning += text(delta2.reasoning);
      for (const call of Array.isArray(delta2.tool_calls) ? delta2.tool_calls : []) {
        output.tool_arguments += text(call.function?.arguments);
      }
    }
    const delta = event.delta;
    if (event.type === "content_block_delta" && delta) {
      output.content += text(delta.text);
      output.reasoning += text(delta.thinking);
      output.tool_arguments += text(delta.partial_json);
    }
  }
  return output;
}
function text(value) {
  return typeof value === "string" ? value : "";
}
export {
  summarizeStreamedOutput
};
//# sourceMappingURL=summarize-streamed-output.js.map
