import { loadTokenizer } from '../core/token-counter.js';
import { scopesForRequest, type ChargedScope } from '../billing/budget-scopes.js';
import { estimateWorstCase } from '../billing/estimate-worst-case.js';
import type { WorkspaceDirectory } from '../billing/workspace-directory.js';
import { GatewayError } from '../core/errors/gateway-error.js';
import { formatUsd } from '../core/money.js';
import type { ResolvedCatalog } from '../routing/catalog/resolved-catalog.js';
import { planRoute, type RouteAttempt } from '../routing/plan-route.js';
import type { Provider } from '../core/provider-types.js';
import { batchPricedAttempt } from './batch-priced-attempt.js';
import { constraintsFromRequest } from '../routing/routing-constraints.js';
import type { ApiKeyRecord } from '../stores/key-store.js';
import type { AccountSnapshot, Ledger } from '../stores/ledger.js';
import { windowSpend } from '../stores/roll-account-windows.js';
import type { RunnableLine } from './parse-batch-input.js';

/**
 * The batch's worst case — the sum over its lines of what each could cost on the dearest endpoint
 * it may fail over to (billing/estimate-worst-case.ts) — against what every capped account of the
 * key has left (limit − spend in its window − held by requests in flight; or the workspace
 * balance). Throws a 402 naming both numbers when it cannot fit. Lines whose model does not
 * resolve count zero: they will fail on their own. A batch whose lines all go first to a provider
 * with a batch API counts each line at that endpoint's batch price.
 */
export async function checkBatchBudget(options: {
  key: ApiKeyRecord;
  lines: RunnableLine[];
  catalog: ResolvedCatalog;
  directory: WorkspaceDirectory;
  ledger: Ledger;
  now: Date;
  /** True when the provider has a batch API the batch could run in (chat batches only). */
  hasNativeBatch?: (provider: Provider) => boolean;
}): Promise<bigint> {
  // Every line's prompt is counted below: the tokenizer's tables load first, off the event loop.
  if (options.lines.length > 0) await loadTokenizer();
  const plans: Array<{ line: RunnableLine; plan: RouteAttempt[] }> = [];
  for (const line of options.lines) {
    try {
      plans.push({ line, plan: planRoute(options.catalog, line.request, constraintsFromRequest(line.request.provider)) });
    } catch {
      // No route: the line fails with its own error entry and costs nothing.
    }
  }
  const native = nativeProvider(plans.map(({ plan }) => plan), options.hasNativeBatch);
  let worst = 0n;
  for (const { line, plan } of plans) {
    // Headed for a provider's batch API: one endpoint (no failover) at its batch price.
    const priced = native && plan[0] ? [batchPricedAttempt(plan[0])] : plan;
    const estimate = estimateWorstCase(line.request, priced);
    worst += estimate.cost(estimate.outputTokens);
  }
  const capped = scopesForRequest({ key: options.key, directory: options.directory, extra: [] }).filter((scope) => scope.cap !== null);
  if (capped.length === 0 || worst === 0n) return worst;
  const accounts = await options.ledger.snapshot(capped.map((scope) => scope.scope), options.now);
  for (const scope of capped) {
    const account = accounts.get(scope.scope);
    if (!account) continue;
    const left = remaining(scope, account);
    if (worst > left) throw overBudget(scope, worst, left, options.lines.length);
  }
  return worst;
}

/**
 * The provider every routed line would go to first, when it has a batch API (so the batch will most
 * likely run there, see choose-batch-mode.ts; the workspace's privacy limits and own keys are checked
 * when it starts, and each line still holds its own worst case then).
 */
function nativeProvider(plans: RouteAttempt[][], hasNativeBatch: ((provider: Provider) => boolean) | undefined): Provider | undefined {
  const firsts = plans.flatMap((plan) => (plan[0] ? [plan[0].endpoint.provider] : []));
  const first = firsts[0];
  if (!hasNativeBatch || !first || firsts.some((provider) => provider.id !== first.id)) return undefined;
  return hasNativeBatch(first) ? first : undefined;
}

function remaining(scope: ChargedScope, account: AccountSnapshot): bigint {
  const cap = scope.cap;
  if (cap === 'balance') return account.credits - account.spend.total - account.held;
  if (cap === null) return 0n;
  const used = windowSpend(account.spend, cap.reset) + (cap.includeByok ? windowSpend(account.byok, cap.reset) : 0n);
  return cap.limitPico - used - account.held;
}

function overBudget(scope: ChargedScope, worst: bigint, left: bigint, requests: number): GatewayError {
  const leftText = formatUsd(left > 0n ? left : 0n);
  const message =
    `This batch could cost up to $${formatUsd(worst)} (${requests} requests at their worst case: full prompt and max_tokens on the dearest endpoint, at the batch price when the batch runs in a provider's batch API), ` +
    `but the ${scope.label} has $${leftText} left. Set max_tokens on the requests, split the batch, or raise the limit. ${scope.hint}`.trimEnd();
  return new GatewayError(scope.cap === 'balance' ? 'insufficient_credits' : 'limit_exceeded', {
    message,
    metadata: { scope: scope.kind, worst_case: Number(formatUsd(worst)), remaining: Number(leftText), requests },
  });
}
