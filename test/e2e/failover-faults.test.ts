import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI, { APIError } from 'openai';
import type { SimFault } from '../../sim/openai/openai-sim-types.js';
import { seededRandom } from '../support/routing-fixtures.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

const MODEL = 'fo/model';
const DEADLINE_MS = 4000;
const MAX_ATTEMPTS = 6;
const perM = (usd: number) => ({ prompt: (usd / 1e6).toFixed(9), completion: (usd / 1e6).toFixed(9) });

/** Four providers on one simulator, told apart by their API keys; p1 cheapest, p4 dearest. */
function failoverConfig(extra: Record<string, unknown> = {}) {
  return (simUrl: string) => ({
    max_attempts: MAX_ATTEMPTS,
    request_deadline_ms: DEADLINE_MS,
    default_timeouts: { connect_ms: 500, first_byte_ms: 600, idle_ms: 1000, total_ms: 3000 },
    routing: { outage_window_ms: 30_000, circuit_breaker: { enabled: true } },
    providers: [1, 2, 3, 4].map((n) => ({ id: `p${n}`, name: `P${n}`, base_url: simUrl, api_key: `sk-p${n}` })),
    models: [
      { id: MODEL, context_length: 32000, endpoints: [1, 2, 3, 4].map((n) => ({ provider: `p${n}`, model: 'echo-1', pricing: perM(n) })) },
      { id: 'fo/backup', context_length: 32000, endpoints: [{ provider: 'p4', model: 'echo-2', pricing: perM(10) }] },
    ],
    ...extra,
  });
}

/** Which providers the simulator saw, in order (by bearer key). */
const seen = (stack: TestStack) => stack.sim.requests.map((request) => String(request.headers.authorization).replace('Bearer sk-', ''));

async function generation(stack: TestStack, id: string): Promise<{ provider_name: string; model: string; provider_responses: Array<{ provider_name: string; status: number }> }> {
  const response = await fetch(`${stack.baseURL}/generation?id=${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${stack.apiKey}` } });
  assert.equal(response.status, 200);
  return ((await response.json()) as { data: Awaited<ReturnType<typeof generation>> }).data;
}

describe('failover under random faults (all endpoints but one failing)', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack({ config: failoverConfig(), random: seededRandom(1) });
    const random = seededRandom(99);
    const faults = (streamed: boolean): SimFault[] => [
      { status: 500 },
      { status: 503 },
      { status: 529 },
      { status: 429, retry_after: 1 },
      { reset: true },
      { delay: 2000 }, // slow first byte: past the 600 ms first-byte timeout
      ...(streamed ? [] : [{ malformed: true }]), // a malformed stream chunk comes after the first event
    ];
    for (const n of [1, 2, 3]) {
      stack.sim.setKeyFault(`sk-p${n}`, ({ body }) => {
        const list = faults(body.stream === true);
        return list[Math.floor(random() * list.length)];
      });
    }
  });
  after(() => stack.close());

  it('every request succeeds from P4, within its deadline, with bounded attempts', async () => {
    const client = new OpenAI({ baseURL: stack.baseURL, apiKey: stack.apiKey, maxRetries: 0 });
    const run = async (i: number) => {
      const started = Date.now();
      const streamed = i % 3 === 0;
      let id: string;
      if (streamed) {
        const stream = await client.chat.completions.create({ model: MODEL, stream: true, messages: [{ role: 'user', content: `request ${i}` }] });
        let text = '';
        id = '';
        for await (const chunk of stream) {
          id = chunk.id;
          text += chunk.choices[0]?.delta.content ?? '';
        }
        assert.equal(text, `Echo: request ${i}`);
      } else {
        const reply = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: `request ${i}` }] });
        assert.equal(reply.choices[0]?.message.content, `Echo: request ${i}`);
        assert.equal((reply as unknown as { provider: string }).provider, 'P4');
        id = reply.id;
      }
      const elapsed = Date.now() - started;
      assert.ok(elapsed < DEADLINE_MS + 2000, `request ${i} took ${elapsed} ms`);
      return id;
    };
    const ids: string[] = [];
    for (let batch = 0; batch < 6; batch += 1) ids.push(...(await Promise.all([0, 1, 2, 3, 4].map((j) => run(batch * 5 + j)))));
    let failovers = 0;
    for (const id of ids) {
      const record = await generation(stack, id);
      assert.equal(record.provider_name, 'P4');
      assert.ok(record.provider_responses.length <= MAX_ATTEMPTS, `${record.provider_responses.length} attempts`);
      assert.equal(record.provider_responses.at(-1)?.status, 200);
      if (record.provider_responses.length > 1) failovers += 1;
    }
    assert.ok(failovers > 0, 'some requests failed over');
  });

  it('the endpoints listing and /metrics show the failing endpoints degraded and P4 healthy', async () => {
    const response = await fetch(`${stack.baseURL}/models/${MODEL}/endpoints`);
    const { data } = (await response.json()) as { data: { endpoints: Array<{ tag: string; status: number; uptime_last_5m: number | null; latency_last_30m: { p50: number } | null }> } };
    const byTag = new Map(data.endpoints.map((endpoint) => [endpoint.tag, endpoint]));
    assert.equal(byTag.get('p4')?.uptime_last_5m, 100);
    assert.equal(byTag.get('p4')?.status, 0);
    assert.ok((byTag.get('p4')?.latency_last_30m?.p50 ?? -1) >= 0);
    const failing = ['p1', 'p2', 'p3'].map((tag) => byTag.get(tag)).filter((endpoint) => endpoint?.uptime_last_5m !== null);
    assert.ok(failing.length > 0);
    for (const endpoint of failing) assert.ok((endpoint?.status ?? 0) < 0, `${endpoint?.tag} status ${endpoint?.status}`);
    const metrics = await (await fetch(`${stack.gateway.url}/metrics`)).text();
    assert.match(metrics, /switchyard_endpoint_attempts_total\{provider="p4",model="fo\/model",outcome="success"\} [1-9]/);
    assert.match(metrics, /switchyard_endpoint_uptime_ratio\{provider="p4",model="fo\/model",window="5m"\} 1/);
  });
});

