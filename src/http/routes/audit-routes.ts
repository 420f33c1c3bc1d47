import type { FastifyInstance } from 'fastify';
import type { AuditTrail } from '../../audit/audit-trail.js';
import type { KeyRegistry } from '../../auth/key-registry.js';
import { InvalidRequestError } from '../../core/errors/gateway-error.js';
import { encodeAuditEntry } from '../management/encode-audit-entry.js';
import { readQueryInteger } from '../read-query-integer.js';
import { readQueryTime } from '../read-query-time.js';

interface AuditQuerystring {
  workspace_id?: string;
  action?: string;
  actor_key_hash?: string;
  target_id?: string;
  since?: string;
  until?: string;
  cursor?: string;
  limit?: string;
}

const KNOWN = new Set(['workspace_id', 'action', 'actor_key_hash', 'target_id', 'since', 'until', 'cursor', 'limit']);

/**
 * `GET /api/v1/audit` (management key): the audit trail, newest first, filtered by workspace,
 * action, actor, target and time; keyset pages of `limit` entries, `next_cursor` names the
 * next page (null on the last).
 */
export function registerAuditRoutes(app: FastifyInstance, deps: { keys: KeyRegistry; audit: AuditTrail }): void {
  app.get<{ Querystring: AuditQuerystring }>('/api/v1/audit', async (request) => {
    deps.keys.authenticate(request.headers.authorization, 'management');
    const query = request.query;
    const unknown = Object.keys(query).filter((name) => !KNOWN.has(name));
    if (unknown.length > 0) {
      throw new InvalidRequestError(`Unknown query parameter ${unknown[0]}; /api/v1/audit takes ${[...KNOWN].join(', ')}`, { metadata: { parameter: unknown[0] } });
    }
    const limit = readQueryInteger(query.limit, { name: 'limit', fallback: 50, min: 1, max: 200 });
    const beforeId = query.cursor === undefined ? undefined : readQueryInteger(query.cursor, { name: 'cursor', fallback: 0, min: 1, max: Number.MAX_SAFE_INTEGER });
    const entries = await deps.audit.list({
      workspaceId: nonEmpty(query.workspace_id),
      action: nonEmpty(query.action),
      actorKeyHash: nonEmpty(query.actor_key_hash),
      targetId: nonEmpty(query.target_id),
      since: readQueryTime(query.since, 'since'),
      until: readQueryTime(query.until, 'until'),
      beforeId,
      limit: limit + 1,
    });
    const page = entries.slice(0, limit);
    return { data: page.map(encodeAuditEntry), next_cursor: entries.length > limit ? String(page.at(-1)!.id) : null };
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
