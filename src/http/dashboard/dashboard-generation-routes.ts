import type { FastifyInstance } from 'fastify';
import type { KeyRegistry } from '../../auth/key-registry.js';
import { InvalidRequestError } from '../../core/errors/gateway-error.js';
import type { BatchGenerationWriter } from '../../stores/batch-generation-writer.js';
import type { GenerationStore } from '../../stores/generation-store.js';
import { encodeGeneration } from '../management/encode-generation.js';
import { readQueryInteger } from '../read-query-integer.js';
import { readQueryTime } from '../read-query-time.js';

interface GenerationsQuerystring {
  workspace_id?: string;
  key_hash?: string;
  model?: string;
  provider?: string;
  outcome?: string;
  since?: string;
  until?: string;
  cursor?: string;
  limit?: string;
}

const KNOWN = new Set(['workspace_id', 'key_hash', 'model', 'provider', 'outcome', 'since', 'until', 'cursor', 'limit']);

/**
 * `GET /api/v1/dashboard/generations` (management key or dashboard session): generation
 * records newest first, filtered by workspace, key, model, provider, outcome (ok|error) and
 * time; keyset pages over (created_at, id) — an index range walk however large the table.
 * Each item is the `GET /generation` object (cost breakdown, every provider attempt) plus the
 * key's name.
 */
export function registerDashboardGenerationRoutes(app: FastifyInstance, deps: { keys: KeyRegistry; generations: GenerationStore; writer: BatchGenerationWriter }): void {
  app.get<{ Querystring: GenerationsQuerystring }>('/api/v1/dashboard/generations', async (request) => {
    deps.keys.authenticate(request.headers.authorization, 'management');
    const query = request.query;
    const unknown = Object.keys(query).find((name) => !KNOWN.has(name));
    if (unknown) throw new InvalidRequestError(`Unknown query parameter ${unknown}; this route takes ${[...KNOWN].join(', ')}`, { metadata: { parameter: unknown } });
    if (query.outcome !== undefined && query.outcome !== '' && query.outcome !== 'ok' && query.outcome !== 'error') {
      throw new InvalidRequestError('outcome must be ok or error', { metadata: { parameter: 'outcome' } });
    }
    const limit = readQueryInteger(query.limit, { name: 'limit', fallback: 50, min: 1, max: 200 });
    // Records are written in batches: a list right after a request should show it.
    if (deps.writer.pending > 0) await deps.writer.flush();
    const records = await deps.generations.list({
      workspaceId: nonEmpty(query.workspace_id),
      keyHash: nonEmpty(query.key_hash),
      model: nonEmpty(query.model),
      providerName: nonEmpty(query.provider),
      outcome: (nonEmpty(query.outcome) as 'ok' | 'error' | undefined) ?? undefined,
      since: readQueryTime(query.since, 'since'),
      until: readQueryTime(query.until, 'until'),
      before: readCursor(query.cursor),
      limit: limit + 1,
    });
    const page = records.slice(0, limit);
    const last = page.at(-1);
    return {
      data: page.map((record) => ({ ...encodeGeneration(record), key_hash: record.keyHash, key_name: deps.keys.get(record.keyHash)?.name ?? null })),
      next_cursor: records.length > limit && last ? `${last.createdAt}.${last.id}` : null,
    };
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function readCursor(value: string | undefined): { createdAt: number; id: string } | undefined {
  if (value === undefined || value === '') return undefined;
  const match = /^(\d{1,15})\.(.{1,200})$/.exec(value);
  if (!match) throw new InvalidRequestError('cursor must be a next_cursor value from a previous page', { metadata: { parameter: 'cursor' } });
  return { createdAt: Number(match[1]), id: match[2]! };
}
