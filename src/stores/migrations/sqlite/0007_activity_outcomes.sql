-- /activity counts generations that were cancelled or ended in an error (billed for what was
-- delivered), apart from the total `requests`.
ALTER TABLE activity_daily ADD COLUMN cancelled_requests INTEGER NOT NULL DEFAULT 0;
ALTER TABLE activity_daily ADD COLUMN error_requests INTEGER NOT NULL DEFAULT 0;
