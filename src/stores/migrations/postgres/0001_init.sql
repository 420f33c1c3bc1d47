-- Switchyard PostgreSQL schema, version 1: the same tables and columns as the SQLite schema after
-- its migrations 0001-0005, in PostgreSQL types. Forward-only: later files add, never rewrite.
-- Conventions: booleans are BOOLEAN; money is BIGINT picodollars (1e-12 USD, exact, never float);
-- record timestamps are ISO-8601 TEXT written by Date#toISOString (as in SQLite, so rows copy
-- across unchanged); generation and ledger instants are BIGINT ms since epoch.

CREATE TABLE api_keys (
  hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('inference', 'management')),
  name TEXT NOT NULL,
  label TEXT NOT NULL,
  disabled BOOLEAN NOT NULL DEFAULT FALSE,
  -- USD decimal string: no float ever touches a limit.
  limit_usd TEXT,
  limit_reset TEXT CHECK (limit_reset IN ('daily', 'weekly', 'monthly')),
  include_byok_in_limit BOOLEAN NOT NULL DEFAULT FALSE,
  workspace_id TEXT NOT NULL,
  creator_user_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT,
  expires_at TEXT
);
CREATE INDEX api_keys_kind_created ON api_keys (kind, created_at, hash);

-- Generation metadata, one row per inference request; never prompt or completion text.
-- No foreign key to api_keys: deleting a key keeps its billing history.
CREATE TABLE generations (
  id TEXT PRIMARY KEY,
  key_hash TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  model TEXT NOT NULL,
  provider_name TEXT,
  upstream_id TEXT,
  api_type TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  streamed BOOLEAN NOT NULL,
  cancelled BOOLEAN NOT NULL,
  status INTEGER NOT NULL,
  finish_reason TEXT,
  native_finish_reason TEXT,
  latency_ms DOUBLE PRECISION,
  generation_time_ms DOUBLE PRECISION,
  prompt_tokens INTEGER NOT NULL,
  completion_tokens INTEGER NOT NULL,
  reasoning_tokens INTEGER NOT NULL,
  cached_tokens INTEGER NOT NULL,
  cache_write_tokens INTEGER NOT NULL,
  cost_pico BIGINT NOT NULL,
  upstream_cost_pico BIGINT,
  is_byok BOOLEAN NOT NULL,
  external_user TEXT,
  session_id TEXT,
  -- JSON array of provider attempts.
  attempts TEXT NOT NULL DEFAULT '[]',
  cache_discount_pico BIGINT,
  response_cache_source_id TEXT
);
-- Spend per key over a time window, answered from the index alone.
CREATE INDEX generations_key_created ON generations (key_hash, created_at) INCLUDE (cost_pico);

