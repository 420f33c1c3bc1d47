-- Dashboard sign-in sessions, shared by every process on this database file (workers: N).
-- Only the SHA-256 of the session token is stored; times are ms since the epoch.
CREATE TABLE dashboard_sessions (
  token_hash TEXT PRIMARY KEY NOT NULL,
  key_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX dashboard_sessions_key ON dashboard_sessions (key_hash);
CREATE INDEX dashboard_sessions_created ON dashboard_sessions (created_at);
