-- Issue 14: generations_key_created (key_hash, created_at, cost_pico) is read only by
-- GenerationStore.spendByKey, which nothing calls (budgets come from ledger_accounts); listings by key
-- go through generations_workspace_created or generations_created (bench:dashboard query plans). It was
-- the most written B-tree per settlement (1.38 of 11.8 page writes at one settlement per commit).
-- Dropping an index loses no data; it can be rebuilt any time.
DROP INDEX IF EXISTS generations_key_created;
