/**
 * The billing ledger: every spending account (a key, a member, a workspace balance, a
 * guardrail budget) with its settled spend per UTC window and the amount reserved by requests
 * in flight. Reserve → settle/release is the only way money moves, and each call is atomic, so
 * concurrent requests can never together spend past a cap. Amounts are picodollars.
 */
import type { GenerationOutcome, GenerationRecord } from './generation-store.js';
import type { LimitReset } from './key-store.js';

/** Spend in the UTC windows containing a given instant, plus all-time. */
export interface SpendWindows {
  total: bigint;
  daily: bigint;
  weekly: bigint;
  monthly: bigint;
}

/** An account a request counts toward, with the cap the ledger enforces on it (if any). */
export interface LedgerScope {
  /** `key:<hash>`, `member:<id>`, `workspace:<id>`, `guardrail:<id>`, … */
  scope: string;
  /** Names the account in a 402, e.g. `Key limit`, `Member "ana" budget`. */
  label: string;
  /**
   * - `{limit}`: spend in the `reset` window (plus BYOK spend when `includeByok`) + reserved
   *   may not pass `limitPico`.
   * - `balance`: the workspace balance — credits − all-time spend − reserved may not go below
   *   zero, but only once the account has ever had credits added (see docs/billing.md).
   * - null: spend is tracked, nothing is enforced.
   */
  cap: { limitPico: bigint; reset: LimitReset | null; includeByok: boolean } | 'balance' | null;
}

/** One account's state as seen at `now` (windows already rolled over). */
export interface AccountSnapshot {
  spend: SpendWindows;
  /** BYOK upstream spend (not charged to credits; counts toward caps with includeByok). */
  byok: SpendWindows;
  /** Reserved by requests in flight. */
  held: bigint;
  /** Credits ever added, net of purchase fees. */
  credits: bigint;
  /** True once credits were added at least once: the balance is then enforced. */
  creditsEnabled: boolean;
}

export interface ReserveRequest {
  generationId: string;
  scopes: LedgerScope[];
  /** Worst-case cost of the request. */
  amount: bigint;
  /** Smallest reservation still worth sending upstream; 0n = all or nothing. */
  minimum: bigint;
  now: Date;
  /**
   * A durable hold: not tied to the process that made it. It survives a restart (`releaseAll`) and
   * the death of that node (no lease to renew), and is freed by settle/release, or once this time
   * passes (a backstop). Native provider batches use it: their requests run upstream for hours and
   * whichever node drives the batch next settles them. Absent: the hold lives as long as this process.
   */
  durableUntil?: Date;
}

export type ReserveOutcome =
  | { ok: true; reserved: bigint }
  /**
   * `available` is what the blocking scope could still take (≤ 0 when exhausted); `held` is what
   * requests in flight hold on it (part of why it is short; absent = unknown, treated as 0).
   */
  | { ok: false; blocking: LedgerScope; available: bigint; held?: bigint };

/** Incremental usage analytics, folded in by settle() in the same transaction. */
export interface ActivityDelta {
  model: string;
  providerName: string;
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  /** How the generation ended: cancelled and errored ones are counted apart as well. */
  outcome: GenerationOutcome;
  /** Answered from the gateway's response cache (no upstream call). */
  responseCacheHit?: boolean;
  /** Prompt tokens the provider read from its prompt cache. */
  cachedTokens?: number;
  /** What caching saved: the prompt-cache discount, or a response-cache hit's original cost (may be negative: cache writes cost more). */
  cacheSavings?: bigint;
}

export interface SettleRequest {
  generationId: string;
  workspaceId: string;
  keyHash: string;
  /** Every account the cost counts toward (the same scopes as the reservation, if any). */
  scopes: string[];
  /** Charged amount (to credits and caps). */
  amount: bigint;
  /** BYOK upstream cost (caps with includeByok, byok_usage fields); 0n when not BYOK. */
  byokAmount: bigint;
  now: Date;
  activity: ActivityDelta | null;
  /**
   * The generation's record, to be stored in the SAME atomic commit as this settlement (inserting
   * an id the store already has is a no-op, as GenerationStore.recordMany). This is how a
   * delivered response is a recorded response: the pipeline sends a response's final bytes only
   * after settle() resolved, so settle() must resolve only once the commit is durable against a
   * crash of the process (kill -9). Backends may group the settlements of several requests into
   * one commit (group commit); each promise resolves when its own group committed.
   */
  record?: GenerationRecord;
}

/** A row of `GET /api/v1/activity`: one UTC day × key × model × provider. */
export interface ActivityRow {
  date: string;
  workspaceId: string;
  keyHash: string;
  model: string;
  providerName: string;
  usage: bigint;
  byokUsage: bigint;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
  /** Of `requests`: generations the client cancelled, and generations that ended in an error. */
  cancelledRequests: number;
  errorRequests: number;
  /** Of `requests`: answered from the response cache. */
  cacheHits: number;
  /** Prompt tokens read from providers' prompt caches. */
  cachedTokens: number;
  /** Money caching saved (prompt-cache discounts, response-cache hits' original cost). */
  cacheSavings: bigint;
}

export interface CreditGrant {
  id: string;
  workspaceId: string;
  /** Credited to the balance (after the fee). */
  amount: bigint;
  fee: bigint;
  note: string | null;
  createdAt: string;
}

export interface Ledger {
  /**
   * Atomically reserves min(amount, what every capped scope still allows) for the generation,
   * or refuses when that is below `minimum` or any scope is exhausted. Reserving an id twice
   * is refused with an Error (a programming mistake).
   */
  reserve(request: ReserveRequest): Promise<ReserveOutcome>;
  /**
   * Books the actual cost and frees the generation's reservation, atomically, together with the
   * generation record when one is given (see SettleRequest.record); resolves once that is
   * durable. Idempotent by generation id: a second settle of the same id changes nothing and
   * resolves false.
   */
  settle(request: SettleRequest): Promise<boolean>;
  /** Frees a reservation without charging (request refused before dispatch). */
  release(generationId: string): Promise<void>;
  /**
   * Frees every reservation left by a process that died (durable holds only once past their
   * `durableUntil`); start-up only. Returns how many.
   */
  releaseAll(): Promise<{ count: number; amount: bigint }>;
  /** Accounts as seen at `now`; unknown scopes read as empty. */
  snapshot(scopes: string[], now: Date): Promise<Map<string, AccountSnapshot>>;
  addCredits(grant: CreditGrant): Promise<AccountSnapshot>;
  /** Credit grants of a workspace, newest first. */
  listCredits(workspaceId: string): Promise<CreditGrant[]>;
  /** Activity rows with `from ≤ date ≤ to` (YYYY-MM-DD), optionally one workspace / key. */
  activity(filter: { from: string; to: string; workspaceId?: string; keyHash?: string }): Promise<ActivityRow[]>;
  /** Reservations currently held (ids and amounts): operations and tests. */
  holds(): Promise<Array<{ generationId: string; amount: bigint }>>;
}

/** Workspace balance scope id. */
export const workspaceScope = (workspaceId: string) => `workspace:${workspaceId}`;
