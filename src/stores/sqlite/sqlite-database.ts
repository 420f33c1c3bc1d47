/**
 * Kysely table types for the SQLite schema (migrations/sqlite/*.sql). Column names are snake_case
 * as in SQL; the stores map them to the camelCase domain records.
 */
import type { ColumnType, Generated } from 'kysely';

/** SQLite has no boolean: 0 or 1. */
export type SqliteBool = 0 | 1;

/**
 * A picodollar INTEGER column. Written as a bigint; a plain read yields a JS number, which is
 * lossy above 2^53, so stores always read these through `CAST(... AS TEXT)` and convert with BigInt.
 */
export type PicoColumn = ColumnType<number, bigint, bigint>;

/** Row of `api_keys`. */
export interface ApiKeysTable {
  hash: string;
  kind: 'inference' | 'management';
  name: string;
  label: string;
  disabled: SqliteBool;
  limit_usd: string | null;
  limit_reset: 'daily' | 'weekly' | 'monthly' | null;
  include_byok_in_limit: SqliteBool;
  workspace_id: string;
  creator_user_id: string | null;
  created_at: string;
  updated_at: string | null;
  expires_at: string | null;
}

/** Row of `generations`. */
export interface GenerationsTable {
  id: string;
  key_hash: string;
  workspace_id: string;
  model: string;
  provider_name: string | null;
  upstream_id: string | null;
  api_type: 'completions' | 'chat' | 'embeddings';
  created_at: number;
  streamed: SqliteBool;
  cancelled: SqliteBool;
  status: number;
  finish_reason: string | null;
  native_finish_reason: string | null;
  latency_ms: number | null;
  generation_time_ms: number | null;
  prompt_tokens: number;
  completion_tokens: number;
  reasoning_tokens: number;
  cached_tokens: number;
  cache_write_tokens: number;
  /** Generated images' share of completion_tokens (0017 / 0011); 0 on older rows. */
  completion_image_tokens: ColumnType<number, number | undefined, number>;
  cost_pico: PicoColumn;
  upstream_cost_pico: ColumnType<number | null, bigint | null, bigint | null>;
  is_byok: SqliteBool;
  external_user: string | null;
  session_id: string | null;
  /** JSON text of ProviderAttempt[]. */
  attempts: string;
  response_cache_source_id: string | null;
  /** The Batch API batch (0012 / 0006); null for live traffic. */
  batch_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Picodollars saved by caching (negative when cache writes cost more); null before 0002. */
  cache_discount_pico: ColumnType<number | null, bigint | null | undefined, bigint | null>;
}

/** Row of `workspaces` (0002). */
export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: string;
}

/** Row of `members` (0002). */
export interface MembersTable {
  id: string;
  workspace_id: string;
  name: string;
  email: string | null;
  limit_usd: string | null;
  limit_reset: 'daily' | 'weekly' | 'monthly' | null;
  include_byok_in_limit: SqliteBool;
  created_at: string;
  updated_at: string | null;
}

/** Row of `schema_migrations`, kept by run-sqlite-migrations.ts. */
export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

/** Row of `key_rate_limits` (migration 0003). */
export interface KeyRateLimitsTable {
  key_hash: string;
  requests_per_minute: number | null;
  tokens_per_minute: number | null;
  concurrent_requests: number | null;
  updated_at: string;
}

/** Row of `byok_keys` (migration 0003): ciphertext only, never the plaintext key. */
export interface ByokKeysTable {
  id: string;
  workspace_id: string;
  provider: string;
  name: string;
  label: string;
  disabled: SqliteBool;
  always_use: SqliteBool;
  is_fallback: SqliteBool;
  /** JSON array text or NULL. */
  allowed_models: string | null;
  sort_order: number;
  key_id: string;
  iv: Uint8Array;
  auth_tag: Uint8Array;
  ciphertext: Uint8Array;
  created_at: string;
  updated_at: string | null;
}

/** The single row of `master_key_check` (migration 0003). */
export interface MasterKeyCheckTable {
  id: number;
  key_id: string;
  iv: Uint8Array;
  auth_tag: Uint8Array;
  ciphertext: Uint8Array;
  created_at: string;
}

export interface WorkspacePrivacyTable {
  workspace_id: string;
  settings: string;
  updated_at: string;
}

export interface GenerationContentTable {
  generation_id: string;
  workspace_id: string;
  key_hash: string;
  input: string;
  output: string;
  created_at: number;
  expires_at: number;
}

/** Row of `audit_log` (append-only; `id` is assigned by SQLite). */
export interface AuditLogTable {
  id: Generated<number>;
  workspace_id: string;
  actor_key_hash: string;
  actor_name: string;
  action: string;
  target_id: string | null;
  ip: string | null;
  before_json: string | null;
  after_json: string | null;
  created_at: number;
}

/** Every table of the SQLite database. */
export interface SqliteDatabase {
  api_keys: ApiKeysTable;
  generations: GenerationsTable;
  workspaces: WorkspacesTable;
  members: MembersTable;
  workspace_privacy: WorkspacePrivacyTable;
  generation_content: GenerationContentTable;
  schema_migrations: SchemaMigrationsTable;
  key_rate_limits: KeyRateLimitsTable;
  byok_keys: ByokKeysTable;
  master_key_check: MasterKeyCheckTable;
  audit_log: AuditLogTable;
}
