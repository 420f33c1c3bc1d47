import type { FastifyInstance } from 'fastify';
import type { KeyRegistry } from '../../auth/key-registry.js';
import { InvalidRequestError, NotFoundError } from '../../core/errors/gateway-error.js';
import type { BatchGenerationWriter } from '../../stores/batch-generation-writer.js';
import type { GenerationStore } from '../../stores/generation-store.js';
import type { Ledger } from '../../stores/ledger.js';
import type { RateLimiter } from '../../rate-limits/rate-limiter.js';
import { encodeCurrentKey } from '../management/encode-key.js';
import { encodeGeneration } from '../management/encode-generation.js';

/**
 * `GET /api/v1/generation?id=` and `GET /api/v1/key`. Generation records are written in
 * batches; a lookup that misses flushes pending records first, so a generation can be read
 * back the moment its response ends.
 */
export function registerAccountRoutes(
  app: FastifyInstance,
  deps: { keys: KeyRegistry; generations: GenerationStore; writer: BatchGenerationWriter; ledger: Ledger; now: () => Date; rateLimiter: RateLimiter },
): void {
  app.get<{ Querystring: { id?: string } }>('/api/v1/generation', async (request) => {
    const caller = deps.keys.authenticate(request.headers.authorization, 'any');
    const id = request.query.id;
    if (!id) throw new InvalidRequestError('Query parameter "id" is required, e.g. /api/v1/generation?id=gen-…');
    let record = await deps.generations.findById(id, caller.key.workspaceId);
    if (!record && deps.writer.pending > 0) {
      await deps.writer.flush();
      record = await deps.generations.findById(id, caller.key.workspaceId);
    }
    // An inference key sees only its own generations; a management key, its workspace's.
    if (!record || (caller.key.kind !== 'management' && record.keyHash !== caller.key.hash)) throw new NotFoundError(`Generation ${id} not found`);
    return { data: encodeGeneration(record) };
  });

  app.get('/api/v1/key', async (request) => {
    const { key } = deps.keys.authenticate(request.headers.authorization, 'any');
    const scope = `key:${key.hash}`;
    const account = (await deps.ledger.snapshot([scope], deps.now())).get(scope);
    return { data: encodeCurrentKey(key, account!, await deps.rateLimiter.freeDailyUsage(key.workspaceId)) };
  });
}
