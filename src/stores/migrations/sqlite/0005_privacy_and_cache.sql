-- Response cache hits and opt-in prompt/completion logging (privacy issue).

-- For a response-cache hit, the generation whose response was replayed.
ALTER TABLE generations ADD COLUMN response_cache_source_id TEXT;
