import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OpenRouter } from '@openrouter/sdk';
import * as errors from '@openrouter/sdk/models/errors';
import type { ChatResult, ChatStreamChunk } from '@openrouter/sdk/models';
import { ECHO_PRICES, startTestStack, type TestStack } from '../support/start-test-stack.js';

/** Cost of a sim/echo request by hand: tokens × per-token prices. */
function echoCost(promptTokens: number, completionTokens: number): number {
  return promptTokens * Number(ECHO_PRICES.prompt) + completionTokens * Number(ECHO_PRICES.completion);
}

describe('@openrouter/sdk against the gateway', () => {
  let stack: TestStack;
  let client: OpenRouter;

  before(async () => {
    stack = await startTestStack();
    client = new OpenRouter({ apiKey: stack.apiKey, serverURL: stack.baseURL, retryConfig: { strategy: 'none' } });
  });
  after(() => stack.close());

  it('sends a non-streaming chat completion with content and a priced usage', async () => {
    const result = (await client.chat.send({
      chatRequest: { model: 'sim/echo', messages: [{ role: 'user', content: 'hello from the sdk' }] },
    })) as ChatResult;
    assert.match(result.id, /^gen-/);
    assert.equal(result.model, 'sim/echo');
    assert.equal(result.object, 'chat.completion');
    assert.equal(result.choices.length, 1);
    assert.equal(result.choices[0]?.message.content, 'Echo: hello from the sdk');
    assert.equal(result.choices[0]?.finishReason, 'stop');
    const usage = result.usage;
    assert.ok(usage, 'usage is present');
    assert.ok(usage.promptTokens > 0);
    assert.ok(usage.completionTokens > 0);
    assert.equal(usage.totalTokens, usage.promptTokens + usage.completionTokens);
    assert.equal(typeof usage.cost, 'number');
    assert.ok(Math.abs((usage.cost as number) - echoCost(usage.promptTokens, usage.completionTokens)) < 1e-12, `cost ${usage.cost}`);
  });

  it('prices cached prompt tokens at input_cache_read', async () => {
    const result = (await client.chat.send({
      chatRequest: { model: 'sim/echo', messages: [{ role: 'user', content: 'cache me [[sim:cached=5]]' }] },
    })) as ChatResult;
    const usage = result.usage!;
    assert.equal(usage.promptTokensDetails?.cachedTokens, 5);
    const expected =
      (usage.promptTokens - 5) * Number(ECHO_PRICES.prompt) +
      5 * Number(ECHO_PRICES.input_cache_read) +
      usage.completionTokens * Number(ECHO_PRICES.completion);
    assert.ok(Math.abs((usage.cost as number) - expected) < 1e-12, `cost ${usage.cost} vs ${expected}`);
  });

  it('streams a chat completion: content deltas, one final usage chunk with cost', async () => {
    const stream = await client.chat.send({
      chatRequest: { model: 'sim/echo', stream: true, messages: [{ role: 'user', content: 'stream this please' }] },
    });
    const chunks: ChatStreamChunk[] = [];
    for await (const chunk of stream as AsyncIterable<ChatStreamChunk>) chunks.push(chunk);
    assert.ok(chunks.length >= 3, `got ${chunks.length} chunks`);
    const ids = new Set(chunks.map((chunk) => chunk.id));
    assert.equal(ids.size, 1, 'every chunk carries the same id');
    assert.match([...ids][0] as string, /^gen-/);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    assert.equal(text, 'Echo: stream this please');
    const finishes = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.finishReason)).filter(Boolean);
    assert.deepEqual(finishes, ['stop']);
    const withUsage = chunks.filter((chunk) => chunk.usage);
    assert.equal(withUsage.length, 1, 'usage is sent exactly once');
    const last = chunks.at(-1) as ChatStreamChunk;
    assert.equal(last, withUsage[0], 'usage rides on the last chunk');
    assert.deepEqual(last.choices, []);
    const usage = last.usage!;
    assert.ok(usage.promptTokens > 0 && usage.completionTokens > 0);
    assert.ok(Math.abs((usage.cost as number) - echoCost(usage.promptTokens, usage.completionTokens)) < 1e-12, `cost ${usage.cost}`);
  });

  it('lists models, including the configured sim/echo and a built-in catalog model', async () => {
    const page = await client.models.list();
    const ids = page.result.data.map((model) => model.id);
    assert.ok(ids.includes('sim/echo'), 'sim/echo listed');
    assert.ok(ids.includes('openai/gpt-4o-mini'), 'openai/gpt-4o-mini listed');
    const echo = page.result.data.find((model) => model.id === 'sim/echo')!;
    assert.equal(echo.name, 'Sim: Echo');
    assert.equal(echo.contextLength, 32000);
    assert.equal(echo.pricing.prompt, ECHO_PRICES.prompt);
    assert.equal(echo.pricing.completion, ECHO_PRICES.completion);
  });

  it('surfaces an unknown model as a 400 BadRequestResponseError', async () => {
    await assert.rejects(
      client.chat.send({ chatRequest: { model: 'nobody/no-such-model', messages: [{ role: 'user', content: 'hi' }] } }),
      (error: unknown) => {
        assert.ok(error instanceof errors.BadRequestResponseError, `got ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`);
        assert.equal(error.statusCode, 400);
        assert.equal(error.error.code, 400);
        assert.match(error.error.message, /nobody\/no-such-model/);
        return true;
      },
    );
  });
  describe('account endpoints through the SDK (response shapes must validate)', () => {
    it('apiKeys.create / get / list / delete with a management key', async () => {
      const admin = new OpenRouter({ apiKey: stack.adminKey, serverURL: stack.baseURL, retryConfig: { strategy: 'none' } });
      const created = await admin.apiKeys.create({ requestBody: { name: 'sdk key', limit: 3 } });
      assert.match(created.key, /^sk-or-v1-/);
      assert.equal(created.data.name, 'sdk key');
      assert.equal(created.data.limit, 3);
      const fetched = await admin.apiKeys.get({ hash: created.data.hash });
      assert.equal(fetched.data.hash, created.data.hash);
      const listed = await admin.apiKeys.list();
      assert.ok(listed.data.some((key) => key.hash === created.data.hash));
      const deleted = await admin.apiKeys.delete({ hash: created.data.hash });
      assert.equal(deleted.deleted, true);
    });

    it('apiKeys.getCurrentKeyMetadata reports usage including a paid request', async () => {
      const { key } = await stack.createKey({ name: 'sdk metered', limit: 2 });
      const user = new OpenRouter({ apiKey: key, serverURL: stack.baseURL, retryConfig: { strategy: 'none' } });
      const result = (await user.chat.send({
        chatRequest: { model: 'sim/echo', messages: [{ role: 'user', content: 'spend a little' }] },
      })) as ChatResult;
      const cost = result.usage?.cost as number;
      const { data } = await user.apiKeys.getCurrentKeyMetadata();
      assert.equal(data.isManagementKey, false);
      assert.equal(data.limit, 2);
      assert.ok(Math.abs(data.usage - cost) < 1e-12, `usage ${data.usage} vs cost ${cost}`);
      assert.ok(Math.abs((data.limitRemaining as number) - (2 - cost)) < 1e-12);
    });

    it('generations.getGeneration returns the stats of a request', async () => {
      const result = (await client.chat.send({
        chatRequest: { model: 'sim/echo', messages: [{ role: 'user', content: 'look me up' }] },
      })) as ChatResult;
      const { data } = await client.generations.getGeneration({ id: result.id });
      assert.equal(data.id, result.id);
      assert.equal(data.model, 'sim/echo');
      assert.equal(data.streamed, false);
      assert.equal(data.tokensPrompt, result.usage?.promptTokens);
      assert.equal(data.tokensCompletion, result.usage?.completionTokens);
      assert.ok(Math.abs(data.totalCost - (result.usage?.cost as number)) < 1e-12);
    });
  });
});
