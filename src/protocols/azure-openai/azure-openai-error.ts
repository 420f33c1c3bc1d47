import { UpstreamError } from '../../core/errors/upstream-error.js';
import { parseOpenAIChatError } from '../openai-chat/openai-chat-error.js';

/**
 * Azure errors are OpenAI-shaped, except the prompt filter: HTTP 400 with
 * `error.code: "content_filter"` and `error.innererror.content_filter_result` naming the
 * categories. It stays a 400 and is not retried on another provider (the same prompt is
 * the client's to change), with OpenRouter's typed `error_type: "invalid_prompt"` and the
 * filtered categories as `metadata.reasons` (the field OpenRouter's 403 moderation error uses).
 * It is not turned into a 403 `moderation`: that is the gateway's own moderation, not a provider's.
 */
export function parseAzureOpenAIError(options: { status: number; bodyText: string; retryAfter: string | undefined; provider: string }): UpstreamError {
  const error = parseOpenAIChatError(options);
  if (error.metadata?.provider_code !== 'content_filter') return error;
  return new UpstreamError('invalid_request', {
    provider: options.provider,
    upstreamStatus: options.status,
    status: 400,
    retryable: false,
    message: error.message,
    raw: error.metadata.raw,
    metadata: { provider_code: 'content_filter', error_type: 'invalid_prompt', reasons: filteredCategories(error.metadata.raw) },
  });
}

/** `{"jailbreak":{"filtered":true,…},"hate":{"filtered":false,…}}` → `["jailbreak"]`. */
function filteredCategories(raw: unknown): string[] {
  const inner = (raw as { error?: { innererror?: { content_filter_result?: unknown } } } | null)?.error?.innererror;
  const result = inner?.content_filter_result;
  if (typeof result !== 'object' || result === null) return [];
  return Object.entries(result as Record<string, { filtered?: unknown }>)
    .filter(([, value]) => value?.filtered === true)
    .map(([category]) => category);
}
