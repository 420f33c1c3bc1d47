import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config/load-config.js';
import { resolveProviders } from './resolve-providers.js';

function resolve(inline: unknown, env: NodeJS.ProcessEnv) {
  return resolveProviders(loadConfig({ argv: [], env: {}, inline }), env);
}

describe('Azure OpenAI credentials', () => {
  it('with an api_key: the key, no Entra ID credential', () => {
    const azure = resolve({ providers: [{ id: 'az', protocol: 'azure-openai', base_url: 'https://r.openai.azure.com', api_key: 'az-key-123456' }] }, {}).get('az');
    assert.equal(azure?.apiKey, 'az-key-123456');
    assert.equal(azure?.azure?.credential, undefined);
  });

  it('without one: DefaultAzureCredential, or the configured credential type, named without secrets; nothing fetched yet', () => {
    const providers = resolve(
      {
        providers: [
          { id: 'az-default', protocol: 'azure-openai', base_url: 'https://r.openai.azure.com' },
          { id: 'az-mi', protocol: 'azure-openai', base_url: 'https://r.openai.azure.com', azure: { credential: { type: 'managed_identity', client_id: 'mi-client' } } },
          {
            id: 'az-sp',
            protocol: 'azure-openai',
            base_url: 'https://r.openai.azure.com',
            azure: { credential: { type: 'client_secret', client_id: 'app-id', tenant_id: 'tenant', client_secret: 'env:AZ_SECRET' } },
          },
        ],
      },
      { AZ_SECRET: 'super-secret-value' },
    );
    assert.equal(providers.get('az-default')?.azure?.credential?.source, 'Microsoft Entra ID (DefaultAzureCredential)');
    assert.equal(providers.get('az-mi')?.azure?.credential?.source, 'Microsoft Entra ID (managed identity, client id mi-client)');
    const sp = providers.get('az-sp')?.azure?.credential;
    assert.equal(sp?.source, 'Microsoft Entra ID (client secret, client id app-id)');
    assert.deepEqual(sp?.status(), { source: sp?.source, resolvedVia: null, state: 'unknown', expiresAt: null, lastError: null, lastRefresh: null });
  });

  it('the azure preset is enabled by AZURE_OPENAI_ENDPOINT alone, with Entra ID', () => {
    const azure = resolve({}, { AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com/' }).get('azure');
    assert.equal(azure?.apiKey, undefined);
    assert.equal(azure?.azure?.credential?.source, 'Microsoft Entra ID (DefaultAzureCredential)');
  });

  it('refuses a client_secret credential missing its parts, an http authority host and an unknown type', () => {
    const base = { id: 'az', protocol: 'azure-openai', base_url: 'https://r.openai.azure.com' };
    assert.throws(() => resolve({ providers: [{ ...base, azure: { credential: { type: 'client_secret', client_id: 'a' } } }] }, {}), /client_secret needs client_id, tenant_id and client_secret/);
    assert.throws(() => resolve({ providers: [{ ...base, azure: { credential: { authority_host: 'http://login.example' } } }] }, {}), /https URL/);
    assert.throws(() => resolve({ providers: [{ ...base, azure: { credential: { type: 'cli' } } }] }, {}), /type/);
  });
});
