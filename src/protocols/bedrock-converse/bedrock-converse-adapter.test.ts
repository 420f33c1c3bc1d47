import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { ChatRequest } from '../../core/canonical/chat-request.js';
import { UpstreamError } from '../../core/errors/upstream-error.js';
import type { AwsCredentials, CloudCredential, Provider } from '../../core/provider-types.js';
import { verifyAuthorization } from '../../../sim/bedrock/verify-sigv4.js';
import { bedrockConverseAdapter, encodeModelId } from './bedrock-converse-adapter.js';

const CREDENTIALS = { accessKeyId: 'AKIAUNITTEST00000001', secretAccessKey: 'unit-secret' };
const ARN = 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0';
const request = { messages: [{ role: 'user', content: 'hi' }] } as ChatRequest;

function provider(overrides: Partial<Provider> = {}): Provider {
  return {
    id: 'amazon-bedrock',
    name: 'Amazon Bedrock',
    protocol: 'bedrock',
    baseUrl: 'http://127.0.0.1:4010',
    apiKey: undefined,
    headers: {},
    dataPolicy: { zdr: true, trainsOnData: false, retainsPromptsDays: 0, region: 'us', moderated: false },
    timeouts: { connectMs: 1, firstByteMs: 1, idleMs: 1, totalMs: 1 },
    local: false,
    aws: { region: 'us-east-1', credentials: CREDENTIALS },
    ...overrides,
  };
}

async function verify(call: { url: string; headers: Record<string, string>; body: string }) {
  const url = new URL(call.url);
  return verifyAuthorization({ method: 'POST', rawPath: url.pathname, headers: call.headers, body: call.body, credentials: CREDENTIALS, region: 'us-east-1' });
}

