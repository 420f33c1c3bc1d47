function classifyUpstreamStatus(status, body) {
  if (body.contextLength) return { code: "context_length_exceeded", status: 400, retryable: false };
  if (status === 400 || status === 404 || status === 413 || status === 422) return { code: "invalid_request", status, retryable: false };
  if (status === 429) return { code: "rate_limited", status: 429, retryable: true };
  if (status === 401 || status === 402 || status === 403) return { code: "upstream_error", status: 502, retryable: true };
  if (status === 408 || status === 409 || status >= 500) {
    if (status === 503 || status === 529 || body.overloaded) return { code: "upstream_overloaded", status: 503, retryable: true };
    if (status === 504) return { code: "upstream_timeout", status: 504, retryable: true };
    return { code: "upstream_error", status: 502, retryable: true };
  }
  return { code: "upstream_error", status: 502, retryable: false };
}
export {
  classifyUpstreamStatus
};
//# sourceMappingURL=classify-upstream-status.js.map
