class SqliteKeyRateLimitStore {
  constructor(db) {
    this.db = db;
  }
  db;
  async listAll() {
    const rows = await this.db.selectFrom("key_rate_limits").selectAll().orderBy("key_hash").execute();
    return rows.map((row) => ({
      keyHash: row.key_hash,
      limits: { requestsPerMinute: row.requests_per_minute, tokensPerMinute: row.tokens_per_minute, concurrentRequests: row.concurrent_requests }
    }));
  }
  async set(keyHash, limits, updatedAt) {
    const values = {
      requests_per_minute: limits.requestsPerMinute,
      tokens_per_minute: limits.tokensPerMinute,
      concurrent_requests: limits.concurrentRequests,
      updated_at: updatedAt
    };
    await this.db.insertInto("key_rate_limits").values({ key_hash: keyHash, ...values }).onConflict((conflict) => conflict.column("key_hash").doUpdateSet(values)).execute();
  }
  async delete(keyHash) {
    await this.db.deleteFrom("key_rate_limits").where("key_hash", "=", keyHash).execute();
  }
}
export {
  SqliteKeyRateLimitStore
};
//# sourceMappingURL=sqlite-key-rate-limit-store.js.map
