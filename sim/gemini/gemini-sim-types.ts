/**
 * Shared types of the Gemini / Vertex AI simulator. Faults reuse the OpenAI simulator's
 * directive keys (`[[sim:…]]`), so tests drive every simulator the same way.
 */
import type { ServerResponse } from 'node:http';
import type { SimFault } from '../shared/sim-fault.js';
import type { SimHandleBase, SimOptionsBase, SimRecordedRequestBase } from '../shared/sim-base-types.js';

export type { SimFault } from '../shared/sim-fault.js';

/** A request as the simulator received it. */
export interface GeminiRecordedRequest extends SimRecordedRequestBase {
  path: string;
  /** The query string without `?` ('' when none), e.g. `alt=sse`. */
  query: string;
  /** Parsed JSON (or form fields for the token endpoint); undefined when it did not parse. */
  body: unknown;
}

export interface GeminiSimulatorOptions extends SimOptionsBase {
  /** PEM public key of the service account; when set, token requests' JWTs and self-signed JWT bearers are verified with it. */
  serviceAccountPublicKey?: string;
  /** `expires_in` of issued access tokens (default 3600). */
  tokenTtlSeconds?: number;
  /** Batch mode: pause before a batch starts running (PENDING → RUNNING); default 10. */
  batchStepMs?: number;
  /** Batch mode: requests of one batch in flight at once; default 4. */
  batchConcurrency?: number;
}

export interface GeminiSimulator extends SimHandleBase<GeminiRecordedRequest> {
  /** Root URL, e.g. http://127.0.0.1:PORT — the `@google/genai` SDK's `httpOptions.baseUrl`. */
  url: string;
  /** Gemini API base including the version: `${url}/v1beta`. */
  geminiBaseUrl: string;
  /** The fake OAuth token endpoint (`token_uri` for a test service account). */
  tokenUrl: string;
  /** Access tokens issued so far, in order; Vertex accepts exactly these (a test may add or remove some). */
  issuedTokens: string[];
  /** Batch mode: batches by name (`batches/{id}`), each rendered as its operation JSON at the time of the call. */
  readonly batches: ReadonlyMap<string, Record<string, unknown>>;
}

/** What a model route handler gets for one request. */
export interface GeminiRequestContext {
  res: ServerResponse;
  body: Record<string, unknown>;
  model: string;
  stream: boolean;
  /** `alt=sse`; without it a stream is one JSON array. */
  sse: boolean;
  vertex: boolean;
  prompt: string;
  fault: SimFault;
  seq: number;
  chunkDelayMs: number;
  signal: AbortSignal;
  /** Signatures this simulator issued, so replays can be checked. */
  signatures: Set<string>;
}