describe('bedrockConverseAdapter.buildCall', () => {
  it('encodes the model id as one path segment, as the AWS SDK does', () => {
    assert.equal(encodeModelId('anthropic.claude-3-haiku-20240307-v1:0'), 'anthropic.claude-3-haiku-20240307-v1%3A0');
    assert.equal(
      encodeModelId(ARN),
      'arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-3-5-haiku-20241022-v1%3A0',
    );
    assert.equal(encodeModelId("custom(model)!'*"), 'custom%28model%29%21%27%2A');
  });

  it('signs with SigV4 over the double-encoded path, which a strict verifier accepts', async () => {
    for (const stream of [false, true]) {
      const call = await bedrockConverseAdapter.buildCall({ request, provider: provider(), upstreamModel: ARN, stream });
      assert.equal(call.url, `http://127.0.0.1:4010/model/${encodeModelId(ARN)}/${stream ? 'converse-stream' : 'converse'}`);
      assert.match(call.headers.authorization ?? '', /^AWS4-HMAC-SHA256 Credential=AKIAUNITTEST00000001\/\d{8}\/us-east-1\/bedrock\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/);
      assert.deepEqual(await verify(call), { ok: true, kind: 'sigv4', accessKeyId: CREDENTIALS.accessKeyId });
    }
  });

  it('a signature over the singly-encoded path (the classic bug) is refused by the same verifier', async () => {
    const call = await bedrockConverseAdapter.buildCall({ request, provider: provider(), upstreamModel: ARN, stream: false });
    const url = new URL(call.url);
    const naive = new SignatureV4({
      service: 'bedrock',
      region: 'us-east-1',
      credentials: CREDENTIALS,
      sha256: class extends Hash {
        constructor(secret?: ConstructorParameters<typeof Hash>[1]) {
          super('sha256', secret);
        }
      },
      uriEscapePath: false,
      applyChecksum: false,
    });
    const { authorization: _auth, 'x-amz-date': _date, ...unsigned } = call.headers;
    const signed = await naive.sign(new HttpRequest({ method: 'POST', hostname: url.hostname, port: Number(url.port), path: url.pathname, headers: unsigned, body: call.body }));
    assert.notEqual(signed.headers.authorization, call.headers.authorization);
    const check = await verify({ ...call, headers: signed.headers });
    assert.equal(check.ok, false);
    assert.match(check.ok ? '' : check.message, /signature we calculated does not match/);
  });

  it('signs the session token of temporary credentials', async () => {
    const temporary = provider({ aws: { region: 'us-east-1', credentials: { ...CREDENTIALS, sessionToken: 'session-token-xyz' } } });
    const call = await bedrockConverseAdapter.buildCall({ request, provider: temporary, upstreamModel: 'amazon.nova-micro-v1:0', stream: false });
    assert.equal(call.headers['x-amz-security-token'], 'session-token-xyz');
    assert.match(call.headers.authorization ?? '', /SignedHeaders=[^,]*x-amz-security-token/);
    assert.deepEqual(await verify(call), { ok: true, kind: 'sigv4', accessKeyId: CREDENTIALS.accessKeyId });
  });

  it('uses a Bedrock API key as a bearer token when one is set', async () => {
    const call = await bedrockConverseAdapter.buildCall({ request, provider: provider({ apiKey: 'bedrock-key' }), upstreamModel: 'amazon.nova-micro-v1:0', stream: true });
    assert.equal(call.headers.authorization, 'Bearer bedrock-key');
    assert.equal(call.headers.accept, 'application/vnd.amazon.eventstream');
    assert.equal(call.headers['x-amz-date'], undefined);
  });

  it('without credentials the attempt fails over instead of sending an unsigned request', async () => {
    await assert.rejects(
      async () => bedrockConverseAdapter.buildCall({ request, provider: provider({ aws: { region: 'us-east-1' } }), upstreamModel: 'm', stream: false }),
      (error: unknown) => error instanceof UpstreamError && error.retryable,
    );
  });

  it('with a credential source, signs with what it returns now (rotated keys too) and refreshes through it', async () => {
    let current = { ...CREDENTIALS, sessionToken: 'token-1' };
    const source: CloudCredential<AwsCredentials> = {
      source: 'test chain',
      get: async () => current,
      invalidate: () => undefined,
      status: () => ({ source: 'test chain', resolvedVia: null, state: 'valid', expiresAt: null, lastError: null, lastRefresh: null }),
    };
    const chained = provider({ aws: { region: 'us-east-1', credentialSource: source } });
    const first = await bedrockConverseAdapter.buildCall({ request, provider: chained, upstreamModel: 'amazon.nova-micro-v1:0', stream: false });
    assert.equal(first.headers['x-amz-security-token'], 'token-1');
    assert.deepEqual(await verify(first), { ok: true, kind: 'sigv4', accessKeyId: CREDENTIALS.accessKeyId });
    current = { accessKeyId: 'ASIAROTATED000000002', secretAccessKey: 'rotated-secret', sessionToken: 'token-2' };
    const second = await bedrockConverseAdapter.buildCall({ request, provider: chained, upstreamModel: 'amazon.nova-micro-v1:0', stream: false });
    assert.match(second.headers.authorization ?? '', /Credential=ASIAROTATED000000002\//);
    assert.equal(second.headers['x-amz-security-token'], 'token-2');
  });

  it('a credential source that fails is a retryable upstream error naming the source, never a crash', async () => {
    const source: CloudCredential<AwsCredentials> = {
      source: 'AWS default credential chain',
      get: () => Promise.reject(new Error('AWS default credential chain: Could not load credentials from any providers')),
      invalidate: () => undefined,
      status: () => ({ source: 'AWS default credential chain', resolvedVia: null, state: 'failed', expiresAt: null, lastError: 'x', lastRefresh: null }),
    };
    await assert.rejects(
      Promise.resolve(bedrockConverseAdapter.buildCall({ request, provider: provider({ aws: { region: 'us-east-1', credentialSource: source } }), upstreamModel: 'm', stream: false })),
      (error: unknown) =>
        error instanceof UpstreamError &&
        error.retryable &&
        error.message === 'Could not get cloud credentials for Amazon Bedrock from AWS default credential chain: Could not load credentials from any providers',
    );
  });
});
