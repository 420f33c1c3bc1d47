import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { Writable } from 'node:stream';
import { startOpenAISimulator } from '../../sim/openai/start-openai-simulator.js';
import { startAnthropicSimulator } from '../../sim/anthropic/start-anthropic-simulator.js';
import { startGeminiSimulator, type GeminiSimulator } from '../../sim/gemini/start-gemini-simulator.js';
import { startBedrockSimulator } from '../../sim/bedrock/start-bedrock-simulator.js';
import { ECHO_KEY_MODES } from '../../sim/shared/sim-fault.js';
import { createLogger } from '../../src/telemetry/create-logger.js';
import { bootTestGateway, type BootedTestGateway } from '../support/boot-test-gateway.js';

/**
 * #11 item 3: an upstream that echoes the credential it received — in an HTML 502, a text 401, a
 * JSON 401, a truncated 200 body or a broken stream — never gets it to the client, the log or a
 * stored record, for every upstream protocol. The keys are prefix-less hex (no pattern knows them:
 * only the exact-match registry can), plus SigV4 credentials and a Vertex OAuth token.
 */
const KEYS = {
  openai: 'f3a9c2d17b4e8a6f0c5d2e9b1a7f4c3d',
  azure: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  anthropic: '7c1e9d3b5a2f4e6d8c0b1a3f5e7d9c2b',
  google: 'e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3',
};
const AWS = { accessKeyId: 'AKIAE2ELEAKCHECK0001', secretAccessKey: 'leak-check-secret-access-key-000000000000' };
const PRICES = { prompt: '0.000001', completion: '0.000002' };
const PROVIDERS = ['openai', 'azure', 'anthropic', 'google', 'google-vertex', 'amazon-bedrock'] as const;

describe('secrets an upstream echoes never reach the client, the log or a stored record', () => {
  let gateway: BootedTestGateway;
  let gemini: GeminiSimulator;
  const logLines: string[] = [];
  /** Every bearer token the Vertex path presented: tokens from the token endpoint, or a service account's self-signed JWTs. */
  const vertexBearers = (): string[] =>
    gemini.requests.flatMap((request) => {
      const bearer = /^Bearer\s+(\S+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];
      return bearer ? [bearer] : [];
    });
  const secrets = (): string[] => [...Object.values(KEYS), AWS.accessKeyId, AWS.secretAccessKey, ...gemini.issuedTokens, ...vertexBearers()];

  before(async () => {
    const openai = await startOpenAISimulator();
    const anthropic = await startAnthropicSimulator();
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    gemini = await startGeminiSimulator({ serviceAccountPublicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string });
    const bedrock = await startBedrockSimulator({ credentials: AWS, region: 'us-west-2' });
    const serviceAccount = {
      type: 'service_account',
      project_id: 'sy-leak-project',
      private_key_id: 'key-1',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      client_email: 'switchyard@sy-leak-project.iam.gserviceaccount.com',
      token_uri: gemini.tokenUrl,
    };
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    gateway = await bootTestGateway({
      closeWith: [openai, anthropic, gemini, bedrock],
      dirPrefix: 'switchyard-leak-',
      logger: createLogger('debug', sink),
      inline: {
        max_attempts: 1,
        providers: [
          { id: 'openai', base_url: openai.url, api_key: KEYS.openai },
          { id: 'azure', base_url: openai.url.replace(/\/v1$/, ''), api_key: KEYS.azure, azure: { api_version: '2025-01-01-preview' } },
          { id: 'anthropic', base_url: anthropic.url, api_key: KEYS.anthropic },
          { id: 'google', base_url: gemini.geminiBaseUrl, api_key: KEYS.google },
          { id: 'google-vertex', base_url: gemini.url, vertex: { region: 'us-central1', credentials: JSON.stringify(serviceAccount) } },
          { id: 'amazon-bedrock', base_url: bedrock.url, aws: { region: 'us-west-2', access_key_id: AWS.accessKeyId, secret_access_key: AWS.secretAccessKey } },
        ],
        models: [
          { id: 'leak/openai', name: 'OpenAI', context_length: 8000, endpoints: [{ provider: 'openai', model: 'gpt-4o-mini', pricing: PRICES }] },
          { id: 'leak/azure', name: 'Azure', context_length: 8000, endpoints: [{ provider: 'azure', model: 'gpt-4o-prod', pricing: PRICES }] },
          { id: 'leak/anthropic', name: 'Anthropic', context_length: 8000, endpoints: [{ provider: 'anthropic', model: 'claude-sonnet-4-5', pricing: PRICES }] },
          { id: 'leak/google', name: 'Gemini', context_length: 8000, endpoints: [{ provider: 'google', model: 'gemini-2.5-flash', pricing: PRICES }] },
          { id: 'leak/google-vertex', name: 'Vertex', context_length: 8000, endpoints: [{ provider: 'google-vertex', model: 'gemini-2.5-flash', pricing: PRICES }] },
          { id: 'leak/amazon-bedrock', name: 'Bedrock', context_length: 8000, endpoints: [{ provider: 'amazon-bedrock', model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', pricing: PRICES }] },
        ],
      },
    });
  });
  after(async () => {
    await gateway?.close();
  });

  const leaked = (text: string) => secrets().filter((secret) => text.includes(secret));

  for (const provider of PROVIDERS) {
    it(`${provider}: echoed credentials are scrubbed in every failure shape`, async () => {
      for (const mode of ECHO_KEY_MODES) {
        const stream = mode === 'stream';
        const res = await fetch(`${gateway.baseURL}/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${gateway.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: `leak/${provider}`, stream, max_tokens: 32, messages: [{ role: 'user', content: `hello [[sim:echo_key=${mode}]]` }] }),
          signal: AbortSignal.timeout(20_000),
        });
        const text = await res.text();
        assert.ok(res.status >= 400 || /error/.test(text), `${provider} ${mode}: the failure reaches the client (${res.status} ${text.slice(0, 200)})`);
        assert.deepEqual(leaked(text), [], `${provider} ${mode}: client body ${text.slice(0, 600)}`);
      }
    });
  }

  it('the upstreams did echo them (the test would see a leak), and neither the log nor the activity shows one', async () => {
    // Vertex authenticated with a credential the test knows (a minted token or the self-signed JWT google-auth-library makes).
    assert.ok(gemini.issuedTokens.length + vertexBearers().length > 0, 'vertex presented a bearer token');
    const log = logLines.join('');
    assert.deepEqual(leaked(log), [], 'log lines');
    assert.match(log, /REDACTED|Provider returned error|Invalid response/, 'the log did see the failures');
    const activity = await fetch(`${gateway.baseURL}/activity`, { headers: { authorization: `Bearer ${gateway.adminKey}` } });
    assert.deepEqual(leaked(await activity.text()), []);
  });
});
