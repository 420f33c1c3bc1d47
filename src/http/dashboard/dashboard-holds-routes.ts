import type { FastifyInstance } from 'fastify';
import type { KeyRegistry } from '../../auth/key-registry.js';
import { usdToNumber } from '../../core/money.js';
import type { KeyStore } from '../../stores/key-store.js';
import { workspaceScope, type Ledger } from '../../stores/ledger.js';

/**
 * `GET /api/v1/dashboard/holds` (management key or dashboard session): what requests in flight
 * hold right now — the workspace balance's reserved amount and each key's, read from the ledger
 * accounts (each keeps the sum of its live reservations), so it is exact across nodes. Keys
 * holding nothing are left out. A request reserves only when some budget caps it
 * (docs/billing.md), so uncapped traffic holds nothing.
 */
export function registerDashboardHoldsRoutes(app: FastifyInstance, deps: { keys: KeyRegistry; keyStore: KeyStore; ledger: Ledger; now: () => Date }): void {
  app.get('/api/v1/dashboard/holds', async (request) => {
    const workspaceId = deps.keys.authenticate(request.headers.authorization, 'management').key.workspaceId;
    const keys = (await deps.keyStore.listAll()).filter((key) => key.kind === 'inference' && key.workspaceId === workspaceId);
    const workspace = workspaceScope(workspaceId);
    const accounts = await deps.ledger.snapshot([workspace, ...keys.map((key) => `key:${key.hash}`)], deps.now());
    const held = keys
      .map((key) => ({ hash: key.hash, name: key.name, label: key.label, held: accounts.get(`key:${key.hash}`)?.held ?? 0n }))
      .filter((key) => key.held > 0n)
      .sort((a, b) => (b.held > a.held ? 1 : b.held < a.held ? -1 : a.name.localeCompare(b.name)));
    return {
      data: {
        workspace_held: usdToNumber(accounts.get(workspace)?.held ?? 0n),
        keys: held.map((key) => ({ ...key, held: usdToNumber(key.held) })),
      },
    };
  });
}
