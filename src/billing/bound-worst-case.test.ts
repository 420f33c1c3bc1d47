import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRequest } from '../core/canonical/chat-request.js';
import { estimatePromptTokens, estimatePromptTokensUpperBound } from '../core/estimate-tokens.js';
import { resolvePrices } from '../routing/catalog/resolve-prices.js';
import type { RouteAttempt } from '../routing/plan-route.js';
import { boundWorstCase, estimateWorstCase } from './estimate-worst-case.js';

const PRICING = { prompt: '0.000003', completion: '0.000015', input_cache_write: '0.00000375', internal_reasoning: '0.00002' };
const attempt = (entry: { context_length: number | null; max_completion_tokens: number | null }, modelContext: number | null = null) => ({
  model: { model: { context_length: modelContext } },
  endpoint: { prices: resolvePrices(PRICING), entry: { ...entry, pricing: PRICING } },
});
const plan = (...attempts: ReturnType<typeof attempt>[]) => attempts as unknown as RouteAttempt[];

/** Texts where tokens and bytes differ the most and the least. */
const TEXTS = [
  'hello there, how are you today? '.repeat(50),
  '日本語のテキストと中文文本，还有한국어 텍스트. '.repeat(30),
  '😀🎉👩‍👩‍👧‍👦🏳️‍🌈'.repeat(40),
  '!#$%&*+-./:;<=>?@^_|~'.repeat(100),
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  ' \n\t '.repeat(200),
  'x',
  '',
];

function randomText(seed: number, length: number): string {
  let state = seed;
  let text = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    // ASCII, Latin-1, CJK and astral code points.
    const pick = state % 4;
    const code = pick === 0 ? 32 + (state % 95) : pick === 1 ? 0xa0 + (state % 0x160) : pick === 2 ? 0x4e00 + (state % 0x5000) : 0x1f300 + (state % 0x300);
    text += String.fromCodePoint(code);
  }
  return text;
}

describe('the tokenizer-free prompt bound', () => {
  it('is never below the tokenizer count, for any text, tools and images', () => {
    const texts = [...TEXTS, ...Array.from({ length: 30 }, (_, seed) => randomText(seed + 1, 50 + seed * 37))];
    for (const text of texts) {
      const request: ChatRequest = {
        messages: [
          { role: 'system', content: text },
          { role: 'user', name: 'ann', content: [{ type: 'text', text }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
          { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'look', arguments: JSON.stringify({ q: text }) } }] },
        ],
        tools: [{ type: 'function', function: { name: 'look', description: text, parameters: { type: 'object' } } }],
      } as ChatRequest;
      // A fresh copy for each, so neither reuses the other's memoised count.
      const bound = estimatePromptTokensUpperBound(structuredClone(request));
      const exact = estimatePromptTokens(structuredClone(request));
      assert.ok(bound >= exact, `bound ${bound} < exact ${exact} for ${JSON.stringify(text.slice(0, 40))}`);
    }
  });

  it('costs at least the exact worst case at every output count, and allows at least as much output', () => {
    const request: ChatRequest = { messages: [{ role: 'user', content: TEXTS[0]! }] };
    const plans = [
      plan(attempt({ context_length: 200_000, max_completion_tokens: 8192 })),
      plan(attempt({ context_length: 128_000, max_completion_tokens: null })),
      plan(attempt({ context_length: null, max_completion_tokens: null }, 32_000), attempt({ context_length: 8000, max_completion_tokens: null })),
      plan(attempt({ context_length: null, max_completion_tokens: null })),
    ];
    for (const [index, route] of plans.entries()) {
      for (const extra of [{}, { max_tokens: 500 }, { max_completion_tokens: 40_000 }]) {
        const exact = estimateWorstCase({ ...request, ...extra }, route);
        const bound = boundWorstCase({ ...request, ...extra }, route);
        assert.ok(bound, `plan ${index}`);
        assert.ok(bound.outputTokens >= exact.outputTokens, `plan ${index}: output ${bound.outputTokens} < ${exact.outputTokens}`);
        assert.equal(bound.assumedOutput, exact.assumedOutput, `plan ${index}`);
        for (const output of [0, 1, 100, exact.outputTokens, bound.outputTokens]) {
          assert.ok(bound.cost(output) >= exact.cost(output), `plan ${index}, ${output} output tokens`);
        }
      }
    }
  });

  it('gives up when it cannot show the prompt fits an endpoint context (the exact estimate decides)', () => {
    // About 12,000 bytes of prose: ~2,000 tokens, which fit 4,096; 12,000 does not.
    const request: ChatRequest = { messages: [{ role: 'user', content: 'hello there ' .repeat(1000) }] };
    assert.equal(boundWorstCase(request, plan(attempt({ context_length: 4096, max_completion_tokens: null }))), undefined);
    assert.ok(estimateWorstCase(request, plan(attempt({ context_length: 4096, max_completion_tokens: null }))).outputTokens > 0);
    // An endpoint with its own output cap does not depend on the prompt's size.
    assert.ok(boundWorstCase(request, plan(attempt({ context_length: 4096, max_completion_tokens: 1000 }))));
  });
});
