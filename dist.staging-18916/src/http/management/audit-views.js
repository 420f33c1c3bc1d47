import { encodeKeyRateLimits } from "./key-rate-limits-field.js";
function keyAuditView(key, rateLimits) {
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
    rate_limits: encodeKeyRateLimits(rateLimits)
  };
}
function memberAuditView(member) {
  return {
    name: member.name,
    email: member.email,
    limit: member.limit === null ? null : Number(member.limit),
    limit_reset: member.limitReset,
    include_byok_in_limit: member.includeByokInLimit,
    workspace_id: member.workspaceId
  };
}
export {
  keyAuditView,
  memberAuditView
};
//# sourceMappingURL=audit-views.js.map
