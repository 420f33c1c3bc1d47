import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { InferenceContext } from './inference-context.js';
import { InFlightRequests } from './in-flight-requests.js';

const ctx = (id: string) => ({ id }) as unknown as InferenceContext;

describe('InFlightRequests', () => {
  it('lists requests in arrival order and forgets each when it leaves, from any place in the list', () => {
    const inFlight = new InFlightRequests();
    const [a, b, c] = [ctx('a'), ctx('b'), ctx('c')];
    const entries = [a, b, c].map((request) => inFlight.add(request));
    assert.deepEqual([...inFlight], [a, b, c]);
    inFlight.remove(entries[1]!);
    assert.deepEqual([...inFlight], [a, c]);
    inFlight.remove(entries[0]!);
    inFlight.remove(entries[2]!);
    assert.deepEqual([...inFlight], []);
    assert.equal(inFlight.size, 0);
  });

  it('a request that left holds no link to those still in flight, and leaving twice changes nothing', () => {
    const inFlight = new InFlightRequests();
    const first = inFlight.add(ctx('a'));
    inFlight.add(ctx('b'));
    inFlight.remove(first);
    assert.equal(first.next, undefined);
    assert.equal(first.prev, undefined);
    inFlight.remove(first);
    assert.equal(inFlight.size, 1);
  });

  it('iterating while requests leave sees the requests of the moment', () => {
    const inFlight = new InFlightRequests();
    const entries = [ctx('a'), ctx('b')].map((request) => inFlight.add(request));
    let seen = 0;
    for (const request of inFlight) {
      seen += 1;
      inFlight.remove(entries[1]!);
      assert.ok(request);
    }
    assert.equal(seen, 2);
  });
});
