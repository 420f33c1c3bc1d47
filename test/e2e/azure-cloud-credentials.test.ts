import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import { startAzureCredentialStandIn, type AzureCredentialStandIn } from '../../sim/azure-credentials/start-azure-credential-stand-in.js';
import { createLogger } from '../../src/telemetry/create-logger.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

const PRICES = { prompt: '0.0000025', completion: '0.00001' } as const;
const MI_CLIENT_ID = '6f1c2b9e-0000-4000-8000-00000000beef';
const COLD_CLIENT_ID = '0c01d000-0000-4000-8000-00000000c01d';
/** Variables @azure/identity and MSAL read; every run starts without them. */
const AZURE_ENV = ['AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH', 'AZURE_FEDERATED_TOKEN_FILE', 'AZURE_AUTHORITY_HOST', 'AZURE_USERNAME', 'AZURE_TOKEN_CREDENTIALS', 'IDENTITY_ENDPOINT', 'IDENTITY_HEADER', 'IMDS_ENDPOINT', 'MSI_ENDPOINT', 'MSI_SECRET', 'IDENTITY_SERVER_THUMBPRINT'];

/**
 * Azure OpenAI providers configured without `api_key`: Microsoft Entra ID tokens from
 * @azure/identity, against the App Service managed identity stand-in on loopback
 * (IDENTITY_ENDPOINT + IDENTITY_HEADER, which MSAL calls over http as on the platform) and the
 * Azure OpenAI simulator, which accepts exactly the tokens the stand-in issued.
 */
