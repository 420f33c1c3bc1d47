import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startAwsCredentialStandIn, type AwsCredentialStandIn } from '../../sim/aws-credentials/start-aws-credential-stand-in.js';
import { startAzureCredentialStandIn, type AzureCredentialStandIn } from '../../sim/azure-credentials/start-azure-credential-stand-in.js';
import { startBedrockSimulator, type BedrockSimulator } from '../../sim/bedrock/start-bedrock-simulator.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

const PRICES = { prompt: '0.000003', completion: '0.000015' } as const;
const REGION = 'us-west-2';
const STATIC_AWS = { accessKeyId: 'AKIASTATICREADYZ0001', secretAccessKey: 'staticReadyzSecretKey0000000000000000000' };
const AZURE_KEY = 'azure-readyz-api-key-0123456789';
const COLD_CLIENT_ID = 'c01dc01d-0000-4000-8000-000000000000';
const AZURE_ENV = ['AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_FEDERATED_TOKEN_FILE', 'AZURE_AUTHORITY_HOST', 'AZURE_TOKEN_CREDENTIALS', 'IDENTITY_ENDPOINT', 'IDENTITY_HEADER', 'IMDS_ENDPOINT', 'MSI_ENDPOINT'];

interface CredentialView {
  source: string;
  resolved_via: string | null;
  state: string;
  expires_at: string | null;
  last_refresh: { at: string; ok: boolean } | null;
  last_error: string | null;
}
interface Readyz {
  status: string;
  providers?: Array<{ id: string; protocol: string; credential: CredentialView }>;
}

/**
 * `/readyz` and the dashboard's provider data say, per cloud provider, where its credentials
 * come from and whether they currently work — through HTTP, after real fetches from the AWS
 * and Azure stand-ins on loopback — and never show a secret.
 */
