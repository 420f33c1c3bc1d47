/**
 * The optional BYOK fee (config `byok.fee_percent`, off by default): a percentage of the list
 * price of each BYOK generation, charged to credits, once the workspace has used its free
 * allowance of BYOK requests in the UTC month (`byok.free_requests_per_month`). Counts are kept in
 * memory per process, so a restart starts the month's count again (in the customer's favour).
 */
export class ByokFeeMeter {
  readonly #basisPoints: bigint;
  readonly #freePerMonth: number;
  readonly #counts = new Map<string, { month: number; count: number }>();

  constructor(options: { feePercent: number; freeRequestsPerMonth: number }) {
    this.#basisPoints = BigInt(Math.round(options.feePercent * 100));
    this.#freePerMonth = options.freeRequestsPerMonth;
  }

  /** The fee (picodollars) for one BYOK generation of list price `listPrice`, counting it. */
  charge(workspaceId: string, listPrice: bigint, now = new Date()): bigint {
    if (this.#basisPoints === 0n) return 0n;
    const month = now.getUTCFullYear() * 12 + now.getUTCMonth();
    let entry = this.#counts.get(workspaceId);
    if (!entry || entry.month !== month) {
      entry = { month, count: 0 };
      this.#counts.set(workspaceId, entry);
    }
    entry.count += 1;
    if (entry.count <= this.#freePerMonth) return 0n;
    return (listPrice * this.#basisPoints) / 10_000n;
  }
}
