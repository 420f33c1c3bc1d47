-- The dashboard's cache view: per day × key × model × provider, the requests answered from the
-- response cache, the prompt tokens providers read from their prompt cache, and what caching saved
-- (picodollars: each prompt-cache discount, and a response-cache hit's original cost). Only
-- activity_daily changes; the generations table and its indexes are untouched.
ALTER TABLE activity_daily ADD COLUMN cache_hits INTEGER NOT NULL DEFAULT 0;
ALTER TABLE activity_daily ADD COLUMN cached_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE activity_daily ADD COLUMN cache_savings INTEGER NOT NULL DEFAULT 0;
