-- The dashboard's cache view (SQLite's 0014_activity_cache.sql): response-cache hits, prompt
-- tokens read from providers' prompt caches, and what caching saved, in picodollars.
ALTER TABLE activity_daily ADD COLUMN cache_hits INTEGER NOT NULL DEFAULT 0;
ALTER TABLE activity_daily ADD COLUMN cached_tokens BIGINT NOT NULL DEFAULT 0;
ALTER TABLE activity_daily ADD COLUMN cache_savings BIGINT NOT NULL DEFAULT 0;
