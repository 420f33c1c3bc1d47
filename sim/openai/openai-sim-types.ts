/**
 * Shared types of the OpenAI simulator. Type-only module: it holds the public
 * shapes (fault, recorded request, simulator handle) and the per-request
 * context the route handlers receive, so handlers never import the server.
 */
import type { ServerResponse } from 'node:http';

export type { SimFault } from '../shared/sim-fault.js';
import type { SimFault } from '../shared/sim-fault.js';
import type { SimHandleBase, SimOptionsBase, SimRecordedRequestBase } from '../shared/sim-base-types.js';
import type { SimBatch } from './openai-sim-batch-types.js';

/** A request as the simulator received it. */
export interface RecordedRequest extends SimRecordedRequestBase {
  path: string;
  /** The query string without `?` (empty when none), e.g. Azure's `api-version=…`. */
  query: string;
}

/** Options for {@link OpenAISimulator} start-up. */
export interface OpenAISimulatorOptions extends SimOptionsBase {
  /** Added before the headers of every response. */
  latencyMs?: number;
  /** Batches: pause between lifecycle steps (validating → in_progress, finalizing → completed); default 10. */
  batchStepMs?: number;
  /** Batches: lines of one batch in flight at once; default 4. */
  batchConcurrency?: number;
}

/** A running simulator. */
export interface OpenAISimulator extends SimHandleBase<RecordedRequest> {
  /** Base URL including `/v1`, ready for `new OpenAI({ baseURL })`. */
  url: string;
  /** The same server as an Azure OpenAI resource endpoint, for `new AzureOpenAI({ endpoint })`. */
  azureEndpoint: string;
  /**
   * Microsoft Entra ID tokens Azure paths accept as `Authorization: Bearer` (instead of
   * `api-key`): empty, so every bearer is refused, until a test adds tokens (the Azure
   * credential stand-in pushes each one it issues here). Kept across `reset()`.
   */
  azureAccessTokens: string[];
  port: number;
  /**
   * Faults for every request authenticated with this API key (`Bearer <key>`), so several
   * providers on one simulator can behave differently. A function is called per request
   * (return undefined for a clean reply); `undefined` clears. Queued faults still win.
   */
  setKeyFault(apiKey: string, fault: SimFault | ((request: { path: string; body: Record<string, unknown> }) => SimFault | undefined) | undefined): void;
  /** Batches by id, live (status and counts change as they run), for assertions. */
  batches: ReadonlyMap<string, SimBatch>;
  /** Forget recorded requests, queued faults, key faults, files, batches and the id counter. */
  reset(): void;
}

/** What a route handler gets for one request. */
export interface SimRequestContext {
  res: ServerResponse;
  body: Record<string, unknown>;
  /** The prompt text the route echoes, with directives stripped. */
  prompt: string;
  /** Directives and enqueued fault merged (enqueued wins). */
  fault: SimFault;
  /** Monotonic per-simulator sequence number, for deterministic ids. */
  seq: number;
  chunkDelayMs: number;
  /** Aborted when the client goes away or the simulator closes. */
  signal: AbortSignal;
  /** Azure OpenAI paths: answer with Azure's filter results and stream layout. */
  azure?: boolean;
}
