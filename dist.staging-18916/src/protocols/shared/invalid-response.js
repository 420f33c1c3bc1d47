import { UpstreamError } from "../../core/errors/upstream-error.js";
function invalidResponse(provider, reason, bodyText) {
  return new UpstreamError("upstream_invalid_response", {
    provider,
    upstreamStatus: 200,
    retryable: true,
    message: `Invalid response from ${provider}: ${reason}`,
    raw: bodyText.slice(0, 500)
  });
}
export {
  invalidResponse
};
//# sourceMappingURL=invalid-response.js.map