describe('failover edges', () => {
  let stack: TestStack;
  let clock = 1_800_000_000_000;
  before(async () => {
    stack = await startTestStack({ config: failoverConfig(), routingNow: () => clock });
  });
  after(() => stack.close());
  let turn = 0;
  // A new conversation each time, so sticky routing does not pin the previous endpoint.
  const chat = (body: Record<string, unknown>) =>
    fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: `hi ${(turn += 1)}` }], ...body }),
    });

  it('all endpoints failing → the last error, every attempt listed', async () => {
    stack.sim.reset();
    for (const n of [1, 2, 3, 4]) stack.sim.setKeyFault(`sk-p${n}`, { status: n === 4 ? 502 : 500 });
    const response = await chat({});
    assert.equal(response.status, 502);
    const body = (await response.json()) as { error: { code: number; metadata: { provider_name: string; previous_errors: Array<{ provider: string; status: number }> } } };
    assert.equal(body.error.code, 502);
    assert.equal(body.error.metadata.provider_name, 'P4');
    assert.deepEqual(body.error.metadata.previous_errors.map((e) => [e.provider, e.status]), [['P1', 500], ['P2', 500], ['P3', 500], ['P4', 502]]);
    const record = await generation(stack, response.headers.get('x-generation-id') ?? '');
    assert.deepEqual(record.provider_responses.map((r) => r.status), [500, 500, 500, 502]);
    stack.sim.reset();
    clock += 60 * 60_000; // past every outage window and breaker cooldown
  });

  it('allow_fallbacks: false → the ordered upstream\'s own error', async () => {
    stack.sim.reset();
    stack.sim.setKeyFault('sk-p2', { status: 503 });
    const response = await chat({ provider: { order: ['p2'], allow_fallbacks: false } });
    assert.equal(response.status, 503);
    assert.deepEqual(seen(stack), ['p2']);
    stack.sim.reset();
    clock += 60 * 60_000;
  });

  it('Retry-After is honoured before retrying the same (only) endpoint', async () => {
    stack.sim.reset();
    stack.sim.enqueueFault({ status: 429, retry_after: 1 });
    const started = Date.now();
    const response = await chat({ provider: { only: ['p3'] } });
    assert.equal(response.status, 200);
    assert.ok(Date.now() - started >= 900, 'waited for Retry-After');
    assert.deepEqual(seen(stack), ['p3', 'p3']);
    stack.sim.reset();
    clock += 60 * 60_000;
  });

  it('an outage moves the endpoint last for 30 s; the window expiring brings it back', async () => {
    stack.sim.reset();
    stack.sim.enqueueFault({ status: 500 }); // p1 (cheapest, drawn first with random 0) fails once
    assert.equal((await chat({})).status, 200);
    assert.deepEqual(seen(stack), ['p1', 'p2']);
    clock += 10_000;
    stack.sim.reset();
    assert.equal(((await (await chat({})).json()) as { provider: string }).provider, 'P2', 'p1 is unstable: tried last');
    clock += 25_000;
    stack.sim.reset();
    assert.equal(((await (await chat({})).json()) as { provider: string }).provider, 'P1', '35 s later p1 is back');
  });

  it('model fallbacks: a model failing with a non-retryable error hands over to the next; billed at its price', async () => {
    stack.sim.reset();
    for (const n of [1, 2, 3]) stack.sim.setKeyFault(`sk-p${n}`, { context: true });
    stack.sim.setKeyFault('sk-p4', ({ body }) => (body.model === 'echo-1' ? { context: true } : undefined));
    const client = new OpenAI({ baseURL: stack.baseURL, apiKey: stack.apiKey, maxRetries: 0 });
    const reply = await client.chat.completions.create({ model: MODEL, models: ['fo/backup'], messages: [{ role: 'user', content: 'hi' }] } as never);
    assert.equal(reply.model, 'fo/backup');
    const usage = reply.usage as unknown as { prompt_tokens: number; completion_tokens: number; cost: number };
    assert.ok(Math.abs(usage.cost - ((usage.prompt_tokens + usage.completion_tokens) * 10) / 1e6) < 1e-12, `cost ${usage.cost}`);
    // A 400 skips the rest of that model's endpoints: one attempt on fo/model, then fo/backup.
    assert.equal(seen(stack).length, 2);
    const error = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    assert.ok(error instanceof APIError && error.status === 400, 'without models the 400 is returned at once');
    stack.sim.reset();
  });
});
