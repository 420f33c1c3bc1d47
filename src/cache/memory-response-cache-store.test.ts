import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryResponseCacheStore } from './memory-response-cache-store.js';
import type { CachedResponse } from './response-cache-store.js';

const entry = (sourceId: string, text: string, storedAt = 0, ttlMs = 1000): CachedResponse => ({
  sourceId,
  storedAt,
  ttlMs,
  model: 'm/x',
  providerName: 'P',
  finishReason: 'stop',
  body: { kind: 'json', text },
});

describe('MemoryResponseCacheStore', () => {
  it('expires entries after their TTL', async () => {
    const store = new MemoryResponseCacheStore({ maxBytes: 1_000_000 });
    await store.set('k', entry('gen-1', '{}', 1000, 500));
    assert.equal((await store.get('k', 1499))?.sourceId, 'gen-1');
    assert.equal(await store.get('k', 1500), undefined);
    assert.equal(store.bytes, 0);
  });

  it('evicts the least recently used entries to stay within its byte budget', async () => {
    const big = 'x'.repeat(1000);
    const store = new MemoryResponseCacheStore({ maxBytes: 7000 });
    await store.set('a', entry('gen-a', big));
    await store.set('b', entry('gen-b', big));
    await store.set('c', entry('gen-c', big));
    await store.get('a', 0); // a is now the most recently used
    await store.set('d', entry('gen-d', big));
    assert.ok(store.bytes <= 7000);
    assert.equal(await store.get('b', 0), undefined, 'b was least recently used');
    assert.equal((await store.get('a', 0))?.sourceId, 'gen-a');
    assert.equal((await store.get('d', 0))?.sourceId, 'gen-d');
  });

  it('refuses an entry larger than the whole budget and replaces on set', async () => {
    const store = new MemoryResponseCacheStore({ maxBytes: 500 });
    await store.set('huge', entry('gen-h', 'y'.repeat(1000)));
    assert.equal(store.size, 0);
    await store.set('k', entry('gen-1', '1'));
    await store.set('k', entry('gen-2', '2'));
    assert.equal(store.size, 1);
    assert.equal((await store.get('k', 0))?.sourceId, 'gen-2');
  });
});
