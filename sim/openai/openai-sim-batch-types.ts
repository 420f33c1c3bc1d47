/** OpenAI's batch statuses. @see https://platform.openai.com/docs/api-reference/batch/object */
export type SimBatchStatus = 'validating' | 'failed' | 'in_progress' | 'finalizing' | 'completed' | 'expired' | 'cancelling' | 'cancelled';

/** One validation error of a failed batch (`errors.data[]`). */
export interface SimBatchError {
  code: string;
  message: string;
  param: string | null;
  line: number | null;
}

/** A batch as `GET /v1/batches/{id}` returns it. */
export interface SimBatch {
  id: string;
  object: 'batch';
  endpoint: string;
  model: string | null;
  errors: { object: 'list'; data: SimBatchError[] } | null;
  input_file_id: string;
  completion_window: string;
  status: SimBatchStatus;
  output_file_id: string | null;
  error_file_id: string | null;
  created_at: number;
  in_progress_at: number | null;
  expires_at: number;
  finalizing_at: number | null;
  completed_at: number | null;
  failed_at: number | null;
  expired_at: number | null;
  cancelling_at: number | null;
  cancelled_at: number | null;
  request_counts: { total: number; completed: number; failed: number };
  usage: { input_tokens: number; output_tokens: number; total_tokens: number; input_tokens_details: { cached_tokens: number }; output_tokens_details: { reasoning_tokens: number } };
  metadata: Record<string, string> | null;
}

/** The endpoints a batch may target (`/v1/responses` is not simulated). */
export const SIM_BATCH_ENDPOINTS = ['/v1/chat/completions', '/v1/embeddings', '/v1/completions'] as const;

/** OpenAI's per-batch request limit. */
export const MAX_BATCH_REQUESTS = 50_000;
