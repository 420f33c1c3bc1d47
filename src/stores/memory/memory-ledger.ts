import type { AccountSnapshot, ActivityRow, CreditGrant, Ledger, ReserveOutcome, ReserveRequest, SettleRequest } from '../ledger.js';
import { decideReservation } from '../decide-reservation.js';
import type { GenerationStore } from '../generation-store.js';
import { openingGrant } from '../opening-grant.js';
import { addToWindows, rollAccountWindows, zeroWindows, type WindowedSpend } from '../roll-account-windows.js';
import { utcSpendWindows } from '../utc-spend-windows.js';

interface Account extends WindowedSpend {
  held: bigint;
  credits: bigint;
  creditsEnabled: boolean;
}

/**
 * Ledger in process memory (tests, `database: memory:`). Every method does its work
 * synchronously before its first await, so each call is atomic on the event loop. A settlement's
 * generation record goes to `generations` (the memory store of the same StoreSet) in that step.
 */
export class MemoryLedger implements Ledger {
  readonly #generations: Pick<GenerationStore, 'recordMany'> | undefined;
  readonly #accounts = new Map<string, Account>();
  readonly #holds = new Map<string, { amount: bigint; scopes: string[]; durableUntil?: Date }>();
  readonly #settled = new Set<string>();
  readonly #grants: CreditGrant[] = [];
  readonly #activity = new Map<string, ActivityRow>();

  constructor(options: { generations?: Pick<GenerationStore, 'recordMany'> } = {}) {
    this.#generations = options.generations;
  }

