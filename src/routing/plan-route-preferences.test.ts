import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../core/canonical/chat-request.js';
import { GatewayError } from '../core/errors/gateway-error.js';
import type { Provider } from '../core/provider-types.js';
import { testCatalog, testModel } from '../../test/support/routing-fixtures.js';
import { endpointKey } from './health/endpoint-health.js';
import { MemoryEndpointHealth } from './health/memory-endpoint-health.js';
import { planRoute, type PlanOptions } from './plan-route.js';
import { emptyRouteReport } from './route-report.js';

const A = 'acme/alpha';
const B = 'acme/beta';
const T0 = 1_700_000_000_000;
const perM = (prompt: number, completion = prompt) => ({ prompt: (prompt / 1e6).toFixed(9), completion: (completion / 1e6).toFixed(9) });

const providers = new Map<string, Provider>();
const catalog = testCatalog(
  [
    testModel(A, [
      { provider: 'cheap', pricing: perM(1), quantization: 'fp8', supported_parameters: ['max_tokens', 'temperature'] },
      { provider: 'mid', pricing: perM(2), quantization: 'bf16' },
      { provider: 'dear', pricing: perM(5), quantization: null },
      { provider: 'free', pricing: perM(0) },
    ], providers),
    testModel(B, [
      { provider: 'cheap', pricing: perM(0.5) },
      { provider: 'mid', pricing: perM(3) },
    ], providers),
  ],
  providers,
);
const messages = [{ role: 'user' as const, content: 'hi' }];

function plan(request: Partial<ChatRequest>, options: PlanOptions = {}): string[] {
  return planRoute(catalog, { messages, ...request }, {}, { random: () => 0, now: T0, ...options }).map((a) => `${a.model.model.id}@${a.endpoint.provider.id}`);
}

function notFound(request: Partial<ChatRequest>): { excluded_by: string[]; excluded: Array<{ provider: string; reason: string }> } {
  try {
    plan(request);
  } catch (error) {
    assert.ok(error instanceof GatewayError);
    assert.equal(error.status, 404);
    return error.metadata?.availability as ReturnType<typeof notFound>;
  }
  assert.fail('expected a 404');
}

describe('provider object: hard filters', () => {
  it('quantizations (null counts as unknown)', () => {
    assert.deepEqual(plan({ model: A, provider: { quantizations: ['fp8', 'unknown'] } }), [`${A}@free`, `${A}@cheap`, `${A}@dear`]);
    assert.deepEqual(notFound({ model: A, provider: { quantizations: ['int4'] } }).excluded_by, ['provider.quantizations']);
  });

  it('max_price in USD per million tokens, numbers or strings', () => {
    assert.deepEqual(plan({ model: A, provider: { max_price: { prompt: 2, completion: '2' } } }), [`${A}@free`, `${A}@cheap`, `${A}@mid`]);
    const why = notFound({ model: A, provider: { max_price: { prompt: 0.5 }, ignore: ['free'] } });
    assert.deepEqual(why.excluded_by.sort(), ['provider.ignore', 'provider.max_price']);
  });

  it('require_parameters drops endpoints that lack a parameter the request sets', () => {
    assert.deepEqual(plan({ model: A, response_format: { type: 'json_object' }, provider: { require_parameters: true } }), [`${A}@free`, `${A}@mid`, `${A}@dear`]);
    const why = notFound({ model: A, response_format: { type: 'json_object' }, provider: { require_parameters: true, only: ['cheap'] } });
    assert.match(why.excluded.find((e) => e.provider === 'cheap')?.reason ?? '', /require_parameters \(missing: response_format\)/);
    assert.equal(plan({ model: A, response_format: { type: 'json_object' } }).length, 4, 'without require_parameters nothing is dropped');
  });

  it(':free keeps only free endpoints', () => {
    assert.deepEqual(plan({ model: `${A}:free` }), [`${A}@free`]);
  });
});

