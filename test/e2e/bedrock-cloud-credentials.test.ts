import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import { startAwsCredentialStandIn, type AwsCredentialStandIn } from '../../sim/aws-credentials/start-aws-credential-stand-in.js';
import { startBedrockSimulator, type BedrockSimulator } from '../../sim/bedrock/start-bedrock-simulator.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

const MODEL = 'anthropic/claude-sim-bedrock';
const UPSTREAM_MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const PRICES = { prompt: '0.000003', completion: '0.000015' } as const;
const REGION = 'us-west-2';

/**
 * The AWS SDK's credential chain reads process.env when it fetches: every suite starts from no
 * AWS_* variables, config and credentials files that do not exist, and the metadata endpoint on
 * the loopback stand-in, so nothing can leave the machine; then adds its own variables.
 */
function setAwsEnv(dir: string, standIn: AwsCredentialStandIn, vars: Record<string, string>): () => void {
  const saved = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('AWS_')));
  for (const name of Object.keys(saved)) delete process.env[name];
  Object.assign(process.env, {
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    AWS_EC2_METADATA_SERVICE_ENDPOINT: standIn.imdsEndpoint,
    AWS_METADATA_SERVICE_TIMEOUT: '5',
    AWS_ENDPOINT_URL_STS: standIn.stsEndpoint,
    ...vars,
  });
  return () => {
    for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
    Object.assign(process.env, saved);
  };
}

interface Harness {
  standIn: AwsCredentialStandIn;
  bedrock: BedrockSimulator;
  stack: TestStack;
  client: OpenAI;
  ask(text: string): Promise<OpenAI.ChatCompletion>;
  close(): Promise<void>;
}

async function startHarness(options: {
  aws: Record<string, unknown>;
  env?: (dir: string, standIn: AwsCredentialStandIn) => Record<string, string>;
  standIn?: Parameters<typeof startAwsCredentialStandIn>[0];
  /** Keys the Bedrock simulator accepts besides those the stand-in issues. */
  alsoAccepted?: Array<{ accessKeyId: string; secretAccessKey: string }>;
}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-aws-'));
  const standIn = await startAwsCredentialStandIn(options.standIn ?? {});
  standIn.accepted.push(...(options.alsoAccepted ?? []));
  const restoreEnv = setAwsEnv(dir, standIn, options.env?.(dir, standIn) ?? {});
  // Accepts exactly the credentials the stand-in issued and has not revoked (same array).
  const bedrock = await startBedrockSimulator({ credentials: standIn.accepted, region: REGION });
  const stack = await startTestStack({
    config: {
      providers: [{ id: 'amazon-bedrock', base_url: bedrock.url, aws: { region: REGION, ...options.aws } }],
      models: [{ id: MODEL, name: 'Claude (Bedrock sim)', context_length: 200000, endpoints: [{ provider: 'amazon-bedrock', model: UPSTREAM_MODEL, pricing: PRICES }] }],
    },
  });
  const client = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  return {
    standIn,
    bedrock,
    stack,
    client,
    ask: (text) => client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: text }] }),
    async close() {
      await stack.close();
      await bedrock.close();
      await standIn.close();
      restoreEnv();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const lastSigner = (bedrock: BedrockSimulator) => bedrock.requests.at(-1)?.accessKeyId;
const credentialFetches = (standIn: AwsCredentialStandIn) =>
  standIn.requests.filter((request) => request.path.startsWith('/latest/meta-data/iam/security-credentials/switchyard')).length;

describe('Bedrock with a region and no keys: EC2 instance metadata (IMDSv2), refreshed ahead of expiry and after it', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ aws: {}, standIn: { lifetimeMs: 12_000 } });
  });
  after(() => h.close());

  it('signs with the instance role credentials, session token included', async () => {
    const reply = await h.ask('hello from EC2');
    assert.equal(reply.choices[0]?.message.content, 'Echo: hello from EC2');
    const first = h.standIn.issued[0]!;
    assert.equal(first.via, 'imds');
    assert.equal(lastSigner(h.bedrock), first.accessKeyId, 'the simulator verified a SigV4 signature made with the IMDS credentials');
    assert.equal(h.bedrock.requests.at(-1)?.headers['x-amz-security-token'], first.sessionToken);
    const paths = h.standIn.requests.map((request) => `${request.method} ${request.path}`);
    assert.deepEqual(paths.slice(0, 2), ['PUT /latest/api/token', 'GET /latest/meta-data/iam/security-credentials/'], 'IMDSv2: a session token first');
    assert.ok(h.standIn.requests.slice(1).every((request) => typeof request.headers['x-aws-ec2-metadata-token'] === 'string'));
    await h.ask('again');
    assert.equal(credentialFetches(h.standIn), 1, 'cached while fresh');
  });

  it('past half its life, a request is served at once with the current credentials while the refresh runs in the background', async () => {
    const first = h.standIn.issued[0]!;
    // Due for refresh at half its 12 s life: 6 s before expiry.
    await sleep(Math.max(0, first.expiration.getTime() - 6_000 + 300 - Date.now()));
    let release!: () => void;
    h.standIn.hold = new Promise((resolve) => {
      release = resolve;
    });
    h.standIn.lifetimeMs = 3_000;
    try {
      const reply = await h.ask('during the refresh');
      assert.equal(reply.choices[0]?.message.content, 'Echo: during the refresh');
      assert.equal(lastSigner(h.bedrock), first.accessKeyId, 'not blocked on the slow metadata service');
      assert.equal(h.standIn.issued.length, 1, 'the new credentials were still being held back');
    } finally {
      release();
      h.standIn.hold = undefined;
    }
    for (let i = 0; i < 100 && h.standIn.issued.length < 2; i += 1) await sleep(20);
    assert.equal(h.standIn.issued.length, 2);
    await sleep(50);
    h.standIn.accepted.splice(h.standIn.accepted.indexOf(first), 1); // revoke the old keys
    await h.ask('after the refresh');
    assert.equal(lastSigner(h.bedrock), h.standIn.issued[1]!.accessKeyId);
  });

  it('after the credentials expired unused, the next request waits for new ones (and old ones are revoked)', async () => {
    const second = h.standIn.issued[1]!;
    await sleep(Math.max(0, second.expiration.getTime() + 100 - Date.now()));
    h.standIn.accepted.splice(h.standIn.accepted.indexOf(second), 1);
    const reply = await h.ask('after expiry');
    assert.equal(reply.choices[0]?.message.content, 'Echo: after expiry');
    assert.equal(lastSigner(h.bedrock), h.standIn.issued[2]!.accessKeyId);
    assert.equal(credentialFetches(h.standIn), 3);
  });
});