  async reserve(request: ReserveRequest): Promise<ReserveOutcome> {
    if (this.#holds.has(request.generationId) || this.#settled.has(request.generationId)) {
      throw new Error(`Generation ${request.generationId} already has a reservation`);
    }
    const accounts = new Map(request.scopes.map((scope) => [scope.scope, this.#snapshotOf(scope.scope, request.now)]));
    const outcome = decideReservation(request, accounts);
    if (outcome.ok) {
      const scopes = request.scopes.map((scope) => scope.scope);
      for (const scope of scopes) this.#account(scope, request.now).held += outcome.reserved;
      this.#holds.set(request.generationId, { amount: outcome.reserved, scopes, ...(request.durableUntil && { durableUntil: request.durableUntil }) });
    }
    return outcome;
  }

  async settle(request: SettleRequest): Promise<boolean> {
    // The memory store inserts synchronously (first write wins), before this call's first await.
    const recorded = request.record ? this.#generations?.recordMany([request.record]) : undefined;
    if (this.#settled.has(request.generationId)) {
      await recorded;
      return false;
    }
    this.#settled.add(request.generationId);
    this.#freeHold(request.generationId);
    for (const scope of request.scopes) {
      const account = this.#account(scope, request.now);
      addToWindows(account.spend, request.amount);
      addToWindows(account.byok, request.byokAmount);
    }
    if (request.activity) {
      const date = request.now.toISOString().slice(0, 10);
      const { model, providerName } = request.activity;
      const id = JSON.stringify([date, request.workspaceId, request.keyHash, model, providerName]);
      const row = this.#activity.get(id) ?? {
        date, workspaceId: request.workspaceId, keyHash: request.keyHash, model, providerName,
        usage: 0n, byokUsage: 0n, requests: 0, promptTokens: 0, completionTokens: 0, reasoningTokens: 0,
        cancelledRequests: 0, errorRequests: 0, cacheHits: 0, cachedTokens: 0, cacheSavings: 0n,
      };
      row.usage += request.amount;
      row.byokUsage += request.byokAmount;
      row.requests += 1;
      row.promptTokens += request.activity.promptTokens;
      row.completionTokens += request.activity.completionTokens;
      row.reasoningTokens += request.activity.reasoningTokens;
      if (request.activity.outcome === 'cancelled') row.cancelledRequests += 1;
      if (request.activity.outcome === 'error') row.errorRequests += 1;
      if (request.activity.responseCacheHit) row.cacheHits += 1;
      row.cachedTokens += request.activity.cachedTokens ?? 0;
      row.cacheSavings += request.activity.cacheSavings ?? 0n;
      this.#activity.set(id, row);
    }
    await recorded;
    return true;
  }

  async release(generationId: string): Promise<void> {
    this.#freeHold(generationId);
  }

  async releaseAll(): Promise<{ count: number; amount: bigint }> {
    let amount = 0n;
    let count = 0;
    const now = Date.now();
    for (const [id, hold] of this.#holds) {
      if (hold.durableUntil && hold.durableUntil.getTime() > now) continue;
      amount += hold.amount;
      count += 1;
      this.#freeHold(id);
    }
    return { count, amount };
  }

  async snapshot(scopes: string[], now: Date): Promise<Map<string, AccountSnapshot>> {
    return new Map(scopes.map((scope) => [scope, this.#snapshotOf(scope, now)]));
  }

  async addCredits(grant: CreditGrant): Promise<AccountSnapshot> {
    const scope = `workspace:${grant.workspaceId}`;
    const now = new Date(grant.createdAt);
    const account = this.#account(scope, now);
    if (!account.creditsEnabled && account.spend.total > 0n) {
      // Usage from before credits were enabled ran ungated; an opening grant covers it so the
      // new credits are not eaten by the past (total_credits − total_usage stays the balance).
      this.#grants.push(openingGrant(grant, account.spend.total));
      account.credits += account.spend.total;
    }
    account.credits += grant.amount;
    account.creditsEnabled = true;
    this.#grants.push({ ...grant });
    return this.#snapshotOf(scope, now);
  }

  async listCredits(workspaceId: string): Promise<CreditGrant[]> {
    return this.#grants.filter((grant) => grant.workspaceId === workspaceId).reverse().map((grant) => ({ ...grant }));
  }

  async activity(filter: { from: string; to: string; workspaceId?: string; keyHash?: string }): Promise<ActivityRow[]> {
    return [...this.#activity.values()]
      .filter((row) => row.date >= filter.from && row.date <= filter.to)
      .filter((row) => filter.workspaceId === undefined || row.workspaceId === filter.workspaceId)
      .filter((row) => filter.keyHash === undefined || row.keyHash === filter.keyHash)
      .map((row) => ({ ...row }))
      .sort(compareActivity);
  }

  async holds(): Promise<Array<{ generationId: string; amount: bigint }>> {
    return [...this.#holds].map(([generationId, hold]) => ({ generationId, amount: hold.amount }));
  }

  #freeHold(generationId: string): void {
    const hold = this.#holds.get(generationId);
    if (!hold) return;
    this.#holds.delete(generationId);
    for (const scope of hold.scopes) {
      const account = this.#accounts.get(scope);
      if (account) account.held -= hold.amount;
    }
  }

  #account(scope: string, now: Date): Account {
    let account = this.#accounts.get(scope);
    if (!account) {
      account = { spend: zeroWindows(), byok: zeroWindows(), windows: utcSpendWindows(now), held: 0n, credits: 0n, creditsEnabled: false };
      this.#accounts.set(scope, account);
    }
    rollAccountWindows(account, now);
    return account;
  }

  #snapshotOf(scope: string, now: Date): AccountSnapshot {
    const account = this.#account(scope, now);
    return { spend: { ...account.spend }, byok: { ...account.byok }, held: account.held, credits: account.credits, creditsEnabled: account.creditsEnabled };
  }
}

/** Activity order: newest day first, then workspace, key, model, provider. */
export function compareActivity(a: ActivityRow, b: ActivityRow): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  for (const field of ['workspaceId', 'keyHash', 'model', 'providerName'] as const) {
    if (a[field] !== b[field]) return a[field] < b[field] ? -1 : 1;
  }
  return 0;
}
