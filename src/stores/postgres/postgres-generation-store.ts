/**
 * GenerationStore over PostgreSQL through Kysely. Money columns are BIGINT picodollars, which `pg`
 * returns as decimal strings: read back exactly with BigInt.
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { GenerationQuery, GenerationRecord, GenerationStore, KeySpend, ProviderAttempt } from '../generation-store.js';
import { utcSpendWindows } from '../utc-spend-windows.js';
import type { GenerationsTable, PostgresDatabase } from './postgres-database.js';

/** Rows per INSERT statement: PostgreSQL allows 65535 bound parameters; 28 columns × 500 rows fits. */
const ROWS_PER_INSERT = 500;

/** Generations in the `generations` table. */
export class PostgresGenerationStore implements GenerationStore {
  constructor(private readonly db: Kysely<PostgresDatabase>) {}

  async recordMany(records: GenerationRecord[]): Promise<void> {
    if (records.length === 0) return;
    // One transaction: a batch is either stored whole or retried whole (ids make retries no-ops).
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < records.length; i += ROWS_PER_INSERT) {
        await trx
          .insertInto('generations')
          .values(records.slice(i, i + ROWS_PER_INSERT).map(toRow))
          .onConflict((conflict) => conflict.column('id').doNothing())
          .execute();
      }
    });
  }

  async findById(id: string, workspaceId: string): Promise<GenerationRecord | undefined> {
    const row = await this.db.selectFrom('generations').selectAll().where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
    return row && toRecord(row);
  }

  async list(query: GenerationQuery): Promise<GenerationRecord[]> {
    let select = this.db.selectFrom('generations').selectAll();
    if (query.workspaceId !== undefined) select = select.where('workspace_id', '=', query.workspaceId);
    if (query.keyHash !== undefined) select = select.where('key_hash', '=', query.keyHash);
    if (query.model !== undefined) select = select.where('model', '=', query.model);
    if (query.providerName !== undefined) select = select.where('provider_name', '=', query.providerName);
    if (query.outcome !== undefined) select = select.where('status', query.outcome === 'ok' ? '=' : '!=', 200);
    if (query.since !== undefined) select = select.where('created_at', '>=', String(query.since));
    if (query.until !== undefined) select = select.where('created_at', '<', String(query.until));
    const before = query.before;
    if (before !== undefined) {
      const at = String(before.createdAt);
      // The plain upper bound lets the index seek to the cursor instead of walking from the newest row.
      select = select.where('created_at', '<=', at).where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', before.id)])]));
    }
    const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toRecord);
  }

  async spendByKey(keyHash: string, now: Date): Promise<KeySpend> {
    const { dayStart, weekStart, monthStart } = utcSpendWindows(now);
    // One pass over the (key_hash, created_at) INCLUDE (cost_pico) index. SUM over no rows is NULL,
    // hence COALESCE; SUM(bigint) is NUMERIC, cast to text so the exact value comes out.
    const row = await this.db
      .selectFrom('generations')
      .where('key_hash', '=', keyHash)
      .select((eb) => {
        const exact = (since: number | undefined) => {
          const sum = eb.fn.sum<number>('cost_pico');
          const windowed = since === undefined ? sum : sum.filterWhere('created_at', '>=', String(since));
          return eb.cast<string>(eb.fn.coalesce(windowed, eb.lit(0)), 'text');
        };
        return [
          exact(undefined).as('total'),
          exact(dayStart).as('daily'),
          exact(weekStart).as('weekly'),
          exact(monthStart).as('monthly'),
        ];
      })
      .executeTakeFirstOrThrow();
    return {
      total: BigInt(row.total),
      daily: BigInt(row.daily),
      weekly: BigInt(row.weekly),
      monthly: BigInt(row.monthly),
    };
  }
}

/** A record as a `generations` row (also inserted by the ledger, in a settlement's commit). */
export function toRow(record: GenerationRecord): Insertable<GenerationsTable> {
  return {
    id: record.id,
    key_hash: record.keyHash,
    workspace_id: record.workspaceId,
    model: record.model,
    provider_name: record.providerName,
    upstream_id: record.upstreamId,
    api_type: record.apiType,
    created_at: record.createdAt,
    streamed: record.streamed,
    cancelled: record.cancelled,
    status: record.status,
    finish_reason: record.finishReason,
    native_finish_reason: record.nativeFinishReason,
    latency_ms: record.latencyMs,
    generation_time_ms: record.generationTimeMs,
    prompt_tokens: record.promptTokens,
    completion_tokens: record.completionTokens,
    reasoning_tokens: record.reasoningTokens,
    cached_tokens: record.cachedTokens,
    cache_write_tokens: record.cacheWriteTokens,
    completion_image_tokens: record.completionImageTokens ?? 0,
    cost_pico: record.costPico,
    upstream_cost_pico: record.upstreamCostPico,
    cache_discount_pico: record.cacheDiscountPico ?? null,
    is_byok: record.isByok,
    external_user: record.externalUser,
    session_id: record.sessionId,
    attempts: JSON.stringify(record.attempts),
    response_cache_source_id: record.responseCacheSourceId,
    batch_id: record.batchId ?? null,
  };
}

function toRecord(row: Selectable<GenerationsTable>): GenerationRecord {
  return {
    id: row.id,
    keyHash: row.key_hash,
    workspaceId: row.workspace_id,
    model: row.model,
    providerName: row.provider_name,
    upstreamId: row.upstream_id,
    apiType: row.api_type,
    createdAt: Number(row.created_at),
    streamed: row.streamed,
    cancelled: row.cancelled,
    status: row.status,
    finishReason: row.finish_reason,
    nativeFinishReason: row.native_finish_reason,
    latencyMs: row.latency_ms,
    generationTimeMs: row.generation_time_ms,
    promptTokens: row.prompt_tokens,
    completionTokens: row.completion_tokens,
    reasoningTokens: row.reasoning_tokens,
    cachedTokens: row.cached_tokens,
    cacheWriteTokens: row.cache_write_tokens,
    ...(row.completion_image_tokens > 0 && { completionImageTokens: row.completion_image_tokens }),
    costPico: BigInt(row.cost_pico),
    upstreamCostPico: row.upstream_cost_pico === null ? null : BigInt(row.upstream_cost_pico),
    ...(row.cache_discount_pico !== null && { cacheDiscountPico: BigInt(row.cache_discount_pico) }),
    isByok: row.is_byok,
    externalUser: row.external_user,
    sessionId: row.session_id,
    attempts: JSON.parse(row.attempts) as ProviderAttempt[],
    responseCacheSourceId: row.response_cache_source_id,
    ...(row.batch_id != null && { batchId: row.batch_id }),
  };
}
