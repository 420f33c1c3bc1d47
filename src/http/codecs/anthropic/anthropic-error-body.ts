import type { ErrorReply } from '../../to-error-reply.js';

/**
 * Anthropic's `error.type` for an HTTP status, so the Anthropic SDK raises its typed error
 * (RateLimitError, AuthenticationError, …) and Claude-Code-style clients retry what is
 * retryable. 503 is `overloaded_error` (Anthropic says 529; the status stays the gateway's).
 * @see https://docs.anthropic.com/en/api/errors
 */
export function anthropicErrorType(status: number): string {
  switch (status) {
    case 400:
    case 415:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 503:
    case 529:
      return 'overloaded_error';
    case 504:
      return 'timeout_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

/**
 * Anthropic's error envelope `{"type":"error","error":{"type","message"}}`. OpenRouter's
 * metadata (provider name, the provider's scrubbed body) rides along in `error.metadata`.
 */
export function toAnthropicErrorBody(reply: ErrorReply): Record<string, unknown> {
  const { message, metadata } = reply.body.error;
  return { type: 'error', error: { type: anthropicErrorType(reply.status), message, ...(metadata ? { metadata } : {}) } };
}
