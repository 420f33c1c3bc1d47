-- Issue 14: ledger_entries is read only by its primary key (is this generation settled?). As a rowid
-- table with a TEXT primary key it was two B-trees written per settlement, the rows and the key's
-- autoindex; WITHOUT ROWID keeps the rows in the primary key's B-tree. Same columns, rows and
-- constraints (0002; 0018 dropped its only other index). No view, trigger or foreign key reads it.
CREATE TABLE ledger_entries_next (
  generation_id TEXT PRIMARY KEY NOT NULL,
  workspace_id TEXT NOT NULL,
  key_hash TEXT NOT NULL,
  amount INTEGER NOT NULL,
  byok_amount INTEGER NOT NULL,
  created_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO ledger_entries_next (generation_id, workspace_id, key_hash, amount, byok_amount, created_at)
  SELECT generation_id, workspace_id, key_hash, amount, byok_amount, created_at FROM ledger_entries;
DROP TABLE ledger_entries;
ALTER TABLE ledger_entries_next RENAME TO ledger_entries;