describe('/readyz and /api/v1/dashboard/providers: cloud credential source and state', { timeout: 60_000 }, () => {
  let stack: TestStack;
  let aws: AwsCredentialStandIn;
  let azure: AzureCredentialStandIn;
  let bedrock: BedrockSimulator;
  let client: OpenAI;
  let dir: string;
  const savedEnv = { ...process.env };

  const readyz = async (): Promise<{ status: number; body: Readyz; text: string }> => {
    const response = await fetch(`${stack.gateway.url}/readyz`);
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) as Readyz, text };
  };
  const credentialOf = (body: Readyz, id: string) => body.providers?.find((provider) => provider.id === id)?.credential;
  const ask = (model: string) => client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-readyz-'));
    for (const name of Object.keys(process.env)) if (name.startsWith('AWS_') || AZURE_ENV.includes(name)) delete process.env[name];
    aws = await startAwsCredentialStandIn({});
    aws.accepted.push(STATIC_AWS);
    bedrock = await startBedrockSimulator({ credentials: aws.accepted, region: REGION });
    Object.assign(process.env, {
      AWS_CONFIG_FILE: join(dir, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
      AWS_EC2_METADATA_SERVICE_ENDPOINT: aws.imdsEndpoint,
      AWS_METADATA_SERVICE_TIMEOUT: '5',
    });
    stack = await startTestStack({
      config: (simUrl) => {
        const azureBase = simUrl.replace(/\/v1$/, '');
        return {
          max_attempts: 1,
          providers: [
            { id: 'plain', base_url: simUrl, api_key: 'sk-plain-provider-key-0000' },
            { id: 'bedrock-chain', protocol: 'bedrock', base_url: bedrock.url, aws: { region: REGION } },
            { id: 'bedrock-static', protocol: 'bedrock', base_url: bedrock.url, aws: { region: REGION, access_key_id: STATIC_AWS.accessKeyId, secret_access_key: STATIC_AWS.secretAccessKey } },
            { id: 'azure-entra', protocol: 'azure-openai', base_url: azureBase },
            { id: 'azure-key', protocol: 'azure-openai', base_url: azureBase, api_key: AZURE_KEY },
            { id: 'azure-cold', protocol: 'azure-openai', base_url: azureBase, azure: { credential: { type: 'managed_identity', client_id: COLD_CLIENT_ID } } },
          ],
          models: [
            { id: 'r/bedrock', name: 'B', context_length: 8000, endpoints: [{ provider: 'bedrock-chain', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', pricing: PRICES }] },
            { id: 'r/entra', name: 'E', context_length: 8000, endpoints: [{ provider: 'azure-entra', model: 'gpt-4o-entra', pricing: PRICES }] },
            { id: 'r/cold', name: 'C', context_length: 8000, endpoints: [{ provider: 'azure-cold', model: 'gpt-4o-cold', pricing: PRICES }] },
          ],
        };
      },
    });
    azure = await startAzureCredentialStandIn({ accepted: stack.sim.azureAccessTokens });
    Object.assign(process.env, { IDENTITY_ENDPOINT: azure.identityEndpoint, IDENTITY_HEADER: azure.identityHeader });
    client = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  });

  after(async () => {
    await stack?.close();
    await bedrock?.close();
    await aws?.close();
    await azure?.close();
    for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
    Object.assign(process.env, savedEnv);
    rmSync(dir, { recursive: true, force: true });
  });

  it('before any request: every cloud provider listed with its source; chains unknown, static keys static; other providers not listed', async () => {
    const { status, body } = await readyz();
    assert.equal(status, 200);
    assert.equal(body.status, 'ready');
    assert.deepEqual(body.providers?.map((provider) => [provider.id, provider.protocol]).sort(), [
      ['azure-cold', 'azure-openai'],
      ['azure-entra', 'azure-openai'],
      ['azure-key', 'azure-openai'],
      ['bedrock-chain', 'bedrock'],
      ['bedrock-static', 'bedrock'],
    ]);
    assert.deepEqual(credentialOf(body, 'bedrock-chain'), { source: 'AWS default credential chain', resolved_via: null, state: 'unknown', expires_at: null, last_refresh: null, last_error: null });
    assert.deepEqual(credentialOf(body, 'bedrock-static'), { source: 'static access keys', resolved_via: null, state: 'static', expires_at: null, last_refresh: null, last_error: null });
    assert.equal(credentialOf(body, 'azure-key')?.source, 'API key');
    assert.equal(credentialOf(body, 'azure-key')?.state, 'static');
    assert.equal(credentialOf(body, 'azure-entra')?.source, 'Microsoft Entra ID (DefaultAzureCredential)');
    assert.equal(credentialOf(body, 'azure-entra')?.state, 'unknown');
  });

  it('after use: valid, which link of the chain answered, expiry and the last refresh', async () => {
    const started = Date.now();
    await ask('r/bedrock');
    await ask('r/entra');
    const { body } = await readyz();
    const chain = credentialOf(body, 'bedrock-chain')!;
    assert.equal(chain.state, 'valid');
    assert.equal(chain.resolved_via, 'EC2 instance metadata (IMDSv2)');
    assert.ok(aws.issued.some((issued) => issued.expiration.toISOString() === chain.expires_at), `${chain.expires_at} is the expiry of credentials IMDS issued`);
    assert.equal(chain.last_refresh?.ok, true);
    assert.ok(Date.parse(chain.last_refresh!.at) >= started - 1000);
    const entra = credentialOf(body, 'azure-entra')!;
    assert.equal(entra.state, 'valid');
    assert.equal(entra.resolved_via, 'managed identity (App Service, Container Apps or Functions endpoint)');
    // MSAL turns `expires_on` (whole seconds) into a lifetime and back, against its own clock reads: within 2 s.
    assert.ok(Math.abs(Date.parse(entra.expires_at!) - azure.issued.at(-1)!.expiresAt.getTime()) <= 2_000, `${entra.expires_at} is the issued token's expiry`);
    assert.equal(entra.last_error, null);
  });

  it('a failing credential: failed with the reason and when, the node stays ready; nothing secret in the body', async () => {
    azure.failWith = 400;
    const failed = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'r/cold', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(failed.status, 502);
    azure.failWith = undefined;
    const { status, body, text } = await readyz();
    assert.equal(status, 200);
    assert.equal(body.status, 'ready');
    const cold = credentialOf(body, 'azure-cold')!;
    assert.equal(cold.source, `Microsoft Entra ID (managed identity, client id ${COLD_CLIENT_ID})`);
    assert.equal(cold.state, 'failed');
    assert.equal(cold.last_refresh?.ok, false);
    assert.match(cold.last_error ?? '', /No managed identity is assigned/);
    const secrets = [STATIC_AWS.secretAccessKey, STATIC_AWS.accessKeyId, AZURE_KEY, azure.identityHeader, ...azure.issued.map((t) => t.token), ...aws.issued.flatMap((c) => [c.secretAccessKey, c.sessionToken])];
    for (const secret of secrets) assert.ok(!text.includes(secret), 'a secret in /readyz');
  });

  it('the dashboard data endpoint shows the same per provider (management key only)', async () => {
    const denied = await fetch(`${stack.baseURL}/dashboard/providers`, { headers: { authorization: `Bearer ${stack.apiKey}` } });
    assert.equal(denied.status, 403, 'an inference key cannot read it');
    const response = await fetch(`${stack.baseURL}/dashboard/providers`, { headers: { authorization: `Bearer ${stack.adminKey}` } });
    assert.equal(response.status, 200);
    const { data } = (await response.json()) as { data: Array<{ id: string; protocol: string; credential: CredentialView | null }> };
    const byId = new Map(data.map((provider) => [provider.id, provider]));
    assert.equal(byId.get('plain')?.credential, null, 'a plain API-key provider has no cloud credential');
    assert.equal(byId.get('azure-entra')?.credential?.state, 'valid');
    assert.equal(byId.get('azure-cold')?.credential?.state, 'failed');
    assert.equal(byId.get('bedrock-chain')?.credential?.resolved_via, 'EC2 instance metadata (IMDSv2)');
  });
});
