-- Response cache hits and opt-in prompt/completion logging (privacy issue).

-- For a response-cache hit, the generation whose response was replayed.
ALTER TABLE generations ADD COLUMN response_cache_source_id TEXT;

-- Privacy settings per workspace, as JSON validated by privacy/privacy-settings.ts.
CREATE TABLE workspace_privacy (
  workspace_id TEXT PRIMARY KEY NOT NULL,
  settings TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Prompts and completions of workspaces or keys that opted in to logging; nobody else's.
CREATE TABLE generation_content (
  generation_id TEXT PRIMARY KEY NOT NULL,
  workspace_id TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  input TEXT NOT NULL,
  output TEXT NOT NULL,
  -- ms since epoch
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;

-- Purging walks expired rows in order.
CREATE INDEX generation_content_expires ON generation_content (expires_at);
