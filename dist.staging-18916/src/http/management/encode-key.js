import { zeroWindows } from "../../stores/roll-account-windows.js";
import { encodeBudgetUsage } from "./encode-budget-usage.js";
const NO_SPEND = { spend: zeroWindows(), byok: zeroWindows(), held: 0n, credits: 0n, creditsEnabled: false };
function encodeKey(key, account = NO_SPEND) {
  return {
    hash: key.hash,
    name: key.name,
    label: key.label,
    disabled: key.disabled,
    ...encodeBudgetUsage(key, account),
    created_at: key.createdAt,
    updated_at: key.updatedAt,
    expires_at: key.expiresAt,
    creator_user_id: key.creatorUserId,
    external_user: null,
    workspace_id: key.workspaceId
  };
}
function encodeCurrentKey(key, account, freeDaily) {
  return {
    label: key.label,
    ...encodeBudgetUsage(key, account),
    is_free_tier: false,
    allowed_data_regions: ["global"],
    // The workspace's configured `:free` daily limit and today's use (rate_limits.free_models).
    free_model_daily_requests: { limit: freeDaily.limit, remaining: freeDaily.remaining, used: freeDaily.used },
    organization_id: null,
    workspace_id: key.workspaceId,
    is_management_key: key.kind === "management",
    is_provisioning_key: key.kind === "management",
    creator_user_id: key.creatorUserId,
    expires_at: key.expiresAt,
    rate_limit: { requests: -1, interval: "10s", note: "This field is deprecated and safe to ignore." }
  };
}
export {
  encodeCurrentKey,
  encodeKey
};
//# sourceMappingURL=encode-key.js.map
