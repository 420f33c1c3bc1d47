class ByokFeeMeter {
  #basisPoints;
  #freePerMonth;
  #counts = /* @__PURE__ */ new Map();
  constructor(options) {
    this.#basisPoints = BigInt(Math.round(options.feePercent * 100));
    this.#freePerMonth = options.freeRequestsPerMonth;
  }
  /** The fee (picodollars) for one BYOK generation of list price `listPrice`, counting it. */
  charge(workspaceId, listPrice, now = /* @__PURE__ */ new Date()) {
    if (this.#basisPoints === 0n) return 0n;
    const month = now.getUTCFullYear() * 12 + now.getUTCMonth();
    let entry = this.#counts.get(workspaceId);
    if (!entry || entry.month !== month) {
      entry = { month, count: 0 };
      this.#counts.set(workspaceId, entry);
    }
    entry.count += 1;
    if (entry.count <= this.#freePerMonth) return 0n;
    return listPrice * this.#basisPoints / 10000n;
  }
}
export {
  ByokFeeMeter
};
//# sourceMappingURL=byok-fee-meter.js.map
