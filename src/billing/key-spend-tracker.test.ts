import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BatchGenerationWriter } from '../stores/batch-generation-writer.js';
import { makeGenerationRecord } from '../stores/contract/generation-store.contract.js';
import { MemoryGenerationStore } from '../stores/memory/memory-generation-store.js';
import { KeySpendTracker } from './key-spend-tracker.js';

function setup() {
  const generations = new MemoryGenerationStore();
  let storeReads = 0;
  const counted = Object.assign(Object.create(generations) as MemoryGenerationStore, {
    spendByKey: (hash: string, now: Date) => {
      storeReads += 1;
      return generations.spendByKey(hash, now);
    },
  });
  const writer = new BatchGenerationWriter({ store: generations, onError: (error) => assert.fail(String(error)) });
  return { generations, writer, tracker: new KeySpendTracker({ generations: counted, writer }), reads: () => storeReads };
}

describe('KeySpendTracker', () => {
  const monday = new Date('2026-11-23T10:00:00Z');

  it('loads a key once, including records still queued in the writer, then counts settlements in memory', async () => {
    const { writer, tracker, reads } = setup();
    writer.enqueue(makeGenerationRecord({ id: 'gen-a', keyHash: 'k1', costPico: 700n, createdAt: monday.getTime() - 1000 }));
    assert.deepEqual(await tracker.get('k1', monday), { total: 700n, daily: 700n, weekly: 700n, monthly: 700n });
    tracker.add('k1', 300n, monday);
    tracker.add('k1', 0n, monday);
    assert.deepEqual(await tracker.get('k1', monday), { total: 1000n, daily: 1000n, weekly: 1000n, monthly: 1000n });
    assert.equal(reads(), 1, 'one store read per key, not per request');
    await writer.close();
  });

  it('ignores settlements of keys it never checked (their spend is read from the store when first needed)', async () => {
    const { writer, tracker, reads } = setup();
    tracker.add('k2', 500n, monday);
    assert.deepEqual(await tracker.get('k2', monday), { total: 0n, daily: 0n, weekly: 0n, monthly: 0n });
    assert.equal(reads(), 1);
    await writer.close();
  });

  it('rolls the day, week and month over at their UTC boundaries', async () => {
    const { writer, tracker } = setup();
    const sunday = new Date('2026-11-29T23:59:00Z');
    await tracker.get('k3', sunday);
    tracker.add('k3', 100n, sunday);
    const nextMonday = new Date('2026-11-30T00:01:00Z');
    assert.deepEqual(await tracker.get('k3', nextMonday), { total: 100n, daily: 0n, weekly: 0n, monthly: 100n });
    tracker.add('k3', 5n, nextMonday);
    const december = new Date('2026-12-01T00:00:00Z');
    assert.deepEqual(await tracker.get('k3', december), { total: 105n, daily: 0n, weekly: 5n, monthly: 0n });
    await writer.close();
  });
});
