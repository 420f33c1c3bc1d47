-- Alert rules, the events they fired (one per crossing, by fingerprint) and webhook delivery attempts.

CREATE TABLE alert_rules (
  id TEXT PRIMARY KEY NOT NULL,
  workspace_id TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  -- JSON, validated by alerts/alert-rule-schema.ts
  params TEXT NOT NULL,
  webhook_url TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX alert_rules_workspace ON alert_rules (workspace_id, created_at);

CREATE TABLE alert_events (
  id TEXT PRIMARY KEY NOT NULL,
  rule_id TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  type TEXT NOT NULL,
  fingerprint TEXT NOT NULL UNIQUE,
  summary TEXT NOT NULL,
  details TEXT NOT NULL,
  -- ms since epoch
  fired_at INTEGER NOT NULL
) STRICT;
CREATE INDEX alert_events_workspace ON alert_events (workspace_id, fired_at);

CREATE TABLE alert_deliveries (
  id TEXT PRIMARY KEY NOT NULL,
  event_id TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  url TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  at INTEGER NOT NULL,
  status INTEGER,
  error TEXT,
  delivered INTEGER NOT NULL
) STRICT;
CREATE INDEX alert_deliveries_workspace ON alert_deliveries (workspace_id, at);
