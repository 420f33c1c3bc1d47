import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { tokenizerLoaded } from '../../src/core/token-counter.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

/**
 * A streamed request refused before the upstream is asked keeps its real status, however long the
 * gateway's own stages took: keep-alives (which commit the 200) start only once the upstream is
 * asked. Here the refusal is a budget 402 whose reservation first waits for the tokenizer to load
 * (far longer than this gateway's 10 ms keep-alive interval). Before keep-alives waited for the
 * upstream, that 402 arrived in-band after a 200.
 */
describe('a streamed request refused by the gateway keeps its status', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack({ config: { stream_keepalive_ms: 10 } });
  });
  after(() => stack.close());

  it('a budget refusal that waited for the tokenizer is a 402, not a 200 with an in-band error', async () => {
    assert.equal(tokenizerLoaded(), false, 'this process has not loaded the tokenizer yet (the slow path under test)');
    // 9,000 bytes of prose: the tokenizer-free bound does not fit $0.001, so the reservation counts exactly.
    const { key } = await stack.createKey({ name: 'tiny budget', limit: 0.001 });
    const client = new OpenAI({ apiKey: key, baseURL: stack.baseURL, maxRetries: 0 });
    const refused = await client.chat.completions
      .create({ model: 'sim/echo', stream: true, max_tokens: 4000, messages: [{ role: 'user', content: 'hello there '.repeat(750) }] })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    assert.ok(refused instanceof OpenAI.APIError, `refused before any byte of the stream: ${String(refused)}`);
    assert.equal(refused.status, 402);
    assert.ok(tokenizerLoaded(), 'the reservation counted the prompt exactly');
  });
});
