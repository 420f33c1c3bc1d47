/**
 * Public shapes of the Bedrock simulator: options, recorded requests and the handle.
 * Faults use the shared `SimFault` (sim/shared/sim-fault.ts).
 */
import type { SimFault } from '../shared/sim-fault.js';

export type { SimFault } from '../shared/sim-fault.js';

/** A request as the simulator received it. */
export interface BedrockRecordedRequest {
  method: string;
  /** The path exactly as sent (model id still percent-encoded). */
  rawPath: string;
  /** `converse` or `converse-stream`, or undefined for an unknown route. */
  operation: 'converse' | 'converse-stream' | undefined;
  /** The decoded model id of the path. */
  modelId: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, undefined when it did not parse. */
  body: unknown;
  /** How the request authenticated. */
  auth: 'sigv4' | 'bearer' | 'none';
}

/** Options for {@link startBedrockSimulator}. */
export interface BedrockSimulatorOptions {
  port?: number;
  host?: string;
  /** Added before the headers of every response. */
  latencyMs?: number;
  /** Pause between stream frames; 0 writes the whole stream at once. */
  chunkDelayMs?: number;
  /**
   * When set, SigV4 signatures are verified exactly (re-signed with this secret, the double-
   * encoded canonical path included) and a mismatch is a 403 InvalidSignatureException.
   * Without it only the shape of the Authorization header is checked.
   */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Region the credential scope must name (default: any). */
  region?: string;
  /** Bearer tokens (Bedrock API keys) accepted; default: any non-empty token. */
  apiKeys?: string[];
}

/** A running simulator. */
export interface BedrockSimulator {
  /** Endpoint URL, e.g. `http://127.0.0.1:PORT` (no path: Bedrock paths start at /model). */
  url: string;
  port: number;
  /** The last 1000 requests, oldest first. */
  requests: BedrockRecordedRequest[];
  /** Queue a fault for the next request (FIFO, one per request). */
  enqueueFault(fault: SimFault): void;
  reset(): void;
  close(): Promise<void>;
}
