import type { AdmitResult, ChargedWindow, RateLimitStore, SlotClaim, UsageQuery, WindowCharge } from './rate-limit-store.js';

/**
 * The shared store (Redis) while it answers, this node's own store while it does not.
 *
 * Rate limits degrade to per-node limits rather than failing open or closed: they protect
 * upstream quotas and fairness, not money (budgets are enforced by the ledger in the database
 * and never depend on Redis). Failing closed would turn a Redis outage into a full outage of every
 * limited key; failing open would drop abuse protection. Per node, each limit still holds; across
 * N nodes a key can get up to N times its limit until Redis is back. A charge or lease is always
 * corrected and released in the store that took it.
 */
export class LocalFallbackRateLimitStore implements RateLimitStore {
  readonly #shared: RateLimitStore;
  readonly #local: RateLimitStore;
  readonly #onDegraded: (error: unknown) => void;
  readonly #onRestored: () => void;
  readonly #localCharges = new WeakSet<ChargedWindow>();
  readonly #localLeases = new Set<string>();
  /** Shared leases whose release failed: released once the shared store answers again. */
  #unreleased: Array<{ id: string; leaseId: string }> = [];
  #degraded = false;

  constructor(options: { shared: RateLimitStore; local: RateLimitStore; onDegraded: (error: unknown) => void; onRestored: () => void }) {
    this.#shared = options.shared;
    this.#local = options.local;
    this.#onDegraded = options.onDegraded;
    this.#onRestored = options.onRestored;
  }

  /** True while the last admission had to use the local store. */
  get degraded(): boolean {
    return this.#degraded;
  }

  async admit(request: { windows: WindowCharge[]; slots: SlotClaim[]; now: number }): Promise<AdmitResult> {
    try {
      const result = await this.#shared.admit(request);
      if (this.#degraded) {
        this.#degraded = false;
        this.#onRestored();
      }
      if (this.#unreleased.length > 0) void this.#retryReleases();
      return result;
    } catch (error) {
      if (!this.#degraded) {
        this.#degraded = true;
        this.#onDegraded(error);
      }
      const result = await this.#local.admit(request);
      if (result.admitted) {
        for (const charged of result.charged) this.#localCharges.add(charged);
        for (const slot of request.slots) this.#localLeases.add(leaseKey(slot));
      }
      return result;
    }
  }

  async adjust(window: ChargedWindow, delta: number): Promise<void> {
    if (this.#localCharges.has(window)) return this.#local.adjust(window, delta);
    // A correction lost with Redis only leaves the estimate in place until the window rolls.
    await this.#shared.adjust(window, delta).catch(() => {});
  }

  async release(slots: Array<{ id: string; leaseId: string }>): Promise<void> {
    const local = slots.filter((slot) => this.#localLeases.delete(leaseKey(slot)));
    const shared = slots.filter((slot) => !local.includes(slot));
    if (local.length > 0) await this.#local.release(local);
    if (shared.length > 0) {
      await this.#shared.release(shared).catch(() => {
        // Retried when the shared store is back; past MAX_UNRELEASED the lease ttl frees them.
        this.#unreleased.push(...shared.slice(0, MAX_UNRELEASED - this.#unreleased.length));
      });
    }
  }

  /** The shared counts; this node's own while the shared store does not answer. */
  async usage(query: UsageQuery): Promise<{ windows: number[]; slots: number[] }> {
    return this.#shared.usage(query).catch(() => this.#local.usage(query));
  }

  /** Refusals counted in either store (the local one only has what it refused while degraded). */
  async refusals(query: { ids: string[]; now: number }): Promise<Array<{ id: string; bucketStart: number; count: number }>> {
    const [shared, local] = await Promise.all([this.#shared.refusals(query).catch(() => []), this.#local.refusals(query)]);
    return [...shared, ...local];
  }

  async #retryReleases(): Promise<void> {
    const batch = this.#unreleased;
    this.#unreleased = [];
    await this.#shared.release(batch).catch(() => {
      this.#unreleased.push(...batch.slice(0, MAX_UNRELEASED - this.#unreleased.length));
    });
  }
}

const MAX_UNRELEASED = 10_000;

function leaseKey(slot: { id: string; leaseId: string }): string {
  return `${slot.id}\u0000${slot.leaseId}`;
}
