import { sendAnthropicJson } from "./send-anthropic-json.js";
const TYPE_OF_STATUS = {
  400: ["invalid_request_error", "Invalid request"],
  401: ["authentication_error", "invalid x-api-key"],
  402: ["billing_error", "Your credit balance is too low to access the Anthropic API."],
  403: ["permission_error", "Your API key does not have permission to use the specified resource."],
  404: ["not_found_error", "Not found"],
  413: ["request_too_large", "Request exceeds the maximum allowed number of bytes."],
  429: ["rate_limit_error", "This request would exceed the rate limit for your organization of 50 requests per minute."],
  500: ["api_error", "Internal server error"],
  529: ["overloaded_error", "Overloaded"]
};
let requestCounter = 0;
function nextRequestId() {
  requestCounter = (requestCounter + 1) % 2147483647;
  return `req_sim${requestCounter.toString(16).padStart(16, "0")}`;
}
function sendAnthropicError(res, options) {
  const [type, fallback] = TYPE_OF_STATUS[options.status] ?? (options.status >= 500 ? ["api_error", "Internal server error"] : ["invalid_request_error", "Invalid request"]);
  const requestId = nextRequestId();
  const headers = { "request-id": requestId };
  if (options.retryAfterSeconds !== void 0) headers["retry-after"] = String(options.retryAfterSeconds);
  if (options.status === 529 || options.status === 429) headers["x-should-retry"] = "true";
  sendAnthropicJson(res, options.status, { type: "error", error: { type, message: options.message ?? fallback }, request_id: requestId }, headers);
}
const OVERLOADED_EVENT = 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
export {
  OVERLOADED_EVENT,
  nextRequestId,
  sendAnthropicError
};
//# sourceMappingURL=anthropic-sim-error.js.map
