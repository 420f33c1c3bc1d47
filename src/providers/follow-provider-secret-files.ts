import type { SwitchyardConfig } from '../config/config-schema.js';
import type { SecretFileWatcher } from '../config/secret-file-watcher.js';
import { secretFilePath } from '../config/resolve-secret.js';
import type { AwsCredentials, Provider } from '../core/provider-types.js';

type AwsKeyField = 'access_key_id' | 'secret_access_key' | 'session_token';
const AWS_FIELDS: ReadonlyArray<[AwsKeyField, keyof AwsCredentials]> = [
  ['access_key_id', 'accessKeyId'],
  ['secret_access_key', 'secretAccessKey'],
  ['session_token', 'sessionToken'],
];

/**
 * Keeps providers' `file:PATH` secrets current: a provider's `api_key`, and a Bedrock
 * provider's static `aws` keys, take a rotated file's value from the next request on. The
 * provider objects are the ones routing holds, so nothing else needs to change; the calls
 * read them as they are built. (Static keys given to assume a `role_arn` are read at start.)
 */
export function followProviderSecretFiles(config: SwitchyardConfig, providers: ReadonlyMap<string, Provider>, watcher: SecretFileWatcher): void {
  for (const entry of config.providers) {
    const provider = providers.get(entry.id);
    if (!provider) continue;
    const keyPath = secretFilePath(entry.api_key);
    if (keyPath !== undefined && provider.apiKey !== undefined) {
      watcher.follow(keyPath, provider.apiKey, (value) => {
        provider.apiKey = value;
      });
    }
    const credentials = provider.aws?.credentials;
    if (!credentials) continue;
    for (const [field, key] of AWS_FIELDS) {
      const path = secretFilePath(entry.aws?.[field]);
      const current = credentials[key];
      if (path === undefined || typeof current !== 'string') continue;
      watcher.follow(path, current, (value) => {
        // One new object, so a call being signed never sees half of a rotation.
        if (provider.aws?.credentials) provider.aws.credentials = { ...provider.aws.credentials, [key]: value };
      });
    }
  }
}
