/**
 * Public shapes of the Bedrock simulator: options, recorded requests and the handle.
 * Faults use the shared `SimFault` (sim/shared/sim-fault.ts).
 */
import type { SimAwsCredential } from './verify-sigv4.js';
import type { SimHandleBase, SimOptionsBase, SimRecordedRequestBase } from '../shared/sim-base-types.js';

export type { SimFault } from '../shared/sim-fault.js';

/** A request as the simulator received it. */
export interface BedrockRecordedRequest extends SimRecordedRequestBase {
  /** The path exactly as sent (model id still percent-encoded). */
  rawPath: string;
  /** `converse` or `converse-stream`, or undefined for an unknown route. */
  operation: 'converse' | 'converse-stream' | 'invoke' | undefined;
  /** The decoded model id of the path. */
  modelId: string | undefined;
  /** How the request authenticated. */
  auth: 'sigv4' | 'bearer' | 'none';
  /** The access key id a SigV4 request was signed with. */
  accessKeyId?: string;
}

/** Options for {@link startBedrockSimulator}. */
export interface BedrockSimulatorOptions extends SimOptionsBase {
  /** Added before the headers of every response. */
  latencyMs?: number;
  /**
   * When set, SigV4 signatures are verified exactly (re-signed with this secret, the double-
   * encoded canonical path included) and a mismatch is a 403 InvalidSignatureException.
   * Without it only the shape of the Authorization header is checked. A list accepts any of
   * its keys (a test may change it to rotate credentials); a key with a session token also
   * needs that token in x-amz-security-token.
   */
  credentials?: SimAwsCredential | readonly SimAwsCredential[];
  /** Region the credential scope must name (default: any). */
  region?: string;
  /** Bearer tokens (Bedrock API keys) accepted; default: any non-empty token. */
  apiKeys?: string[];
}

/** A running simulator. */
export interface BedrockSimulator extends SimHandleBase<BedrockRecordedRequest> {
  /** Endpoint URL, e.g. `http://127.0.0.1:PORT` (no path: Bedrock paths start at /model). */
  url: string;
  port: number;
}
