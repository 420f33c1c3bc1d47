import type { ChatRequest } from '../../core/canonical/chat-request.js';

/**
 * OpenRouter's own request fields: interpreted by the gateway (routing, plugins, billing),
 * never forwarded to an OpenAI-compatible upstream, which would reject or misread them.
 */
const GATEWAY_ONLY_FIELDS = new Set([
  'models', 'provider', 'route', 'transforms', 'plugins', 'usage', 'session_id', 'debug', 'trace',
  'preset', 'stop_server_tools_when', 'reasoning', 'include_reasoning', 'stream_options', 'cache_control', 'anthropic',
]);

/**
 * Builds the upstream body for an OpenAI-compatible provider: the client's body minus the
 * gateway's fields, with the upstream's model name, and `stream_options.include_usage` on
 * streams so usage (and so cost) is always known. OpenRouter-style `reasoning` becomes
 * `reasoning_effort`, which OpenAI-compatible servers understand; an OpenRouter upstream
 * gets the original `reasoning` object.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function toOpenAIChatRequest(options: {
  request: ChatRequest;
  upstreamModel: string;
  stream: boolean;
  /** True when the upstream speaks OpenRouter's dialect (keeps `reasoning`). */
  openRouterDialect: boolean;
}): string {
  const { request } = options;
  const body: Record<string, unknown> = {};
  for (const key in request) {
    if (!GATEWAY_ONLY_FIELDS.has(key)) body[key] = request[key];
  }
  body.model = options.upstreamModel;
  // Only an Anthropic client's request carries turn-level `anthropic` fields; they are Anthropic's alone.
  if (request.anthropic) body.messages = request.messages.map(({ anthropic: _anthropic, ...message }) => message);
  if (options.stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  } else {
    delete body.stream;
  }
  const reasoning = request.reasoning;
  if (options.openRouterDialect) {
    if (reasoning !== undefined) body.reasoning = reasoning;
  } else if (reasoning && body.reasoning_effort === undefined && typeof reasoning.effort === 'string' && reasoning.effort !== 'none') {
    body.reasoning_effort = reasoning.effort;
  }
  if (typeof request.user === 'string') body.user = request.user;
  return JSON.stringify(body);
}
