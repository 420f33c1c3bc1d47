-- Batch API (issue 17): uploaded and produced files, batches, one row per finished input line (so a
-- restart never re-runs a line), and the batch a generation belongs to (SQLite's 0012_batches.sql).
CREATE TABLE batch_files (
  id TEXT PRIMARY KEY NOT NULL,
  key_hash TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  filename TEXT NOT NULL,
  -- 'batch' (uploaded input) or 'batch_output' (output and error files)
  purpose TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  line_count BIGINT NOT NULL,
  -- ms since epoch
  created_at BIGINT NOT NULL,
  -- the batch an output file belongs to (deleted with it); null for uploads
  batch_id TEXT
);
CREATE INDEX batch_files_key ON batch_files (key_hash, created_at, id);

CREATE TABLE batches (
  id TEXT PRIMARY KEY NOT NULL,
  key_hash TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  status TEXT NOT NULL,
  input_file_id TEXT NOT NULL,
  -- JSON: endpoint, input file, completion window, metadata (never changes)
  spec TEXT NOT NULL,
  -- ms since epoch
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  in_progress_at BIGINT,
  finalizing_at BIGINT,
  completed_at BIGINT,
  failed_at BIGINT,
  expired_at BIGINT,
  cancelling_at BIGINT,
  cancelled_at BIGINT,
  total INTEGER NOT NULL DEFAULT 0,
  completed INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  output_file_id TEXT,
  error_file_id TEXT,
  -- JSON: batch-level errors and the native submission, written by the driving node only
  state TEXT NOT NULL DEFAULT '{}',
  -- the node driving the batch and until when its lease holds
  lease_owner TEXT,
  lease_expires_at BIGINT
);
CREATE INDEX batches_key ON batches (key_hash, created_at, id);
CREATE INDEX batches_status ON batches (status);
CREATE INDEX batches_input_file ON batches (input_file_id);

CREATE TABLE batch_lines (
  batch_id TEXT NOT NULL,
  line_index BIGINT NOT NULL,
  ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
  -- the JSONL line of the output (ok) or error file
  result TEXT NOT NULL,
  generation_id TEXT,
  PRIMARY KEY (batch_id, line_index)
);

ALTER TABLE generations ADD COLUMN batch_id TEXT;
