/**
 * Ledger over PostgreSQL, exact across every node that shares the database. Each operation is one
 * READ COMMITTED transaction that first locks the account rows it touches (`SELECT … FOR UPDATE`,
 * always in scope order, so two nodes never deadlock on each other), decides with the same rules
 * as the other backends (decideReservation, rollAccountWindows) and writes the rows back before
 * committing: two reservations on one capped account, from any two nodes, are serialised by the
 * row lock and the second sees the first's hold. Deadlocks and serialization failures are retried.
 *
 * Holds belong to the ledger instance that made them (`owner`) and carry an expiry the owner keeps
 * pushing forward (renewHolds, on a timer) while it lives. A node killed with `kill -9` stops
 * renewing; once its holds expire any node's reclaimExpired() frees them. Settlement is idempotent
 * by generation id (the ledger_entries primary key), so a late settle after a reclaim still books
 * the cost once, and never twice.
 *
 * Settlements arriving while another batch is being committed wait and go together in the next
 * transaction (group commit): each account is locked and written once per batch.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { decideReservation } from '../decide-reservation.js';
import { openingGrant } from '../opening-grant.js';
import type { AccountSnapshot, ActivityRow, CreditGrant, Ledger, ReserveOutcome, ReserveRequest, SettleRequest } from '../ledger.js';
import { addToWindows, rollAccountWindows, zeroWindows, type WindowedSpend } from '../roll-account-windows.js';
import { utcSpendWindows } from '../utc-spend-windows.js';
import type { PostgresDatabase } from './postgres-database.js';
import { withRetry } from './retry-transaction.js';
import { toRow as toGenerationRow } from './postgres-generation-store.js';

interface Account extends WindowedSpend {
  scope: string;
  held: bigint;
  credits: bigint;
  creditsEnabled: boolean;
}

interface AccountRow {
  scope: string;
  spend_total: string;
  spend_daily: string;
  spend_weekly: string;
  spend_monthly: string;
  byok_total: string;
  byok_daily: string;
  byok_weekly: string;
  byok_monthly: string;
  day_start: string;
  week_start: string;
  month_start: string;
  held: string;
  credits: string;
  credits_enabled: boolean;
}

type Db = Kysely<PostgresDatabase>;
type Trx = Transaction<PostgresDatabase>;

export interface PostgresLedgerOptions {
  /** Names this instance's holds; unique per open by default (host, pid, random). */
  owner?: string;
  /** How long a hold outlives its owner's last renewal; default 60 s. */
  holdLeaseMs?: number;
}

/**
 * Owner of durable holds (ReserveRequest.durableUntil): no node renews them and no node's
 * releaseAll frees them; they expire at their own time, and reclaimExpired frees them after that.
 */
const DURABLE_OWNER = 'durable';

interface PendingSettle {
  request: SettleRequest;
  resolve: (settled: boolean) => void;
  reject: (error: unknown) => void;
}

export class PostgresLedger implements Ledger {
  readonly #db: Db;
  readonly owner: string;
  readonly holdLeaseMs: number;
  #pending: PendingSettle[] = [];
  #flushing: Promise<void> | undefined;

  constructor(db: Db, options: PostgresLedgerOptions = {}) {
    this.#db = db;
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.holdLeaseMs = options.holdLeaseMs ?? 60_000;
  }

