import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Caller } from '../auth/key-registry.js';
import type { ChatRequest } from '../core/canonical/chat-request.js';
import type { Provider } from '../core/provider-types.js';
import { MemoryEndpointHealth } from '../routing/health/memory-endpoint-health.js';
import { StickySessions, type StickyRoutes } from '../routing/sticky-sessions.js';
import type { ApiKeyRecord } from '../stores/key-store.js';
import { testCatalog, testModel } from '../../test/support/routing-fixtures.js';
import { createInferenceContext, type InferenceCodec, type InferenceExchange } from './inference-context.js';
import { noteGenerationFinished, planRequestRoute, type RoutingServices } from './plan-request-route.js';
import type { RouteAttempt } from '../routing/plan-route.js';

const providers = new Map<string, Provider>();
const catalog = testCatalog([testModel('acme/solo', [{ provider: 'one' }], providers), testModel('acme/other', [{ provider: 'two' }], providers), testModel('acme/duo', [{ provider: 'one' }, { provider: 'two' }], providers)], providers);

/** Sticky routes that count what planning and the finish asked of them. */
function countingSticky(): StickyRoutes & { recalls: number; remembers: number } {
  const inner = new StickySessions();
  const counts = {
    recalls: 0,
    remembers: 0,
    recall(conversation: string, now: number) {
      counts.recalls += 1;
      return inner.recall(conversation, now);
    },
    remember(conversation: string, modelId: string, provider: string, now: number) {
      counts.remembers += 1;
      inner.remember(conversation, modelId, provider, now);
    },
  };
  return counts;
}

const codec = { apiType: 'chat' } as InferenceCodec;
const caller: Caller = { key: { hash: 'key-hash' } as ApiKeyRecord };

async function planAndFinish(sticky: StickyRoutes, request: Partial<ChatRequest>): Promise<RouteAttempt[]> {
  const services: RoutingServices = { catalog, health: new MemoryEndpointHealth(), sticky, autoTiers: [], now: () => 1_000, random: () => 0 };
  const ctx = createInferenceContext({ caller, codec, route: 'chat', exchange: { headers: {} } as InferenceExchange, request: { messages: [{ role: 'user', content: 'hi' }], ...request } });
  const plan = await planRequestRoute(ctx, services, {});
  ctx.served = plan[0];
  noteGenerationFinished(ctx, services);
  return plan;
}

describe('planRequestRoute stickiness', () => {
  it('a single-endpoint model neither reads nor remembers the conversation', async () => {
    const sticky = countingSticky();
    await planAndFinish(sticky, { model: 'acme/solo' });
    await planAndFinish(sticky, { model: 'acme/solo:nitro', models: ['acme/other'] });
    assert.deepEqual([sticky.recalls, sticky.remembers], [0, 0]);
  });

  it('a model with several endpoints (itself or among `models`) reads and remembers it, and the next turn sticks', async () => {
    const sticky = countingSticky();
    const first = await planAndFinish(sticky, { model: 'acme/duo', provider: { order: ['two'] } });
    assert.equal(first[0]?.endpoint.provider.id, 'two');
    // Weighted random with random() = 0 would put `one` first; the remembered `two` wins.
    const next = await planAndFinish(sticky, { model: 'acme/duo' });
    assert.equal(next[0]?.endpoint.provider.id, 'two');
    await planAndFinish(sticky, { model: 'acme/solo', models: ['acme/duo'] });
    assert.deepEqual([sticky.recalls, sticky.remembers], [3, 3]);
  });
});
