import { z } from "zod";
const limit = z.number().int().nonnegative().max(1e9).nullable().optional();
const keyRateLimitsField = z.strictObject({ requests_per_minute: limit, tokens_per_minute: limit, concurrent_requests: limit }).optional();
function toKeyRateLimitsPatch(input) {
  return { requestsPerMinute: input.requests_per_minute, tokensPerMinute: input.tokens_per_minute, concurrentRequests: input.concurrent_requests };
}
function encodeKeyRateLimits(limits) {
  return {
    requests_per_minute: limits?.requestsPerMinute ?? null,
    tokens_per_minute: limits?.tokensPerMinute ?? null,
    concurrent_requests: limits?.concurrentRequests ?? null
  };
}
export {
  encodeKeyRateLimits,
  keyRateLimitsField,
  toKeyRateLimitsPatch
};
//# sourceMappingURL=key-rate-limits-field.js.map
