import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

interface RefusedError {
  status: number;
  code?: number;
  message: string;
  metadata?: Record<string, unknown>;
}

/**
 * #11.6: an explicit max_tokens / max_completion_tokens (and /messages max_tokens) that a capped
 * key cannot afford is a 402 naming both numbers, as on OpenRouter; only a request that set no
 * limit is lowered to what fits. A 402 caused by money that requests in flight hold says so.
 */
describe('budgets: an explicit max_tokens is never silently lowered', () => {
  let stack: TestStack;
  let root: string;
  before(async () => {
    stack = await startTestStack();
    root = stack.baseURL.replace(/\/v1$/, '');
  });
  after(() => stack.close());

  const openai = (apiKey: string) => new OpenAI({ apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  const refusal = async (promise: Promise<unknown>): Promise<RefusedError> => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof OpenAI.APIError) return { ...(error.error as Omit<RefusedError, 'status'>), status: error.status as number };
      if (error instanceof Anthropic.APIError) {
        return { status: error.status as number, message: (error.error as { error: { message: string } }).error.message };
      }
      throw error;
    }
    assert.fail('expected a 402');
  };
  const chat = (apiKey: string, extra: Record<string, unknown>) =>
    openai(apiKey).chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'hello there' }], ...extra } as never);

  it('max_tokens the key cannot afford → 402 naming both numbers; nothing goes upstream', async () => {
    // Worst case at 30,000 output tokens is ~$0.06; $0.0004 pays for about 180.
    const { key } = await stack.createKey({ name: 'capped explicit', limit: 0.0004 });
    const before = stack.sim.requests.length;
    const error = await refusal(chat(key, { max_tokens: 30_000 }));
    assert.equal(error.status, 402);
    assert.equal(error.code, 402);
    const match = /requested up to 30000 tokens, but can only afford (\d+)\./.exec(error.message);
    assert.ok(match, error.message);
    const affordable = Number(match[1]);
    assert.ok(affordable > 64 && affordable < 200, `affordable ${affordable}`);
    assert.equal(error.metadata?.requested_tokens, 30_000);
    assert.equal(error.metadata?.affordable_tokens, affordable);
    assert.doesNotMatch(error.message, /in flight/, 'nothing is in flight');
    assert.equal(stack.sim.requests.length, before, 'a refused request never reaches the provider');
    // What it can afford is accepted and sent as asked.
    await chat(key, { max_tokens: affordable - 10 });
    assert.equal((stack.sim.requests.at(-1)!.body as { max_tokens: number }).max_tokens, affordable - 10);
  });

  it('max_completion_tokens the key cannot afford → 402 naming both numbers', async () => {
    const { key } = await stack.createKey({ name: 'capped completion', limit: 0.0004 });
    const error = await refusal(chat(key, { max_completion_tokens: 20_000 }));
    assert.equal(error.status, 402);
    assert.match(error.message, /Key limit.*requested up to 20000 tokens, but can only afford \d+\./);
  });

  it('/messages max_tokens the key cannot afford → 402 in the Anthropic envelope naming both numbers', async () => {
    const { key } = await stack.createKey({ name: 'capped messages', limit: 0.0004 });
    const client = new Anthropic({ authToken: key, baseURL: root, maxRetries: 0 });
    const error = await refusal(client.messages.create({ model: 'sim/echo', max_tokens: 8_000, messages: [{ role: 'user', content: 'hello there' }] }));
    assert.equal(error.status, 402);
    assert.match(error.message, /requested up to 8000 tokens, but can only afford \d+\./);
  });

  it('a request that set no limit is still lowered to what fits', async () => {
    const { key } = await stack.createKey({ name: 'capped implicit', limit: 0.0004 });
    const answer = (await chat(key, {})) as OpenAI.ChatCompletion;
    assert.equal(answer.choices[0]?.message.content, 'Echo: hello there');
    const sent = stack.sim.requests.at(-1)!.body as { max_tokens?: number; max_completion_tokens?: number };
    const limit = sent.max_completion_tokens ?? sent.max_tokens;
    assert.ok(limit !== undefined && limit >= 64 && limit < 200, `limit sent upstream: ${limit}`);
  });

  it('a 402 caused by money held by requests in flight says so, and the same request fits once they finish', async () => {
    // One request holds ~$0.00025 of a $0.0004 limit while its upstream answer is delayed.
    const { key } = await stack.createKey({ name: 'held in flight', limit: 0.0004 });
    const before = stack.sim.requests.length;
    const slow = chat(key, { max_tokens: 100, messages: [{ role: 'user', content: 'hello there [[sim:delay=1500]]' }] });
    // Upstream has the request: its reservation is held.
    await waitFor(async () => stack.sim.requests.length > before);
    const error = await refusal(chat(key, { max_tokens: 100 }));
    assert.equal(error.status, 402);
    assert.match(error.message, /requested up to 100 tokens, but can only afford \d+\. \$0\.000\d+ of it is held by requests still in flight/);
    assert.ok(Number(error.metadata?.held_in_flight) > 0, JSON.stringify(error.metadata));
    await slow;
    const answer = (await chat(key, { max_tokens: 100 })) as OpenAI.ChatCompletion;
    assert.equal(answer.choices[0]?.finish_reason, 'stop');
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
