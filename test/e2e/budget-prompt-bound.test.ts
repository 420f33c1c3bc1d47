import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { exactTokenCounts } from '../../src/core/token-counter.js';
import { ECHO_PRICES, startTestStack, type TestStack } from '../support/start-test-stack.js';

/**
 * #14: a capped key's reservation is first priced with the prompt's UTF-8 bytes for its tokens
 * (an upper bound that needs no tokenizer); the tokenizer is loaded and run only when that bound
 * does not fit. This file's gateway runs in this process, so whether the tokenizer was loaded is
 * visible here. One endpoint per model: price-weighted routing across several endpoints counts
 * the prompt's tokens on its own.
 */
describe('budgets: the tokenizer-free bound first, the tokenizer only near the limit', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack({
      extraModels: [{ id: 'sim/solo', name: 'Sim: Solo', context_length: 32000, endpoints: [{ provider: 'sim-a', model: 'echo-1', pricing: ECHO_PRICES }] }],
    });
  });
  after(() => stack.close());

  const chat = (apiKey: string, content: string, extra: Record<string, unknown> = {}) =>
    new OpenAI({ apiKey, baseURL: stack.baseURL, maxRetries: 0 }).chat.completions.create({
      model: 'sim/solo',
      messages: [{ role: 'user', content }],
      ...extra,
    } as never) as Promise<OpenAI.ChatCompletion>;
  const usage = async (apiKey: string): Promise<number> => {
    const response = await fetch(`${stack.baseURL}/key`, { headers: { authorization: `Bearer ${apiKey}` } });
    return ((await response.json()) as { data: { usage: number } }).data.usage;
  };

  it('a capped request far from its limit is reserved, served and billed without loading the tokenizer', async () => {
    const { key } = await stack.createKey({ name: 'far from the limit', limit: 10 });
    const before = exactTokenCounts();
    const answer = await chat(key, 'hello there [[sim:words=5]]');
    assert.equal(answer.choices[0]?.finish_reason, 'stop');
    assert.ok((await usage(key)) > 0, 'billed');
    assert.equal(exactTokenCounts(), before, 'no text was tokenized');
  });

  it('a request whose byte bound does not fit but whose tokens do is served, not refused', async () => {
    // 18,000 bytes of prose, about 3,000 tokens: the bound holds ~$0.021, the tokenizer's estimate ~$0.0035.
    const prompt = `${'hello there '.repeat(1500)}[[sim:words=5]]`;
    const { key } = await stack.createKey({ name: 'near the limit', limit: 0.01 });
    const before = exactTokenCounts();
    const answer = await chat(key, prompt, { max_tokens: 10 });
    assert.equal(answer.choices[0]?.finish_reason, 'stop');
    assert.ok(exactTokenCounts() > before, 'priced exactly');
    const spent = await usage(key);
    assert.ok(spent > 0.002 && spent < 0.01, `usage ${spent}`);
  });

  it('a request that does not fit even when counted exactly is still a 402', async () => {
    const { key } = await stack.createKey({ name: 'too small', limit: 0.001 });
    const prompt = 'hello there '.repeat(1500);
    await assert.rejects(chat(key, prompt, { max_tokens: 10 }), (error: unknown) => error instanceof OpenAI.APIError && error.status === 402);
  });
});
