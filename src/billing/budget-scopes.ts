import type { ApiKeyRecord } from '../stores/key-store.js';
import type { LedgerScope } from '../stores/ledger.js';
import { workspaceScope } from '../stores/ledger.js';
import type { BudgetLimit } from './budget-limit.js';
import { parseUsd } from '../core/money.js';
import type { WorkspaceDirectory } from './workspace-directory.js';

/** A ledger scope plus what a 402 needs to explain it. */
export interface ChargedScope extends LedgerScope {
  kind: 'key' | 'member' | 'workspace' | 'budget';
  /** Where to raise the cap, e.g. `PATCH /api/v1/keys/<hash>`. */
  hint: string;
}

/**
 * Every account a key's request counts toward, each checked independently: the key (its
 * `limit`), its member (the member's budget), the workspace balance (once credits exist), and
 * every extra budget other stages added (guardrails). Scopes without a cap are still charged,
 * which is what `usage*` and `/credits` report.
 */
export function scopesForRequest(options: { key: ApiKeyRecord; directory: WorkspaceDirectory; extra: BudgetLimit[] }): ChargedScope[] {
  const { key, directory } = options;
  const memberId = directory.memberIdOf(key);
  const member = directory.member(memberId);
  const scopes: ChargedScope[] = [
    {
      scope: `key:${key.hash}`,
      kind: 'key',
      label: 'Key limit',
      hint: `Raise it with PATCH /api/v1/keys/${key.hash}.`,
      cap: key.limit === null ? null : { limitPico: parseUsd(key.limit), reset: key.limitReset, includeByok: key.includeByokInLimit },
    },
    {
      scope: `member:${memberId}`,
      kind: 'member',
      label: `Member "${member?.name ?? memberId}" budget`,
      hint: `Raise it with PATCH /api/v1/workspaces/${key.workspaceId}/members/${memberId}.`,
      cap: member?.limit == null ? null : { limitPico: parseUsd(member.limit), reset: member.limitReset, includeByok: member.includeByokInLimit },
    },
    {
      scope: workspaceScope(key.workspaceId),
      kind: 'workspace',
      label: 'Workspace balance',
      hint: 'Add credits with POST /api/v1/credits or `switchyard credits add`.',
      cap: directory.creditsEnabled(key.workspaceId) ? 'balance' : null,
    },
  ];
  for (const budget of options.extra) {
    scopes.push({ scope: budget.scope, kind: 'budget', label: budget.label, hint: '', cap: { limitPico: budget.limitPico, reset: budget.reset, includeByok: false } });
  }
  return scopes;
}
