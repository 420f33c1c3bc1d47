import type { BudgetLimit } from '../billing/budget-limit.js';
import { parseUsd } from '../core/money.js';
import type { RoutingConstraints } from '../routing/routing-constraints.js';
import { compileFilters, type CompiledFilter } from './compile-content-policy.js';
import type { GuardrailRecord } from '../stores/guardrail-store.js';

/** A guardrail turned into what the pipeline applies: routing limits, a budget template, filters. */
export interface CompiledGuardrail {
  record: GuardrailRecord;
  constraints: RoutingConstraints;
  /** The budget's cap and window; the scope is per assignee (see budgetFor). */
  budget: Omit<BudgetLimit, 'scope'> | undefined;
  filters: CompiledFilter[];
}

/**
 * Compiles a guardrail once (at start-up or when it changes). Throws the same 400s as
 * validation at creation, so a stored guardrail that no longer compiles is reported loudly.
 */
export function compileGuardrail(record: GuardrailRecord): CompiledGuardrail {
  const { policy } = record;
  const source = `guardrail "${record.name}"`;
  const constraints: RoutingConstraints = {};
  if (policy.allowed_providers) constraints.allowedProviders = { ids: policy.allowed_providers, source };
  if (policy.ignored_providers && policy.ignored_providers.length > 0) constraints.ignoredProviders = { ids: policy.ignored_providers, source };
  if (policy.allowed_models) constraints.allowedModels = { ids: policy.allowed_models, source };
  if (policy.enforce_zdr) constraints.requireZdr = { source };
  const budget =
    policy.limit_usd === null ? undefined : { label: `Guardrail "${record.name}" budget`, limitPico: parseUsd(policy.limit_usd), reset: policy.reset_interval };
  const filters = compileFilters({ builtins: policy.content_filter_builtins, custom: policy.content_filters, scanOutput: policy.scan_output });
  return { record, constraints, budget, filters };
}

/**
 * The guardrail's budget as it applies to one assignee. On OpenRouter a guardrail budget is
 * a cap per key or per member it is assigned to, so the ledger scope names both.
 */
export function budgetFor(guardrail: CompiledGuardrail, assignee: string): BudgetLimit | undefined {
  if (!guardrail.budget) return undefined;
  return { scope: `guardrail:${guardrail.record.id}:${assignee}`, ...guardrail.budget };
}
