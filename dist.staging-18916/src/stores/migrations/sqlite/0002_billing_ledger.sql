-- Billing: workspaces and members, the ledger (accounts, reservations, settled entries, credit
-- grants) and the daily activity rollup. Amounts are INTEGER picodollars (1e-12 USD).

CREATE TABLE workspaces (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- A member belongs to one workspace; keys belong to a member (api_keys.creator_user_id, or the
-- workspace's owner member "<workspace>:owner" when null). A member may carry its own budget.
CREATE TABLE members (
  id TEXT PRIMARY KEY NOT NULL,
  workspace_id TEXT NOT NULL REFERENCES workspaces (id),
  name TEXT NOT NULL,
  email TEXT,
  limit_usd TEXT,
  limit_reset TEXT CHECK (limit_reset IN ('daily', 'weekly', 'monthly')),
  include_byok_in_limit INTEGER NOT NULL DEFAULT 0 CHECK (include_byok_in_limit IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT
) STRICT;
CREATE INDEX members_workspace ON members (workspace_id, created_at);

-- Every workspace that already has keys, plus the default one, with its owner member.
INSERT INTO workspaces (id, name, created_at)
  SELECT 'default', 'Default', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  UNION SELECT DISTINCT workspace_id, workspace_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM api_keys WHERE workspace_id <> 'default';
INSERT INTO members (id, workspace_id, name, created_at)
  SELECT id || ':owner', id, 'Owner', created_at FROM workspaces;

-- One row per spending account (key:, member:, workspace:, guardrail: …). Window counters
-- belong to the window starting at day_start / week_start / month_start (ms since epoch) and
-- are zeroed when a later operation finds itself in another window.
CREATE TABLE ledger_accounts (
  scope TEXT PRIMARY KEY NOT NULL,
  spend_total INTEGER NOT NULL DEFAULT 0,
  spend_daily INTEGER NOT NULL DEFAULT 0,
  spend_weekly INTEGER NOT NULL DEFAULT 0,
  spend_monthly INTEGER NOT NULL DEFAULT 0,
  byok_total INTEGER NOT NULL DEFAULT 0,
  byok_daily INTEGER NOT NULL DEFAULT 0,
  byok_weekly INTEGER NOT NULL DEFAULT 0,
  byok_monthly INTEGER NOT NULL DEFAULT 0,
  day_start INTEGER NOT NULL,
  week_start INTEGER NOT NULL,
  month_start INTEGER NOT NULL,
  -- Sum of live reservations on this account (ledger_holds).
  held INTEGER NOT NULL DEFAULT 0,
  credits INTEGER NOT NULL DEFAULT 0,
  credits_enabled INTEGER NOT NULL DEFAULT 0 CHECK (credits_enabled IN (0, 1))
) STRICT;

-- Spend that happened before the ledger existed, so limits keep counting it across the upgrade.
CREATE TEMP TABLE ledger_seed_windows AS SELECT
  CAST(strftime('%s', 'now', 'start of day') AS INTEGER) * 1000 AS day_start,
  CAST(strftime('%s', date('now', '-6 days', 'weekday 1')) AS INTEGER) * 1000 AS week_start,
  CAST(strftime('%s', 'now', 'start of month') AS INTEGER) * 1000 AS month_start;
INSERT INTO ledger_accounts (scope, spend_total, spend_daily, spend_weekly, spend_monthly, day_start, week_start, month_start)
  SELECT scope, SUM(g.cost_pico),
    SUM(CASE WHEN g.created_at >= w.day_start THEN g.cost_pico ELSE 0 END),
    SUM(CASE WHEN g.created_at >= w.week_start THEN g.cost_pico ELSE 0 END),
    SUM(CASE WHEN g.created_at >= w.month_start THEN g.cost_pico ELSE 0 END),
    w.day_start, w.week_start, w.month_start
  FROM (
    SELECT 'key:' || key_hash AS scope, cost_pico, created_at FROM generations
    UNION ALL
    SELECT 'member:' || COALESCE(k.creator_user_id, g.workspace_id || ':owner'), g.cost_pico, g.created_at
      FROM generations g LEFT JOIN api_keys k ON k.hash = g.key_hash
    UNION ALL
    SELECT 'workspace:' || workspace_id, cost_pico, created_at FROM generations
  ) AS g, ledger_seed_windows AS w
  GROUP BY scope;
DROP TABLE ledger_seed_windows;

-- Live reservations: one per generation in flight. Released at settle, or at start-up when
-- the process that made them died.
CREATE TABLE ledger_holds (
  generation_id TEXT PRIMARY KEY NOT NULL,
  amount INTEGER NOT NULL,
  -- JSON array of the scopes holding it.
  scopes TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

-- Settled generations: the primary key makes settlement idempotent (billed exactly once).
CREATE TABLE ledger_entries (
  generation_id TEXT PRIMARY KEY NOT NULL,
  workspace_id TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  amount INTEGER NOT NULL,
  byok_amount INTEGER NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX ledger_entries_workspace ON ledger_entries (workspace_id, created_at);

CREATE TABLE credit_grants (
  id TEXT PRIMARY KEY NOT NULL,
  workspace_id TEXT NOT NULL,
  amount INTEGER NOT NULL,
  fee INTEGER NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX credit_grants_workspace ON credit_grants (workspace_id, created_at);

-- Usage analytics, maintained by each settlement (never computed by scanning generations).
CREATE TABLE activity_daily (
  date TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  model TEXT NOT NULL,
  provider_name TEXT NOT NULL,
  usage INTEGER NOT NULL,
  byok_usage INTEGER NOT NULL,
  requests INTEGER NOT NULL,
  prompt_tokens INTEGER NOT NULL,
  completion_tokens INTEGER NOT NULL,
  reasoning_tokens INTEGER NOT NULL,
  PRIMARY KEY (date, workspace_id, key_hash, model, provider_name)
) STRICT;

-- /generation's cache_discount, kept exact.
ALTER TABLE generations ADD COLUMN cache_discount_pico INTEGER;
