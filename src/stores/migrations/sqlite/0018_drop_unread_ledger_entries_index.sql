-- Issue 14: ledger_entries is written once per settlement and read only by its primary key (is this
-- generation settled?). Its (workspace_id, created_at) index from 0002 was never read by a query and
-- cost a page write per settlement. Dropping an index loses no data; it can be rebuilt any time.
DROP INDEX IF EXISTS ledger_entries_workspace;
