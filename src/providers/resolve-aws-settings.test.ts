import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config/load-config.js';
import { resolveProviders } from './resolve-providers.js';

function resolve(inline: unknown, env: NodeJS.ProcessEnv) {
  return resolveProviders(loadConfig({ argv: [], env: {}, inline }), env);
}

describe('amazon-bedrock preset and AWS settings', () => {
  it('is off without AWS credentials or a Bedrock API key (a region alone is not enough)', () => {
    assert.equal(resolve({}, { AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'AKIAONLYHALF' }).has('amazon-bedrock'), false);
  });

  it('is enabled by AWS credentials from the environment, URL and data-policy region from AWS_REGION', () => {
    const provider = resolve({}, { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'tok', AWS_REGION: 'eu-central-1' }).get('amazon-bedrock');
    assert.equal(provider?.protocol, 'bedrock');
    assert.equal(provider?.baseUrl, 'https://bedrock-runtime.eu-central-1.amazonaws.com');
    assert.equal(provider?.apiKey, undefined);
    assert.deepEqual(provider?.aws, { region: 'eu-central-1', credentials: { accessKeyId: 'AKIAENV', secretAccessKey: 'secret', sessionToken: 'tok' } });
    assert.equal(provider?.dataPolicy.region, 'eu');
    assert.equal(provider?.dataPolicy.zdr, true);
  });

  it('is enabled by AWS_BEARER_TOKEN_BEDROCK (default region us-east-1), and BEDROCK_BASE_URL overrides the URL', () => {
    const provider = resolve({}, { AWS_BEARER_TOKEN_BEDROCK: 'bedrock-key', BEDROCK_BASE_URL: 'http://127.0.0.1:9103/' }).get('amazon-bedrock');
    assert.equal(provider?.apiKey, 'bedrock-key');
    assert.equal(provider?.baseUrl, 'http://127.0.0.1:9103');
    assert.deepEqual(provider?.aws, { region: 'us-east-1' });
  });

  it('config: aws keys (env: references) and region; a custom Bedrock provider needs no base_url', () => {
    const providers = resolve(
      {
        providers: [
          { id: 'amazon-bedrock', aws: { region: 'us-west-2', access_key_id: 'env:MY_KEY', secret_access_key: 'env:MY_SECRET' } },
          { id: 'bedrock-eu', protocol: 'bedrock', aws: { region: 'eu-west-3' } },
        ],
      },
      { MY_KEY: 'AKIACONFIG', MY_SECRET: 'config-secret', AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'env-secret' },
    );
    const main = providers.get('amazon-bedrock');
    assert.equal(main?.baseUrl, 'https://bedrock-runtime.us-west-2.amazonaws.com');
    assert.deepEqual(main?.aws, { region: 'us-west-2', credentials: { accessKeyId: 'AKIACONFIG', secretAccessKey: 'config-secret' } });
    const eu = providers.get('bedrock-eu');
    assert.equal(eu?.baseUrl, 'https://bedrock-runtime.eu-west-3.amazonaws.com');
    assert.deepEqual(eu?.aws?.credentials, { accessKeyId: 'AKIAENV', secretAccessKey: 'env-secret' }, 'falls back to the standard variables');
    assert.equal(eu?.dataPolicy.region, 'eu');
  });

  it('rejects a malformed region at load', () => {
    assert.throws(() => resolve({ providers: [{ id: 'amazon-bedrock', aws: { region: 'Frankfurt' } }] }, {}), /region/);
  });

  it('other providers carry no aws field', () => {
    assert.equal('aws' in (resolve({}, { OPENAI_API_KEY: 'sk-x' }).get('openai') ?? {}), false);
  });

  it('a Bedrock provider with a region and no keys uses the AWS credential chain (shared per region with its preset)', () => {
    const provider = resolve({ providers: [{ id: 'amazon-bedrock', aws: { region: 'eu-west-1' } }] }, {}).get('amazon-bedrock');
    assert.equal(provider?.aws?.credentials, undefined);
    assert.equal(provider?.aws?.credentialSource?.source, 'AWS default credential chain');
    assert.deepEqual(provider?.aws?.credentialSource?.status(), { source: 'AWS default credential chain', resolvedVia: null, state: 'unknown', expiresAt: null, lastError: null, lastRefresh: null });
    assert.equal(provider?.baseUrl, 'https://bedrock-runtime.eu-west-1.amazonaws.com');
  });

  it('role_arn is assumed with the static keys or the chain; profile names the chain profile; AWS_PROFILE enables the preset', () => {
    const providers = resolve(
      {
        providers: [
          { id: 'bedrock-role', protocol: 'bedrock', aws: { region: 'us-east-1', role_arn: 'arn:aws:iam::123456789012:role/invoker' } },
          { id: 'bedrock-role-keys', protocol: 'bedrock', aws: { role_arn: 'arn:aws:iam::123456789012:role/invoker', access_key_id: 'AKIABASE', secret_access_key: 'base' } },
          { id: 'bedrock-profile', protocol: 'bedrock', aws: { profile: 'team' } },
        ],
      },
      {},
    );
    assert.equal(providers.get('bedrock-role')?.aws?.credentialSource?.source, 'AWS role arn:aws:iam::123456789012:role/invoker assumed with AWS default credential chain');
    assert.equal(providers.get('bedrock-role-keys')?.aws?.credentialSource?.source, 'AWS role arn:aws:iam::123456789012:role/invoker assumed with static keys');
    assert.equal(providers.get('bedrock-role-keys')?.aws?.credentials, undefined, 'the base keys are not used to call Bedrock');
    assert.equal(providers.get('bedrock-profile')?.aws?.credentialSource?.source, 'AWS credential chain (profile team)');
    const fromProfile = resolve({}, { AWS_PROFILE: 'sso-dev', AWS_REGION: 'us-west-2' }).get('amazon-bedrock');
    assert.equal(fromProfile?.aws?.credentialSource?.source, 'AWS credential chain (profile sso-dev)');
  });

  it('a Bedrock API key alone needs no credential chain', () => {
    const provider = resolve({ providers: [{ id: 'bedrock-key', protocol: 'bedrock', api_key: 'bedrock-api-key', aws: { region: 'us-east-1' } }] }, {}).get('bedrock-key');
    assert.deepEqual(provider?.aws, { region: 'us-east-1' });
  });

  it('rejects a malformed role ARN at load', () => {
    assert.throws(() => resolve({ providers: [{ id: 'amazon-bedrock', aws: { role_arn: 'invoker' } }] }, {}), /role ARN/);
  });
});
