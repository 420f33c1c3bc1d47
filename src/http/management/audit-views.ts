import type { KeyRateLimits } from '../../stores/key-rate-limit-store.js';
import type { ApiKeyRecord } from '../../stores/key-store.js';
import type { MemberRecord } from '../../stores/workspace-store.js';
import { encodeKeyRateLimits } from './key-rate-limits-field.js';

/**
 * What the audit trail records of a key or a member: the settings a manager can change, in the
 * API's field names, without usage figures (those change with every request, not by an action).
 */
export function keyAuditView(key: ApiKeyRecord, rateLimits: KeyRateLimits | undefined): Record<string, unknown> {
  return {
    name: key.name,
    label: key.label,
    disabled: key.disabled,
    limit: key.limit === null ? null : Number(key.limit),
    limit_reset: key.limitReset,
    include_byok_in_limit: key.includeByokInLimit,
    expires_at: key.expiresAt,
    creator_user_id: key.creatorUserId,
    workspace_id: key.workspaceId,
    rate_limits: encodeKeyRateLimits(rateLimits),
  };
}

export function memberAuditView(member: MemberRecord): Record<string, unknown> {
  return {
    name: member.name,
    email: member.email,
    limit: member.limit === null ? null : Number(member.limit),
    limit_reset: member.limitReset,
    include_byok_in_limit: member.includeByokInLimit,
    workspace_id: member.workspaceId,
  };
}
