import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newGenerationId } from './new-generation-id.js';

test('generation ids keep the OpenRouter layout', () => {
  for (let i = 0; i < 1000; i += 1) assert.match(newGenerationId(), /^gen-\d+-[A-Za-z0-9]{20}$/);
  assert.match(newGenerationId(1_780_000_000_123), /^gen-1780000000-/);
});

test('an id made later sorts later, bytewise (the primary-key B-trees append)', () => {
  const start = 1_780_000_000_000;
  let previous = newGenerationId(start);
  // Every millisecond across three seconds, including 999 → 000 at each second boundary.
  for (let ms = start + 1; ms < start + 3000; ms += 1) {
    const id = newGenerationId(ms);
    assert.ok(Buffer.compare(Buffer.from(previous), Buffer.from(id)) < 0, `${previous} !< ${id}`);
    previous = id;
  }
});

test('ids made in the same millisecond differ', () => {
  const ids = new Set(Array.from({ length: 10_000 }, () => newGenerationId(1_780_000_000_000)));
  assert.equal(ids.size, 10_000);
});
