import { StringDictionary } from '../../core/string-dictionary.js';
import { REFUSAL_BUCKET_MS, REFUSAL_HISTORY_MS, type AdmitResult, type ChargedWindow, type RateLimitStore, type SlotClaim, type UsageQuery, type WindowCharge } from '../rate-limit-store.js';

interface Counter {
  bucketStart: number;
  current: number;
  previous: number;
}

/**
 * RateLimitStore in process memory: one node's view. Every operation is synchronous under
 * the hood (so atomic in Node's event loop) and O(1) per check, except that a full slot set
 * drops its expired leases before refusing (bounded by the slot limit).
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #counters = new Map<string, Counter>();
  /** Leases per slot id (lease id → expiry); dictionaries, as a lease comes and goes with each request (see StringDictionary). */
  readonly #slots = new StringDictionary<StringDictionary<number>>();
  /** Refusals per blocked id: bucket start → count (older than the history are dropped on write). */
  readonly #refusals = new Map<string, Map<number, number>>();

  async admit(request: { windows: WindowCharge[]; slots: SlotClaim[]; now: number }): Promise<AdmitResult> {
    const { windows, slots, now } = request;
    const counters: Counter[] = [];
    for (const [index, window] of windows.entries()) {
      const counter = this.#roll(window.id, window.windowMs, now);
      counters.push(counter);
      const used = estimate(counter, window, now);
      if (used + window.cost > window.limit) {
        this.#countRefusal(window.id, now);
        return {
          admitted: false,
          blocked: { kind: 'window', index },
          remaining: Math.max(0, Math.floor(window.limit - used)),
          retryAt: retryAt(counter, window, now),
        };
      }
    }
    for (const [index, slot] of slots.entries()) {
      const leases = this.#slots.get(slot.id);
      if (!leases || leases.size < slot.limit) continue;
      for (const [leaseId, expiresAt] of [...leases.entries()]) if (expiresAt <= now) leases.delete(leaseId);
      if (leases.size >= slot.limit) {
        const soonest = Math.min(...leases.values());
        this.#countRefusal(slot.id, now);
        return { admitted: false, blocked: { kind: 'slot', index }, remaining: 0, retryAt: Math.min(soonest, now + 1000) };
      }
    }
    const charged: ChargedWindow[] = [];
    for (const [index, window] of windows.entries()) {
      const counter = counters[index] as Counter;
      counter.current += window.cost;
      charged.push({ id: window.id, windowMs: window.windowMs, bucketStart: counter.bucketStart });
    }
    for (const slot of slots) {
      let leases = this.#slots.get(slot.id);
      if (!leases) {
        leases = new StringDictionary();
        this.#slots.set(slot.id, leases);
      }
      leases.set(slot.leaseId, now + slot.ttlMs);
    }
    return { admitted: true, charged };
  }

  async adjust(window: ChargedWindow, delta: number): Promise<void> {
    const counter = this.#counters.get(window.id);
    if (!counter) return;
    if (counter.bucketStart === window.bucketStart) counter.current = Math.max(0, counter.current + delta);
    else if (counter.bucketStart - window.windowMs === window.bucketStart) counter.previous = Math.max(0, counter.previous + delta);
  }

  async release(slots: Array<{ id: string; leaseId: string }>): Promise<void> {
    for (const slot of slots) {
      const leases = this.#slots.get(slot.id);
      if (!leases) continue;
      leases.delete(slot.leaseId);
      if (leases.size === 0) this.#slots.delete(slot.id);
    }
  }

  async usage(query: UsageQuery): Promise<{ windows: number[]; slots: number[] }> {
    const windows = query.windows.map((window) => {
      const counter = this.#counters.get(window.id);
      if (!counter) return 0;
      // Read as #roll would see it, without moving the stored counter.
      const bucketStart = Math.floor(query.now / window.windowMs) * window.windowMs;
      const view =
        counter.bucketStart === bucketStart
          ? counter
          : { bucketStart, current: 0, previous: bucketStart - counter.bucketStart === window.windowMs ? counter.current : 0 };
      return estimate(view, window, query.now);
    });
    const slots = query.slots.map((id) => [...(this.#slots.get(id)?.values() ?? [])].filter((expiresAt) => expiresAt > query.now).length);
    return { windows, slots };
  }

  async refusals(query: { ids: string[]; now: number }): Promise<Array<{ id: string; bucketStart: number; count: number }>> {
    const since = query.now - REFUSAL_HISTORY_MS;
    return query.ids.flatMap((id) =>
      [...(this.#refusals.get(id) ?? [])].filter(([bucketStart]) => bucketStart > since && bucketStart <= query.now).map(([bucketStart, count]) => ({ id, bucketStart, count })),
    );
  }

  #countRefusal(id: string, now: number): void {
    const bucketStart = Math.floor(now / REFUSAL_BUCKET_MS) * REFUSAL_BUCKET_MS;
    let buckets = this.#refusals.get(id);
    if (!buckets) {
      buckets = new Map();
      this.#refusals.set(id, buckets);
    }
    buckets.set(bucketStart, (buckets.get(bucketStart) ?? 0) + 1);
    // At most one bucket per REFUSAL_BUCKET_MS is ever added, so this stays small.
    for (const start of buckets.keys()) if (start <= now - REFUSAL_HISTORY_MS) buckets.delete(start);
  }

  /** The counter with its buckets moved forward to the one containing `now`. */
  #roll(id: string, windowMs: number, now: number): Counter {
    const bucketStart = Math.floor(now / windowMs) * windowMs;
    let counter = this.#counters.get(id);
    if (!counter) {
      counter = { bucketStart, current: 0, previous: 0 };
      this.#counters.set(id, counter);
    } else if (counter.bucketStart !== bucketStart) {
      counter.previous = bucketStart - counter.bucketStart === windowMs ? counter.current : 0;
      counter.current = 0;
      counter.bucketStart = bucketStart;
    }
    return counter;
  }
}

function estimate(counter: Counter, window: Pick<WindowCharge, 'windowMs' | 'mode'>, now: number): number {
  if (window.mode === 'fixed') return counter.current;
  const elapsed = (now - counter.bucketStart) / window.windowMs;
  return counter.previous * (1 - elapsed) + counter.current;
}

/**
 * The earliest time the same charge fits, assuming nothing else is charged meanwhile. A sliding
 * window frees room as the previous bucket's weight decays; once the current bucket alone is too
 * full, it becomes the decaying previous bucket of the next one.
 */
function retryAt(counter: Counter, window: WindowCharge, now: number): number {
  const { limit, cost, windowMs } = window;
  if (cost > limit) return Number.POSITIVE_INFINITY;
  const next = counter.bucketStart + windowMs;
  if (window.mode === 'fixed') return next;
  if (counter.current + cost <= limit && counter.previous > 0) {
    const at = counter.bucketStart + Math.ceil(windowMs * (1 - (limit - counter.current - cost) / counter.previous));
    return Math.max(at, now + 1);
  }
  if (counter.current === 0) return next;
  return next + Math.max(0, Math.ceil(windowMs * (1 - (limit - cost) / counter.current)));
}
