-- The audit trail (issue 16): one row per management change or dashboard sign-in, append-only.

CREATE TABLE audit_log (
  -- Grows with every append: orders the trail and is the keyset cursor.
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  workspace_id TEXT NOT NULL,
  actor_key_hash TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  target_id TEXT,
  ip TEXT,
  -- JSON objects of the changed fields, secrets scrubbed; NULL for a creation / deletion.
  before_json TEXT,
  after_json TEXT,
  -- ms since epoch
  created_at INTEGER NOT NULL
) STRICT;

-- Each filter walks its own index newest-first.
CREATE INDEX audit_log_workspace ON audit_log (workspace_id, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_actor ON audit_log (actor_key_hash, id);
CREATE INDEX audit_log_target ON audit_log (target_id, id);
CREATE INDEX audit_log_created ON audit_log (created_at);

-- Append-only: the database itself refuses to rewrite or remove history.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
