import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readCacheDirectives } from './read-cache-directives.js';

describe('readCacheDirectives', () => {
  it('is off unless X-OpenRouter-Cache is true', () => {
    assert.equal(readCacheDirectives({}), undefined);
    assert.equal(readCacheDirectives({ 'x-openrouter-cache': 'false' }), undefined);
    assert.deepEqual(readCacheDirectives({ 'x-openrouter-cache': 'TRUE' }), { ttlSeconds: 300, clear: false });
  });

  it('parses leading digits, truncates decimals, clamps to 1..86400 and ignores junk', () => {
    const ttl = (value: string) => readCacheDirectives({ 'x-openrouter-cache': 'true', 'x-openrouter-cache-ttl': value })?.ttlSeconds;
    assert.equal(ttl('60'), 60);
    assert.equal(ttl('12.9'), 12);
    assert.equal(ttl('45s'), 45);
    assert.equal(ttl('0'), 1);
    assert.equal(ttl('100000'), 86400);
    assert.equal(ttl('soon'), 300);
    assert.equal(ttl('-5'), 300);
  });

  it('reads the clear flag', () => {
    assert.equal(readCacheDirectives({ 'x-openrouter-cache': 'true', 'x-openrouter-cache-clear': 'true' })?.clear, true);
  });
});
