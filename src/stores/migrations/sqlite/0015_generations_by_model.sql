-- The dashboard's generations list filtered by model (issue 16). Model first: the management listing
-- filters by model across workspaces, and without it a model with few or no rows made SQLite walk the
-- whole (created_at, id) index (0.35 s at 1M rows; 0.7 ms with it, bench:dashboard).
CREATE INDEX generations_model_created ON generations (model, created_at, id);
