import type { FastifyInstance } from 'fastify';
import type { KeyRegistry } from '../../auth/key-registry.js';
import type { Ledger } from '../../stores/ledger.js';
import { ACTIVITY_DAYS, encodeActivity, groupByEndpoint } from '../routes/activity-routes.js';

const DAY_MS = 86_400_000;

/**
 * `GET /api/v1/dashboard/overview` (management key or dashboard session): the UTC days of the
 * last 30 plus today, and the usage rows of those days by model and provider — from the rollup
 * the ledger keeps at each settlement, so a page view never scans the generations.
 */
export function registerDashboardOverviewRoutes(app: FastifyInstance, deps: { keys: KeyRegistry; ledger: Ledger; now: () => Date }): void {
  app.get<{ Querystring: { workspace_id?: string } }>('/api/v1/dashboard/overview', async (request) => {
    deps.keys.authenticate(request.headers.authorization, 'management');
    const today = Date.parse(deps.now().toISOString().slice(0, 10));
    const days = Array.from({ length: ACTIVITY_DAYS + 1 }, (_, index) => new Date(today - (ACTIVITY_DAYS - index) * DAY_MS).toISOString().slice(0, 10));
    const rows = await deps.ledger.activity({ from: days[0]!, to: days.at(-1)!, workspaceId: request.query.workspace_id || undefined });
    return { data: { days, activity: groupByEndpoint(rows).map(encodeActivity) } };
  });
}
