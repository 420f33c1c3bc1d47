import { utcSpendWindows } from "../utc-spend-windows.js";
const ROWS_PER_INSERT = 500;
class SqliteGenerationStore {
  constructor(db) {
    this.db = db;
  }
  db;
  async recordMany(records) {
    if (records.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < records.length; i += ROWS_PER_INSERT) {
        await trx.insertInto("generations").values(records.slice(i, i + ROWS_PER_INSERT).map(toRow)).onConflict((conflict) => conflict.column("id").doNothing()).execute();
      }
    });
  }
  async findById(id, workspaceId) {
    const row = await this.db.selectFrom("generations").selectAll().select((eb) => [
      eb.cast("cost_pico", "text").as("cost_pico_text"),
      eb.cast("upstream_cost_pico", "text").as("upstream_cost_pico_text"),
      eb.cast("cache_discount_pico", "text").as("cache_discount_pico_text")
    ]).where("id", "=", id).where("workspace_id", "=", workspaceId).executeTakeFirst();
    if (!row) return void 0;
    return {
      id: row.id,
      keyHash: row.key_hash,
      workspaceId: row.workspace_id,
      model: row.model,
      providerName: row.provider_name,
      upstreamId: row.upstream_id,
      apiType: row.api_type,
      createdAt: row.created_at,
      streamed: row.streamed === 1,
      cancelled: row.cancelled === 1,
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
      costPico: BigInt(row.cost_pico_text),
      upstreamCostPico: row.upstream_cost_pico_text === null ? null : BigInt(row.upstream_cost_pico_text),
      ...row.cache_discount_pico_text !== null && { cacheDiscountPico: BigInt(row.cache_discount_pico_text) },
      isByok: row.is_byok === 1,
      externalUser: row.external_user,
      sessionId: row.session_id,
      attempts: JSON.parse(row.attempts),
      responseCacheSourceId: row.response_cache_source_id
    };
  }
  async spendByKey(keyHash, now) {
    const { dayStart, weekStart, monthStart } = utcSpendWindows(now);
    const row = await this.db.selectFrom("generations").where("key_hash", "=", keyHash).select((eb) => {
      const exact = (since) => {
        const sum = eb.fn.sum("cost_pico");
        const windowed = since === void 0 ? sum : sum.filterWhere("created_at", ">=", since);
        return eb.cast(eb.fn.coalesce(windowed, eb.lit(0)), "text");
      };
      return [
        exact(void 0).as("total"),
        exact(dayStart).as("daily"),
        exact(weekStart).as("weekly"),
        exact(monthStart).as("monthly")
      ];
    }).executeTakeFirstOrThrow();
    return {
      total: BigInt(row.total),
      daily: BigInt(row.daily),
      weekly: BigInt(row.weekly),
      monthly: BigInt(row.monthly)
    };
  }
}
function toRow(record) {
  return {
    id: record.id,
    key_hash: record.keyHash,
    workspace_id: record.workspaceId,
    model: record.model,
    provider_name: record.providerName,
    upstream_id: record.upstreamId,
    api_type: record.apiType,
    created_at: record.createdAt,
    streamed: record.streamed ? 1 : 0,
    cancelled: record.cancelled ? 1 : 0,
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
    cost_pico: record.costPico,
    upstream_cost_pico: record.upstreamCostPico,
    cache_discount_pico: record.cacheDiscountPico ?? null,
    is_byok: record.isByok ? 1 : 0,
    external_user: record.externalUser,
    session_id: record.sessionId,
    attempts: JSON.stringify(record.attempts),
    response_cache_source_id: record.responseCacheSourceId
  };
}
export {
  SqliteGenerationStore
};
//# sourceMappingURL=sqlite-generation-store.js.map
