import type { Kysely } from 'kysely';
import type { KeyRateLimits, KeyRateLimitStore } from '../key-rate-limit-store.js';
import type { PostgresDatabase } from './postgres-database.js';

/** Per-key rate-limit overrides in `key_rate_limits`. */
export class PostgresKeyRateLimitStore implements KeyRateLimitStore {
  constructor(private readonly db: Kysely<PostgresDatabase>) {}

  async listAll(): Promise<Array<{ keyHash: string; limits: KeyRateLimits }>> {
    const rows = await this.db.selectFrom('key_rate_limits').selectAll().orderBy('key_hash').execute();
    return rows.map((row) => ({
      keyHash: row.key_hash,
      limits: { requestsPerMinute: row.requests_per_minute, tokensPerMinute: row.tokens_per_minute, concurrentRequests: row.concurrent_requests },
    }));
  }

  async set(keyHash: string, limits: KeyRateLimits, updatedAt: string): Promise<void> {
    const values = {
      requests_per_minute: limits.requestsPerMinute,
      tokens_per_minute: limits.tokensPerMinute,
      concurrent_requests: limits.concurrentRequests,
      updated_at: updatedAt,
    };
    await this.db
      .insertInto('key_rate_limits')
      .values({ key_hash: keyHash, ...values })
      .onConflict((conflict) => conflict.column('key_hash').doUpdateSet(values))
      .execute();
  }

  async delete(keyHash: string): Promise<void> {
    await this.db.deleteFrom('key_rate_limits').where('key_hash', '=', keyHash).execute();
  }
}
