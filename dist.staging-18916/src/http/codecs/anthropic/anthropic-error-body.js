function anthropicErrorType(status) {
  switch (status) {
    case 400:
    case 415:
      return "invalid_request_error";
    case 401:
      return "authentication_error";
    case 402:
      return "billing_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 413:
      return "request_too_large";
    case 429:
      return "rate_limit_error";
    case 503:
    case 529:
      return "overloaded_error";
    case 504:
      return "timeout_error";
    default:
      return status >= 500 ? "api_error" : "invalid_request_error";
  }
}
function toAnthropicErrorBody(reply) {
  const { message, metadata } = reply.body.error;
  return { type: "error", error: { type: anthropicErrorType(reply.status), message, ...metadata ? { metadata } : {} } };
}
export {
  anthropicErrorType,
  toAnthropicErrorBody
};
//# sourceMappingURL=anthropic-error-body.js.map
