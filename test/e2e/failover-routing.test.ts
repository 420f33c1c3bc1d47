import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readSse } from '../support/read-sse.js';
import { seededRandom } from '../support/routing-fixtures.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

const MODEL = 'rt/model';
const perM = (usd: number) => ({ prompt: (usd / 1e6).toFixed(9), completion: (usd / 1e6).toFixed(9) });

describe('routing through the HTTP API', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack({
      random: seededRandom(2024),
      config: (simUrl: string) => ({
        routing: { outage_window_ms: 30_000 },
        providers: [
          { id: 'cheap', name: 'Cheap', base_url: simUrl, api_key: 'sk-cheap' },
          { id: 'dear', name: 'Dear', base_url: simUrl, api_key: 'sk-dear' },
        ],
        models: [{ id: MODEL, context_length: 32000, endpoints: [{ provider: 'cheap', model: 'echo-1', pricing: perM(1) }, { provider: 'dear', model: 'echo-1', pricing: perM(2) }] }],
      }),
    });
  });
  after(() => stack.close());

  const chat = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ model: MODEL, ...body }),
    });

  it('load balancing: a $1 endpoint gets ~4× the traffic of a $2 one (1/price²)', async () => {
    let cheap = 0;
    const total = 200;
    for (let i = 0; i < total; i += 20) {
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, j) => chat({ messages: [{ role: 'user', content: `weigh ${i + j}` }] }).then((r) => r.json() as Promise<{ provider: string }>)),
      );
      cheap += replies.filter((reply) => reply.provider === 'Cheap').length;
    }
    const share = cheap / total;
    assert.ok(Math.abs(share - 0.8) < 0.08, `cheap share ${share} (expected 0.8)`);
  });

  it('sticky routing: one conversation stays on its endpoint; provider.order overrides', async () => {
    const providers = new Set<string>();
    for (let i = 0; i < 12; i += 1) {
      const reply = (await (await chat({ session_id: 'conv-1', messages: [{ role: 'user', content: `turn ${i}` }] })).json()) as { provider: string };
      providers.add(reply.provider);
    }
    assert.equal(providers.size, 1, `one endpoint for the session, got ${[...providers].join(', ')}`);
    const stuck = [...providers][0] as string;
    const other = stuck === 'Cheap' ? 'dear' : 'cheap';
    const ordered = (await (await chat({ session_id: 'conv-1', provider: { order: [other] }, messages: [{ role: 'user', content: 'x' }] })).json()) as { provider: string };
    assert.equal(ordered.provider.toLowerCase(), other);
  });

  it('X-OpenRouter-Metadata: enabled explains the route in JSON, in the final stream chunk and in errors', async () => {
    const headers = { 'x-openrouter-metadata': 'enabled' };
    const json = (await (await chat({ messages: [{ role: 'user', content: 'explain' }], provider: { ignore: ['dear'] } }, headers)).json()) as {
      openrouter_metadata: { requested: string; strategy: string; attempts: Array<{ provider: string; status: number }>; endpoints: { available: Array<{ provider: string; selected: boolean }>; excluded: Array<{ provider: string; reason: string }> } };
    };
    const meta = json.openrouter_metadata;
    assert.equal(meta.requested, MODEL);
    assert.equal(meta.strategy, 'direct');
    assert.deepEqual(meta.attempts.map((a) => [a.provider, a.status]), [['Cheap', 200]]);
    assert.deepEqual(meta.endpoints.available, [{ provider: 'cheap', model: MODEL, selected: true }]);
    assert.deepEqual(meta.endpoints.excluded, [{ model: MODEL, provider: 'dear', reason: 'provider.ignore' }]);

    const plain = (await (await chat({ messages: [{ role: 'user', content: 'explain' }] })).json()) as Record<string, unknown>;
    assert.equal(plain.openrouter_metadata, undefined, 'only on request');

    const streamed = await readSse(await chat({ stream: true, messages: [{ role: 'user', content: 'explain stream' }] }, headers));
    const last = streamed.chunks.at(-1) as { choices: unknown[]; openrouter_metadata?: { attempts: unknown[] } };
    assert.deepEqual(last.choices, []);
    assert.equal(last.openrouter_metadata?.attempts.length, 1);

    const failed = await chat({ messages: [{ role: 'user', content: 'x' }], provider: { only: ['nobody'] } }, headers);
    assert.equal(failed.status, 404);
    const body = (await failed.json()) as { error: { metadata: { availability: { excluded_by: string[] } } }; openrouter_metadata: { endpoints: { excluded: unknown[] } } };
    assert.deepEqual(body.error.metadata.availability.excluded_by, ['provider.only']);
    assert.equal(body.openrouter_metadata.endpoints.excluded.length, 2);
  });

  it('provider filters through the API: max_price → 404 naming the filter; a bad sort → 400', async () => {
    const priced = await chat({ messages: [{ role: 'user', content: 'x' }], provider: { max_price: { prompt: 1.5 } } });
    assert.equal(((await priced.json()) as { provider: string }).provider, 'Cheap');
    const none = await chat({ messages: [{ role: 'user', content: 'x' }], provider: { max_price: { prompt: 0.5 } } });
    assert.equal(none.status, 404);
    const why = (await none.json()) as { error: { metadata: { availability: { excluded_by: string[]; excluded: Array<{ reason: string }> } } } };
    assert.deepEqual(why.error.metadata.availability.excluded_by, ['provider.max_price']);
    const bad = await chat({ messages: [{ role: 'user', content: 'x' }], provider: { sort: 'fastest' } });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: { message: string } }).error.message, /provider\.sort/);
    const floor = await chat({ model: `${MODEL}:floor`, messages: [{ role: 'user', content: 'floor' }] });
    assert.equal(((await floor.json()) as { provider: string }).provider, 'Cheap');
  });
});
