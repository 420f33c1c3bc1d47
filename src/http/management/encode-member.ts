import type { AccountSnapshot } from '../../stores/ledger.js';
import type { MemberRecord } from '../../stores/workspace-store.js';
import { encodeBudgetUsage } from './encode-budget-usage.js';

/** A workspace member with its budget and usage, in the same field names as a Key. */
export function encodeMember(member: MemberRecord, account: AccountSnapshot): Record<string, unknown> {
  return {
    id: member.id,
    workspace_id: member.workspaceId,
    name: member.name,
    email: member.email,
    ...encodeBudgetUsage(member, account),
    created_at: member.createdAt,
    updated_at: member.updatedAt,
  };
}
