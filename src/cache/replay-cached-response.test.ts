import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { replayCachedResponse } from './replay-cached-response.js';
import type { CachedResponse } from './response-cache-store.js';

const base = { sourceId: 'gen-1-src', storedAt: 0, ttlMs: 1000, model: 'm/x', providerName: 'P', finishReason: 'stop' };

describe('replayCachedResponse', () => {
  it('swaps ids, refreshes created, zeroes usage and drops router metadata', () => {
    const entry: CachedResponse = {
      ...base,
      body: {
        kind: 'json',
        text: JSON.stringify({ id: 'gen-1-src', created: 1, openrouter_metadata: { a: 1 }, usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7, cost: 0.1, is_byok: false, prompt_tokens_details: { cached_tokens: 3 } } }),
      },
    };
    const replay = replayCachedResponse(entry, { generationId: 'gen-2-new', now: 5000 });
    assert.equal(replay.kind, 'json');
    const body = JSON.parse((replay as { text: string }).text);
    assert.equal(body.id, 'gen-2-new');
    assert.equal(body.created, 5);
    assert.equal(body.openrouter_metadata, undefined);
    assert.deepEqual(body.usage, { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0, cost: 0, is_byok: false, prompt_tokens_details: { cached_tokens: 0 } });
  });

  it('rewrites stream payloads, including usage nested one level down (Anthropic message_start)', () => {
    const entry: CachedResponse = {
      ...base,
      body: {
        kind: 'stream',
        payloads: [
          JSON.stringify({ type: 'message_start', message: { id: 'gen-1-src', usage: { input_tokens: 9, output_tokens: 1 } } }),
          JSON.stringify({ id: 'gen-1-src', choices: [{ delta: { content: 'hi' } }] }),
          JSON.stringify({ id: 'gen-1-src', choices: [], usage: { prompt_tokens: 4, cost: 0.5 } }),
        ],
      },
    };
    const replay = replayCachedResponse(entry, { generationId: 'gen-9', now: 0 }) as { payloads: string[] };
    assert.deepEqual(JSON.parse(replay.payloads[0]!).message, { id: 'gen-9', usage: { input_tokens: 0, output_tokens: 0 } });
    assert.equal(replay.payloads[1], JSON.stringify({ id: 'gen-9', choices: [{ delta: { content: 'hi' } }] }));
    assert.deepEqual(JSON.parse(replay.payloads[2]!).usage, { prompt_tokens: 0, cost: 0 });
  });
});
