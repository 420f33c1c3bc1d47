/**
 * Shared types of the Anthropic simulator: the public handle and options, and
 * what the route handler gets for one request.
 */
import type { ServerResponse } from 'node:http';
import type { SimFault } from '../shared/sim-fault.js';
import type { SimHandleBase, SimOptionsBase, SimRecordedRequestBase } from '../shared/sim-base-types.js';
import type { SimMessageBatch } from './run-anthropic-sim-batch.js';

export type { SimFault } from '../shared/sim-fault.js';

/** A request as the simulator received it. */
export interface RecordedRequest extends SimRecordedRequestBase {
  path: string;
}

export interface AnthropicSimulatorOptions extends SimOptionsBase {
  /** Added before the headers of every response. */
  latencyMs?: number;
  /** Message Batches: pause before a batch starts running; default 10. */
  batchStepMs?: number;
  /** Message Batches: requests of one batch in flight at once; default 4. */
  batchConcurrency?: number;
}

/** A running Anthropic simulator. */
export interface AnthropicSimulator extends SimHandleBase<RecordedRequest> {
  /** API root without `/v1`, as the Anthropic SDK's `baseURL` takes it. */
  url: string;
  port: number;
  /** Message Batches by id, live (status and counts change as they run), for assertions. */
  readonly batches: ReadonlyMap<string, SimMessageBatch>;
  /** Forget recorded requests, queued faults, the prompt cache, batches and the id counter. */
  reset(): void;
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