describe('Bedrock on ECS / EKS Pod Identity: container credentials endpoint', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      aws: {},
      standIn: { containerAuthorization: 'container-auth-token' },
      env: (_dir, standIn) => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: standIn.containerCredentialsUri, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'container-auth-token' }),
    });
  });
  after(() => h.close());

  it('fetches task credentials with the authorization token and signs with them', async () => {
    const reply = await h.ask('hello from a task');
    assert.equal(reply.choices[0]?.message.content, 'Echo: hello from a task');
    assert.equal(h.standIn.issued[0]?.via, 'container');
    assert.equal(h.standIn.requests[0]?.headers.authorization, 'container-auth-token');
    assert.equal(lastSigner(h.bedrock), h.standIn.issued[0]?.accessKeyId);
  });
});

describe('Bedrock on EKS with IRSA: web identity token exchanged at STS', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      aws: {},
      standIn: { webIdentityToken: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.sig' },
      env: (dir) => {
        writeFileSync(join(dir, 'token'), 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.sig');
        return { AWS_WEB_IDENTITY_TOKEN_FILE: join(dir, 'token'), AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/switchyard-irsa' };
      },
    });
  });
  after(() => h.close());

  it('calls AssumeRoleWithWebIdentity with the projected token and signs with the role credentials', async () => {
    await h.ask('hello from a pod');
    const call = h.standIn.requests.find((request) => request.form?.Action === 'AssumeRoleWithWebIdentity');
    assert.equal(call?.form?.RoleArn, 'arn:aws:iam::123456789012:role/switchyard-irsa');
    assert.equal(lastSigner(h.bedrock), h.standIn.issued[0]?.accessKeyId);
    assert.equal(h.standIn.issued[0]?.via, 'web-identity');
  });
});

describe('Bedrock with role_arn: a role assumed per provider through STS', () => {
  const BASE = { accessKeyId: 'AKIABASEKEYS00000001', secretAccessKey: 'base-secret-for-assume-role' };
  let h: Harness;
  before(async () => {
    h = await startHarness({
      aws: { role_arn: 'arn:aws:iam::123456789012:role/bedrock-invoker', role_session_name: 'switchyard-test', access_key_id: BASE.accessKeyId, secret_access_key: BASE.secretAccessKey },
      standIn: { baseCredentials: [BASE] },
    });
  });
  after(() => h.close());

  it('assumes the role with a SigV4-signed AssumeRole and calls Bedrock as the role, not with the base keys', async () => {
    await h.ask('hello as a role');
    const call = h.standIn.requests.find((request) => request.form?.Action === 'AssumeRole');
    assert.equal(call?.signedBy, BASE.accessKeyId, 'STS verified the signature made with the base keys');
    assert.equal(call?.form?.RoleArn, 'arn:aws:iam::123456789012:role/bedrock-invoker');
    assert.equal(call?.form?.RoleSessionName, 'switchyard-test');
    assert.equal(lastSigner(h.bedrock), h.standIn.issued[0]?.accessKeyId);
    await h.ask('again as a role');
    assert.equal(h.standIn.issued.length, 1, 'the assumed credentials are cached');
  });
});

describe('Bedrock with a shared-credentials profile', () => {
  const TEAM = { accessKeyId: 'AKIAPROFILEKEYS00001', secretAccessKey: 'profile-secret' };
  let h: Harness;
  before(async () => {
    h = await startHarness({
      aws: { profile: 'team' },
      alsoAccepted: [TEAM],
      env: (dir) => {
        writeFileSync(join(dir, 'credentials'), `[default]\naws_access_key_id = AKIADEFAULTKEYS00001\naws_secret_access_key = wrong\n\n[team]\naws_access_key_id = ${TEAM.accessKeyId}\naws_secret_access_key = ${TEAM.secretAccessKey}\n`, { mode: 0o600 });
        return { AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') };
      },
    });
  });
  after(() => h.close());

  it('signs with the named profile', async () => {
    await h.ask('hello from a profile');
    assert.equal(lastSigner(h.bedrock), TEAM.accessKeyId);
  });
});

describe('Bedrock with no credentials anywhere', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ aws: {}, env: () => ({ AWS_EC2_METADATA_DISABLED: 'true' }) });
  });
  after(() => h.close());

  it('answers a clear upstream error naming the credential source, and keeps serving', async () => {
    for (let i = 0; i < 2; i += 1) {
      const response = await fetch(`${h.stack.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.stack.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'no credentials' }] }),
      });
      assert.equal(response.status, 502);
      const body = (await response.json()) as { error: { code: number; message: string } };
      assert.match(body.error.message, /Could not get cloud credentials for Amazon Bedrock from AWS default credential chain/);
    }
    assert.equal(h.bedrock.requests.length, 0);
  });
});
