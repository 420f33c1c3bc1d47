-- /activity counts generations that were cancelled or ended in an error apart from the total
-- `requests` (SQLite's 0007_activity_outcomes.sql).
ALTER TABLE activity_daily ADD COLUMN cancelled_requests INTEGER NOT NULL DEFAULT 0;
ALTER TABLE activity_daily ADD COLUMN error_requests INTEGER NOT NULL DEFAULT 0;