  async reserve(request: ReserveRequest): Promise<ReserveOutcome> {
    const durable = request.durableUntil;
    return this.#transaction(async (trx) => {
      // One statement locks the accounts and tells whether the id was used already.
      const { accounts, taken } = await lockAccountsFor(trx, request.scopes.map((scope) => scope.scope), request.now, request.generationId);
      if (taken) throw new Error(`Generation ${request.generationId} already has a reservation`);
      const snapshots = new Map([...accounts.values()].map((account) => [account.scope, toSnapshot(account)]));
      const outcome = decideReservation(request, snapshots);
      if (!outcome.ok) return outcome;
      const touched = [...new Set(request.scopes.map((scope) => scope.scope))].map((scope) => accounts.get(scope) as Account);
      for (const account of touched) account.held += outcome.reserved;
      // The accounts' new hold and the hold row in one statement.
      await sql`
        ${withSavedAccounts(touched)}
        INSERT INTO ledger_holds (generation_id, amount, scopes, created_at, owner, expires_at)
        VALUES (${request.generationId}, ${outcome.reserved}, ${touched.map((account) => account.scope)}::text[],
                ${request.now.getTime()}, ${durable ? DURABLE_OWNER : this.owner},
                ${durable ? sql`${durable.toISOString()}::timestamptz` : sql`now() + ${this.holdLeaseMs} * interval '1 millisecond'`})`.execute(trx);
      return outcome;
    });
  }

  settle(request: SettleRequest): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ request, resolve, reject });
      if (!this.#flushing) this.#flushing = this.#flushLoop();
    });
  }

  async release(generationId: string): Promise<void> {
    await this.#transaction(async (trx) => {
      const holds = await deleteHolds(trx, sql`generation_id = ${generationId}`);
      await freeHolds(trx, holds, new Date());
    });
  }

  /**
   * Frees this instance's own holds and every hold whose owner stopped renewing it (expired): at
   * start-up a new instance owns none, so only holds left by dead nodes go; live nodes' stay.
   */
  async releaseAll(): Promise<{ count: number; amount: bigint }> {
    await this.flushPending();
    return this.#releaseWhere(sql`owner = ${this.owner} OR expires_at < now()`);
  }

  /** Frees holds whose owner stopped renewing them (a node that died); any node may call it. */
  async reclaimExpired(): Promise<{ count: number; amount: bigint }> {
    return this.#releaseWhere(sql`expires_at < now()`);
  }

  /** Pushes this instance's holds' expiry forward; call well within holdLeaseMs. */
  async renewHolds(): Promise<void> {
    await sql`UPDATE ledger_holds SET expires_at = now() + ${this.holdLeaseMs} * interval '1 millisecond'
              WHERE owner = ${this.owner}`.execute(this.#db);
  }

  /** Books every pending settlement now (graceful stop, reads that must see them). */
  async flushPending(): Promise<void> {
    while (this.#flushing) await this.#flushing;
  }

  async snapshot(scopes: string[], now: Date): Promise<Map<string, AccountSnapshot>> {
    await this.flushPending();
    const rows = await selectAccounts(this.#db, [...new Set(scopes)], false);
    const byScope = new Map(rows.map((row) => [row.scope, row]));
    return new Map(scopes.map((scope) => [scope, toSnapshot(toAccount(scope, byScope.get(scope), now))]));
  }

  async addCredits(grant: CreditGrant): Promise<AccountSnapshot> {
    return this.#transaction(async (trx) => {
      const now = new Date(grant.createdAt);
      const scope = `workspace:${grant.workspaceId}`;
      const account = (await lockAccounts(trx, [scope], now)).get(scope) as Account;
      const grants = [grant];
      if (!account.creditsEnabled && account.spend.total > 0n) grants.unshift(openingGrant(grant, account.spend.total));
      for (const g of grants) {
        await sql`INSERT INTO credit_grants (id, workspace_id, amount, fee, note, created_at)
                  VALUES (${g.id}, ${g.workspaceId}, ${g.amount}, ${g.fee}, ${g.note}, ${g.createdAt})`.execute(trx);
        account.credits += g.amount;
      }
      account.creditsEnabled = true;
      await saveAccounts(trx, [account]);
      return toSnapshot(account);
    });
  }

  async listCredits(workspaceId: string): Promise<CreditGrant[]> {
    const rows = await this.#db
      .selectFrom('credit_grants')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      workspaceId: row.workspace_id,
      amount: BigInt(row.amount),
      fee: BigInt(row.fee),
      note: row.note,
      createdAt: row.created_at,
    }));
  }

  async activity(filter: { from: string; to: string; workspaceId?: string; keyHash?: string }): Promise<ActivityRow[]> {
    await this.flushPending();
    let query = this.#db.selectFrom('activity_daily').selectAll().where('date', '>=', filter.from).where('date', '<=', filter.to);
    if (filter.workspaceId !== undefined) query = query.where('workspace_id', '=', filter.workspaceId);
    if (filter.keyHash !== undefined) query = query.where('key_hash', '=', filter.keyHash);
    const rows = await query
      .orderBy('date', 'desc')
      .orderBy('workspace_id')
      .orderBy('key_hash')
      .orderBy('model')
      .orderBy('provider_name')
      .execute();
    return rows.map((row) => ({
      date: row.date,
      workspaceId: row.workspace_id,
      keyHash: row.key_hash,
      model: row.model,
      providerName: row.provider_name,
      usage: BigInt(row.usage),
      byokUsage: BigInt(row.byok_usage),
      requests: Number(row.requests),
      promptTokens: Number(row.prompt_tokens),
      completionTokens: Number(row.completion_tokens),
      reasoningTokens: Number(row.reasoning_tokens),
      cancelledRequests: Number(row.cancelled_requests),
      errorRequests: Number(row.error_requests),
      cacheHits: Number(row.cache_hits),
      cachedTokens: Number(row.cached_tokens),
      cacheSavings: BigInt(row.cache_savings),
    }));
  }

  async holds(): Promise<Array<{ generationId: string; amount: bigint }>> {
    await this.flushPending();
    const rows = await this.#db.selectFrom('ledger_holds').select(['generation_id', 'amount']).orderBy('generation_id').execute();
    return rows.map((row) => ({ generationId: row.generation_id, amount: BigInt(row.amount) }));
  }

  #transaction<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
    return withRetry(() => this.#db.transaction().execute(work));
  }

  async #releaseWhere(condition: ReturnType<typeof sql>): Promise<{ count: number; amount: bigint }> {
    return this.#transaction(async (trx) => {
      const holds = await deleteHolds(trx, condition);
      await freeHolds(trx, holds, new Date());
      return { count: holds.length, amount: holds.reduce((sum, hold) => sum + hold.amount, 0n) };
    });
  }

  /** Commits pending settlements batch after batch until none are left. */
  async #flushLoop(): Promise<void> {
    try {
      while (this.#pending.length > 0) {
        const batch = this.#pending;
        this.#pending = [];
        try {
          const results = await this.#transaction((trx) => settleBatch(trx, batch.map((entry) => entry.request)));
          batch.forEach((entry, index) => entry.resolve(results[index] as boolean));
        } catch {
          // One bad settlement must not take the others' bookings with it: retry each alone.
          for (const entry of batch) {
            try {
              entry.resolve((await this.#transaction((trx) => settleBatch(trx, [entry.request])))[0] as boolean);
            } catch (error) {
              entry.reject(error);
            }
          }
        }
      }
    } finally {
      this.#flushing = undefined;
    }
  }
}

