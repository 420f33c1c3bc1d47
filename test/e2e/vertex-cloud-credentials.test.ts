import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import { startGoogleCredentialStandIn, type GoogleCredentialStandIn } from '../../sim/google-credentials/start-google-credential-stand-in.js';
import { startGeminiSimulator, type GeminiSimulator } from '../../sim/gemini/start-gemini-simulator.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

const MODEL = 'google/gemini-2.5-flash';
const AUDIENCE = '//iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/switchyard/providers/k8s';
const SERVICE_ACCOUNT = 'switchyard@sy-wif.iam.gserviceaccount.com';
const USER = { clientId: 'user-client.apps.googleusercontent.com', clientSecret: 'user-client-secret', refreshToken: '1//user-refresh-token' };
/** Variables google-auth-library reads; every suite starts without them. */
const GOOGLE_ENV = ['GOOGLE_APPLICATION_CREDENTIALS', 'GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT', 'GCE_METADATA_HOST', 'GCE_METADATA_IP', 'METADATA_SERVER_DETECTION', 'CLOUDSDK_CONFIG', 'GOOGLE_CLOUD_QUOTA_PROJECT'];

interface Harness {
  standIn: GoogleCredentialStandIn;
  gemini: GeminiSimulator;
  stack: TestStack;
  dir: string;
  ask(text: string): Promise<OpenAI.ChatCompletion>;
  /** The bearer of the last Vertex request and its path. */
  last(): { bearer: string | undefined; path: string | undefined };
  close(): Promise<void>;
}

/**
 * A gateway with one `google-vertex` provider on the Gemini simulator, the Google credential
 * stand-in on loopback as metadata server (GCE_METADATA_HOST), STS, IAM Credentials and OAuth
 * token endpoint, and gcloud's config folder empty: nothing can leave the machine.
 */
async function startHarness(options: {
  vertex: (dir: string, standIn: GoogleCredentialStandIn) => Record<string, unknown>;
  env?: Record<string, string>;
  standIn?: Omit<Parameters<typeof startGoogleCredentialStandIn>[0], 'onIssue'>;
}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-gcp-'));
  const saved = Object.fromEntries(GOOGLE_ENV.map((name) => [name, process.env[name]]));
  for (const name of GOOGLE_ENV) delete process.env[name];
  const gemini = await startGeminiSimulator();
  const standIn = await startGoogleCredentialStandIn({ ...options.standIn, onIssue: (token) => gemini.issuedTokens.push(token) });
  Object.assign(process.env, { CLOUDSDK_CONFIG: dir, GCE_METADATA_HOST: standIn.metadataHost, ...options.env });
  const vertex = options.vertex(dir, standIn);
  const stack = await startTestStack({ extraProviders: () => [{ id: 'google-vertex', base_url: gemini.url, vertex }] });
  const client = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  const vertexRequests = () => gemini.requests.filter((request) => request.path.startsWith('/v1/projects/'));
  return {
    standIn,
    gemini,
    stack,
    dir,
    ask: (text) => client.chat.completions.create({ model: MODEL, provider: { only: ['google-vertex'] }, messages: [{ role: 'user', content: text }] } as OpenAI.ChatCompletionCreateParamsNonStreaming),
    last: () => {
      const request = vertexRequests().at(-1);
      return { bearer: request ? String(request.headers.authorization ?? '').replace(/^Bearer /, '') : undefined, path: request?.path };
    },
    async close() {
      await stack.close();
      await standIn.close();
      await gemini.close();
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const revoke = (gemini: GeminiSimulator, token: string) => gemini.issuedTokens.splice(gemini.issuedTokens.indexOf(token), 1);

describe('Vertex with a region and no credentials: ADC from the metadata server (GCE, GKE, Cloud Run)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ vertex: () => ({ region: 'us-central1' }), standIn: { projectId: 'sy-metadata-project', lifetimeSeconds: 20 } });
  });
  after(() => h.close());

  it('gets the token and the project from the metadata server (Metadata-Flavor checked)', async () => {
    const reply = await h.ask('hello from GKE');
    assert.equal(reply.choices[0]?.message.content, 'Echo: hello from GKE');
    const first = h.standIn.issued[0]!;
    assert.equal(first.via, 'metadata');
    assert.deepEqual(h.last(), { bearer: first.token, path: '/v1/projects/sy-metadata-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent' });
    assert.ok(h.standIn.requests.every((request) => request.headers['metadata-flavor'] === 'Google'));
    await h.ask('again');
    assert.equal(h.standIn.issued.length, 1, 'cached while fresh');
  });

  it('past half its life, a request is served at once with the current token while the refresh runs in the background', async () => {
    const first = h.standIn.issued[0]!;
    // Due for refresh at half its 20 s life: 10 s before expiry.
    await sleep(Math.max(0, first.expiresAt.getTime() - 10_000 + 300 - Date.now()));
    let release!: () => void;
    h.standIn.hold = new Promise((resolve) => {
      release = resolve;
    });
    h.standIn.lifetimeSeconds = 3;
    try {
      const reply = await h.ask('during the refresh');
      assert.equal(reply.choices[0]?.message.content, 'Echo: during the refresh');
      assert.equal(h.last().bearer, first.token, 'not blocked on the slow metadata server');
      assert.equal(h.standIn.issued.length, 1);
    } finally {
      release();
      h.standIn.hold = undefined;
    }
    for (let i = 0; i < 100 && h.standIn.issued.length < 2; i += 1) await sleep(20);
    assert.equal(h.standIn.issued.length, 2);
    await sleep(50);
    revoke(h.gemini, first.token);
    await h.ask('after the refresh');
    assert.equal(h.last().bearer, h.standIn.issued[1]!.token);
  });

  it('after the token expired unused, the next request waits for a new one (the old one revoked)', async () => {
    const second = h.standIn.issued[1]!;
    await sleep(Math.max(0, second.expiresAt.getTime() + 100 - Date.now()));
    revoke(h.gemini, second.token);
    const reply = await h.ask('after expiry');
    assert.equal(reply.choices[0]?.message.content, 'Echo: after expiry');
    assert.equal(h.last().bearer, h.standIn.issued[2]!.token);
  });
});

