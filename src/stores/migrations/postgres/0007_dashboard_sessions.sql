-- Dashboard sign-in sessions, shared by every node (SQLite's 0013_dashboard_sessions.sql).
-- Only the SHA-256 of the session token is stored; times are ms since the epoch.
CREATE TABLE dashboard_sessions (
  token_hash TEXT PRIMARY KEY NOT NULL,
  key_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX dashboard_sessions_key ON dashboard_sessions (key_hash);
CREATE INDEX dashboard_sessions_created ON dashboard_sessions (created_at);
