import { formatUsd, parseUsd, usdToNumber } from '../../billing/money.js';
import { spendInWindow } from '../../billing/spend-in-window.js';
import type { KeySpend } from '../../stores/generation-store.js';
import type { ApiKeyRecord } from '../../stores/key-store.js';

const NO_SPEND: KeySpend = { total: 0n, daily: 0n, weekly: 0n, monthly: 0n };

function limitRemaining(key: ApiKeyRecord, spend: KeySpend): number | null {
  if (key.limit === null) return null;
  const remaining = parseUsd(key.limit) - spendInWindow(key, spend);
  return usdToNumber(remaining > 0n ? remaining : 0n);
}

/** OpenRouter's `Key` object for /api/v1/keys. BYOK spend is tracked once BYOK lands. */
export function encodeKey(key: ApiKeyRecord, spend: KeySpend = NO_SPEND): Record<string, unknown> {
  return {
    hash: key.hash,
    name: key.name,
    label: key.label,
    disabled: key.disabled,
    limit: key.limit === null ? null : Number(formatUsd(parseUsd(key.limit))),
    limit_remaining: limitRemaining(key, spend),
    limit_reset: key.limitReset,
    include_byok_in_limit: key.includeByokInLimit,
    usage: usdToNumber(spend.total),
    usage_daily: usdToNumber(spend.daily),
    usage_weekly: usdToNumber(spend.weekly),
    usage_monthly: usdToNumber(spend.monthly),
    byok_usage: 0,
    byok_usage_daily: 0,
    byok_usage_weekly: 0,
    byok_usage_monthly: 0,
    created_at: key.createdAt,
    updated_at: key.updatedAt,
    expires_at: key.expiresAt,
    creator_user_id: key.creatorUserId,
    external_user: null,
    workspace_id: key.workspaceId,
  };
}

/** OpenRouter's `GET /key` view of the calling key. */
export function encodeCurrentKey(key: ApiKeyRecord, spend: KeySpend): Record<string, unknown> {
  const full = encodeKey(key, spend);
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
    byok_usage: 0,
    byok_usage_daily: 0,
    byok_usage_weekly: 0,
    byok_usage_monthly: 0,
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
