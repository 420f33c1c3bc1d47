import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ECHO_PRICES, startTestStack, type TestStack } from '../support/start-test-stack.js';

/** Every distinct value of one label across the Prometheus text, per metric family prefix. */
function labelValues(metrics: string, label: string): Set<string> {
  return new Set([...metrics.matchAll(new RegExp(`[{,]${label}="([^"]*)"`, 'g'))].map((match) => match[1] as string));
}

describe('Prometheus: per-provider and per-model series with a cap on distinct values', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack({
      config: { telemetry: { metrics_max_providers: 1, metrics_max_models: 1 } },
      extraModels: [{ id: 'sim/echo-two', name: 'Sim: Echo Two', context_length: 32000, endpoints: [{ provider: 'sim-b', model: 'echo-1', pricing: ECHO_PRICES }] }],
    });
  });
  after(() => stack.close());

  const chat = (model: string, content: string) =>
    fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content }] }),
    });

  it('keeps the first provider and model, and counts every later one as "other"', async () => {
    assert.equal((await chat('sim/echo', 'first')).status, 200); // sim-a, sim/echo: the values kept
    assert.equal((await chat('sim/echo-two', 'second')).status, 200); // sim-b, sim/echo-two: past both caps
    stack.sim.setKeyFault('sk-sim-a', () => ({ status: 500 }));
    assert.equal((await chat('sim/echo', 'failover')).status, 200); // sim-a fails, sim-b serves sim/echo
    stack.sim.setKeyFault('sk-sim-a', undefined);

    const metrics = await (await fetch(`${stack.gateway.url}/metrics`)).text();
    assert.match(metrics, /switchyard_generations_total\{provider="sim-a",model="sim\/echo",outcome="completed"\} 1/);
    assert.match(metrics, /switchyard_generations_total\{provider="other",model="other",outcome="completed"\} 1/);
    assert.match(metrics, /switchyard_generations_total\{provider="other",model="sim\/echo",outcome="completed"\} 1/);
    assert.match(metrics, /switchyard_tokens_total\{provider="other",model="other",kind="prompt"\} [1-9]/);
    assert.match(metrics, /switchyard_cost_usd_total\{provider="sim-a",model="sim\/echo"\} /);
    assert.match(metrics, /switchyard_upstream_errors_total\{provider="sim-a",status="500"\} 1/);
    assert.match(metrics, /switchyard_endpoint_attempts_total\{provider="other",model="other",outcome="success"\} 1/, 'health attempts add up under other');
    assert.doesNotMatch(metrics, /sim-b|sim\/echo-two/, 'no series names a value past the cap');
    assert.deepEqual([...labelValues(metrics, 'provider')].sort(), ['other', 'sim-a']);
    assert.deepEqual([...labelValues(metrics, 'model')].sort(), ['other', 'sim/echo']);
  });
});