describe('Vertex with workload identity federation and service-account impersonation', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      standIn: { subjectToken: 'eyJhbGciOiJSUzI1NiJ9.k8s-projected-token.sig', audience: AUDIENCE },
      vertex: (dir, standIn) => {
        writeFileSync(join(dir, 'oidc-token'), 'eyJhbGciOiJSUzI1NiJ9.k8s-projected-token.sig');
        const config = {
          type: 'external_account',
          audience: AUDIENCE,
          subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
          token_url: standIn.stsTokenUrl,
          credential_source: { file: join(dir, 'oidc-token') },
          service_account_impersonation_url: standIn.impersonationUrl(SERVICE_ACCOUNT),
        };
        writeFileSync(join(dir, 'wif.json'), JSON.stringify(config), { mode: 0o600 });
        return { project: 'sy-wif', region: 'europe-west4', credentials: join(dir, 'wif.json') };
      },
    });
  });
  after(() => h.close());

  it('exchanges the workload token at STS, impersonates the service account and calls Vertex as it', async () => {
    const reply = await h.ask('hello from another cloud');
    assert.equal(reply.choices[0]?.message.content, 'Echo: hello from another cloud');
    const [sts, iam] = h.standIn.requests;
    assert.equal(sts?.path, '/v1/token');
    assert.equal(sts?.body?.subject_token, 'eyJhbGciOiJSUzI1NiJ9.k8s-projected-token.sig');
    assert.equal(sts?.body?.audience, AUDIENCE);
    assert.equal(iam?.path, `/v1/projects/-/serviceAccounts/${SERVICE_ACCOUNT}:generateAccessToken`);
    assert.equal(iam?.headers.authorization, `Bearer ${h.standIn.issued[0]?.token}`, 'IAM was called with the STS token');
    const impersonated = h.standIn.issued[1]!;
    assert.equal(impersonated.via, 'impersonation');
    assert.deepEqual(h.last(), { bearer: impersonated.token, path: '/v1/projects/sy-wif/locations/europe-west4/publishers/google/models/gemini-2.5-flash:generateContent' });
  });
});

describe('Vertex with user credentials (authorized_user, as gcloud auth application-default login writes)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      standIn: { refreshToken: USER },
      vertex: (dir, standIn) => {
        const file = join(dir, 'adc.json');
        const json = { type: 'authorized_user', client_id: USER.clientId, client_secret: USER.clientSecret, refresh_token: USER.refreshToken, token_uri: standIn.oauthTokenUrl, quota_project_id: 'sy-user-project' };
        writeFileSync(file, JSON.stringify(json), { mode: 0o600 });
        return { region: 'us-east5', credentials: file };
      },
    });
  });
  after(() => h.close());

  it('refreshes the user token and uses the quota project', async () => {
    await h.ask('hello from a laptop');
    assert.equal(h.standIn.issued[0]?.via, 'refresh-token');
    assert.deepEqual(h.last(), { bearer: h.standIn.issued[0]?.token, path: '/v1/projects/sy-user-project/locations/us-east5/publishers/google/models/gemini-2.5-flash:generateContent' });
  });

  it('a token Vertex refuses (revoked) is dropped: 502 once, then a new token is fetched', async () => {
    revoke(h.gemini, h.standIn.issued[0]!.token);
    const refused = await fetch(`${h.stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, provider: { only: ['google-vertex'] }, messages: [{ role: 'user', content: 'revoked' }] }),
    });
    assert.equal(refused.status, 502);
    await h.ask('with a new token');
    assert.equal(h.standIn.issued.length, 2);
    assert.equal(h.last().bearer, h.standIn.issued[1]?.token);
  });
});

describe('Vertex with no Google credentials anywhere', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ vertex: () => ({ project: 'p', region: 'us-central1' }), env: { METADATA_SERVER_DETECTION: 'none' } });
  });
  after(() => h.close());

  it('answers a clear upstream error naming ADC, never a crash, and nothing reaches Vertex', async () => {
    const response = await fetch(`${h.stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, provider: { only: ['google-vertex'] }, messages: [{ role: 'user', content: 'no credentials' }] }),
    });
    assert.equal(response.status, 502);
    const body = (await response.json()) as { error: { message: string } };
    assert.match(body.error.message, /Could not get cloud credentials for Google Vertex from Google Application Default Credentials: Could not load the default credentials/);
    assert.equal(h.last().path, undefined);
  });
});
