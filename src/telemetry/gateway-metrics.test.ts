import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayMetrics } from './gateway-metrics.js';

const tokens = { prompt: 10, completion: 5, cached: 0, reasoning: 2 };

describe('GatewayMetrics', () => {
  it('counts every request, generation, token and cost between and across scrapes', async () => {
    const metrics = new GatewayMetrics();
    metrics.recordRequest({ route: 'chat', status: 200, streamed: false, seconds: 0.02 });
    metrics.recordRequest({ route: 'chat', status: 200, streamed: true, seconds: 0.2 });
    metrics.recordRequest({ route: 'chat', status: 429, streamed: false, seconds: 0.001 });
    metrics.recordUsage({ provider: 'openai', model: 'gpt-4o', outcome: 'completed', tokens, costUsd: 0.25 });
    metrics.recordUsage({ provider: 'openai', model: 'gpt-4o', outcome: 'error', tokens, costUsd: 0 });
    const first = await metrics.registry.metrics();
    assert.match(first, /^switchyard_requests_total\{route="chat",status="200"\} 2$/m);
    assert.match(first, /^switchyard_requests_total\{route="chat",status="429"\} 1$/m);
    assert.match(first, /^switchyard_request_duration_seconds_count\{route="chat",streamed="false"\} 2$/m);
    assert.match(first, /^switchyard_generations_total\{provider="openai",model="gpt-4o",outcome="completed"\} 1$/m);
    assert.match(first, /^switchyard_generations_total\{provider="openai",model="gpt-4o",outcome="error"\} 1$/m);
    assert.match(first, /^switchyard_tokens_total\{provider="openai",model="gpt-4o",kind="prompt"\} 20$/m);
    assert.match(first, /^switchyard_tokens_total\{provider="openai",model="gpt-4o",kind="reasoning"\} 4$/m);
    assert.doesNotMatch(first, /kind="cached"/);
    assert.match(first, /^switchyard_cost_usd_total\{provider="openai",model="gpt-4o"\} 0.25$/m);

    metrics.recordRequest({ route: 'chat', status: 200, streamed: false, seconds: 0.02 });
    metrics.recordUsage({ provider: 'openai', model: 'gpt-4o', outcome: 'completed', tokens, costUsd: 0.5 });
    const second = await metrics.registry.metrics();
    assert.match(second, /^switchyard_requests_total\{route="chat",status="200"\} 3$/m);
    assert.match(second, /^switchyard_requests_total\{route="chat",status="429"\} 1$/m);
    assert.match(second, /^switchyard_tokens_total\{provider="openai",model="gpt-4o",kind="prompt"\} 30$/m);
    assert.match(second, /^switchyard_cost_usd_total\{provider="openai",model="gpt-4o"\} 0.75$/m);
    assert.match(second, /^switchyard_generations_total\{provider="openai",model="gpt-4o",outcome="completed"\} 2$/m);
  });
});
