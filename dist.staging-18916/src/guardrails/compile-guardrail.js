import { parseUsd } from "../core/money.js";
import { compileFilters } from "./compile-content-policy.js";
function compileGuardrail(record) {
  const { policy } = record;
  const source = `guardrail "${record.name}"`;
  const constraints = {};
  if (policy.allowed_providers) constraints.allowedProviders = { ids: policy.allowed_providers, source };
  if (policy.ignored_providers && policy.ignored_providers.length > 0) constraints.ignoredProviders = { ids: policy.ignored_providers, source };
  if (policy.allowed_models) constraints.allowedModels = { ids: policy.allowed_models, source };
  if (policy.enforce_zdr) constraints.requireZdr = { source };
  const budget = policy.limit_usd === null ? void 0 : { label: `Guardrail "${record.name}" budget`, limitPico: parseUsd(policy.limit_usd), reset: policy.reset_interval };
  const filters = compileFilters({ builtins: policy.content_filter_builtins, custom: policy.content_filters, scanOutput: policy.scan_output });
  return { record, constraints, budget, filters };
}
function budgetFor(guardrail, assignee) {
  if (!guardrail.budget) return void 0;
  return { scope: `guardrail:${guardrail.record.id}:${assignee}`, ...guardrail.budget };
}
export {
  budgetFor,
  compileGuardrail
};
//# sourceMappingURL=compile-guardrail.js.map