CREATE TABLE workspaces (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE members (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces (id),
  name TEXT NOT NULL,
  email TEXT,
  limit_usd TEXT,
  limit_reset TEXT CHECK (limit_reset IN ('daily', 'weekly', 'monthly')),
  include_byok_in_limit BOOLEAN NOT NULL DEFAULT FALSE,
  created_at TEXT NOT NULL,
  updated_at TEXT
);
CREATE INDEX members_workspace ON members (workspace_id, created_at);

INSERT INTO workspaces (id, name, created_at)
  VALUES ('default', 'Default', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
INSERT INTO members (id, workspace_id, name, created_at)
  SELECT id || ':owner', id, 'Owner', created_at FROM workspaces;

-- One row per spending account (key:, member:, workspace:, guardrail: …); window counters belong
-- to the windows starting at day_start / week_start / month_start (ms since epoch).
CREATE TABLE ledger_accounts (
  scope TEXT PRIMARY KEY,
  spend_total BIGINT NOT NULL DEFAULT 0,
  spend_daily BIGINT NOT NULL DEFAULT 0,
  spend_weekly BIGINT NOT NULL DEFAULT 0,
  spend_monthly BIGINT NOT NULL DEFAULT 0,
  byok_total BIGINT NOT NULL DEFAULT 0,
  byok_daily BIGINT NOT NULL DEFAULT 0,
  byok_weekly BIGINT NOT NULL DEFAULT 0,
  byok_monthly BIGINT NOT NULL DEFAULT 0,
  day_start BIGINT NOT NULL,
  week_start BIGINT NOT NULL,
  month_start BIGINT NOT NULL,
  -- Sum of live reservations on this account (ledger_holds).
  held BIGINT NOT NULL DEFAULT 0,
  credits BIGINT NOT NULL DEFAULT 0,
  credits_enabled BOOLEAN NOT NULL DEFAULT FALSE
);

-- Live reservations, one per generation in flight. Each belongs to the ledger instance (node) that
-- made it, which keeps pushing `expires_at` forward while it lives; a hold whose owner died (kill -9)
-- stops being renewed and is reclaimed by any node once it expires.
CREATE TABLE ledger_holds (
  generation_id TEXT PRIMARY KEY,
  amount BIGINT NOT NULL,
  scopes TEXT[] NOT NULL,
  created_at BIGINT NOT NULL,
  owner TEXT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ledger_holds_owner ON ledger_holds (owner);
CREATE INDEX ledger_holds_expires ON ledger_holds (expires_at);

-- Settled generations: the primary key makes settlement idempotent (billed exactly once).
CREATE TABLE ledger_entries (
  generation_id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  amount BIGINT NOT NULL,
  byok_amount BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX ledger_entries_workspace ON ledger_entries (workspace_id, created_at);

CREATE TABLE credit_grants (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  amount BIGINT NOT NULL,
  fee BIGINT NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX credit_grants_workspace ON credit_grants (workspace_id, created_at);

-- Usage analytics, maintained by each settlement.
CREATE TABLE activity_daily (
  date TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  model TEXT NOT NULL,
  provider_name TEXT NOT NULL,
  usage BIGINT NOT NULL,
  byok_usage BIGINT NOT NULL,
  requests INTEGER NOT NULL,
  prompt_tokens BIGINT NOT NULL,
  completion_tokens BIGINT NOT NULL,
  reasoning_tokens BIGINT NOT NULL,
  PRIMARY KEY (date, workspace_id, key_hash, model, provider_name)
);

-- Per-key rate limits. NULL = the config default; 0 = no limit for this key.
CREATE TABLE key_rate_limits (
  key_hash TEXT PRIMARY KEY,
  requests_per_minute INTEGER CHECK (requests_per_minute >= 0),
  tokens_per_minute INTEGER CHECK (tokens_per_minute >= 0),
  concurrent_requests INTEGER CHECK (concurrent_requests >= 0),
  updated_at TEXT NOT NULL
);

-- A workspace's own provider keys: AES-256-GCM ciphertext only, never the plaintext.
CREATE TABLE byok_keys (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  name TEXT NOT NULL,
  label TEXT NOT NULL,
  disabled BOOLEAN NOT NULL DEFAULT FALSE,
  always_use BOOLEAN NOT NULL DEFAULT FALSE,
  is_fallback BOOLEAN NOT NULL DEFAULT FALSE,
  -- JSON array of model ids, or NULL for every model.
  allowed_models TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0,
  key_id TEXT NOT NULL,
  iv BYTEA NOT NULL,
  auth_tag BYTEA NOT NULL,
  ciphertext BYTEA NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT
);
CREATE INDEX byok_keys_workspace ON byok_keys (workspace_id, provider, sort_order, created_at);

-- One known plaintext encrypted under the current master key: a wrong key fails at start.
CREATE TABLE master_key_check (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  key_id TEXT NOT NULL,
  iv BYTEA NOT NULL,
  auth_tag BYTEA NOT NULL,
  ciphertext BYTEA NOT NULL,
  created_at TEXT NOT NULL
);

-- Guardrails: the policy is one JSON document, read whole.
CREATE TABLE guardrails (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  name TEXT NOT NULL,
  policy TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT
);
CREATE INDEX guardrails_workspace_created ON guardrails (workspace_id, created_at, id);

CREATE TABLE guardrail_key_assignments (
  workspace_id TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  guardrail_id TEXT NOT NULL REFERENCES guardrails (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, key_hash)
);
CREATE TABLE guardrail_member_assignments (
  workspace_id TEXT NOT NULL,
  member_id TEXT NOT NULL,
  guardrail_id TEXT NOT NULL REFERENCES guardrails (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, member_id)
);
CREATE INDEX guardrail_key_assignments_guardrail ON guardrail_key_assignments (guardrail_id);
CREATE INDEX guardrail_member_assignments_guardrail ON guardrail_member_assignments (guardrail_id);

-- Privacy settings per workspace (JSON validated by privacy-settings.ts).
CREATE TABLE workspace_privacy (
  workspace_id TEXT PRIMARY KEY,
  settings TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Prompts and completions of workspaces or keys that opted in to logging.
CREATE TABLE generation_content (
  generation_id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  input TEXT NOT NULL,
  output TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX generation_content_expires ON generation_content (expires_at);
