const ERROR_CODES = {
  invalid_json: { status: 400, errorType: "invalid_request" },
  invalid_request: { status: 400, errorType: "invalid_request" },
  model_not_found: { status: 400, errorType: "invalid_request" },
  context_length_exceeded: { status: 400, errorType: "context_length_exceeded" },
  invalid_regex_pattern: { status: 400, errorType: "invalid_request" },
  missing_auth: { status: 401, errorType: "authentication" },
  invalid_key: { status: 401, errorType: "authentication" },
  disabled_key: { status: 401, errorType: "authentication" },
  expired_key: { status: 401, errorType: "authentication" },
  payment_required: { status: 402, errorType: "payment_required" },
  insufficient_credits: { status: 402, errorType: "payment_required" },
  limit_exceeded: { status: 402, errorType: "payment_required" },
  wrong_key_kind: { status: 403, errorType: "permission_denied" },
  guardrail_blocked: { status: 403, errorType: "permission_denied" },
  cross_site_request: { status: 403, errorType: "permission_denied" },
  not_found: { status: 404, errorType: "not_found" },
  method_not_allowed: { status: 405, errorType: "invalid_request" },
  no_endpoints: { status: 404, errorType: "not_found" },
  request_timeout: { status: 408, errorType: "timeout" },
  payload_too_large: { status: 413, errorType: "payload_too_large" },
  unsupported_media_type: { status: 415, errorType: "invalid_request" },
  rate_limited: { status: 429, errorType: "rate_limit_exceeded" },
  headers_too_large: { status: 431, errorType: "invalid_request" },
  upstream_error: { status: 502, errorType: "provider_unavailable" },
  upstream_invalid_response: { status: 502, errorType: "provider_unavailable" },
  upstream_overloaded: { status: 503, errorType: "provider_overloaded" },
  upstream_timeout: { status: 504, errorType: "timeout" },
  shutting_down: { status: 503, errorType: "provider_overloaded" },
  internal: { status: 500, errorType: "server" }
};
export {
  ERROR_CODES
};
//# sourceMappingURL=error-codes.js.map
