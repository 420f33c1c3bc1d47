import type { BatchRecord } from '../../stores/batch-store.js';
import type { FileRecord } from '../../stores/file-store.js';

const seconds = (ms: number | null): number | null => (ms === null ? null : Math.floor(ms / 1000));

/**
 * OpenAI's `batch` object (timestamps in Unix seconds).
 * @see https://platform.openai.com/docs/api-reference/batch/object
 */
export function encodeBatch(batch: BatchRecord): Record<string, unknown> {
  const errors = batch.state.errors;
  return {
    id: batch.id,
    object: 'batch',
    endpoint: batch.spec.endpoint,
    errors: errors && errors.length > 0 ? { object: 'list', data: errors } : null,
    input_file_id: batch.spec.inputFileId,
    completion_window: batch.spec.completionWindow,
    status: batch.status,
    output_file_id: batch.outputFileId,
    error_file_id: batch.errorFileId,
    created_at: seconds(batch.createdAt),
    in_progress_at: seconds(batch.inProgressAt),
    expires_at: seconds(batch.expiresAt),
    finalizing_at: seconds(batch.finalizingAt),
    completed_at: seconds(batch.completedAt),
    failed_at: seconds(batch.failedAt),
    expired_at: seconds(batch.expiredAt),
    cancelling_at: seconds(batch.cancellingAt),
    cancelled_at: seconds(batch.cancelledAt),
    request_counts: batch.counts,
    metadata: batch.spec.metadata,
  };
}

/**
 * OpenAI's `file` object.
 * @see https://platform.openai.com/docs/api-reference/files/object
 */
export function encodeFile(file: FileRecord): Record<string, unknown> {
  return {
    id: file.id,
    object: 'file',
    bytes: file.bytes,
    created_at: seconds(file.createdAt),
    expires_at: null,
    filename: file.filename,
    purpose: file.purpose,
    status: 'processed',
    status_details: null,
  };
}

/** OpenAI's cursor page: `first_id`, `last_id`, `has_more` (one more row than the page is read to know). */
export function encodePage<T extends { id: string }>(rows: T[], limit: number, encode: (row: T) => Record<string, unknown>): Record<string, unknown> {
  const page = rows.slice(0, limit);
  return { object: 'list', data: page.map(encode), first_id: page[0]?.id ?? null, last_id: page.at(-1)?.id ?? null, has_more: rows.length > limit };
}
