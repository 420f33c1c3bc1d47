import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { forEachConcurrently } from './for-each-concurrently.js';

describe('forEachConcurrently', () => {
  it('runs every item, never more than `concurrency` at once', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await forEachConcurrently([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running += 1;
      peak = Math.max(peak, running);
      await sleep(5);
      done.push(item);
      running -= 1;
    });
    assert.deepEqual(done.sort(), [1, 2, 3, 4, 5, 6, 7]);
    assert.equal(peak, 3);
  });

  it('reads an async stream item by item, and stops pulling when work returns false', async () => {
    let pulled = 0;
    async function* stream() {
      for (let i = 0; i < 100; i += 1) {
        pulled += 1;
        yield i;
      }
    }
    const seen: number[] = [];
    await forEachConcurrently(stream(), 4, async (item) => {
      seen.push(item);
      await sleep(1);
      return item < 9;
    });
    assert.ok(pulled < 20, `stopped early (${pulled} pulled)`);
    assert.equal(new Set(seen).size, seen.length, 'each item once');
  });

  it('rethrows a failure after the items in flight finished', async () => {
    const finished: number[] = [];
    await assert.rejects(
      forEachConcurrently([1, 2, 3, 4], 2, async (item) => {
        if (item === 1) throw new Error('boom');
        await sleep(10);
        finished.push(item);
      }),
      /boom/,
    );
    assert.deepEqual(finished, [2], 'the one in flight finished; nothing new started');
  });
});
