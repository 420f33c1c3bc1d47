-- Switchyard SQLite schema, version 1.
-- Migrations are append-only and never destructive: later files add tables, columns or indexes.

-- API keys. Only the SHA-256 of the plaintext is kept; booleans are 0/1; timestamps are ISO-8601
-- text, which sorts chronologically because every writer uses Date#toISOString.
CREATE TABLE api_keys (
  hash TEXT PRIMARY KEY NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('inference', 'management')),
  name TEXT NOT NULL,
  label TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  -- USD decimal string: kept as text so no float ever touches a limit.
  limit_usd TEXT,
  limit_reset TEXT CHECK (limit_reset IN ('daily', 'weekly', 'monthly')),
  include_byok_in_limit INTEGER NOT NULL DEFAULT 0 CHECK (include_byok_in_limit IN (0, 1)),
  workspace_id TEXT NOT NULL,
  creator_user_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT,
  expires_at TEXT
) STRICT;

-- Serves the management listing: filter by kind, page in (created_at, hash) order.
CREATE INDEX api_keys_kind_created ON api_keys (kind, created_at, hash);

-- Generation metadata, one row per inference request. Never prompt or completion text.
-- No foreign key to api_keys: deleting a key must keep its billing history.
CREATE TABLE generations (
  id TEXT PRIMARY KEY NOT NULL,
  key_hash TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  model TEXT NOT NULL,
  provider_name TEXT,
  upstream_id TEXT,
  api_type TEXT NOT NULL CHECK (api_type IN ('completions', 'chat')),
  -- ms since epoch
  created_at INTEGER NOT NULL,
  streamed INTEGER NOT NULL CHECK (streamed IN (0, 1)),
  cancelled INTEGER NOT NULL CHECK (cancelled IN (0, 1)),
  status INTEGER NOT NULL,
  finish_reason TEXT,
  native_finish_reason TEXT,
  latency_ms REAL,
  generation_time_ms REAL,
  prompt_tokens INTEGER NOT NULL,
  completion_tokens INTEGER NOT NULL,
  reasoning_tokens INTEGER NOT NULL,
  cached_tokens INTEGER NOT NULL,
  cache_write_tokens INTEGER NOT NULL,
  -- Picodollars as 64-bit integers: exact, never REAL.
  cost_pico INTEGER NOT NULL,
  upstream_cost_pico INTEGER,
  is_byok INTEGER NOT NULL CHECK (is_byok IN (0, 1)),
  external_user TEXT,
  session_id TEXT,
  -- JSON array of provider attempts.
  attempts TEXT NOT NULL DEFAULT '[]'
) STRICT;

-- Spend per key over a time window. cost_pico is included so the sums are answered from the
-- index alone, without visiting table rows.
CREATE INDEX generations_key_created ON generations (key_hash, created_at, cost_pico);
