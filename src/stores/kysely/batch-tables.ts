import type { ColumnType } from 'kysely';

/**
 * A BIGINT/INTEGER column holding ms or a count: written as a number, read back as a number
 * (SQLite) or a decimal string (PostgreSQL's BIGINT); the stores read it through Number().
 */
type Int = ColumnType<number | string, number, number>;
type NullableInt = ColumnType<number | string | null, number | null, number | null>;

/** Tables of SQLite's 0012_batches.sql and PostgreSQL's 0006_batches.sql (same columns, portable types). */
export type BatchTables = {
  batch_files: {
    id: string;
    key_hash: string;
    workspace_id: string;
    filename: string;
    purpose: string;
    bytes: Int;
    line_count: Int;
    created_at: Int;
    batch_id: string | null;
  };
  batches: {
    id: string;
    key_hash: string;
    workspace_id: string;
    status: string;
    input_file_id: string;
    spec: string;
    created_at: Int;
    expires_at: Int;
    in_progress_at: NullableInt;
    finalizing_at: NullableInt;
    completed_at: NullableInt;
    failed_at: NullableInt;
    expired_at: NullableInt;
    cancelling_at: NullableInt;
    cancelled_at: NullableInt;
    total: Int;
    completed: Int;
    failed: Int;
    output_file_id: string | null;
    error_file_id: string | null;
    state: string;
    lease_owner: string | null;
    lease_expires_at: NullableInt;
  };
  batch_lines: {
    batch_id: string;
    line_index: Int;
    ok: Int;
    result: string;
    generation_id: string | null;
  };
};