interface Hold {
  generationId: string;
  amount: bigint;
  scopes: string[];
}

async function deleteHolds(trx: Trx, condition: ReturnType<typeof sql>): Promise<Hold[]> {
  const result = await sql<{ generation_id: string; amount: string; scopes: string[] }>`
    DELETE FROM ledger_holds WHERE ${condition} RETURNING generation_id, amount, scopes`.execute(trx);
  return result.rows.map((row) => ({ generationId: row.generation_id, amount: BigInt(row.amount), scopes: row.scopes }));
}

async function freeHolds(trx: Trx, holds: Hold[], now: Date): Promise<void> {
  if (holds.length === 0) return;
  const accounts = await lockAccounts(trx, holds.flatMap((hold) => hold.scopes), now);
  for (const hold of holds) for (const scope of hold.scopes) (accounts.get(scope) as Account).held -= hold.amount;
  await saveAccounts(trx, [...accounts.values()]);
}

/**
 * One transaction's worth of settlements. Entries first (the primary key decides which are new),
 * then the holds they free, then every touched account locked once, updated in request order with
 * each request's own `now` (so windows roll exactly as on the other backends), written once.
 */
async function settleBatch(trx: Trx, requests: SettleRequest[]): Promise<boolean[]> {
  // Records first, in the same commit: a settled generation always has its record (a repeat is a no-op).
  // One statement: the records, the entries (the primary key decides which are new) and the holds
  // those new entries free, as data-modifying CTEs; rows come back tagged entry or hold.
  const records = requests.flatMap((request) => (request.record ? [toGenerationRow(request.record)] : []));
  const newRecords =
    records.length === 0
      ? sql.raw('')
      : sql`new_records AS (${trx.insertInto('generations').values(records).onConflict((conflict) => conflict.column('id').doNothing())}),`;
  const written = await sql<{ generation_id: string; amount: string | null; scopes: string[] | null }>`
    WITH ${newRecords}
    new_entries AS (
      INSERT INTO ledger_entries (generation_id, workspace_id, key_hash, amount, byok_amount, created_at)
      SELECT * FROM unnest(${requests.map((r) => r.generationId)}::text[], ${requests.map((r) => r.workspaceId)}::text[],
                           ${requests.map((r) => r.keyHash)}::text[], ${requests.map((r) => r.amount)}::bigint[],
                           ${requests.map((r) => r.byokAmount)}::bigint[], ${requests.map((r) => r.now.getTime())}::bigint[])
      ON CONFLICT (generation_id) DO NOTHING
      RETURNING generation_id),
    freed AS (
      DELETE FROM ledger_holds WHERE generation_id IN (SELECT generation_id FROM new_entries)
      RETURNING generation_id, amount, scopes)
    SELECT generation_id, NULL::bigint AS amount, NULL::text[] AS scopes FROM new_entries
    UNION ALL
    SELECT generation_id, amount, scopes FROM freed`.execute(trx);
  const fresh = new Set<string>();
  const holds: Hold[] = [];
  for (const row of written.rows) {
    if (row.scopes === null) fresh.add(row.generation_id);
    else holds.push({ generationId: row.generation_id, amount: BigInt(row.amount as string), scopes: row.scopes });
  }
  // The same id twice in one batch: only its first settlement books.
  const results = requests.map((request) => fresh.delete(request.generationId));
  const booked = requests.filter((_, index) => results[index]);
  if (booked.length === 0) return results;

  const holdOf = new Map(holds.map((hold) => [hold.generationId, hold]));
  const scopes = [...holds.flatMap((hold) => hold.scopes), ...booked.flatMap((request) => request.scopes)];
  const firstNow = booked[0]!.now;
  const accounts = await lockAccounts(trx, scopes, firstNow);
  const activity = new Map<string, { date: string; workspaceId: string; keyHash: string; model: string; provider: string; usage: bigint; byok: bigint; requests: number; prompt: number; completion: number; reasoning: number; cancelled: number; errors: number; hits: number; cached: number; savings: bigint }>();
  for (const request of booked) {
    const { now } = request;
    const hold = holdOf.get(request.generationId);
    if (hold) {
      for (const scope of hold.scopes) {
        const account = accounts.get(scope) as Account;
        rollAccountWindows(account, now);
        account.held -= hold.amount;
      }
    }
    for (const scope of request.scopes) {
      const account = accounts.get(scope) as Account;
      rollAccountWindows(account, now);
      addToWindows(account.spend, request.amount);
      addToWindows(account.byok, request.byokAmount);
    }
    const delta = request.activity;
    if (delta) {
      const date = now.toISOString().slice(0, 10);
      const key = JSON.stringify([date, request.workspaceId, request.keyHash, delta.model, delta.providerName]);
      const row = activity.get(key) ?? { date, workspaceId: request.workspaceId, keyHash: request.keyHash, model: delta.model, provider: delta.providerName, usage: 0n, byok: 0n, requests: 0, prompt: 0, completion: 0, reasoning: 0, cancelled: 0, errors: 0, hits: 0, cached: 0, savings: 0n };
      row.usage += request.amount;
      row.byok += request.byokAmount;
      row.requests += 1;
      row.prompt += delta.promptTokens;
      row.completion += delta.completionTokens;
      row.reasoning += delta.reasoningTokens;
      if (delta.outcome === 'cancelled') row.cancelled += 1;
      if (delta.outcome === 'error') row.errors += 1;
      if (delta.responseCacheHit) row.hits += 1;
      row.cached += delta.cachedTokens ?? 0;
      row.savings += delta.cacheSavings ?? 0n;
      activity.set(key, row);
    }
  }
  if (activity.size === 0) {
    await saveAccounts(trx, [...accounts.values()]);
  } else {
    // One statement: the accounts (a data-modifying CTE) and the activity rollup.
    const rows = [...activity.values()];
    await sql`
      ${withSavedAccounts([...accounts.values()])}
      INSERT INTO activity_daily (date, workspace_id, key_hash, model, provider_name, usage, byok_usage, requests, prompt_tokens, completion_tokens, reasoning_tokens,
                                  cancelled_requests, error_requests, cache_hits, cached_tokens, cache_savings)
      SELECT * FROM unnest(${rows.map((r) => r.date)}::text[], ${rows.map((r) => r.workspaceId)}::text[], ${rows.map((r) => r.keyHash)}::text[],
                           ${rows.map((r) => r.model)}::text[], ${rows.map((r) => r.provider)}::text[], ${rows.map((r) => r.usage)}::bigint[],
                           ${rows.map((r) => r.byok)}::bigint[], ${rows.map((r) => r.requests)}::integer[], ${rows.map((r) => r.prompt)}::bigint[],
                           ${rows.map((r) => r.completion)}::bigint[], ${rows.map((r) => r.reasoning)}::bigint[],
                           ${rows.map((r) => r.cancelled)}::integer[], ${rows.map((r) => r.errors)}::integer[],
                           ${rows.map((r) => r.hits)}::integer[], ${rows.map((r) => r.cached)}::bigint[], ${rows.map((r) => r.savings)}::bigint[])
      ON CONFLICT (date, workspace_id, key_hash, model, provider_name) DO UPDATE SET
        usage = activity_daily.usage + excluded.usage, byok_usage = activity_daily.byok_usage + excluded.byok_usage,
        requests = activity_daily.requests + excluded.requests, prompt_tokens = activity_daily.prompt_tokens + excluded.prompt_tokens,
        completion_tokens = activity_daily.completion_tokens + excluded.completion_tokens,
        reasoning_tokens = activity_daily.reasoning_tokens + excluded.reasoning_tokens,
        cancelled_requests = activity_daily.cancelled_requests + excluded.cancelled_requests,
        error_requests = activity_daily.error_requests + excluded.error_requests,
        cache_hits = activity_daily.cache_hits + excluded.cache_hits, cached_tokens = activity_daily.cached_tokens + excluded.cached_tokens,
        cache_savings = activity_daily.cache_savings + excluded.cache_savings`.execute(trx);
  }
  return results;
}

