/**
 * Generation records: metadata of every inference request (never prompt or completion text).
 * Written in batches off the response path (see batch-generation-writer.ts).
 */
export interface ProviderAttempt {
  provider: string;
  model: string;
  status: number;
  latencyMs: number;
  /** When the attempt started, ms since epoch (wall clock). */
  startedAt?: number;
  /** The attempt used the workspace's own (BYOK) key. */
  isByok?: boolean;
}

/**
 * How a generation ended: `completed` (the normal one, whatever its finish reason), `cancelled`
 * (the client left, or the gateway stopped, before the end), or `error` (an error answered it,
 * as a JSON error or in-band after text was already delivered). Billing counts what was delivered
 * in every case (docs/billing.md).
 */
export type GenerationOutcome = 'completed' | 'cancelled' | 'error';

/** The outcome of a generation from what its record already holds. */
export function generationOutcome(record: { cancelled: boolean; status: number; finishReason: string | null }): GenerationOutcome {
  if (record.cancelled) return 'cancelled';
  return record.status !== 200 || record.finishReason === 'error' ? 'error' : 'completed';
}

export interface GenerationRecord {
  /** "gen-…", also sent as X-Generation-Id. */
  id: string;
  keyHash: string;
  workspaceId: string;
  /** OpenRouter model id that answered (or was requested, when none answered). */
  model: string;
  /** Provider display name, e.g. "OpenAI". */
  providerName: string | null;
  upstreamId: string | null;
  apiType: 'completions' | 'chat' | 'embeddings';
  /** ms since epoch. */
  createdAt: number;
  streamed: boolean;
  cancelled: boolean;
  /** Final HTTP-style status: 200, or the error status returned. */
  status: number;
  finishReason: string | null;
  nativeFinishReason: string | null;
  latencyMs: number | null;
  generationTimeMs: number | null;
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  /** Completion tokens that were generated images (part of completionTokens); absent means 0. */
  completionImageTokens?: number;
  /** Exact cost in picodollars (core/money.ts). */
  costPico: bigint;
  upstreamCostPico: bigint | null;
  /** What caching saved (negative when cache writes cost more), picodollars; absent on old records. */
  cacheDiscountPico?: bigint | null;
  isByok: boolean;
  externalUser: string | null;
  sessionId: string | null;
  attempts: ProviderAttempt[];
  /** For a response-cache hit: the generation whose response was replayed. */
  responseCacheSourceId: string | null;
  /** The Batch API batch this generation ran for ("batch_…"); null or absent for live traffic. */
  batchId?: string | null;
}

export interface KeySpend {
  /** Picodollars. */
  total: bigint;
  daily: bigint;
  weekly: bigint;
  monthly: bigint;
}

/** Filters of a generations listing (AND), newest first; `before` is the keyset cursor. */
export interface GenerationQuery {
  workspaceId?: string;
  keyHash?: string;
  model?: string;
  providerName?: string;
  /** 'ok': status 200; 'error': any other status. */
  outcome?: 'ok' | 'error';
  /** ms since epoch, inclusive / exclusive. */
  since?: number;
  until?: number;
  /** Only generations strictly older than this one in (createdAt, id) order. */
  before?: { createdAt: number; id: string };
  limit: number;
}

export interface GenerationStore {
  /** Generations matching the query, newest (createdAt, then id) first, at most `limit`. */
  list(query: GenerationQuery): Promise<GenerationRecord[]>;
  /** Inserts records; inserting an id that already exists is a no-op (billing idempotency). */
  recordMany(records: GenerationRecord[]): Promise<void>;
  /** A generation, only when it belongs to the given workspace. */
  findById(id: string, workspaceId: string): Promise<GenerationRecord | undefined>;
  /** Spend of one key since the UTC day / Monday-week / month that contains `now`. */
  spendByKey(keyHash: string, now: Date): Promise<KeySpend>;
}
