import type { ErrorCode } from '../../core/errors/error-codes.js';

/** How the gateway reports an upstream failure to its client and to failover. */
export interface UpstreamFailureClass {
  code: ErrorCode;
  status: number;
  retryable: boolean;
}

/**
 * Maps an upstream HTTP error status to the gateway's code, client status and retryability,
 * for protocols whose errors are told apart by status (OpenAI-compatible, Anthropic):
 * - a too-long prompt (the caller decides, from the body) is 400 `context_length_exceeded`;
 * - 400/404/413/422 stay as they are (`invalid_request`), not retried: the request is the problem;
 * - 429 stays 429 and is retried elsewhere;
 * - 401/402/403 mean the gateway's own key or account was refused or is out of credit, not the
 *   client's: 502 `upstream_error`, retryable so another endpoint can serve;
 * - 408/409/5xx are retryable: 503/529 (or a body the caller recognised as an overload) →
 *   503 `upstream_overloaded`, 504 → 504 `upstream_timeout`, the rest 502 `upstream_error`.
 * Anything else (another 4xx) is a non-retryable 502.
 */
export function classifyUpstreamStatus(status: number, body: { contextLength: boolean; overloaded?: boolean }): UpstreamFailureClass {
  if (body.contextLength) return { code: 'context_length_exceeded', status: 400, retryable: false };
  if (status === 400 || status === 404 || status === 413 || status === 422) return { code: 'invalid_request', status, retryable: false };
  if (status === 429) return { code: 'rate_limited', status: 429, retryable: true };
  if (status === 401 || status === 402 || status === 403) return { code: 'upstream_error', status: 502, retryable: true };
  if (status === 408 || status === 409 || status >= 500) {
    if (status === 503 || status === 529 || body.overloaded) return { code: 'upstream_overloaded', status: 503, retryable: true };
    if (status === 504) return { code: 'upstream_timeout', status: 504, retryable: true };
    return { code: 'upstream_error', status: 502, retryable: true };
  }
  return { code: 'upstream_error', status: 502, retryable: false };
}
