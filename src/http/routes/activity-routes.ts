import type { FastifyInstance } from 'fastify';
import type { KeyRegistry } from '../../auth/key-registry.js';
import { usdToNumber } from '../../core/money.js';
import { InvalidRequestError } from '../../core/errors/gateway-error.js';
import type { ActivityRow, Ledger } from '../../stores/ledger.js';
import type { BatchStore } from '../../stores/batch-store.js';

const DAY_MS = 86_400_000;
/** Days before today that /activity covers (today, partial, is included as well). */
export const ACTIVITY_DAYS = 30;

/**
 * `GET /api/v1/activity` (management key): usage grouped by UTC date, model and provider over
 * the last 30 days plus today, from the rollup the ledger keeps at each settlement — never a
 * scan of generations. Filters: `date`, `api_key_hash`, `workspace_id`. Beside `data`, `batches`
 * counts the Batch API batches created in the same days (same filters) by status, with their requests.
 */
export function registerActivityRoutes(app: FastifyInstance, deps: { keys: KeyRegistry; ledger: Ledger; batches?: BatchStore; now: () => Date }): void {
  app.get<{ Querystring: { date?: string; api_key_hash?: string; workspace_id?: string } }>('/api/v1/activity', async (request) => {
    deps.keys.authenticate(request.headers.authorization, 'management');
    const today = deps.now().toISOString().slice(0, 10);
    const first = new Date(Date.parse(today) - ACTIVITY_DAYS * DAY_MS).toISOString().slice(0, 10);
    const { date, api_key_hash: keyHash, workspace_id: workspaceId } = request.query;
    if (date !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date < first || date > today)) {
      throw new InvalidRequestError(`date must be a YYYY-MM-DD day between ${first} and ${today}`);
    }
    const rows = await deps.ledger.activity({ from: date ?? first, to: date ?? today, keyHash, workspaceId });
    const since = Date.parse(date ?? first);
    const until = Date.parse(date ?? today) + DAY_MS;
    const batches = deps.batches ? await deps.batches.summarize({ since, until, keyHash, workspaceId }) : [];
    return {
      data: groupByEndpoint(rows).map(encodeActivity),
      batches: batches.map((row) => ({ status: row.status, batches: row.batches, request_counts: row.counts })),
    };
  });
}

/** Folds per-key rows into one per (date, workspace, model, provider). */
export function groupByEndpoint(rows: ActivityRow[]): ActivityRow[] {
  const groups = new Map<string, ActivityRow>();
  for (const row of rows) {
    const id = JSON.stringify([row.date, row.workspaceId, row.model, row.providerName]);
    const group = groups.get(id);
    if (!group) {
      groups.set(id, { ...row, keyHash: '' });
      continue;
    }
    group.usage += row.usage;
    group.byokUsage += row.byokUsage;
    group.requests += row.requests;
    group.promptTokens += row.promptTokens;
    group.completionTokens += row.completionTokens;
    group.reasoningTokens += row.reasoningTokens;
    group.cancelledRequests += row.cancelledRequests;
    group.errorRequests += row.errorRequests;
    group.cacheHits += row.cacheHits;
    group.cachedTokens += row.cachedTokens;
    group.cacheSavings += row.cacheSavings;
  }
  return [...groups.values()];
}

export function encodeActivity(row: ActivityRow): Record<string, unknown> {
  return {
    date: row.date,
    model: row.model,
    model_permaslug: row.model,
    endpoint_id: `${row.providerName}/${row.model}`,
    provider_name: row.providerName,
    usage: usdToNumber(row.usage),
    byok_usage_inference: usdToNumber(row.byokUsage),
    requests: row.requests,
    prompt_tokens: row.promptTokens,
    completion_tokens: row.completionTokens,
    reasoning_tokens: row.reasoningTokens,
    cancelled_requests: row.cancelledRequests,
    error_requests: row.errorRequests,
    cache_hits: row.cacheHits,
    cached_tokens: row.cachedTokens,
    cache_savings: usdToNumber(row.cacheSavings),
    workspace_id: row.workspaceId,
  };
}
