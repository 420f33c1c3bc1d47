import type { CreditGrant } from './ledger.js';

/**
 * The grant that covers usage from before a workspace's first credits (when no balance was
 * enforced), so enabling credits starts the balance at exactly the credits added. Sorted just
 * before the grant that triggered it.
 */
export function openingGrant(trigger: CreditGrant, usageBefore: bigint): CreditGrant {
  const at = new Date(Date.parse(trigger.createdAt) - 1).toISOString();
  return { id: `${trigger.id}-opening`, workspaceId: trigger.workspaceId, amount: usageBefore, fee: 0n, note: 'usage before credits were enabled', createdAt: at };
}
