const GATEWAY_ONLY_FIELDS = /* @__PURE__ */ new Set([
  "models",
  "provider",
  "route",
  "transforms",
  "plugins",
  "usage",
  "session_id",
  "debug",
  "trace",
  "preset",
  "stop_server_tools_when",
  "reasoning",
  "include_reasoning",
  "stream_options",
  "cache_control",
  "anthropic"
]);
function toOpenAIChatRequest(options) {
  const { request } = options;
  const body = {};
  for (const key in request) {
    if (!GATEWAY_ONLY_FIELDS.has(key)) body[key] = request[key];
  }
  body.model = options.upstreamModel;
  if (request.anthropic) body.messages = request.messages.map(({ anthropic: _anthropic, ...message }) => message);
  if (options.stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  } else {
    delete body.stream;
  }
  const reasoning = request.reasoning;
  if (options.openRouterDialect) {
    if (reasoning !== void 0) body.reasoning = reasoning;
  } else if (reasoning && body.reasoning_effort === void 0 && typeof reasoning.effort === "string" && reasoning.effort !== "none") {
    body.reasoning_effort = reasoning.effort;
  }
  if (typeof request.user === "string") body.user = request.user;
  return JSON.stringify(body);
}
export {
  toOpenAIChatRequest
};
//# sourceMappingURL=to-openai-chat-request.js.map
