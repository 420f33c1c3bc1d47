import { GatewayError } from '../core/errors/gateway-error.js';
import type { ChargedScope } from './budget-scopes.js';
import { formatUsd } from '../core/money.js';
import { nextReset } from './next-reset.js';

/**
 * The 402 for a reservation the ledger refused, worded as OpenRouter's: the balance gets
 * "Insufficient credits" or "…can only afford N tokens"; a cap names itself, its window and
 * when it resets.
 */
export function budgetError(options: {
  scope: ChargedScope;
  /** False when something is left, only not enough for this request's worst case. */
  exhausted: boolean;
  requestedTokens: number;
  affordableTokens: number;
  /** Picodollars held on the scope by requests still in flight, when without them the request would fit; else 0n. */
  heldInFlight?: bigint;
  now: Date;
}): GatewayError {
  const { scope, requestedTokens, affordableTokens, now } = options;
  const heldInFlight = options.heldInFlight ?? 0n;
  const short = !options.exhausted || heldInFlight > 0n;
  const held = heldInFlight > 0n
    ? ` $${formatUsd(heldInFlight)} of it is held by requests still in flight (not spent); it is freed as they finish.`
    : '';
  const afford = `You requested up to ${requestedTokens} tokens, but can only afford ${affordableTokens}.${held}`;
  const metadata: Record<string, unknown> = { provider_name: null, scope: scope.kind, requested_tokens: requestedTokens, affordable_tokens: affordableTokens };
  if (heldInFlight > 0n) metadata.held_in_flight = Number(formatUsd(heldInFlight));
  if (scope.cap === 'balance' || scope.cap === null) {
    return new GatewayError('insufficient_credits', {
      message: short
        ? `This request requires more credits, or fewer max_tokens. ${afford} To increase, ${lower(scope.hint)}`
        : `Insufficient credits. ${scope.hint}`,
      metadata,
    });
  }
  const window = scope.cap.reset ?? 'total';
  const resetsAt = scope.cap.reset ? nextReset(scope.cap.reset, now).toISOString() : null;
  const limit = `${scope.label} exceeded (${window} limit of $${formatUsd(scope.cap.limitPico)}).`;
  const resets = resetsAt ? ` It resets at ${resetsAt}.` : '';
  return new GatewayError('limit_exceeded', {
    message: short
      ? `This request requires more than is left of the ${scope.label} (${window} limit of $${formatUsd(scope.cap.limitPico)}), or fewer max_tokens. ${afford}${resets} ${scope.hint}`.trimEnd()
      : `${limit}${resets} ${scope.hint}`.trimEnd(),
    metadata: { ...metadata, limit: Number(formatUsd(scope.cap.limitPico)), limit_reset: scope.cap.reset, resets_at: resetsAt },
  });
}

const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
