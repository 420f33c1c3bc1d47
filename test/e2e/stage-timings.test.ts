import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { STAGE_TIMINGS_CHANNEL, type StageTiming } from '../../src/pipeline/stage-timings-channel.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

function chat(stack: TestStack, content: string) {
  return fetch(`${stack.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'sim/echo', messages: [{ role: 'user', content }] }),
  });
}

describe('stage timings (the switchyard:inference:stage diagnostics channel)', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  it('publishes each stage of a request, in order and back to back, only while subscribed', async () => {
    const seen: StageTiming[] = [];
    const record = (message: unknown) => seen.push(message as StageTiming);
    subscribe(STAGE_TIMINGS_CHANNEL, record);
    let response: Response;
    try {
      response = await chat(stack, 'time my stages');
      assert.equal(response.status, 200);
      await response.json();
    } finally {
      unsubscribe(STAGE_TIMINGS_CHANNEL, record);
    }
    const id = response.headers.get('x-generation-id');
    const mine = seen.filter((timing) => timing.generationId === id);
    const names = mine.map((timing) => timing.stage);
    // Admission, then the serve stages up to delivery and the record (a whole answer runs them all).
    for (const expected of ['rate-limit', 'plan-route', 'reserve-budget', 'dispatch', 'settle', 'deliver', 'record']) {
      assert.ok(names.includes(expected), `${expected} in ${names.join(', ')}`);
    }
    assert.ok(names.indexOf('reserve-budget') < names.indexOf('dispatch') && names.indexOf('dispatch') < names.indexOf('settle'));
    assert.ok(names.indexOf('settle') < names.indexOf('deliver'));
    for (const [index, timing] of mine.entries()) {
      assert.ok(timing.endedAt >= timing.startedAt, `${timing.stage} ends after it starts`);
      const next = mine[index + 1];
      if (next) assert.ok(next.startedAt >= timing.endedAt, `${next.stage} starts after ${timing.stage} ended`);
    }

    const before = seen.length;
    const unobserved = await chat(stack, 'nobody listens');
    assert.equal(unobserved.status, 200);
    await unobserved.json();
    assert.equal(seen.length, before, 'nothing is published once the subscriber left');
  });
});
