const BY_STATUS = {
  400: ["INVALID_ARGUMENT", "Request contains an invalid argument."],
  401: ["UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential."],
  403: ["PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API."],
  404: ["NOT_FOUND", "models/unknown is not found for API version v1beta, or is not supported for generateContent."],
  429: ["RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details."],
  500: ["INTERNAL", "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting"],
  503: ["UNAVAILABLE", "The model is overloaded. Please try again later."],
  504: ["DEADLINE_EXCEEDED", "Deadline expired before operation could complete."]
};
function buildGeminiError(status, options = {}) {
  const [rpc, message] = BY_STATUS[status] ?? [status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT", `Simulated error ${status}`];
  const error = { code: status, message: options.message ?? message, status: rpc };
  if (status === 429) {
    error.details = [
      { "@type": "type.googleapis.com/google.rpc.QuotaFailure", violations: [{ quotaMetric: "generativelanguage.googleapis.com/generate_content_free_tier_requests", quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier" }] },
      ...options.retryAfterSeconds !== void 0 ? [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${options.retryAfterSeconds}s` }] : []
    ];
  }
  return { status, body: { error } };
}
function invalidArgument(message) {
  return buildGeminiError(400, { message });
}
export {
  buildGeminiError,
  invalidArgument
};
//# sourceMappingURL=gemini-error-body.js.map
