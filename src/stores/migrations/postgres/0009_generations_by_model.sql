-- The dashboard's generations list filtered by model (issue 16): a model with few or no rows is an
-- index seek, not a walk of every generation in the workspace.
CREATE INDEX generations_model_created ON generations (model, created_at, id);
