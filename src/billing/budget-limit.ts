import type { LimitReset } from '../stores/key-store.js';

/**
 * A spending cap that a request's cost counts toward. The billing ledger reserves every
 * applicable budget atomically before dispatch and settles each to the actual cost: the
 * key's own `limit`, its member's budget, the workspace balance (added by billing), and
 * any budgets other stages contribute through `InferenceContext.budgets` (guardrails).
 */
export interface BudgetLimit {
  /** Stable ledger scope, e.g. `key:<hash>`, `member:<id>`, `guardrail:<id>`. */
  scope: string;
  /** Names the limit in a 402 message, e.g. `Guardrail "EU team" budget`. */
  label: string;
  /** Cap in picodollars (1e-12 USD). */
  limitPico: bigint;
  /** Window the cap applies to (UTC); null = lifetime. */
  reset: LimitReset | null;
}
