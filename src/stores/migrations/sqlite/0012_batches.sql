-- Batch API (issue 17): uploaded and produced files, batches, one row per finished input line (so a
-- restart never re-runs a line), and the batch a generation belongs to (PostgreSQL's 0006_batches.sql).
CREATE TABLE batch_files (
  id TEXT PRIMARY KEY NOT NULL,
  key_hash TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  filename TEXT NOT NULL,
  -- 'batch' (uploaded input) or 'batch_output' (output and error files)
  purpose TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  line_count INTEGER NOT NULL,
  -- ms since epoch
  created_at INTEGER NOT NULL,
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
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  in_progress_at INTEGER,
  finalizing_at INTEGER,
  completed_at INTEGER,
  failed_at INTEGER,
  expired_at INTEGER,
  cancelling_at INTEGER,
  cancelled_at INTEGER,
  total INTEGER NOT NULL DEFAULT 0,
  completed INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  output_file_id TEXT,
  error_file_id TEXT,
  -- JSON: batch-level errors and the native submission, written by the driving node only
  state TEXT NOT NULL DEFAULT '{}',
  -- the node driving the batch and until when its lease holds
  lease_owner TEXT,
  lease_expires_at INTEGER
);
CREATE INDEX batches_key ON batches (key_hash, created_at, id);
CREATE INDEX batches_status ON batches (status);
CREATE INDEX batches_input_file ON batches (input_file_id);

CREATE TABLE batch_lines (
  batch_id TEXT NOT NULL,
  line_index INTEGER NOT NULL,
  ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
  -- the JSONL line of the output (ok) or error file
  result TEXT NOT NULL,
  generation_id TEXT,
  PRIMARY KEY (batch_id, line_index)
);

ALTER TABLE generations ADD COLUMN batch_id TEXT;
