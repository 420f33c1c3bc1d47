-- Rate-limit overrides per API key, and BYOK provider keys encrypted under the master key.

-- Per-key rate limits. NULL = the config default (rate_limits.*); 0 = no limit for this key.
-- A separate table rather than api_keys columns, so keys without overrides cost nothing.
CREATE TABLE key_rate_limits (
  key_hash TEXT PRIMARY KEY NOT NULL,
  requests_per_minute INTEGER CHECK (requests_per_minute >= 0),
  tokens_per_minute INTEGER CHECK (tokens_per_minute >= 0),
  concurrent_requests INTEGER CHECK (concurrent_requests >= 0),
  updated_at TEXT NOT NULL
) STRICT;

-- A workspace's own provider keys. The key is AES-256-GCM ciphertext: `iv` (12 random bytes),
-- `auth_tag` (16 bytes), `key_id` names the master key that encrypted it (rotation re-encrypts).
-- The plaintext is never stored; `label` is a masked form for listings.
CREATE TABLE byok_keys (
  id TEXT PRIMARY KEY NOT NULL,
  workspace_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  name TEXT NOT NULL,
  label TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  always_use INTEGER NOT NULL DEFAULT 0 CHECK (always_use IN (0, 1)),
  is_fallback INTEGER NOT NULL DEFAULT 0 CHECK (is_fallback IN (0, 1)),
  -- JSON array of model ids, or NULL for every model.
  allowed_models TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0,
  key_id TEXT NOT NULL,
  iv BLOB NOT NULL,
  auth_tag BLOB NOT NULL,
  ciphertext BLOB NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT
) STRICT;

CREATE INDEX byok_keys_workspace ON byok_keys (workspace_id, provider, sort_order, created_at);

-- One known plaintext encrypted under the current master key: a wrong key fails at start.
CREATE TABLE master_key_check (
  id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
  key_id TEXT NOT NULL,
  iv BLOB NOT NULL,
  auth_tag BLOB NOT NULL,
  ciphertext BLOB NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
