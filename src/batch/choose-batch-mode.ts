import type { Provider } from '../core/provider-types.js';
import type { InferenceCodec } from '../pipeline/inference-context.js';
import type { InferenceRunner } from '../pipeline/run-inference.js';
import type { BatchRecord, BatchState } from '../stores/batch-store.js';
import { BatchExchange, type DescribeError } from './batch-exchange.js';
import type { NativeBatchClient } from './native/native-batch-client.js';
import type { RunnableLine } from './parse-batch-input.js';

/**
 * Native or gateway-run, decided once when the batch starts. Native when every valid line that
 * has a route would first go to the same provider (the route live traffic would try first, with
 * the workspace's privacy and provider limits), that provider has a batch API client for the
 * batch's endpoint, and none of it goes through the workspace's own key (BYOK: the provider's
 * batch API would bill the gateway's key). Lines without a route fail on their own either way.
 * Anything else — a mix of providers, a provider without one — runs in the gateway at list price.
 */
export async function chooseBatchMode(options: {
  batch: BatchRecord;
  lines: RunnableLine[];
  runner: InferenceRunner;
  codec: InferenceCodec;
  describeError: DescribeError;
  clientFor: ((provider: Provider) => NativeBatchClient | undefined) | undefined;
}): Promise<BatchState> {
  const { batch, clientFor } = options;
  const gateway: BatchState = { ...batch.state, mode: 'gateway' };
  if (!clientFor || batch.spec.endpoint !== '/v1/chat/completions') return gateway;
  let provider: Provider | undefined;
  for (const line of options.lines) {
    const exchange = new BatchExchange({ body: line.body, keyHash: batch.keyHash, batchId: batch.id, describeError: options.describeError });
    let first;
    try {
      first = (await options.runner.planOnly({ exchange, codec: options.codec, route: 'batch' }))[0];
    } catch {
      continue;
    }
    if (!first) continue;
    const candidate = first.endpoint.provider;
    if (first.byok || (provider && provider.id !== candidate.id)) return gateway;
    if (!provider && !clientFor(candidate)?.endpoints.includes('chat')) return gateway;
    provider = candidate;
  }
  return provider ? { ...batch.state, mode: 'native', native: { provider: provider.id, round: 0, jobs: [] } } : gateway;
}