const ACCOUNT_COLUMNS = sql.raw(
  'scope, spend_total, spend_daily, spend_weekly, spend_monthly, byok_total, byok_daily, byok_weekly, byok_monthly, day_start, week_start, month_start, held, credits, credits_enabled',
);

async function selectAccounts(db: Db | Trx, scopes: string[], forUpdate: boolean): Promise<AccountRow[]> {
  if (scopes.length === 0) return [];
  const lock = forUpdate ? sql.raw(' FOR UPDATE') : sql.raw('');
  const result = await sql<AccountRow>`
    SELECT ${ACCOUNT_COLUMNS} FROM ledger_accounts WHERE scope = ANY(${scopes}::text[]) ORDER BY scope${lock}`.execute(db);
  return result.rows;
}

/** Whether a reservation or a settlement already used this generation id. */
const takenSql = (generationId: string) => sql<boolean>`
  (EXISTS (SELECT 1 FROM ledger_holds WHERE generation_id = ${generationId})
   OR EXISTS (SELECT 1 FROM ledger_entries WHERE generation_id = ${generationId}))`;

/**
 * Locks every named account (in scope order, the one order every transaction uses) and returns
 * them rolled to `now`'s windows. Accounts are created on first use: only when the lock found fewer
 * rows than scopes (a new key, member or workspace) does it insert the missing ones and lock again,
 * so the usual case is one round trip. With `generationId`, the same statement also tells whether
 * that id already has a hold or an entry (`taken`).
 */
