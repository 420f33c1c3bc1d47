-- The dashboard's generations list (issue 16): newest first per workspace and overall, paged by
-- the keyset (created_at, id) (SQLite's 0010_generations_listing.sql).
CREATE INDEX generations_workspace_created ON generations (workspace_id, created_at, id);
CREATE INDEX generations_created ON generations (created_at, id);
