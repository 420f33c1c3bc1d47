-- Embeddings are generations too (api_type 'embeddings', as on OpenRouter). SQLite cannot change a
-- CHECK constraint in place, so the table is rebuilt with every column it has after 0001, 0002
-- (cache_discount_pico) and 0005 (response_cache_source_id), rows and indexes (0001, 0010) kept. No view or
-- trigger reads generations. A migration numbered before this one that adds a column or an index
-- to generations must add it here too (embeddings-api-type-migration.test.ts checks every column).
CREATE TABLE generations_next (
  id TEXT PRIMARY KEY NOT NULL,
  key_hash TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  model TEXT NOT NULL,
  provider_name TEXT,
  upstream_id TEXT,
  api_type TEXT NOT NULL CHECK (api_type IN ('completions', 'chat', 'embeddings')),
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
  attempts TEXT NOT NULL DEFAULT '[]',
  cache_discount_pico INTEGER,
  response_cache_source_id TEXT
) STRICT;

INSERT INTO generations_next (
  id, key_hash, workspace_id, model, provider_name, upstream_id, api_type, created_at, streamed, cancelled, status,
  finish_reason, native_finish_reason, latency_ms, generation_time_ms, prompt_tokens, completion_tokens,
  reasoning_tokens, cached_tokens, cache_write_tokens, cost_pico, upstream_cost_pico, is_byok, external_user,
  session_id, attempts, cache_discount_pico, response_cache_source_id
)
SELECT
  id, key_hash, workspace_id, model, provider_name, upstream_id, api_type, created_at, streamed, cancelled, status,
  finish_reason, native_finish_reason, latency_ms, generation_time_ms, prompt_tokens, completion_tokens,
  reasoning_tokens, cached_tokens, cache_write_tokens, cost_pico, upstream_cost_pico, is_byok, external_user,
  session_id, attempts, cache_discount_pico, response_cache_source_id
FROM generations;

DROP TABLE generations;
ALTER TABLE generations_next RENAME TO generations;
CREATE INDEX generations_key_created ON generations (key_hash, created_at, cost_pico);
CREATE INDEX generations_workspace_created ON generations (workspace_id, created_at, id);
CREATE INDEX generations_created ON generations (created_at, id);
