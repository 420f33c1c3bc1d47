const INTERPRETED_FIELDS = /* @__PURE__ */ new Set([
  "model",
  "messages",
  "system",
  "tool_choice",
  "max_tokens",
  "stream",
  "stop_sequences",
  "temperature",
  "top_p",
  "top_k",
  "models",
  "fallbacks",
  "provider",
  "session_id",
  "route",
  "transforms",
  "plugins",
  "usage",
  "debug",
  "trace",
  "preset",
  "reasoning",
  "include_reasoning",
  "user"
]);
function readAnthropicPassthrough(body, headers) {
  const fields = {};
  for (const [key, value] of Object.entries(body)) {
    if (!INTERPRETED_FIELDS.has(key) && value !== void 0) fields[key] = value;
  }
  if (body.output_config) {
    const { format: _format, ...rest } = body.output_config;
    if (Object.keys(rest).length > 0) fields.output_config = rest;
    else delete fields.output_config;
  }
  return {
    betas: readBetas(headers?.["anthropic-beta"]),
    inlineSystem: body.messages.some((message) => message.role === "system"),
    fields
  };
}
function readBetas(header) {
  const values = typeof header === "string" ? [header] : header ?? [];
  const flags = values.flatMap((value) => value.split(",")).map((flag) => flag.trim()).filter((flag) => flag !== "");
  return [...new Set(flags)];
}
export {
  readAnthropicPassthrough
};
//# sourceMappingURL=read-anthropic-passthrough.js.map
