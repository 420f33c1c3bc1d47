-- Guardrails (issue 6). The policy (budget, allow-lists, ZDR, content filters) is one JSON
-- document: it is read whole into memory at start and on change, never queried by field.
CREATE TABLE guardrails (
  id TEXT PRIMARY KEY NOT NULL,
  workspace_id TEXT NOT NULL,
  name TEXT NOT NULL,
  policy TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT
) STRICT;

CREATE INDEX guardrails_workspace_created ON guardrails (workspace_id, created_at, id);

-- One guardrail per key and per member: the target is the primary key within a workspace.
-- No foreign key to api_keys: management keys from config are not rows there.
CREATE TABLE guardrail_key_assignments (
  workspace_id TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  guardrail_id TEXT NOT NULL REFERENCES guardrails (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, key_hash)
) STRICT;

CREATE TABLE guardrail_member_assignments (
  workspace_id TEXT NOT NULL,
  member_id TEXT NOT NULL,
  guardrail_id TEXT NOT NULL REFERENCES guardrails (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, member_id)
) STRICT;

CREATE INDEX guardrail_key_assignments_guardrail ON guardrail_key_assignments (guardrail_id);
CREATE INDEX guardrail_member_assignments_guardrail ON guardrail_member_assignments (guardrail_id);
