import type { Provider } from '../core/provider-types.js';
import { registerSecret } from '../core/secret-registry.js';

/**
 * Registers every static secret of the configured providers with the scrubber at start-up: API
 * keys, AWS static keys, and custom headers whose
 * name says they carry a credential (operators put keys there too). Google credentials files are registered as
 * they are read (resolve-vertex-settings), cloud credentials as they are fetched (RefreshAheadCredential). Run-time credentials (OAuth tokens, assumed roles,
 * decrypted BYOK keys) are registered as they are used.
 */
export function registerProviderSecrets(providers: Iterable<Provider>): void {
  for (const provider of providers) {
    registerSecret(provider.apiKey);
    for (const [name, value] of Object.entries(provider.headers)) if (/auth|key|token|secret/i.test(name)) registerSecret(value);
    const aws = provider.aws?.credentials;
    if (aws) for (const value of [aws.accessKeyId, aws.secretAccessKey, aws.sessionToken]) registerSecret(value);
  }
}
