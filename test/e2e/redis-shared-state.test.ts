import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI, { APIError } from 'openai';
import { redisSkipReason } from '../support/start-redis.js';
import { startTwoNodes, type TwoNodes } from '../support/start-two-nodes.js';

const skip = redisSkipReason();

async function status(fn: () => Promise<unknown>): Promise<number> {
  try {
    await fn();
    return 200;
  } catch (error) {
    if (error instanceof APIError) return error.status ?? 0;
    throw error;
  }
}

describe('two gateway nodes sharing one Redis', { skip }, () => {
  let nodes: TwoNodes;
  let limitedKey = '';
  const ask = (baseURL: string, apiKey: string) =>
    new OpenAI({ baseURL, apiKey, maxRetries: 0 }).chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'hi' }] });

  before(async () => {
    nodes = await startTwoNodes({
      beforeB: async (a) => {
        limitedKey = (await a.createKey({ name: 'shared rpm', rate_limits: { requests_per_minute: 4 } })).key;
      },
    });
  });
  after(() => nodes?.close());

  it('a key limit is one counter across nodes: requests on A and B add up, and both refuse the one over', async () => {
    const a = nodes.a.baseURL;
    const b = nodes.bURL;
    assert.equal(await status(() => ask(a, limitedKey)), 200);
    assert.equal(await status(() => ask(b, limitedKey)), 200);
    assert.equal(await status(() => ask(a, limitedKey)), 200);
    assert.equal(await status(() => ask(b, limitedKey)), 200);
    assert.equal(await status(() => ask(b, limitedKey)), 429);
    assert.equal(await status(() => ask(a, limitedKey)), 429);
  });
});
