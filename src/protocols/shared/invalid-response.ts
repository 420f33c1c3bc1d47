import { UpstreamError } from '../../core/errors/upstream-error.js';

/** An upstream answered 200 with something that is not a usable response. */
export function invalidResponse(provider: string, reason: string, bodyText: string): UpstreamError {
  return new UpstreamError('upstream_invalid_response', {
    provider,
    upstreamStatus: 200,
    retryable: true,
    message: `Invalid response from ${provider}: ${reason}`,
    raw: bodyText.slice(0, 500),
  });
}
