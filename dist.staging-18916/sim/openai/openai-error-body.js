function makeOpenAIError(status, message, type, param = null, code = null, headers = {}) {
  return { status, headers, body: { error: { message, type, param, code } } };
}
function buildOpenAIError(status, details = {}) {
  const model = details.model ?? "gpt-4o-mini";
  switch (status) {
    case 400:
      return makeOpenAIError(
        400,
        "Invalid value for 'messages': the request was rejected by the simulator.",
        "invalid_request_error",
        "messages",
        "invalid_value"
      );
    case 401:
      return makeOpenAIError(
        401,
        "Incorrect API key provided: sk-sim***. You can find your API key at https://platform.openai.com/account/api-keys.",
        "invalid_request_error",
        null,
        "invalid_api_key"
      );
    case 403:
      return makeOpenAIError(
        403,
        "Country, region, or territory not supported",
        "request_forbidden",
        null,
        "unsupported_country_region_territory"
      );
    case 404:
      return makeOpenAIError(
        404,
        `The model \`${model}\` does not exist or you do not have access to it.`,
        "invalid_request_error",
        null,
        "model_not_found"
      );
    case 429:
      return buildRateLimitError(model, details.retryAfterSeconds);
    case 500:
      return makeOpenAIError(
        500,
        "The server had an error while processing your request. Sorry about that!",
        "server_error"
      );
    case 503:
      return makeOpenAIError(503, "The engine is currently overloaded, please try again later", "server_error");
    default:
      return makeOpenAIError(
        status,
        `The simulator returned HTTP ${status}.`,
        status >= 500 ? "server_error" : "invalid_request_error"
      );
  }
}
function buildRateLimitError(model, retryAfterSeconds) {
  const wait = retryAfterSeconds ?? 1;
  const headers = {
    "x-ratelimit-limit-requests": "500",
    "x-ratelimit-remaining-requests": "0",
    "x-ratelimit-reset-requests": `${wait}s`
  };
  if (retryAfterSeconds !== void 0) headers["retry-after"] = String(retryAfterSeconds);
  return makeOpenAIError(
    429,
    `Rate limit reached for ${model} in organization org-sim on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in ${wait}s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
    "requests",
    null,
    "rate_limit_exceeded",
    headers
  );
}
function buildContextLengthError(promptTokens) {
  const limit = 128e3;
  const used = Math.max(promptTokens, limit + 1);
  return makeOpenAIError(
    400,
    `This model's maximum context length is ${limit} tokens. However, your messages resulted in ${used} tokens. Please reduce the length of the messages.`,
    "invalid_request_error",
    "messages",
    "context_length_exceeded"
  );
}
export {
  buildContextLengthError,
  buildOpenAIError,
  makeOpenAIError
};
//# sourceMappingURL=openai-error-body.js.map