describe('provider object: ordering', () => {
  it('sort price is strict cheapest first; :floor is the same', () => {
    assert.deepEqual(plan({ model: A, provider: { sort: 'price' } }, { random: () => 0.999 }), [`${A}@free`, `${A}@cheap`, `${A}@mid`, `${A}@dear`]);
    assert.deepEqual(plan({ model: `${A}:floor` }, { random: () => 0.999 }), [`${A}@free`, `${A}@cheap`, `${A}@mid`, `${A}@dear`]);
  });

  it('sort throughput / :nitro and latency use measured percentiles; unmeasured go last', () => {
    const health = new MemoryEndpointHealth();
    health.record({ endpoint: endpointKey(A, 'dear'), outcome: 'success', at: T0 - 1000, ttftMs: 100 });
    health.recordThroughput({ endpoint: endpointKey(A, 'dear'), at: T0 - 1000, tokensPerSecond: 300 });
    health.record({ endpoint: endpointKey(A, 'mid'), outcome: 'success', at: T0 - 1000, ttftMs: 50 });
    health.recordThroughput({ endpoint: endpointKey(A, 'mid'), at: T0 - 1000, tokensPerSecond: 100 });
    assert.deepEqual(plan({ model: `${A}:nitro` }, { health }).slice(0, 2), [`${A}@dear`, `${A}@mid`]);
    assert.deepEqual(plan({ model: A, provider: { sort: { by: 'throughput' } } }, { health }).slice(0, 2), [`${A}@dear`, `${A}@mid`]);
    assert.deepEqual(plan({ model: A, provider: { sort: 'latency' } }, { health }).slice(0, 2), [`${A}@mid`, `${A}@dear`]);
  });

  it('partition "model" (default) exhausts a model first; "none" sorts across models', () => {
    assert.deepEqual(plan({ model: A, models: [B], provider: { sort: 'price', ignore: ['free'] } }), [`${A}@cheap`, `${A}@mid`, `${A}@dear`, `${B}@cheap`, `${B}@mid`]);
    assert.deepEqual(plan({ model: A, models: [B], provider: { sort: { by: 'price', partition: 'none' }, ignore: ['free'] } }), [
      `${B}@cheap`, `${A}@cheap`, `${A}@mid`, `${B}@mid`, `${A}@dear`,
    ]);
  });

  it('preferred_min_throughput / preferred_max_latency move slow endpoints back, never out', () => {
    const health = new MemoryEndpointHealth();
    health.record({ endpoint: endpointKey(A, 'free'), outcome: 'success', at: T0 - 1000, ttftMs: 3000 });
    health.recordThroughput({ endpoint: endpointKey(A, 'free'), at: T0 - 1000, tokensPerSecond: 10 });
    assert.equal(plan({ model: A, provider: { preferred_min_throughput: 50 } }, { health })[0], `${A}@cheap`);
    assert.equal(plan({ model: A, provider: { preferred_max_latency: { p90: 1 } } }, { health })[0], `${A}@cheap`);
    assert.equal(plan({ model: A, provider: { preferred_max_latency: 5 } }, { health })[0], `${A}@free`);
    assert.equal(plan({ model: A, provider: { preferred_min_throughput: 50 } }, { health }).length, 4);
  });

  it('sticky conversations lead with their endpoint unless provider.order is set', () => {
    const sticky = (model: string) => (model === A ? 'dear' : undefined);
    assert.equal(plan({ model: A }, { stickyProvider: sticky })[0], `${A}@dear`);
    assert.equal(plan({ model: A, provider: { order: ['mid'] } }, { stickyProvider: sticky })[0], `${A}@mid`);
  });

  it('a sticky endpoint in an outage is not preferred', () => {
    const health = new MemoryEndpointHealth();
    health.record({ endpoint: endpointKey(A, 'dear'), outcome: 'failure', at: T0 - 100 });
    assert.equal(plan({ model: A }, { stickyProvider: () => 'dear', health })[0], `${A}@free`);
  });
});

describe('route report', () => {
  it('names the strategy, the endpoints in order and the exclusions', () => {
    const report = emptyRouteReport();
    planRoute(catalog, { messages, model: A, provider: { ignore: ['dear'], sort: 'price' } }, {}, { report, now: T0 });
    assert.equal(report.strategy, 'sorted');
    assert.deepEqual(report.considered.map((c) => c.provider), ['free', 'cheap', 'mid']);
    assert.deepEqual(report.excluded, [{ model: A, provider: 'dear', reason: 'provider.ignore' }]);
  });
});
