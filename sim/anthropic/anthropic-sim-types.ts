/**
 * Shared types of the Anthropic simulator: the public handle and options, and
 * what the route handler gets for one request.
 */
import type { ServerResponse } from 'node:http';
import type { SimFault } from '../shared/sim-fault.js';

export type { SimFault } from '../shared/sim-fault.js';

/** A request as the simulator received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, `undefined` when there was none or it did not parse. */
  body: unknown;
}

export interface AnthropicSimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1; the simulator is for loopback use only. */
  host?: string;
  /** Added before the headers of every response. */
  latencyMs?: number;
  /** Pause between stream events; 0 writes the whole stream at once. */
  chunkDelayMs?: number;
}

/** A running Anthropic simulator. */
export interface AnthropicSimulator {
  /** API root without `/v1`, as the Anthropic SDK's `baseURL` takes it. */
  url: string;
  port: number;
  /** The last 1000 requests, oldest first. Cleared in place by `reset()`. */
  requests: RecordedRequest[];
  /** Queue a fault for the next request (FIFO, one fault per request). */
  enqueueFault(fault: SimFault): void;
  /** Forget recorded requests, queued faults, the prompt cache and the id counter. */
  reset(): void;
  /** Stop listening and destroy every open socket, stalled streams included. */
  close(): Promise<void>;
}

/** What the messages handler gets for one request. */
export interface AnthropicSimContext {
  res: ServerResponse;
  body: Record<string, unknown>;
  /** The last user text, with directives stripped. */
  prompt: string;
  fault: SimFault;
  seq: number;
  /** The request's `anthropic-version` header. */
  apiVersion: string;
  chunkDelayMs: number;
  signal: AbortSignal;
  /** Prompt prefixes seen with `cache_control`, for cache read/write accounting. */
  cache: Set<string>;
}
