import type { ProviderConfig } from '../config/config-schema.js';
import { resolveSecret } from '../config/resolve-secret.js';
import { DEFAULT_AZURE_API_VERSION, type AzureSettings } from '../core/provider-types.js';
import { registerSecret } from '../core/secret-registry.js';
import { createAzureCredentialSource } from './cloud-credentials/azure-credential-source.js';

/**
 * An Azure OpenAI provider's settings: the `api-version` (config, AZURE_OPENAI_API_VERSION, else
 * the default) and, for a provider without an API key, Microsoft Entra ID tokens from
 * `azure.credential` (DefaultAzureCredential when not configured). Nothing is fetched here.
 */
export function resolveAzureSettings(options: { config: ProviderConfig['azure']; env: NodeJS.ProcessEnv; hasApiKey: boolean }): AzureSettings {
  const { config, env } = options;
  const apiVersion = config?.api_version ?? env.AZURE_OPENAI_API_VERSION ?? DEFAULT_AZURE_API_VERSION;
  if (options.hasApiKey) return { apiVersion };
  const credential = config?.credential;
  const clientId = resolveSecret(credential?.client_id, env);
  const tenantId = resolveSecret(credential?.tenant_id, env);
  const clientSecret = resolveSecret(credential?.client_secret, env);
  registerSecret(clientSecret);
  return {
    apiVersion,
    credential: createAzureCredentialSource({
      type: credential?.type ?? 'default',
      ...(clientId ? { clientId } : {}),
      ...(tenantId ? { tenantId } : {}),
      ...(clientSecret ? { clientSecret } : {}),
      ...(credential?.token_file_path ? { tokenFilePath: credential.token_file_path } : {}),
      ...(credential?.authority_host ? { authorityHost: credential.authority_host } : {}),
    }),
  };
}
