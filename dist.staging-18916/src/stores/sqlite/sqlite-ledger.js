import { decideReservation } from "../decide-reservation.js";
import { openingGrant } from "../opening-grant.js";
import { addToWindows, rollAccountWindows, zeroWindows } from "../roll-account-windows.js";
import { utcSpendWindows } from "../utc-spend-windows.js";
const ACCOUNT_COLUMNS = "scope, spend_total, spend_daily, spend_weekly, spend_monthly, byok_total, byok_daily, byok_weekly, byok_monthly, day_start, week_start, month_start, held, credits, credits_enabled";
class SqliteLedger {
  #db;
  #statements;
  #reserve;
  #settleBatch;
  #release;
  /** Settlements waiting for the next batch (flushed on setImmediate, or before any reserve/read). */
  #pending = [];
  constructor(db) {
    this.#db = db;
    const prepare = (sql) => db.prepare(sql).safeIntegers(true);
    this.#statements = {
      account: prepare(`SELECT ${ACCOUNT_COLUMNS} FROM ledger_accounts WHERE scope = ?`),
      saveAccount: prepare(
        `INSERT INTO ledger_accounts (${ACCOUNT_COLUMNS}) VALUES (${ACCOUNT_COLUMNS.split(", ").map(() => "?").join(", ")})
         ON CONFLICT (scope) DO UPDATE SET spend_total = excluded.spend_total, spend_daily = excluded.spend_daily,
           spend_weekly = excluded.spend_weekly, spend_monthly = excluded.spend_monthly, byok_total = excluded.byok_total,
           byok_daily = excluded.byok_daily, byok_weekly = excluded.byok_weekly, byok_monthly = excluded.byok_monthly,
           day_start = excluded.day_start, week_start = excluded.week_start, month_start = excluded.month_start,
           held = excluded.held, credits = excluded.credits, credits_enabled = excluded.credits_enabled`
      ),
      hold: prepare("SELECT amount, scopes FROM ledger_holds WHERE generation_id = ?"),
      insertHold: prepare("INSERT INTO ledger_holds (generation_id, amount, scopes, created_at) VALUES (?, ?, ?, ?)"),
      deleteHold: prepare("DELETE FROM ledger_holds WHERE generation_id = ?"),
      allHolds: prepare("SELECT generation_id, amount, scopes FROM ledger_holds"),
      settled: prepare("SELECT 1 FROM ledger_entries WHERE generation_id = ?"),
      insertEntry: prepare(
        "INSERT OR IGNORE INTO ledger_entries (generation_id, workspace_id, key_hash, amount, byok_amount, created_at) VALUES (?, ?, ?, ?, ?, ?)"
      ),
      addActivity: prepare(
        `INSERT INTO activity_daily (date, workspace_id, key_hash, model, provider_name, usage, byok_usage, requests, prompt_tokens, completion_tokens, reasoning_tokens)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
         ON CONFLICT (date, workspace_id, key_hash, model, provider_name) DO UPDATE SET usage = usage + excluded.usage,
           byok_usage = byok_usage + excluded.byok_usage, requests = requests + 1, prompt_tokens = prompt_tokens + excluded.prompt_tokens,
           completion_tokens = completion_tokens + excluded.completion_tokens, reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens`
      ),
      insertGrant: prepare("INSERT INTO credit_grants (id, workspace_id, amount, fee, note, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
      grants: prepare(
        "SELECT id, workspace_id, amount, fee, note, created_at FROM credit_grants WHERE workspace_id = ? ORDER BY created_at DESC, id DESC"
      )
    };
    this.#reserve = db.transaction((request) => this.#reserveNow(request)).immediate;
    this.#settleBatch = db.transaction((requests) => {
      const accounts = /* @__PURE__ */ new Map();
      const results = requests.map((request) => this.#settleNow(request, accounts));
      for (const account of accounts.values()) this.#save(account);
      return results;
    }).immediate;
    this.#release = db.transaction((generationId) => {
      const accounts = /* @__PURE__ */ new Map();
      this.#freeHold(generationId, /* @__PURE__ */ new Date(), accounts);
      for (const account of accounts.values()) this.#save(account);
    }).immediate;
  }
  async reserve(request) {
    await this.#outsideOtherTransactions();
    this.#flushSettlements();
    return this.#reserve(request);
  }
  settle(request) {
    return new Promise((resolve, reject) => {
      this.#pending.push({ request, resolve, reject });
      if (this.#pending.length === 1) setImmediate(() => void this.#flushWhenFree());
    });
  }
  async release(generationId) {
    await this.#outsideOtherTransactions();
    this.#flushSettlements();
    this.#release(generationId);
  }
  /** Books every pending settlement now (graceful stop). */
  async flushPending() {
    await this.#outsideOtherTransactions();
    this.#flushSettlements();
  }
  async #flushWhenFree() {
    await this.#outsideOtherTransactions();
    this.#flushSettlements();
  }
  /**
   * Settles everything pending in one transaction. If that transaction fails, each request is
   * retried on its own, so one bad settlement cannot take the others' bookings with it.
   */
  #flushSettlements() {
    if (this.#pending.length === 0 || this.#db.inTransaction) return;
    const batch = this.#pending;
    this.#pending = [];
    try {
      const results = this.#settleBatch(batch.map((entry) => entry.request));
      batch.forEach((entry, index) => entry.resolve(results[index]));
    } catch {
      for (const entry of batch) {
        try {
          entry.resolve(this.#settleBatch([entry.request])[0]);
        } catch (error) {
          entry.reject(error);
        }
      }
    }
  }
  /**
   * The connection is shared with Kysely, whose transactions stay open across awaits (the
   * batch generation writer). A ledger call made then would become a savepoint inside that
   * transaction and commit — or roll back — with it; waiting until it ends keeps every ledger
   * call its own committed transaction. The check and the call run in the same tick.
   */
  async #outsideOtherTransactions() {
    while (this.#db.inTransaction) await new Promise((resolve) => setImmediate(resolve));
  }
  async releaseAll() {
    this.#flushSettlements();
    return this.#db.transaction(() => {
      let amount = 0n;
      const accounts = /* @__PURE__ */ new Map();
      const holds = this.#statements.allHolds.all();
      for (const hold of holds) {
        amount += hold.amount;
        this.#freeHold(hold.generation_id, /* @__PURE__ */ new Date(), accounts);
      }
      for (const account of accounts.values()) this.#save(account);
      return { count: holds.length, amount };
    }).immediate();
  }
  async snapshot(scopes, now) {
    this.#flushSettlements();
    return new Map(scopes.map((scope) => [scope, toSnapshot(this.#load(scope, now))]));
  }
  async addCredits(grant) {
    return this.#db.transaction(() => {
      const now = new Date(grant.createdAt);
      const account = this.#load(`workspace:${grant.workspaceId}`, now);
      if (!account.creditsEnabled && account.spend.total > 0n) {
        const opening = openingGrant(grant, account.spend.total);
        this.#statements.insertGrant.run(opening.id, opening.workspaceId, opening.amount, opening.fee, opening.note, opening.createdAt);
        account.credits += opening.amount;
      }
      this.#statements.insertGrant.run(grant.id, grant.workspaceId, grant.amount, grant.fee, grant.note, grant.createdAt);
      account.credits += grant.amount;
      account.creditsEnabled = true;
      this.#save(account);
      return toSnapshot(account);
    }).immediate();
  }
  async listCredits(workspaceId) {
    return this.#statements.grants.all(workspaceId).map((row) => ({
      id: row.id,
      workspaceId: row.workspace_id,
      amount: row.amount,
      fee: row.fee,
      note: row.note,
      createdAt: row.created_at
    }));
  }
  async activity(filter) {
    const where = ["date >= ?", "date <= ?"];
    const params = [filter.from, filter.to];
    if (filter.workspaceId !== void 0) {
      where.push("workspace_id = ?");
      params.push(filter.workspaceId);
    }
    if (filter.keyHash !== void 0) {
      where.push("key_hash = ?");
      params.push(filter.keyHash);
    }
    const rows = this.#db.prepare(
      `SELECT * FROM activity_daily WHERE ${where.join(" AND ")} ORDER BY date DESC, workspace_id, key_hash, model, provider_name`
    ).safeIntegers(true).all(...params);
    return rows.map((row) => ({
      date: row.date,
      workspaceId: row.workspace_id,
      keyHash: row.key_hash,
      model: row.model,
      providerName: row.provider_name,
      usage: row.usage,
      byokUsage: row.byok_usage,
      requests: Number(row.requests),
      promptTokens: Number(row.prompt_tokens),
      completionTokens: Number(row.completion_tokens),
      reasoningTokens: Number(row.reasoning_tokens)
    }));
  }
  async holds() {
    this.#flushSettlements();
    return this.#statements.allHolds.all().map((row) => ({ generationId: row.generation_id, amount: row.amount }));
  }
  #reserveNow(request) {
    if (this.#statements.hold.get(request.generationId) || this.#statements.settled.get(request.generationId)) {
      throw new Error(`Generation ${request.generationId} already has a reservation`);
    }
    const accounts = request.scopes.map((scope) => this.#load(scope.scope, request.now));
    const outcome = decideReservation(request, new Map(accounts.map((account) => [account.scope, toSnapshot(account)])));
    if (!outcome.ok) return outcome;
    for (const account of accounts) {
      account.held += outcome.reserved;
      this.#save(account);
    }
    const scopes = JSON.stringify(accounts.map((account) => account.scope));
    this.#statements.insertHold.run(request.generationId, outcome.reserved, scopes, request.now.getTime());
    return outcome;
  }
  /** One settlement inside a batch; touched accounts are collected in `accounts` and saved by the caller. */
  #settleNow(request, accounts) {
    const { now } = request;
    const inserted = this.#statements.insertEntry.run(request.generationId, request.workspaceId, request.keyHash, request.amount, request.byokAmount, now.getTime());
    if (inserted.changes === 0) return false;
    this.#freeHold(request.generationId, now, accounts);
    for (const scope of request.scopes) {
      const account = this.#loadInto(accounts, scope, now);
      addToWindows(account.spend, request.amount);
      addToWindows(account.byok, request.byokAmount);
    }
    const activity = request.activity;
    if (activity) {
      this.#statements.addActivity.run(
        now.toISOString().slice(0, 10),
        request.workspaceId,
        request.keyHash,
        activity.model,
        activity.providerName,
        request.amount,
        request.byokAmount,
        activity.promptTokens,
        activity.completionTokens,
        activity.reasoningTokens
      );
    }
    return true;
  }
  /** Frees a hold; the accounts it touched are collected in `accounts` for the caller to save. */
  #freeHold(generationId, now, accounts) {
    const hold = this.#statements.hold.get(generationId);
    if (!hold) return;
    this.#statements.deleteHold.run(generationId);
    for (const scope of JSON.parse(hold.scopes)) this.#loadInto(accounts, scope, now).held -= hold.amount;
  }
  /** An account read once per transaction: later uses in the same batch see earlier changes. */
  #loadInto(accounts, scope, now) {
    const cached = accounts.get(scope);
    if (cached) {
      rollAccountWindows(cached, now);
      return cached;
    }
    const account = this.#load(scope, now);
    accounts.set(scope, account);
    return account;
  }
  #load(scope, now) {
    const row = this.#statements.account.get(scope);
    const account = row ? {
      scope,
      spend: { total: row.spend_total, daily: row.spend_daily, weekly: row.spend_weekly, monthly: row.spend_monthly },
      byok: { total: row.byok_total, daily: row.byok_daily, weekly: row.byok_weekly, monthly: row.byok_monthly },
      windows: { dayStart: Number(row.day_start), weekStart: Number(row.week_start), monthStart: Number(row.month_start) },
      held: row.held,
      credits: row.credits,
      creditsEnabled: row.credits_enabled === 1n
    } : { scope, spend: zeroWindows(), byok: zeroWindows(), windows: utcSpendWindows(now), held: 0n, credits: 0n, creditsEnabled: false };
    rollAccountWindows(account, now);
    return account;
  }
  #save(account) {
    const { spend, byok, windows } = account;
    this.#statements.saveAccount.run(
      account.scope,
      spend.total,
      spend.daily,
      spend.weekly,
      spend.monthly,
      byok.total,
      byok.daily,
      byok.weekly,
      byok.monthly,
      windows.dayStart,
      windows.weekStart,
      windows.monthStart,
      account.held,
      account.credits,
      account.creditsEnabled ? 1 : 0
    );
  }
}
function toSnapshot(account) {
  return { spend: { ...account.spend }, byok: { ...account.byok }, held: account.held, credits: account.credits, creditsEnabled: account.creditsEnabled };
}
export {
  SqliteLedger
};
//# sourceMappingURL=sqlite-ledger.js.map
