-- Alert rules, the events they fired (one per crossing, by fingerprint, across every node) and
-- webhook delivery attempts (SQLite's 0009_alerts.sql).
CREATE TABLE alert_rules (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  -- JSON, validated by alerts/alert-rule-schema.ts
  params TEXT NOT NULL,
  webhook_url TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX alert_rules_workspace ON alert_rules (workspace_id, created_at);

CREATE TABLE alert_events (
  id TEXT PRIMARY KEY,
  rule_id TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  type TEXT NOT NULL,
  fingerprint TEXT NOT NULL UNIQUE,
  summary TEXT NOT NULL,
  details TEXT NOT NULL,
  -- ms since epoch
  fired_at BIGINT NOT NULL
);
CREATE INDEX alert_events_workspace ON alert_events (workspace_id, fired_at);

CREATE TABLE alert_deliveries (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  url TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  at BIGINT NOT NULL,
  status INTEGER,
  error TEXT,
  delivered BOOLEAN NOT NULL
);
CREATE INDEX alert_deliveries_workspace ON alert_deliveries (workspace_id, at);