async function lockAccountsFor(trx: Trx, scopes: string[], now: Date, generationId?: string): Promise<{ accounts: Map<string, Account>; taken: boolean }> {
  const sorted = [...new Set(scopes)].sort();
  const taken = generationId === undefined ? sql.raw('') : sql`, ${takenSql(generationId)} AS taken`;
  const lock = () =>
    sql<AccountRow & { taken?: boolean }>`
      SELECT ${ACCOUNT_COLUMNS}${taken} FROM ledger_accounts WHERE scope = ANY(${sorted}::text[]) ORDER BY scope FOR UPDATE`.execute(trx);
  let rows = sorted.length === 0 ? [] : (await lock()).rows;
  if (rows.length < sorted.length) {
    const windows = utcSpendWindows(now);
    await sql`
      INSERT INTO ledger_accounts (scope, day_start, week_start, month_start)
      SELECT scope, ${windows.dayStart}::bigint, ${windows.weekStart}::bigint, ${windows.monthStart}::bigint
      FROM unnest(${sorted}::text[]) AS s(scope) ORDER BY scope
      ON CONFLICT (scope) DO NOTHING`.execute(trx);
    rows = (await lock()).rows;
  }
  let isTaken = rows[0]?.taken ?? false;
  if (generationId !== undefined && rows.length === 0) {
    isTaken = (await sql<{ taken: boolean }>`SELECT ${takenSql(generationId)} AS taken`.execute(trx)).rows[0]?.taken ?? false;
  }
  const byScope = new Map(rows.map((row) => [row.scope, row]));
  return { accounts: new Map(sorted.map((scope) => [scope, toAccount(scope, byScope.get(scope), now)])), taken: isTaken };
}

