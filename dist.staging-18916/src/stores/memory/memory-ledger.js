import { decideReservation } from "../decide-reservation.js";
import { openingGrant } from "../opening-grant.js";
import { addToWindows, rollAccountWindows, zeroWindows } from "../roll-account-windows.js";
import { utcSpendWindows } from "../utc-spend-windows.js";
class MemoryLedger {
  #accounts = /* @__PURE__ */ new Map();
  #holds = /* @__PURE__ */ new Map();
  #settled = /* @__PURE__ */ new Set();
  #grants = [];
  #activity = /* @__PURE__ */ new Map();
  async reserve(request) {
    if (this.#holds.has(request.generationId) || this.#settled.has(request.generationId)) {
      throw new Error(`Generation ${request.generationId} already has a reservation`);
    }
    const accounts = new Map(request.scopes.map((scope) => [scope.scope, this.#snapshotOf(scope.scope, request.now)]));
    const outcome = decideReservation(request, accounts);
    if (outcome.ok) {
      const scopes = request.scopes.map((scope) => scope.scope);
      for (const scope of scopes) this.#account(scope, request.now).held += outcome.reserved;
      this.#holds.set(request.generationId, { amount: outcome.reserved, scopes });
    }
    return outcome;
  }
  async settle(request) {
    if (this.#settled.has(request.generationId)) return false;
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
        date,
        workspaceId: request.workspaceId,
        keyHash: request.keyHash,
        model,
        providerName,
        usage: 0n,
        byokUsage: 0n,
        requests: 0,
        promptTokens: 0,
        completionTokens: 0,
        reasoningTokens: 0
      };
      row.usage += request.amount;
      row.byokUsage += request.byokAmount;
      row.requests += 1;
      row.promptTokens += request.activity.promptTokens;
      row.completionTokens += request.activity.completionTokens;
      row.reasoningTokens += request.activity.reasoningTokens;
      this.#activity.set(id, row);
    }
    return true;
  }
  async release(generationId) {
    this.#freeHold(generationId);
  }
  async releaseAll() {
    let amount = 0n;
    const count = this.#holds.size;
    for (const [id, hold] of this.#holds) {
      amount += hold.amount;
      this.#freeHold(id);
    }
    return { count, amount };
  }
  async snapshot(scopes, now) {
    return new Map(scopes.map((scope) => [scope, this.#snapshotOf(scope, now)]));
  }
  async addCredits(grant) {
    const scope = `workspace:${grant.workspaceId}`;
    const now = new Date(grant.createdAt);
    const account = this.#account(scope, now);
    if (!account.creditsEnabled && account.spend.total > 0n) {
      this.#grants.push(openingGrant(grant, account.spend.total));
      account.credits += account.spend.total;
    }
    account.credits += grant.amount;
    account.creditsEnabled = true;
    this.#grants.push({ ...grant });
    return this.#snapshotOf(scope, now);
  }
  async listCredits(workspaceId) {
    return this.#grants.filter((grant) => grant.workspaceId === workspaceId).reverse().map((grant) => ({ ...grant }));
  }
  async activity(filter) {
    return [...this.#activity.values()].filter((row) => row.date >= filter.from && row.date <= filter.to).filter((row) => filter.workspaceId === void 0 || row.workspaceId === filter.workspaceId).filter((row) => filter.keyHash === void 0 || row.keyHash === filter.keyHash).map((row) => ({ ...row })).sort(compareActivity);
  }
  async holds() {
    return [...this.#holds].map(([generationId, hold]) => ({ generationId, amount: hold.amount }));
  }
  #freeHold(generationId) {
    const hold = this.#holds.get(generationId);
    if (!hold) return;
    this.#holds.delete(generationId);
    for (const scope of hold.scopes) {
      const account = this.#accounts.get(scope);
      if (account) account.held -= hold.amount;
    }
  }
  #account(scope, now) {
    let account = this.#accounts.get(scope);
    if (!account) {
      account = { spend: zeroWindows(), byok: zeroWindows(), windows: utcSpendWindows(now), held: 0n, credits: 0n, creditsEnabled: false };
      this.#accounts.set(scope, account);
    }
    rollAccountWindows(account, now);
    return account;
  }
  #snapshotOf(scope, now) {
    const account = this.#account(scope, now);
    return { spend: { ...account.spend }, byok: { ...account.byok }, held: account.held, credits: account.credits, creditsEnabled: account.creditsEnabled };
  }
}
function compareActivity(a, b) {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  for (const field of ["workspaceId", "keyHash", "model", "providerName"]) {
    if (a[field] !== b[field]) return a[field] < b[field] ? -1 : 1;
  }
  return 0;
}
export {
  MemoryLedger,
  compareActivity
};
//# sourceMappingURL=memory-ledger.js.map
