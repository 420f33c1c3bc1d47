import { GatewayError } from "../core/errors/gateway-error.js";
import { formatUsd } from "../core/money.js";
import { nextReset } from "./next-reset.js";
function budgetError(options) {
  const { scope, requestedTokens, affordableTokens, now } = options;
  const short = !options.exhausted;
  const afford = `You requested up to ${requestedTokens} tokens, but can only afford ${affordableTokens}.`;
  const metadata = { provider_name: null, scope: scope.kind, requested_tokens: requestedTokens, affordable_tokens: affordableTokens };
  if (scope.cap === "balance" || scope.cap === null) {
    return new GatewayError("insufficient_credits", {
      message: short ? `This request requires more credits, or fewer max_tokens. ${afford} To increase, ${lower(scope.hint)}` : `Insufficient credits. ${scope.hint}`,
      metadata
    });
  }
  const window = scope.cap.reset ?? "total";
  const resetsAt = scope.cap.reset ? nextReset(scope.cap.reset, now).toISOString() : null;
  const limit = `${scope.label} exceeded (${window} limit of $${formatUsd(scope.cap.limitPico)}).`;
  const resets = resetsAt ? ` It resets at ${resetsAt}.` : "";
  return new GatewayError("limit_exceeded", {
    message: short ? `This request requires more than is left of the ${scope.label} (${window} limit of $${formatUsd(scope.cap.limitPico)}), or fewer max_tokens. ${afford}${resets} ${scope.hint}`.trimEnd() : `${limit}${resets} ${scope.hint}`.trimEnd(),
    metadata: { ...metadata, limit: Number(formatUsd(scope.cap.limitPico)), limit_reset: scope.cap.reset, resets_at: resetsAt }
  });
}
const lower = (text) => text.charAt(0).toLowerCase() + text.slice(1);
export {
  budgetError
};
//# sourceMappingURL=budget-error.js.map
