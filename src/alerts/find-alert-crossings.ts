import { formatUsd, parseUsd } from '../core/money.js';
import type { AccountSnapshot } from '../stores/ledger.js';
import type { ApiKeyRecord } from '../stores/key-store.js';
import { utcSpendWindows } from '../stores/utc-spend-windows.js';
import type { AlertRuleParams } from './alert-rule-schema.js';
import type { TrafficWindow } from './traffic-window.js';

/** An event a rule would fire now; the store decides (by fingerprint) whether it is new. */
export interface AlertCandidate {
  fingerprint: string;
  summary: string;
  details: Record<string, unknown>;
}

type Params<T extends AlertRuleParams['type']> = Extract<AlertRuleParams, { type: T }>;

const MINUTE_MS = 60_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Budget thresholds: for each capped key (and the workspace balance when credits are enabled), the
 * highest threshold its usage has reached in the current limit window. A crossing's fingerprint
 * names the window, so each threshold fires once per window; a jump past several thresholds at
 * once fires the highest only.
 */
export function findBudgetCrossings(
  ruleId: string,
  params: Params<'budget'>,
  inputs: { keys: ApiKeyRecord[]; snapshots: Map<string, AccountSnapshot>; workspace: { id: string; snapshot: AccountSnapshot | undefined }; now: Date },
): AlertCandidate[] {
  const thresholds = [...params.thresholds_percent].sort((a, b) => b - a);
  const highestReached = (used: bigint, cap: bigint): number | undefined => {
    if (cap <= 0n) return undefined;
    const basisPoints = (used * 10_000n) / cap;
    return thresholds.find((threshold) => basisPoints >= BigInt(Math.round(threshold * 100)));
  };
  const windows = utcSpendWindows(inputs.now);
  const candidates: AlertCandidate[] = [];
  for (const key of inputs.keys) {
    if (key.limit === null || (params.key_hash !== undefined && key.hash !== params.key_hash)) continue;
    const snapshot = inputs.snapshots.get(`key:${key.hash}`);
    if (!snapshot) continue;
    const window = key.limitReset ?? 'total';
    const spend = window === 'total' ? snapshot.spend.total : snapshot.spend[window];
    const byok = key.includeByokInLimit ? (window === 'total' ? snapshot.byok.total : snapshot.byok[window]) : 0n;
    const limit = parseUsd(key.limit);
    const used = spend + byok;
    const reached = highestReached(used, limit);
    if (reached === undefined) continue;
    const windowKey =
      window === 'daily' ? isoDay(windows.dayStart) : window === 'weekly' ? `week-${isoDay(windows.weekStart)}` : window === 'monthly' ? isoDay(windows.monthStart).slice(0, 7) : 'all-time';
    candidates.push({
      fingerprint: `${ruleId}:key:${key.hash}:${reached}:${windowKey}`,
      summary: `Key "${key.name}" has used ${reached}% of its ${window === 'total' ? '' : `${window} `}limit ($${formatUsd(used)} of $${formatUsd(limit)})`,
      details: { scope: 'key', key_hash: key.hash, key_name: key.name, threshold_percent: reached, used_usd: formatUsd(used), limit_usd: formatUsd(limit), limit_reset: key.limitReset, window: windowKey },
    });
  }
  const balance = inputs.workspace.snapshot;
  if (params.key_hash === undefined && balance?.creditsEnabled) {
    const reached = highestReached(balance.spend.total, balance.credits);
    if (reached !== undefined) {
      candidates.push({
        // A new credit grant changes the total, so the thresholds apply afresh.
        fingerprint: `${ruleId}:balance:${inputs.workspace.id}:${reached}:${balance.credits}`,
        summary: `Workspace has used ${reached}% of its credits ($${formatUsd(balance.spend.total)} of $${formatUsd(balance.credits)})`,
        details: { scope: 'workspace_balance', threshold_percent: reached, used_usd: formatUsd(balance.spend.total), credits_usd: formatUsd(balance.credits) },
      });
    }
  }
  return candidates;
}

/**
 * Spend spike: the last full `window_minutes` against the average of the `baseline_windows`
 * before it, measured only once the node has watched the whole baseline (a restarted node knows
 * no baseline, which is not the same as a zero one).
 */
export function findSpendSpike(ruleId: string, params: Params<'spend_spike'>, inputs: { workspaceId: string; traffic: TrafficWindow; now: number }): AlertCandidate[] {
  const windowMs = params.window_minutes * MINUTE_MS;
  const end = Math.floor(inputs.now / MINUTE_MS) * MINUTE_MS;
  const start = end - windowMs;
  const baselineStart = start - params.baseline_windows * windowMs;
  if (inputs.traffic.startedAt > baselineStart) return [];
  const recent = inputs.traffic.sum(inputs.workspaceId, start, end).spendPico;
  const baselineAverage = inputs.traffic.sum(inputs.workspaceId, baselineStart, start).spendPico / BigInt(params.baseline_windows);
  const minimum = parseUsd(params.min_usd);
  // factor × average, in picodollars, with the factor to 1/1000.
  const threshold = (baselineAverage * BigInt(Math.round(params.factor * 1000))) / 1000n;
  if (recent < minimum || recent < threshold || recent === 0n) return [];
  return [
    {
      fingerprint: `${ruleId}:spike:${inputs.workspaceId}:${Math.floor(end / windowMs)}`,
      summary: `Spend spike: $${formatUsd(recent)} in the last ${params.window_minutes} min, ${baselineAverage === 0n ? 'against none before' : `${Number((recent * 100n) / baselineAverage) / 100}× the average of $${formatUsd(baselineAverage)}`}`,
      details: { window_minutes: params.window_minutes, spend_usd: formatUsd(recent), baseline_average_usd: formatUsd(baselineAverage), factor: params.factor },
    },
  ];
}

/** Error rate: the share of 5xx answers in the current `window_minutes` window (aligned to the window size). */
export function findErrorRate(ruleId: string, params: Params<'error_rate'>, inputs: { workspaceId: string; traffic: TrafficWindow; now: number }): AlertCandidate[] {
  const windowMs = params.window_minutes * MINUTE_MS;
  const start = Math.floor(inputs.now / windowMs) * windowMs;
  const totals = inputs.traffic.sum(inputs.workspaceId, start, start + windowMs);
  if (totals.requests < params.min_requests) return [];
  const percent = (totals.errors * 100) / totals.requests;
  if (percent < params.threshold_percent) return [];
  return [
    {
      fingerprint: `${ruleId}:errors:${inputs.workspaceId}:${start}`,
      summary: `Error rate ${percent.toFixed(1)}%: ${totals.errors} of ${totals.requests} requests failed with a 5xx since ${new Date(start).toISOString()}`,
      details: { window_start: new Date(start).toISOString(), window_minutes: params.window_minutes, requests: totals.requests, errors: totals.errors, error_percent: Number(percent.toFixed(2)) },
    },
  ];
}
