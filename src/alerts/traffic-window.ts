/** Requests, 5xx failures and spend of one workspace in one minute. */
export interface TrafficBucket {
  requests: number;
  errors: number;
  spendPico: bigint;
}

const MINUTE_MS = 60_000;

/**
 * What this node served per workspace, in one-minute buckets kept for `retainMinutes`: the input of
 * the spend-spike and error-rate alerts. Each node counts its own traffic; behind a load balancer
 * every node sees its share, so ratios (a spike against the node's baseline, an error rate) hold on
 * each, and the event store lets only one node fire a given crossing.
 */
export class TrafficWindow {
  readonly #buckets = new Map<string, Map<number, TrafficBucket>>();
  readonly #retainMinutes: number;
  /** When this node started counting: a baseline before it is unknown, not zero. */
  readonly startedAt: number;

  constructor(options: { retainMinutes: number; now: number }) {
    this.#retainMinutes = options.retainMinutes;
    this.startedAt = options.now;
  }

  observe(sample: { workspaceId: string; at: number; failed: boolean; costPico: bigint }): void {
    let byMinute = this.#buckets.get(sample.workspaceId);
    if (!byMinute) {
      byMinute = new Map();
      this.#buckets.set(sample.workspaceId, byMinute);
    }
    const minute = Math.floor(sample.at / MINUTE_MS);
    let bucket = byMinute.get(minute);
    if (!bucket) {
      bucket = { requests: 0, errors: 0, spendPico: 0n };
      byMinute.set(minute, bucket);
    }
    bucket.requests += 1;
    if (sample.failed) bucket.errors += 1;
    bucket.spendPico += sample.costPico;
  }

  /** Totals of the workspace over [from, to) (ms since epoch, whole minutes). */
  sum(workspaceId: string, from: number, to: number): TrafficBucket {
    const total: TrafficBucket = { requests: 0, errors: 0, spendPico: 0n };
    const byMinute = this.#buckets.get(workspaceId);
    if (!byMinute) return total;
    const first = Math.floor(from / MINUTE_MS);
    const last = Math.floor(to / MINUTE_MS);
    for (const [minute, bucket] of byMinute) {
      if (minute < first || minute >= last) continue;
      total.requests += bucket.requests;
      total.errors += bucket.errors;
      total.spendPico += bucket.spendPico;
    }
    return total;
  }

  workspaces(): string[] {
    return [...this.#buckets.keys()];
  }

  /** Drops buckets older than the retention. */
  prune(now: number): void {
    const oldest = Math.floor(now / MINUTE_MS) - this.#retainMinutes;
    for (const [workspaceId, byMinute] of this.#buckets) {
      for (const minute of byMinute.keys()) if (minute < oldest) byMinute.delete(minute);
      if (byMinute.size === 0) this.#buckets.delete(workspaceId);
    }
  }
}
