import { formatUsd, parseUsd, usdToNumber } from '../../billing/money.js';
import type { AccountSnapshot } from '../../stores/ledger.js';
import type { MemberRecord } from '../../stores/workspace-store.js';
import { limitRemaining } from './encode-key.js';

/** A workspace member with its budget and usage, in the same field names as a Key. */
export function encodeMember(member: MemberRecord, account: AccountSnapshot): Record<string, unknown> {
  return {
    id: member.id,
    workspace_id: member.workspaceId,
    name: member.name,
    email: member.email,
    limit: member.limit === null ? null : Number(formatUsd(parseUsd(member.limit))),
    limit_remaining: limitRemaining(member.limit, { reset: member.limitReset, includeByok: member.includeByokInLimit, account }),
    limit_reset: member.limitReset,
    include_byok_in_limit: member.includeByokInLimit,
    usage: usdToNumber(account.spend.total),
    usage_daily: usdToNumber(account.spend.daily),
    usage_weekly: usdToNumber(account.spend.weekly),
    usage_monthly: usdToNumber(account.spend.monthly),
    byok_usage: usdToNumber(account.byok.total),
    byok_usage_daily: usdToNumber(account.byok.daily),
    byok_usage_weekly: usdToNumber(account.byok.weekly),
    byok_usage_monthly: usdToNumber(account.byok.monthly),
    created_at: member.createdAt,
    updated_at: member.updatedAt,
  };
}
