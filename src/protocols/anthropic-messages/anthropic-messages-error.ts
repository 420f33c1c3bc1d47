import { UpstreamError } from '../../core/errors/upstream-error.js';
import { classifyUpstreamStatus } from '../shared/classify-upstream-status.js';
import { parseRetryAfter } from '../shared/parse-retry-after.js';
import { scrubSecretText, scrubSecrets } from '../shared/scrub-secrets.js';
import type { AnthropicErrorBody } from './anthropic-messages-api.js';

/**
 * The HTTP status each Anthropic error type stands for, for errors that arrive without one: inside a
 * stream, or as an errored Message Batches result.
 */
export const STATUS_OF_ANTHROPIC_ERROR_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

const CONTEXT_LENGTH = /prompt is too long|context window|maximum context length|input length and `max_tokens` exceed context limit/i;

/**
 * Turns an Anthropic error response (`{"type":"error","error":{"type","message"}}`) into an
 * UpstreamError with OpenRouter's status and retryability: 400/404/413 stay (a too-long prompt
 * is `context_length_exceeded`), 429 stays 429 with its `retry-after`, 529 `overloaded_error`
 * and 503 become 503 `upstream_overloaded`, other 5xx 502; all of those are retryable so
 * failover moves on. 401/402/403 mean the gateway's own Anthropic key or account was refused:
 * 502, retryable on another endpoint. The body rides along as `metadata.raw`, keys scrubbed.
 * @see https://docs.anthropic.com/en/api/errors
 */
export function parseAnthropicError(options: {
  status: number;
  bodyText: string;
  retryAfter: string | undefined;
  provider: string;
}): UpstreamError {
  const { status, bodyText, provider } = options;
  let raw: unknown;
  try {
    raw = JSON.parse(bodyText);
  } catch {
    raw = undefined;
  }
  const error = (raw as Partial<AnthropicErrorBody> | undefined)?.error;
  const type = typeof error?.type === 'string' ? error.type : undefined;
  const upstreamMessage = typeof error?.message === 'string' ? error.message : bodyText.slice(0, 200) || `HTTP ${status}`;

  const { code, status: clientStatus, retryable } = classifyUpstreamStatus(status, {
    contextLength: status === 400 && CONTEXT_LENGTH.test(upstreamMessage),
    overloaded: type === 'overloaded_error',
  });
  return new UpstreamError(code, {
    provider,
    upstreamStatus: status,
    status: clientStatus,
    retryable,
    retryAfterSeconds: parseRetryAfter(options.retryAfter),
    message: clientStatus >= 500 ? 'Provider returned error' : scrubSecretText(upstreamMessage),
    raw: scrubSecrets(raw ?? bodyText.slice(0, 2000)),
    metadata: type ? { provider_code: type } : undefined,
  });
}

/**
 * An `event: error` inside a stream (e.g. `overloaded_error` after the 200): mapped as if it
 * were the HTTP status its type stands for, so an overload before the first byte still fails over.
 */
export function anthropicStreamError(body: unknown, provider: string): UpstreamError {
  const type = (body as Partial<AnthropicErrorBody> | undefined)?.error?.type;
  const status = (typeof type === 'string' ? STATUS_OF_ANTHROPIC_ERROR_TYPE[type] : undefined) ?? 500;
  return parseAnthropicError({ status, bodyText: JSON.stringify(body), retryAfter: undefined, provider });
}
