import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SimFault } from './sim-fault.js';

/** One request about to be answered under a fault. */
export interface EnterSimFaultOptions {
  req: IncomingMessage;
  res: ServerResponse;
  fault: SimFault;
  /** The simulator's fixed latency, added to the fault's `delay`. */
  latencyMs?: number;
}

/**
 * The transport-level part of a fault, before any status line: wait out the latency and
 * `delay`, then honour `reset`. Returns the request's abort signal (aborted when the client
 * goes away or the simulator closes), or undefined when the request is already over.
 */
export async function enterSimFault(options: EnterSimFaultOptions): Promise<AbortSignal | undefined> {
  const { req, res, fault } = options;
  const aborter = new AbortController();
  res.once('close', () => aborter.abort());
  const delay = (options.latencyMs ?? 0) + (fault.delay ?? 0);
  if (delay > 0) {
    try {
      await sleep(delay, undefined, { signal: aborter.signal });
    } catch {
      return undefined; // client gone or simulator closed
    }
  }
  if (fault.reset) {
    req.socket.destroy();
    return undefined;
  }
  return aborter.signal;
}