async function lockAccounts(trx: Trx, scopes: string[], now: Date): Promise<Map<string, Account>> {
  return (await lockAccountsFor(trx, scopes, now)).accounts;
}

/**
 * `WITH saved_accounts AS (UPDATE ledger_accounts …)`: writes the accounts back as the head of
 * another statement, saving a round trip (empty when there is nothing to write).
 */
function withSavedAccounts(accounts: Account[]): RawBuilder<unknown> {
  if (accounts.length === 0) return sql.raw('');
  return sql`WITH saved_accounts AS (${updateAccounts(accounts)} RETURNING 1)`;
}

async function saveAccounts(trx: Trx, accounts: Account[]): Promise<void> {
  if (accounts.length === 0) return;
  await updateAccounts(accounts).execute(trx);
}

function updateAccounts(accounts: Account[]): RawBuilder<unknown> {
  const column = <T>(pick: (account: Account) => T) => accounts.map(pick);
  return sql`
    UPDATE ledger_accounts AS a SET
      spend_total = v.spend_total, spend_daily = v.spend_daily, spend_weekly = v.spend_weekly, spend_monthly = v.spend_monthly,
      byok_total = v.byok_total, byok_daily = v.byok_daily, byok_weekly = v.byok_weekly, byok_monthly = v.byok_monthly,
      day_start = v.day_start, week_start = v.week_start, month_start = v.month_start,
      held = v.held, credits = v.credits, credits_enabled = v.credits_enabled
    FROM unnest(
      ${column((a) => a.scope)}::text[],
      ${column((a) => a.spend.total)}::bigint[], ${column((a) => a.spend.daily)}::bigint[],
      ${column((a) => a.spend.weekly)}::bigint[], ${column((a) => a.spend.monthly)}::bigint[],
      ${column((a) => a.byok.total)}::bigint[], ${column((a) => a.byok.daily)}::bigint[],
      ${column((a) => a.byok.weekly)}::bigint[], ${column((a) => a.byok.monthly)}::bigint[],
      ${column((a) => a.windows.dayStart)}::bigint[], ${column((a) => a.windows.weekStart)}::bigint[],
      ${column((a) => a.windows.monthStart)}::bigint[],
      ${column((a) => a.held)}::bigint[], ${column((a) => a.credits)}::bigint[], ${column((a) => a.creditsEnabled)}::boolean[]
    ) AS v(scope, spend_total, spend_daily, spend_weekly, spend_monthly, byok_total, byok_daily, byok_weekly, byok_monthly,
           day_start, week_start, month_start, held, credits, credits_enabled)
    WHERE a.scope = v.scope`;
}

function toAccount(scope: string, row: AccountRow | undefined, now: Date): Account {
  const account: Account = row
    ? {
        scope,
        spend: { total: BigInt(row.spend_total), daily: BigInt(row.spend_daily), weekly: BigInt(row.spend_weekly), monthly: BigInt(row.spend_monthly) },
        byok: { total: BigInt(row.byok_total), daily: BigInt(row.byok_daily), weekly: BigInt(row.byok_weekly), monthly: BigInt(row.byok_monthly) },
        windows: { dayStart: Number(row.day_start), weekStart: Number(row.week_start), monthStart: Number(row.month_start) },
        held: BigInt(row.held),
        credits: BigInt(row.credits),
        creditsEnabled: row.credits_enabled,
      }
    : { scope, spend: zeroWindows(), byok: zeroWindows(), windows: utcSpendWindows(now), held: 0n, credits: 0n, creditsEnabled: false };
  rollAccountWindows(account, now);
  return account;
}

function toSnapshot(account: Account): AccountSnapshot {
  return { spend: { ...account.spend }, byok: { ...account.byok }, held: account.held, credits: account.credits, creditsEnabled: account.creditsEnabled };
}
