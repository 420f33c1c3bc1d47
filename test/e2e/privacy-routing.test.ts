import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { ECHO_PRICES, startTestStack, type TestStack } from '../support/start-test-stack.js';

/**
 * Data-policy routing: three providers on the simulator, told apart by the API key each
 * sends upstream. `sim-train` trains on prompts (US), `sim-us` retains them 30 days (US),
 * `sim-eu` is zero-data-retention in the EU.
 */
const POLICIES = {
  'sim-train': { key: 'sk-train', data_policy: { zdr: false, trains_on_data: true, retains_prompts: 365, region: 'us' } },
  'sim-us': { key: 'sk-us', data_policy: { zdr: false, trains_on_data: false, retains_prompts: 30, region: 'us' } },
  'sim-eu': { key: 'sk-eu', data_policy: { zdr: true, trains_on_data: false, retains_prompts: 0, region: 'eu' } },
} as const;

describe('privacy: data-policy routing and workspace settings', () => {
  let stack: TestStack;
  let client: OpenAI;

  before(async () => {
    stack = await startTestStack({
      config: (simUrl) => ({
        providers: Object.entries(POLICIES).map(([id, { key, data_policy }]) => ({ id, name: id.toUpperCase(), base_url: simUrl, api_key: key, data_policy })),
        models: [
          {
            id: 'priv/echo',
            name: 'Privacy echo',
            endpoints: Object.keys(POLICIES).map((provider) => ({ provider, model: 'echo-1', pricing: ECHO_PRICES })),
          },
          {
            id: 'priv/us-only',
            name: 'US only',
            endpoints: [
              { provider: 'sim-us', model: 'echo-1', pricing: ECHO_PRICES },
              { provider: 'sim-train', model: 'echo-1', pricing: ECHO_PRICES, data_policy: { zdr: true, trains_on_data: false, retains_prompts: 0 } },
            ],
          },
        ],
      }),
    });
    client = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  });
  after(() => stack.close());

  const upstreamKeysSince = (start: number) => stack.sim.requests.slice(start).map((request) => request.headers.authorization);
  const admin = (path: string, init: { method?: string; body?: unknown } = {}) =>
    fetch(`${stack.baseURL}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${stack.adminKey}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  const patchPrivacy = async (body: Record<string, unknown>) => {
    const response = await admin('/workspace/privacy', { method: 'PATCH', body });
    assert.equal(response.status, 200, await response.clone().text());
    return ((await response.json()) as { data: Record<string, unknown> }).data;
  };

  it('a trains_on_data endpoint never receives a data_collection: deny request', async () => {
    const start = stack.sim.requests.length;
    for (let i = 0; i < 12; i += 1) {
      await client.chat.completions.create({
        model: 'priv/echo',
        messages: [{ role: 'user', content: `deny ${i}` }],
        // The training endpoint is first in order; deny must still skip it.
        provider: { order: ['sim-train'], data_collection: 'deny' },
      } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    }
    const keys = upstreamKeysSince(start);
    assert.equal(keys.length, 12);
    assert.ok(!keys.includes('Bearer sk-train'), 'a deny request reached the training endpoint');
    assert.ok(!keys.includes('Bearer sk-us'), 'a deny request reached an endpoint that retains prompts');
  });

  it('an EU-only workspace never reaches a US endpoint; a model with only US endpoints is a 404 naming the constraint', async () => {
    const settings = await patchPrivacy({ allowed_regions: ['EU'] });
    assert.deepEqual(settings.allowed_regions, ['eu']);
    try {
      const start = stack.sim.requests.length;
      for (let i = 0; i < 10; i += 1) {
        const reply = await client.chat.completions.create({ model: 'priv/echo', messages: [{ role: 'user', content: `eu ${i}` }] });
        assert.equal((reply as unknown as { provider: string }).provider, 'SIM-EU');
      }
      assert.deepEqual(new Set(upstreamKeysSince(start)), new Set(['Bearer sk-eu']));
      const refused = await fetch(`${stack.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'priv/us-only', messages: [{ role: 'user', content: 'hi' }] }),
      });
      assert.equal(refused.status, 404);
      const body = (await refused.json()) as { error: { code: number; metadata: { availability: { excluded: Array<{ provider: string; reason: string }> } } } };
      assert.equal(body.error.code, 404);
      assert.deepEqual(
        body.error.metadata.availability.excluded.map((entry) => [entry.provider, entry.reason]).sort(),
        [['sim-train', 'region (workspace)'], ['sim-us', 'region (workspace)']],
      );
    } finally {
      await patchPrivacy({ allowed_regions: null });
    }
  });

  it('workspace ZDR and data-collection settings apply to every request; a request can only tighten them', async () => {
    await patchPrivacy({ data_collection: 'deny' });
    try {
      const start = stack.sim.requests.length;
      for (let i = 0; i < 6; i += 1) {
        await client.chat.completions.create({
          model: 'priv/echo',
          messages: [{ role: 'user', content: `loosen ${i}` }],
          provider: { order: ['sim-train'], data_collection: 'allow' },
        } as OpenAI.ChatCompletionCreateParamsNonStreaming);
      }
      assert.ok(!upstreamKeysSince(start).includes('Bearer sk-train'));
      await patchPrivacy({ data_collection: 'allow', enforce_zdr: true });
      // The endpoint-level override makes sim-train's endpoint of priv/us-only ZDR.
      const reply = await client.chat.completions.create({ model: 'priv/us-only', messages: [{ role: 'user', content: 'zdr' }] }, { headers: { 'X-OpenRouter-Cache': 'true' } }).withResponse();
      assert.equal((reply.data as unknown as { provider: string }).provider, 'SIM-TRAIN');
      assert.equal(reply.response.headers.get('x-openrouter-cache-status'), null, 'the response cache is off under enforced ZDR');
    } finally {
      await patchPrivacy({ data_collection: 'allow', enforce_zdr: false });
    }
  });

  it('rejects malformed settings with a 400 that names the field, and needs a management key', async () => {
    const bad = await admin('/workspace/privacy', { method: 'PATCH', body: { data_collection: 'sometimes' } });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: { message: string } }).error.message, /data_collection/);
    const asInference = await fetch(`${stack.baseURL}/workspace/privacy`, { headers: { authorization: `Bearer ${stack.apiKey}` } });
    assert.equal(asInference.status, 403);
  });

  it('lists providers with their data policy and the ZDR endpoints', async () => {
    const providers = ((await (await fetch(`${stack.baseURL}/providers`)).json()) as { data: Array<{ slug: string; data_policy: { zdr: boolean; region: string } }> }).data;
    assert.deepEqual(providers.map((provider) => provider.slug), ['sim-eu', 'sim-train', 'sim-us']);
    assert.deepEqual(providers.find((provider) => provider.slug === 'sim-eu')?.data_policy.zdr, true);
    const zdr = ((await (await fetch(`${stack.baseURL}/endpoints/zdr`)).json()) as { data: Array<{ name: string; tag: string }> }).data;
    assert.deepEqual(zdr.map((endpoint) => endpoint.name).sort(), ['SIM-EU | priv/echo', 'SIM-TRAIN | priv/us-only']);
  });
});
