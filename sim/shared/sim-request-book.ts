import type { SimFault } from './sim-fault.js';

const MAX_RECORDED = 1000;

/** Per-simulator state every simulator keeps: recorded requests, queued faults, the id counter. */
export interface SimRequestBook<R> {
  /** The last 1000 requests, oldest first; cleared in place by `reset()`. */
  readonly requests: R[];
  /** Record one request, dropping the oldest beyond the cap. */
  record(request: R): void;
  /** Queue a fault for the next request (FIFO, one per request). */
  enqueueFault(fault: SimFault): void;
  /**
   * The fault for this request: the prompt's directives, overridden by `extra` (e.g. a key
   * fault), overridden by the next queued fault, which this consumes.
   */
  takeFault(directives: SimFault, extra?: SimFault): SimFault;
  /** The next sequence number (1, 2, …), for deterministic ids. */
  nextSeq(): number;
  /** Forget requests, queued faults and the counter. */
  reset(): void;
}

/** Create an empty book. */
export function createSimRequestBook<R>(): SimRequestBook<R> {
  const requests: R[] = [];
  const faults: SimFault[] = [];
  let seq = 0;
  return {
    requests,
    record(request) {
      requests.push(request);
      if (requests.length > MAX_RECORDED) requests.splice(0, requests.length - MAX_RECORDED);
    },
    enqueueFault(fault) {
      faults.push({ ...fault });
    },
    takeFault(directives, extra) {
      const queued = faults.shift();
      return queued || extra ? { ...directives, ...extra, ...queued } : directives;
    },
    nextSeq() {
      seq += 1;
      return seq;
    },
    reset() {
      requests.length = 0;
      faults.length = 0;
      seq = 0;
    },
  };
}
