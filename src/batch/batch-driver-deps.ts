import type { Logger } from 'pino';
import type { Provider, WireProtocolName } from '../core/provider-types.js';
import type { InferenceCodec } from '../pipeline/inference-context.js';
import type { InferenceRunner } from '../pipeline/run-inference.js';
import type { WireAdapter } from '../protocols/wire-adapter.js';
import type { ResolvedCatalog } from '../routing/catalog/resolved-catalog.js';
import type { BatchEndpoint, BatchStore } from '../stores/batch-store.js';
import type { FileStore } from '../stores/file-store.js';
import type { ApiKeyRecord } from '../stores/key-store.js';
import type { Ledger } from '../stores/ledger.js';
import type { DescribeError } from './batch-exchange.js';
import type { BatchFileStorage } from './batch-file-storage.js';
import type { NativeBatchClient } from './native/native-batch-client.js';
import type { SlotPool } from './slot-pool.js';

/** What driving a batch needs, built once at start-up. */
export interface BatchDriverDeps {
  store: BatchStore;
  files: FileStore;
  storage: BatchFileStorage;
  runner: InferenceRunner;
  codecs: Record<BatchEndpoint, InferenceCodec>;
  describeError: DescribeError;
  /** This node's cap on batch requests in flight, shared by every batch. */
  slots: SlotPool;
  /** Requests of one batch in flight at once. */
  concurrency: number;
  upstream429Retries: number;
  now: () => number;
  log: Logger;
  /** Provider batch APIs (docs/native-batches.md); without it every batch runs in the gateway. */
  native?: NativeBatchDeps;
}

/** What driving a batch in a provider's own batch API needs beyond the gateway-run driver. */
export interface NativeBatchDeps {
  /** The provider's batch API client, or undefined when it has none (nativeBatchClientFor). */
  clientFor: (provider: Provider) => NativeBatchClient | undefined;
  adapters: ReadonlyMap<WireProtocolName, WireAdapter>;
  catalog: ResolvedCatalog;
  /** The key by hash even when disabled since (what it ran is still billed to it). */
  keyFor: (hash: string) => ApiKeyRecord | undefined;
  ledger: Pick<Ledger, 'release'>;
  /** Between two polls of the upstream batches. */
  pollMs: number;
}
