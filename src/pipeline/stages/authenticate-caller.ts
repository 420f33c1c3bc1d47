import type { Caller, KeyRegistry } from '../../auth/key-registry.js';
import type { InferenceExchange } from '../inference-context.js';

/**
 * Who is calling: an inference key from `Authorization: Bearer` (from memory; 401/403 otherwise),
 * or, for a Batch API line, the key that submitted the batch (checked again: disabled, expired).
 */
export function authenticateCaller(keys: KeyRegistry): (exchange: InferenceExchange) => Caller {
  return (exchange) => {
    if (exchange.batchKeyHash !== undefined) return keys.authenticateHash(exchange.batchKeyHash, 'inference');
    const authorization = exchange.headers.authorization;
    return keys.authenticate(Array.isArray(authorization) ? authorization[0] : authorization, 'inference');
  };
}
