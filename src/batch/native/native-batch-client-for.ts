import type { Provider } from '../../core/provider-types.js';
import type { UpstreamClient } from '../../upstream/upstream-client.js';
import { AnthropicNativeBatchClient } from './anthropic-native-batch-client.js';
import { GeminiNativeBatchClient } from './gemini-native-batch-client.js';
import type { NativeBatchClient } from './native-batch-client.js';
import { OpenAINativeBatchClient } from './openai-native-batch-client.js';

/**
 * The provider's own batch API client, or undefined when the gateway must run the batch itself:
 * the provider is not marked `nativeBatch` (presets openai, anthropic and google are; custom
 * endpoints only with `native_batch: true`), or its protocol has no batch API the gateway speaks
 * (Vertex AI's batch prediction reads Cloud Storage or BigQuery, so `vertex` has none here).
 */
export function nativeBatchClientFor(provider: Provider, upstream: UpstreamClient): NativeBatchClient | undefined {
  if (!provider.nativeBatch) return undefined;
  switch (provider.protocol) {
    case 'openai':
      return new OpenAINativeBatchClient(provider, upstream);
    case 'anthropic':
      return new AnthropicNativeBatchClient(provider, upstream);
    case 'gemini':
      return new GeminiNativeBatchClient(provider, upstream);
    default:
      return undefined;
  }
}
