import type { AnthropicPassthrough } from '../../../core/canonical/chat-request.js';
import type { AnthropicMessagesRequest } from './anthropic-request-schema.js';

/**
 * Fields the gateway interprets itself: translated into the canonical request (and so re-encoded
 * for every upstream), or OpenRouter's routing and gateway options, which never go upstream.
 */
const INTERPRETED_FIELDS = new Set([
  'model', 'messages', 'system', 'tool_choice', 'max_tokens', 'stream', 'stop_sequences',
  'temperature', 'top_p', 'top_k', 'models', 'fallbacks', 'provider', 'session_id',
  'route', 'transforms', 'plugins', 'usage', 'debug', 'trace', 'preset', 'reasoning', 'include_reasoning', 'user',
]);

/**
 * What an Anthropic-protocol upstream must get exactly as the client sent it: the
 * `anthropic-beta` flags, whether `system` turns sit inside `messages`, and the top-level
 * fields with no OpenAI equivalent (`thinking` variants such as `adaptive`, `output_config.effort`,
 * `context_management` edits, `metadata` with a JSON `user_id`, top-level `cache_control`, and
 * fields newer than this gateway), and `tools` as sent (with `defer_loading`, server tools, …).
 * `output_config.format` is left out: the canonical
 * `response_format` carries it to every upstream.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function readAnthropicPassthrough(
  body: AnthropicMessagesRequest,
  headers: Readonly<Record<string, string | string[] | undefined>> | undefined,
): AnthropicPassthrough {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!INTERPRETED_FIELDS.has(key) && value !== undefined) fields[key] = value;
  }
  if (body.output_config) {
    const { format: _format, ...rest } = body.output_config;
    if (Object.keys(rest).length > 0) fields.output_config = rest;
    else delete fields.output_config;
  }
  return {
    betas: readBetas(headers?.['anthropic-beta']),
    inlineSystem: body.messages.some((message) => message.role === 'system'),
    fields,
  };
}

function readBetas(header: string | string[] | undefined): string[] {
  const values = typeof header === 'string' ? [header] : (header ?? []);
  const flags = values.flatMap((value) => value.split(',')).map((flag) => flag.trim()).filter((flag) => flag !== '');
  return [...new Set(flags)];
}
