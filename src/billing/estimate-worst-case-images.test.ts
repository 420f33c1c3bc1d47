import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../core/canonical/chat-request.js';
import { resolvePrices } from '../routing/catalog/resolve-prices.js';
import type { RouteAttempt } from '../routing/plan-route.js';
import { estimateWorstCase } from './estimate-worst-case.js';

const PRICING = { prompt: '0.0000003', completion: '0.0000025', image_output: '0.00003' };
const plan = [
  {
    model: { model: { context_length: 32768 } },
    endpoint: { prices: resolvePrices(PRICING), entry: { context_length: 32768, max_completion_tokens: 32768, pricing: PRICING } },
  },
] as unknown as RouteAttempt[];
const base: ChatRequest = { messages: [{ role: 'user', content: 'draw a heron' }], max_tokens: 2000 };

describe('budget worst case with image output', () => {
  it('prices every output token at image_output when the request asks for images, at completion otherwise', () => {
    const text = estimateWorstCase(base, plan);
    const images = estimateWorstCase({ ...base, modalities: ['image', 'text'] }, plan);
    const fixed = text.cost(0);
    assert.equal(images.cost(0), fixed);
    assert.equal(text.cost(2000) - fixed, 2000n * 2_500_000n);
    assert.equal(images.cost(2000) - fixed, 2000n * 30_000_000n);
    assert.equal(images.affordableOutput(fixed + 1290n * 30_000_000n), 1290);
  });
});
