import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Provider } from '../core/provider-types.js';
import { seededRandom, testCatalog, testModel } from '../../test/support/routing-fixtures.js';
import { endpointKey } from './health/endpoint-health.js';
import { MemoryEndpointHealth } from './health/memory-endpoint-health.js';
import { planRoute } from './plan-route.js';
import { describeCandidate, orderCandidates, type Candidate, type RequestFeatures } from './select-endpoints.js';
import type { ResolvedEndpoint, ResolvedModel } from './catalog/resolved-catalog.js';
import type { ChatRequest } from '../core/canonical/chat-request.js';

const M = 'acme/model';
const T0 = 1_700_000_000_000;
// Prompt $1, $2, $3 per M tokens and nothing else: expected costs are in ratio 1:2:3.
const price = (usdPerM: number) => ({ prompt: (usdPerM / 1e6).toFixed(9), completion: '0' });

function catalogOf(prices: number[]) {
  const providers = new Map<string, Provider>();
  const model = testModel(M, prices.map((p, i) => ({ provider: `p${i + 1}`, pricing: price(p) })), providers);
  return testCatalog([model], providers);
}

const request: ChatRequest = { model: M, messages: [{ role: 'user', content: 'Say hello to the routing tests.' }] };

describe('default selection: 1/price² weighting', () => {
  it('draws the first endpoint with probability proportional to 1/price² (within tolerance)', () => {
    const catalog = catalogOf([1, 2, 3]);
    const random = seededRandom(42);
    const counts = new Map<string, number>();
    const draws = 20_000;
    for (let i = 0; i < draws; i += 1) {
      const first = planRoute(catalog, request, {}, { random, now: T0 })[0]?.endpoint.provider.id as string;
      counts.set(first, (counts.get(first) ?? 0) + 1);
    }
    const weights = [1, 1 / 4, 1 / 9];
    const total = weights.reduce((a, b) => a + b, 0);
    weights.forEach((weight, i) => {
      const expected = weight / total;
      const observed = (counts.get(`p${i + 1}`) ?? 0) / draws;
      assert.ok(Math.abs(observed - expected) < 0.015, `p${i + 1}: observed ${observed.toFixed(4)}, expected ${expected.toFixed(4)}`);
    });
  });

  it('the endpoints not drawn follow cheapest first', () => {
    const catalog = catalogOf([3, 1, 2]);
    // random ≈ 1 draws the last by weight (the most expensive, $3, p1); the rest follow by price.
    const order = planRoute(catalog, request, {}, { random: () => 0.9999, now: T0 }).map((a) => a.endpoint.provider.id);
    assert.deepEqual(order, ['p1', 'p2', 'p3']);
    // random 0 draws the cheapest ($1, p2); then $2 (p3), then $3 (p1).
    const cheapest = planRoute(catalog, request, {}, { random: () => 0, now: T0 }).map((a) => a.endpoint.provider.id);
    assert.deepEqual(cheapest, ['p2', 'p3', 'p1']);
  });

  it('free endpoints share the pick among themselves', () => {
    const catalog = catalogOf([0, 1, 0]);
    const firsts = new Set<string>();
    const random = seededRandom(7);
    for (let i = 0; i < 200; i += 1) firsts.add(planRoute(catalog, request, {}, { random, now: T0 })[0]?.endpoint.provider.id as string);
    assert.deepEqual([...firsts].sort(), ['p1', 'p3']);
  });
});

