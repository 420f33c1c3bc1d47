import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { startGeminiSimulator, type GeminiSimulator } from '../../../sim/gemini/start-gemini-simulator.js';
import { UpstreamError } from '../../core/errors/upstream-error.js';
import type { GoogleCredentials } from '../../core/provider-types.js';
import { GoogleTokenSource } from './google-token-source.js';

describe('GoogleTokenSource', () => {
  let sim: GeminiSimulator;
  let credentials: GoogleCredentials;
  before(async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    sim = await startGeminiSimulator({ serviceAccountPublicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string, tokenTtlSeconds: 3600 });
    credentials = {
      type: 'service_account',
      clientEmail: 'sa@p.iam.gserviceaccount.com',
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      privateKeyId: 'k1',
      tokenUri: sim.tokenUrl,
      projectId: 'p',
    };
  });
  after(() => sim.close());

  it('fetches once for concurrent callers, reuses the token, and refreshes five minutes before expiry', async () => {
    sim.reset();
    let now = 1_000_000;
    const source = new GoogleTokenSource(credentials, { now: () => now });
    const tokens = await Promise.all([source.getToken('V'), source.getToken('V'), source.getToken('V')]);
    assert.deepEqual(tokens, ['ya29.sim-token-1', 'ya29.sim-token-1', 'ya29.sim-token-1']);
    assert.equal(sim.issuedTokens.length, 1);
    now += 54 * 60_000;
    assert.equal(await source.getToken('V'), 'ya29.sim-token-1', 'still fresh at 54 minutes');
    assert.equal(sim.issuedTokens.length, 1);
    now += 2 * 60_000; // 56 minutes: due for refresh, still valid
    assert.equal(await source.getToken('V'), 'ya29.sim-token-1', 'the valid token is served while the refresh runs');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(sim.issuedTokens.length, 2);
    assert.equal(await source.getToken('V'), 'ya29.sim-token-2');
    now += 61 * 60_000; // token 2 expired: callers wait for the new one
    assert.equal(await source.getToken('V'), 'ya29.sim-token-3');
  });

  it('signs an RS256 JWT the token endpoint verifies, with scope, audience and kid', async () => {
    sim.reset();
    await new GoogleTokenSource(credentials).getToken('V');
    const grant = sim.requests.at(-1)?.body as Record<string, string>;
    const [header, claims] = grant.assertion!.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>);
    assert.deepEqual(header, { alg: 'RS256', typ: 'JWT', kid: 'k1' });
    assert.equal(claims?.scope, 'https://www.googleapis.com/auth/cloud-platform');
    assert.equal(claims?.aud, sim.tokenUrl);
    assert.equal((claims?.exp as number) - (claims?.iat as number), 3600);
  });

  it('reports refused credentials as a retryable upstream error without leaking the key', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const wrong = { ...credentials, privateKey: other } as GoogleCredentials;
    await assert.rejects(new GoogleTokenSource(wrong).getToken('Google Vertex'), (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.equal(error.retryable, true);
      assert.equal(error.status, 502);
      assert.match(error.message, /Google Vertex.*invalid_grant: Invalid JWT Signature/);
      assert.doesNotMatch(error.message, /PRIVATE KEY/);
      return true;
    });
  });

  it('exchanges an authorized_user refresh token', async () => {
    sim.reset();
    const user: GoogleCredentials = { type: 'authorized_user', clientId: 'c', clientSecret: 's', refreshToken: 'r', tokenUri: sim.tokenUrl, projectId: 'p' };
    await assert.rejects(new GoogleTokenSource(user).getToken('V'), /unsupported_grant_type/, 'the simulator only speaks the JWT grant');
    assert.deepEqual(sim.requests.at(-1)?.body, { grant_type: 'refresh_token', client_id: 'c', client_secret: 's', refresh_token: 'r' });
  });
});