describe('Azure OpenAI with Microsoft Entra ID tokens (no api_key)', { timeout: 90_000 }, () => {
  let stack: TestStack;
  let standIn: AzureCredentialStandIn;
  let client: OpenAI;
  const saved = Object.fromEntries(AZURE_ENV.map((name) => [name, process.env[name]]));
  const logLines: string[] = [];

  const ask = (model: string, text: string) => client.chat.completions.create({ model, messages: [{ role: 'user', content: text }] });
  const lastAzureCall = (deployment: string) => stack.sim.requests.filter((request) => request.path === `/openai/deployments/${deployment}/chat/completions`).at(-1);
  const tokenRequests = () => standIn.requests.filter((request) => request.path === '/msi/token');

  before(async () => {
    for (const name of AZURE_ENV) delete process.env[name];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    stack = await startTestStack({
      logger: createLogger('debug', sink),
      config: (simUrl) => ({
        max_attempts: 1,
        providers: [
          { id: 'azure-entra', protocol: 'azure-openai', base_url: simUrl.replace(/\/v1$/, ''), azure: { api_version: '2024-10-21' } },
          {
            id: 'azure-mi',
            protocol: 'azure-openai',
            base_url: simUrl.replace(/\/v1$/, ''),
            azure: { api_version: '2024-10-21', credential: { type: 'managed_identity', client_id: MI_CLIENT_ID } },
          },
          {
            id: 'azure-cold',
            protocol: 'azure-openai',
            base_url: simUrl.replace(/\/v1$/, ''),
            azure: { credential: { type: 'managed_identity', client_id: COLD_CLIENT_ID } },
          },
        ],
        models: [
          { id: 'entra/gpt', name: 'Entra GPT', context_length: 128000, endpoints: [{ provider: 'azure-entra', model: 'gpt-4o-entra', pricing: PRICES }] },
          { id: 'entra/mi', name: 'Entra MI', context_length: 128000, endpoints: [{ provider: 'azure-mi', model: 'gpt-4o-mi', pricing: PRICES }] },
          { id: 'entra/cold', name: 'Entra cold', context_length: 128000, endpoints: [{ provider: 'azure-cold', model: 'gpt-4o-cold', pricing: PRICES }] },
        ],
      }),
    });
    standIn = await startAzureCredentialStandIn({ lifetimeSeconds: 3600, accepted: stack.sim.azureAccessTokens });
    Object.assign(process.env, { IDENTITY_ENDPOINT: standIn.identityEndpoint, IDENTITY_HEADER: standIn.identityHeader });
    client = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  });

  after(async () => {
    await stack?.close();
    await standIn?.close();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('DefaultAzureCredential finds the managed identity; the simulator gets its Bearer token for the Cognitive Services audience, no api-key', async () => {
    const reply = await ask('entra/gpt', 'Hello Entra');
    assert.equal(reply.choices[0]?.message.content, 'Echo: Hello Entra');
    const call = lastAzureCall('gpt-4o-entra');
    assert.equal(call?.headers['api-key'], undefined);
    assert.equal(call?.headers.authorization, `Bearer ${standIn.issued[0]?.token}`);
    const tokenCall = tokenRequests()[0];
    assert.equal(tokenCall?.query.resource, 'https://cognitiveservices.azure.com');
    assert.equal(tokenCall?.headers['x-identity-header'], standIn.identityHeader);
    // Cached: the next request needs no new token.
    await ask('entra/gpt', 'again');
    assert.equal(tokenRequests().length, 1);
    assert.equal(lastAzureCall('gpt-4o-entra')?.headers.authorization, `Bearer ${standIn.issued[0]?.token}`);
  });

  it('a token near expiry is refreshed in the background; once expired the next request carries the new one', async () => {
    const before = standIn.issued.length;
    standIn.lifetimeSeconds = 12;
    // A user-assigned identity: its own token, with its client id sent to the endpoint.
    await ask('entra/mi', 'short-lived');
    const first = standIn.issued.at(-1)!;
    assert.equal(standIn.issued.length, before + 1);
    assert.equal(first.clientId, MI_CLIENT_ID);
    assert.equal(lastAzureCall('gpt-4o-mi')?.headers.authorization, `Bearer ${first.token}`);
    // Past half its life (refresh from ~6 s before expiry), 4 s before expiry: the request still goes out with
    // the valid token while one refresh runs.
    await sleep(first.expiresAt.getTime() - Date.now() - 4_000);
    await ask('entra/mi', 'refresh ahead');
    assert.equal(lastAzureCall('gpt-4o-mi')?.headers.authorization, `Bearer ${first.token}`, 'not held up by the refresh');
    const deadline = Date.now() + 5_000;
    while (standIn.issued.length < before + 2) {
      assert.ok(Date.now() < deadline, 'a background refresh fetched a new token');
      await sleep(20);
    }
    // The old token expires: Azure refuses it from now on.
    await sleep(Math.max(0, first.expiresAt.getTime() - Date.now()));
    stack.sim.azureAccessTokens.splice(stack.sim.azureAccessTokens.indexOf(first.token), 1);
    const reply = await ask('entra/mi', 'after expiry');
    assert.equal(reply.choices[0]?.message.content, 'Echo: after expiry');
    const used = lastAzureCall('gpt-4o-mi')?.headers.authorization;
    assert.notEqual(used, `Bearer ${first.token}`);
    assert.ok(standIn.issued.some((issued) => used === `Bearer ${issued.token}` && issued.expiresAt > first.expiresAt));
    standIn.lifetimeSeconds = 3600;
  });

  it('a failing identity endpoint is a 502 in the envelope naming the credential source; the next request tries again', async () => {
    standIn.failWith = 400;
    const failing = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'entra/cold', messages: [{ role: 'user', content: 'hi' }] }),
    });
    const body = (await failing.json()) as { error: { code: number; message: string } };
    assert.equal(failing.status, 502);
    assert.equal(body.error.code, 502);
    assert.match(body.error.message, new RegExp(`Microsoft Entra ID \\(managed identity, client id ${COLD_CLIENT_ID}\\)`));
    assert.equal(lastAzureCall('gpt-4o-cold'), undefined, 'nothing was sent without a token');
    standIn.failWith = undefined;
    const reply = await ask('entra/cold', 'recovered');
    assert.equal(reply.choices[0]?.message.content, 'Echo: recovered');
    assert.equal(standIn.issued.at(-1)?.clientId, COLD_CLIENT_ID);
  });

  it('no token and no identity header in any log line', () => {
    const log = logLines.join('');
    assert.ok(log.length > 0);
    assert.ok(standIn.issued.length >= 3);
    for (const issued of standIn.issued) assert.ok(!log.includes(issued.token), 'an issued token is in the log');
    assert.ok(!log.includes(standIn.identityHeader), 'the identity header is in the log');
  });
});
