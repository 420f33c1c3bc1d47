/**
 * Batches of the Batch API (OpenAI's shape): the batch, its lifecycle, and one result per finished
 * input line, so a batch resumes after a restart without re-running a line. With several nodes,
 * a lease row decides which single node drives each batch.
 */
export type BatchStatus = 'validating' | 'failed' | 'in_progress' | 'finalizing' | 'completed' | 'expired' | 'cancelling' | 'cancelled';

/** Statuses a driver still has work for. */
export const ACTIVE_BATCH_STATUSES: readonly BatchStatus[] = ['validating', 'in_progress', 'finalizing', 'cancelling'];

export type BatchEndpoint = '/v1/chat/completions' | '/v1/embeddings';

/** What the client asked for; never changes. */
export interface BatchSpec {
  endpoint: BatchEndpoint;
  inputFileId: string;
  completionWindow: string;
  metadata: Record<string, string> | null;
}

/** Written by the driving node only. */
export interface BatchState {
  /** Batch-level errors (a batch that failed validation). */
  errors?: Array<{ code: string; message: string; line: number | null; param: string | null }>;
  /**
   * How the batch runs, decided once when it starts: the gateway runs every line (`gateway`, also
   * when absent), or a provider's own batch API does (`native`, with `native` below).
   */
  mode?: 'gateway' | 'native';
  native?: NativeBatchState;
}

/** A batch submitted to a provider's batch API: what a restarted or other node needs to carry on. */
export interface NativeBatchState {
  /** Provider id (config) whose batch API runs every line. */
  provider: string;
  /**
   * Preparation passes started: the generation ids (and so the budget holds) of lines prepared but
   * not yet submitted belong to one pass, so the next pass frees them before preparing again.
   */
  round: number;
  /** Upstream batches created, in order (one model each). */
  jobs: NativeJobState[];
  /** The upstream batches were asked to stop (the batch was cancelled, or its window passed). */
  cancelRequested?: boolean;
}

export interface NativeJobState {
  /** The upstream batch id. */
  remoteId: string;
  /** Catalog model id of every line in it. */
  model: string;
  /** Every result was settled and recorded. */
  collected: boolean;
  lines: NativeLineState[];
}

export interface NativeLineState {
  /** 0-based input line. */
  index: number;
  /** The id the upstream knows the request by (`l<index>`). */
  customId: string;
  generationId: string;
  /** Ledger scopes charged at settlement (those held at reservation). */
  scopes: string[];
  /** Picodollars held (decimal string). */
  reserved: string;
}

export interface BatchTimes {
  inProgressAt: number | null;
  finalizingAt: number | null;
  completedAt: number | null;
  failedAt: number | null;
  expiredAt: number | null;
  cancellingAt: number | null;
  cancelledAt: number | null;
}

export interface BatchCounts {
  total: number;
  completed: number;
  failed: number;
}

export interface BatchRecord extends BatchTimes {
  /** "batch_…" */
  id: string;
  keyHash: string;
  workspaceId: string;
  status: BatchStatus;
  spec: BatchSpec;
  /** ms since epoch. */
  createdAt: number;
  expiresAt: number;
  counts: BatchCounts;
  outputFileId: string | null;
  errorFileId: string | null;
  state: BatchState;
}

/** Fields a driver may set (never the status: see transition). */
export type BatchPatch = Partial<BatchTimes> & { counts?: BatchCounts; outputFileId?: string | null; errorFileId?: string | null; state?: BatchState };

/** One finished input line: the JSONL line of the output (ok) or error file. */
export interface BatchLineResult {
  batchId: string;
  /** 0-based line number in the input file. */
  index: number;
  ok: boolean;
  result: string;
  generationId: string | null;
}

/** Batches of one status, with their requests summed (the activity report). */
export interface BatchStatusSummary {
  status: BatchStatus;
  batches: number;
  counts: BatchCounts;
}

export interface BatchStore {
  create(record: BatchRecord): Promise<void>;
  /** The batch; only the key's own when `keyHash` is given. */
  find(id: string, keyHash?: string): Promise<BatchRecord | undefined>;
  /** The key's batches, newest first; `after` is the id of the last batch of the previous page. */
  list(query: { keyHash: string; after?: string; limit: number }): Promise<BatchRecord[]>;
  /** Every batch in one of the statuses. */
  listByStatus(statuses: readonly BatchStatus[]): Promise<BatchRecord[]>;
  update(id: string, patch: BatchPatch): Promise<void>;
  /** Moves the batch to `to` only from one of `from` (atomic); false when its status was another. */
  transition(id: string, from: readonly BatchStatus[], to: BatchStatus, patch?: BatchPatch): Promise<boolean>;
  /**
   * Takes or renews the lease: succeeds when nobody holds it, `owner` holds it, or the holder's
   * lease lapsed before `now`. Atomic across nodes.
   */
  claim(id: string, owner: string, now: number, leaseMs: number): Promise<boolean>;
  /** Gives the lease up (a stopping node), only when `owner` holds it. */
  release(id: string, owner: string): Promise<void>;
  /** Stores a line's result once; a second result for the same line is ignored (false). */
  recordLine(result: BatchLineResult): Promise<boolean>;
  /** The batch's finished lines, by index. */
  lines(batchId: string): Promise<BatchLineResult[]>;
  /** Batches that ended (completed, failed, expired, cancelled) before `cutoff` (retention). */
  listEndedBefore(cutoff: number): Promise<BatchRecord[]>;
  /** Batches created in [since, until) (ms), by status, optionally for one workspace or key. */
  summarize(filter: { since: number; until?: number; workspaceId?: string; keyHash?: string }): Promise<BatchStatusSummary[]>;
  /** Deletes the batch and its line results. */
  delete(id: string): Promise<void>;
}
