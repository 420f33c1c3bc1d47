/**
 * Kysely table types for the PostgreSQL schema (migrations/postgres/*.sql). Same tables and
 * column names as SQLite; booleans are real booleans and BIGINT columns come back from `pg` as
 * decimal strings (exact past 2^53), which the stores convert with BigInt / Number.
 */
import type { ColumnType } from 'kysely';
import type { GenerationRecord } from '../generation-store.js';

/** A BIGINT column: written as a bigint (or number), read as a decimal string. */
export type Int8 = ColumnType<string, bigint | number | string, bigint | number | string>;
export type NullableInt8 = ColumnType<string | null, bigint | number | string | null, bigint | number | string | null>;

export interface ApiKeysTable {
  hash: string;
  kind: 'inference' | 'management';
  name: string;
  label: string;
  disabled: boolean;
  limit_usd: string | null;
  limit_reset: 'daily' | 'weekly' | 'monthly' | null;
  include_byok_in_limit: boolean;
  workspace_id: string;
  creator_user_id: string | null;
  created_at: string;
  updated_at: string | null;
  expires_at: string | null;
}

export interface GenerationsTable {
  id: string;
  key_hash: string;
  workspace_id: string;
  model: string;
  provider_name: string | null;
  upstream_id: string | null;
  api_type: GenerationRecord['apiType'];
  created_at: Int8;
  streamed: boolean;
  cancelled: boolean;
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
  cost_pico: Int8;
  upstream_cost_pico: NullableInt8;
  cache_discount_pico: NullableInt8;
  is_byok: boolean;
  external_user: string | null;
  session_id: string | null;
  attempts: string;
  response_cache_source_id: string | null;
  /** The Batch API batch (0012 / 0006); null for live traffic. */
  batch_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: string;
}

export interface MembersTable {
  id: string;
  workspace_id: string;
  name: string;
  email: string | null;
  limit_usd: string | null;
  limit_reset: 'daily' | 'weekly' | 'monthly' | null;
  include_byok_in_limit: boolean;
  created_at: string;
  updated_at: string | null;
}

export interface KeyRateLimitsTable {
  key_hash: string;
  requests_per_minute: number | null;
  tokens_per_minute: number | null;
  concurrent_requests: number | null;
  updated_at: string;
}

export interface ByokKeysTable {
  id: string;
  workspace_id: string;
  provider: string;
  name: string;
  label: string;
  disabled: boolean;
  always_use: boolean;
  is_fallback: boolean;
  allowed_models: string | null;
  sort_order: number;
  key_id: string;
  iv: Uint8Array;
  auth_tag: Uint8Array;
  ciphertext: Uint8Array;
  created_at: string;
  updated_at: string | null;
}

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
  created_at: Int8;
  expires_at: Int8;
}

export interface GuardrailsTable {
  id: string;
  workspace_id: string;
  name: string;
  policy: string;
  created_at: string;
  updated_at: string | null;
}

export interface KeyAssignmentsTable {
  workspace_id: string;
  key_hash: string;
  guardrail_id: string;
  created_at: string;
}

export interface MemberAssignmentsTable {
  workspace_id: string;
  member_id: string;
  guardrail_id: string;
  created_at: string;
}

export interface LedgerAccountsTable {
  scope: string;
  spend_total: Int8;
  spend_daily: Int8;
  spend_weekly: Int8;
  spend_monthly: Int8;
  byok_total: Int8;
  byok_daily: Int8;
  byok_weekly: Int8;
  byok_monthly: Int8;
  day_start: Int8;
  week_start: Int8;
  month_start: Int8;
  held: Int8;
  credits: Int8;
  credits_enabled: boolean;
}

export interface LedgerHoldsTable {
  generation_id: string;
  amount: Int8;
  scopes: string[];
  created_at: Int8;
  owner: string;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export interface LedgerEntriesTable {
  generation_id: string;
  workspace_id: string;
  key_hash: string;
  amount: Int8;
  byok_amount: Int8;
  created_at: Int8;
}

export interface CreditGrantsTable {
  id: string;
  workspace_id: string;
  amount: Int8;
  fee: Int8;
  note: string | null;
  created_at: string;
}

export interface ActivityDailyTable {
  date: string;
  workspace_id: string;
  key_hash: string;
  model: string;
  provider_name: string;
  usage: Int8;
  byok_usage: Int8;
  requests: number;
  prompt_tokens: Int8;
  completion_tokens: Int8;
  reasoning_tokens: Int8;
  cancelled_requests: number;
  error_requests: number;
  cache_hits: number;
  cached_tokens: Int8;
  cache_savings: Int8;
}

/** Row of `audit_log` (append-only; `id` is assigned by PostgreSQL). */
export interface AuditLogTable {
  id: ColumnType<string, never, never>;
  workspace_id: string;
  actor_key_hash: string;
  actor_name: string;
  action: string;
  target_id: string | null;
  ip: string | null;
  before_json: string | null;
  after_json: string | null;
  created_at: Int8;
}

/** Every table of the PostgreSQL database. */
export interface PostgresDatabase {
  api_keys: ApiKeysTable;
  generations: GenerationsTable;
  workspaces: WorkspacesTable;
  members: MembersTable;
  key_rate_limits: KeyRateLimitsTable;
  byok_keys: ByokKeysTable;
  master_key_check: MasterKeyCheckTable;
  workspace_privacy: WorkspacePrivacyTable;
  generation_content: GenerationContentTable;
  guardrails: GuardrailsTable;
  guardrail_key_assignments: KeyAssignmentsTable;
  guardrail_member_assignments: MemberAssignmentsTable;
  ledger_accounts: LedgerAccountsTable;
  ledger_holds: LedgerHoldsTable;
  ledger_entries: LedgerEntriesTable;
  credit_grants: CreditGrantsTable;
  activity_daily: ActivityDailyTable;
  audit_log: AuditLogTable;
}
