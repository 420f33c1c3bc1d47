import { formatUsd, parseUsd, usdToNumber } from '../../billing/money.js';
import type { ApiKeyRecord } from '../../stores/key-store.js';
import type { AccountSnapshot } from '../../stores/ledger.js';
import { windowSpend, zeroWindows } from '../../stores/roll-account-windows.js';

const NO_SPEND: AccountSnapshot = { spend: zeroWindows(), byok: zeroWindows(), held: 0n, credits: 0n, creditsEnabled: false };

/** limit − spend in the reset window (BYOK spend too when include_byok_in_limit), never below 0. */
export function limitRemaining(limit: string | null, options: { reset: ApiKeyRecord['limitReset']; includeByok: boolean; account: AccountSnapshot }): number | null {
  if (limit === null) return null;
  const { account, reset } = options;
  const used = windowSpend(account.spend, reset) + (options.includeByok ? windowSpend(account.byok, reset) : 0n);
  const remaining = parseUsd(limit) - used;
  return usdToNumber(remaining > 0n ? remaining : 0n);
}

/** OpenRouter's `Key` object for /api/v1/keys, with usage from the key's ledger account. */
export function encodeKey(key: ApiKeyRecord, account: AccountSnapshot = NO_SPEND): Record<string, unknown> {
  const { spend, byok } = account;
  return {
    hash: key.hash,
    name: key.name,
    label: key.label,
    disabled: key.disabled,
    limit: key.limit === null ? null : Number(formatUsd(parseUsd(key.limit))),
    limit_remaining: limitRemaining(key.limit, { reset: key.limitReset, includeByok: key.includeByokInLimit, account }),
    limit_reset: key.limitReset,
    include_byok_in_limit: key.includeByokInLimit,
    usage: usdToNumber(spend.total),
    usage_daily: usdToNumber(spend.daily),
    usage_weekly: usdToNumber(spend.weekly),
    usage_monthly: usdToNumber(spend.monthly),
    byok_usage: usdToNumber(byok.total),
    byok_usage_daily: usdToNumber(byok.daily),
    byok_usage_weekly: usdToNumber(byok.weekly),
    byok_usage_monthly: usdToNumber(byok.monthly),
    created_at: key.createdAt,
    updated_at: key.updatedAt,
    expires_at: key.expiresAt,
    creator_user_id: key.creatorUserId,
    external_user: null,
    workspace_id: key.workspaceId,
  };
}

/** OpenRouter's `GET /key` view of the calling key. */
export function encodeCurrentKey(key: ApiKeyRecord, account: AccountSnapshot): Record<string, unknown> {
  const full = encodeKey(key, account);
  return {
    label: full.label,
    limit: full.limit,
    limit_reset: full.limit_reset,
    limit_remaining: full.limit_remaining,
    include_byok_in_limit: full.include_byok_in_limit,
    usage: full.usage,
    usage_daily: full.usage_daily,
    usage_weekly: full.usage_weekly,
    usage_monthly: full.usage_monthly,
    byok_usage: full.byok_usage,
    byok_usage_daily: full.byok_usage_daily,
    byok_usage_weekly: full.byok_usage_weekly,
    byok_usage_monthly: full.byok_usage_monthly,
    is_free_tier: false,
    allowed_data_regions: ['global'],
    // Free-variant limits are not enforced yet (the billing issue adds them): report OpenRouter's default.
    free_model_daily_requests: { limit: 1000, remaining: 1000, used: 0 },
    organization_id: null,
    workspace_id: key.workspaceId,
    is_management_key: key.kind === 'management',
    is_provisioning_key: key.kind === 'management',
    creator_user_id: key.creatorUserId,
    expires_at: key.expiresAt,
    rate_limit: { requests: -1, interval: '10s', note: 'This field is deprecated and safe to ignore.' },
  };
}
