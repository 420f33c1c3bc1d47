/**
 * Fields every simulator's public types share; each simulator's `*-sim-types.ts` extends these
 * and documents what is its own (URL shape, extra options, extra handle methods).
 */
import type { SimFault } from './sim-fault.js';

/** What every simulator records of a request. */
export interface SimRecordedRequestBase {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, `undefined` when there was none or it did not parse. */
  body: unknown;
}

/** Start-up options every simulator takes. */
export interface SimOptionsBase {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1; simulators are for loopback use only. */
  host?: string;
  /** Pause between stream chunks; 0 writes the whole stream at once. */
  chunkDelayMs?: number;
}

/** The handle every running simulator returns. */
export interface SimHandleBase<R> {
  url: string;
  /** The last 1000 requests, oldest first. Cleared in place by `reset()`. */
  requests: R[];
  /** Queue a fault for the next request (FIFO, one fault per request). */
  enqueueFault(fault: SimFault): void;
  /** Forget recorded requests, queued faults, per-simulator state and the id counter. */
  reset(): void;
  /** Stop listening and destroy every open socket, stalled streams included. */
  close(): Promise<void>;
}
