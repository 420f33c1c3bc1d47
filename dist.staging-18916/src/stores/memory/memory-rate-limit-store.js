class MemoryRateLimitStore {
  #counters = /* @__PURE__ */ new Map();
  #slots = /* @__PURE__ */ new Map();
  async admit(request) {
    const { windows, slots, now } = request;
    const counters = [];
    for (const [index, window] of windows.entries()) {
      const counter = this.#roll(window.id, window.windowMs, now);
      counters.push(counter);
      const used = estimate(counter, window, now);
      if (used + window.cost > window.limit) {
        return {
          admitted: false,
          blocked: { kind: "window", index },
          remaining: Math.max(0, Math.floor(window.limit - used)),
          retryAt: retryAt(counter, window, now)
        };
      }
    }
    for (const [index, slot] of slots.entries()) {
      const leases = this.#slots.get(slot.id);
      if (!leases || leases.size < slot.limit) continue;
      for (const [leaseId, expiresAt] of leases) if (expiresAt <= now) leases.delete(leaseId);
      if (leases.size >= slot.limit) {
        const soonest = Math.min(...leases.values());
        return { admitted: false, blocked: { kind: "slot", index }, remaining: 0, retryAt: Math.min(soonest, now + 1e3) };
      }
    }
    const charged = [];
    for (const [index, window] of windows.entries()) {
      const counter = counters[index];
      counter.current += window.cost;
      charged.push({ id: window.id, windowMs: window.windowMs, bucketStart: counter.bucketStart });
    }
    for (const slot of slots) {
      let leases = this.#slots.get(slot.id);
      if (!leases) {
        leases = /* @__PURE__ */ new Map();
        this.#slots.set(slot.id, leases);
      }
      leases.set(slot.leaseId, now + slot.ttlMs);
    }
    return { admitted: true, charged };
  }
  async adjust(window, delta) {
    const counter = this.#counters.get(window.id);
    if (!counter) return;
    if (counter.bucketStart === window.bucketStart) counter.current = Math.max(0, counter.current + delta);
    else if (counter.bucketStart - window.windowMs === window.bucketStart) counter.previous = Math.max(0, counter.previous + delta);
  }
  async release(slots) {
    for (const slot of slots) {
      const leases = this.#slots.get(slot.id);
      if (!leases) continue;
      leases.delete(slot.leaseId);
      if (leases.size === 0) this.#slots.delete(slot.id);
    }
  }
  /** The counter with its buckets moved forward to the one containing `now`. */
  #roll(id, windowMs, now) {
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
function estimate(counter, window, now) {
  if (window.mode === "fixed") return counter.current;
  const elapsed = (now - counter.bucketStart) / window.windowMs;
  return counter.previous * (1 - elapsed) + counter.current;
}
function retryAt(counter, window, now) {
  const { limit, cost, windowMs } = window;
  if (cost > limit) return Number.POSITIVE_INFINITY;
  const next = counter.bucketStart + windowMs;
  if (window.mode === "fixed") return next;
  if (counter.current + cost <= limit && counter.previous > 0) {
    const at = counter.bucketStart + Math.ceil(windowMs * (1 - (limit - counter.current - cost) / counter.previous));
    return Math.max(at, now + 1);
  }
  if (counter.current === 0) return next;
  return next + Math.max(0, Math.ceil(windowMs * (1 - (limit - cost) / counter.current)));
}
export {
  MemoryRateLimitStore
};
//# sourceMappingURL=memory-rate-limit-store.js.map