describe('health: outage window and circuit breaker', () => {
  it('an endpoint with a failure in the last 30 s goes last; the window expiring brings it back', () => {
    const catalog = catalogOf([1, 2, 3]);
    const health = new MemoryEndpointHealth();
    health.record({ endpoint: endpointKey(M, 'p1'), outcome: 'failure', at: T0 });
    // OpenRouter's example: A $1 (outage), B $2, C $3 → B, C, A with a draw that favours the cheapest.
    assert.deepEqual(planRoute(catalog, request, {}, { random: () => 0, now: T0 + 1000, health }).map((a) => a.endpoint.provider.id), ['p2', 'p3', 'p1']);
    assert.deepEqual(planRoute(catalog, request, {}, { random: () => 0, now: T0 + 31_000, health }).map((a) => a.endpoint.provider.id), ['p1', 'p2', 'p3']);
  });

  it('an open circuit keeps the endpoint last until its probe', () => {
    const catalog = catalogOf([1, 2]);
    const health = new MemoryEndpointHealth({ consecutiveFailures: 2, cooldownMs: 60_000 });
    health.record({ endpoint: endpointKey(M, 'p1'), outcome: 'failure', at: T0 });
    health.record({ endpoint: endpointKey(M, 'p1'), outcome: 'failure', at: T0 + 1 });
    const first = (now: number) => planRoute(catalog, request, {}, { random: () => 0, now, health })[0]?.endpoint.provider.id;
    assert.equal(first(T0 + 40_000), 'p2', 'outage window over but the circuit is still open');
    assert.equal(first(T0 + 60_002), 'p1', 'half-open: this request carries the probe');
    assert.equal(first(T0 + 60_003), 'p2', 'one probe at a time');
  });
});

describe('soft preferences', () => {
  it('tool requests prefer tool-capable endpoints; max_tokens and context that fit come first', () => {
    const providers = new Map<string, Provider>();
    const model = testModel(M, [
      { provider: 'cheap-notools', pricing: price(1), supported_parameters: ['max_tokens'] },
      { provider: 'small-output', pricing: price(1), max_completion_tokens: 100 },
      { provider: 'small-context', pricing: price(1), context_length: 50 },
      { provider: 'fits', pricing: price(5) },
    ], providers);
    const catalog = testCatalog([model], providers);
    const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }];
    const long = 'word '.repeat(100);
    const order = planRoute(catalog, { model: M, tools, max_tokens: 500, messages: [{ role: 'user', content: long }] }, {}, { random: () => 0, now: T0 });
    assert.equal(order[0]?.endpoint.provider.id, 'fits');
    assert.equal(order.length, 4, 'soft preferences never remove endpoints');
  });
});

describe('expected cost: priced only when compared', () => {
  const counting = () => {
    let calls = 0;
    const features: RequestFeatures = {
      promptTokens: () => {
        calls += 1;
        return 1000;
      },
      promptTokensUpperBound: 10,
      maxTokens: undefined,
      expectedCompletionTokens: 0,
      wantsTools: false,
    };
    return { features, calls: () => calls };
  };
  const options = { health: new MemoryEndpointHealth(), now: T0, random: () => 0 };

  it('a lone candidate is ordered without tokenizing the prompt', () => {
    const catalog = catalogOf([1]);
    const model = catalog.models.get(M) as ResolvedModel;
    const { features, calls } = counting();
    const candidate = describeCandidate(model, model.endpoints[0] as ResolvedEndpoint, { features, options });
    assert.equal(orderCandidates([candidate], options).length, 1);
    assert.equal(calls(), 0);
  });

  it('competing candidates are priced once each, from the prompt tokens, and drawn by that price', () => {
    const catalog = catalogOf([1, 2]);
    const model = catalog.models.get(M) as ResolvedModel;
    const { features, calls } = counting();
    const [a, b] = model.endpoints.map((endpoint) => describeCandidate(model, endpoint, { features, options }));
    const ordered = orderCandidates([b as Candidate, a as Candidate], options);
    assert.deepEqual(ordered.map((c) => c.endpoint.provider.id), ['p1', 'p2']);
    // $1 and $2 per M prompt tokens × 1000 tokens = 1e-3 and 2e-3 USD = 1e9 and 2e9 picodollars.
    assert.deepEqual(ordered.map((c) => c.cost), [1e9, 2e9]);
    assert.equal(calls(), 2, 'once per candidate, however often the sort compares it');
  });
});
