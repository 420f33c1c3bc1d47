import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI, { APIError } from 'openai';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

const DAY_MS = 86_400_000;

/** Calls `fn` and returns the APIError it throws (fails the test when it does not throw one). */
async function apiError(fn: () => Promise<unknown>): Promise<APIError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof APIError) return error;
    throw error;
  }
  assert.fail('expected an APIError');
}

describe('rate limits (per key, concurrency, free variants)', () => {
  let stack: TestStack;
  const client = (apiKey: string) => new OpenAI({ baseURL: stack.baseURL, apiKey, maxRetries: 0 });
  const ask = (apiKey: string, extra: Record<string, unknown> = {}) =>
    client(apiKey).chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'hi' }], ...extra } as never);

  before(async () => {
    stack = await startTestStack({
      config: { rate_limits: { free_models: { requests_per_minute: 100, requests_per_day: 3 } } },
      // `:free` routes only to free endpoints (docs/routing.md), so the free variant is its own zero-price model.
      extraModels: [{ id: 'sim/echo:free', endpoints: [{ provider: 'sim-a', model: 'echo-1', pricing: { prompt: '0', completion: '0' } }] }],
    });
  });
  after(() => stack.close());

  it('requests_per_minute: the N+1th request is a 429 in the envelope with Retry-After and X-RateLimit-*', async () => {
    const { key, data } = await stack.createKey({ name: 'rpm', rate_limits: { requests_per_minute: 3 } });
    assert.deepEqual(data.rate_limits, { requests_per_minute: 3, tokens_per_minute: null, concurrent_requests: null });
    for (let i = 0; i < 3; i += 1) await ask(key);
    const before = Date.now();
    const error = await apiError(() => ask(key));
    assert.equal(error.status, 429);
    assert.match(error.message, /requests-per-minute/);
    assert.deepEqual((error.error as { code: number }).code, 429);
    const retryAfter = Number(error.headers?.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 120, `retry-after ${retryAfter}`);
    assert.equal(error.headers?.get('x-ratelimit-limit'), '3');
    assert.equal(error.headers?.get('x-ratelimit-remaining'), '0');
    const reset = Number(error.headers?.get('x-ratelimit-reset'));
    assert.ok(reset > before && reset <= before + 121_000, `reset ${reset} is epoch ms within two minutes`);
    const metadata = (error.error as { metadata: { headers: Record<string, string>; error_type: string } }).metadata;
    assert.equal(metadata.error_type, 'rate_limit_exceeded');
    assert.equal(metadata.headers['X-RateLimit-Limit'], '3');
    // Other keys are not affected.
    await ask(stack.apiKey);
  });

  it('PATCH /keys sets, lifts (0) and resets (null) a key limit; GET shows it', async () => {
    const { key, data } = await stack.createKey({ name: 'patch' });
    const patch = async (rate_limits: Record<string, unknown>) => {
      const response = await fetch(`${stack.baseURL}/keys/${data.hash as string}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${stack.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ rate_limits }),
      });
      return { status: response.status, body: (await response.json()) as { data: { rate_limits: unknown } } };
    };
    assert.equal((await patch({ requests_per_minute: 1 })).body.data.rate_limits && 1, 1);
    await ask(key);
    assert.equal((await apiError(() => ask(key))).status, 429);
    const lifted = await patch({ requests_per_minute: 0, concurrent_requests: 5 });
    assert.deepEqual(lifted.body.data.rate_limits, { requests_per_minute: 0, tokens_per_minute: null, concurrent_requests: 5 });
    await ask(key);
    const got = await fetch(`${stack.baseURL}/keys/${data.hash as string}`, { headers: { authorization: `Bearer ${stack.adminKey}` } });
    assert.deepEqual(((await got.json()) as { data: { rate_limits: unknown } }).data.rate_limits, lifted.body.data.rate_limits);
    assert.equal((await patch({ requests_per_minute: -1 })).status, 400);
    assert.equal((await patch({ requests_per_hour: 3 })).status, 400);
  });

  it('tokens_per_minute counts prompt + max_tokens up front, corrects to real usage at settlement', async () => {
    const { key } = await stack.createKey({ name: 'tpm', rate_limits: { tokens_per_minute: 200 } });
    // ~10 prompt tokens + 150 reserved; the echo reply uses only a few, so the charge shrinks after.
    await ask(key, { max_tokens: 150 });
    await ask(key, { max_tokens: 150 });
    await ask(key, { max_tokens: 150 });
    // Without the correction three requests would have charged ~480 > 200.
    const tooLarge = await apiError(() => ask(key, { max_tokens: 500 }));
    assert.equal(tooLarge.status, 429);
    assert.match(tooLarge.message, /too large/i);
    assert.equal(tooLarge.headers?.get('retry-after'), null, 'a request that can never fit gets no Retry-After');
    // A request that really uses its reservation leaves no room for another one.
    const { key: other } = await stack.createKey({ name: 'tpm2', rate_limits: { tokens_per_minute: 200 } });
    await ask(other, { max_tokens: 150, messages: [{ role: 'user', content: '[[sim:words=140]] go' }] });
    const refused = await apiError(() => ask(other, { max_tokens: 150 }));
    assert.equal(refused.status, 429);
    assert.match(refused.message, /tokens-per-minute/);
    assert.equal(refused.headers?.get('x-ratelimit-limit'), '200');
  });

  it('concurrent_requests: a third request while two slow streams run is refused; slots come back at stream end', async () => {
    const { key } = await stack.createKey({ name: 'conc', rate_limits: { concurrent_requests: 2 } });
    const slow = () =>
      client(key).chat.completions.create({
        model: 'sim/echo',
        stream: true,
        messages: [{ role: 'user', content: '[[sim:delay=800 words=4 chunk_delay=100]] slow' }],
      });
    const running = [slow(), slow()];
    await sleep(200);
    const refused = await apiError(() => ask(key));
    assert.equal(refused.status, 429);
    assert.match(refused.message, /concurrent-requests/);
    assert.equal(refused.headers?.get('x-ratelimit-limit'), '2');
    assert.ok(Number(refused.headers?.get('retry-after')) >= 1);
    for (const stream of await Promise.all(running)) for await (const _chunk of stream) void _chunk;
    // Both streams ended: both slots are free again (released on settle; poll briefly for the close event).
    await eventually(async () => {
      await Promise.all([ask(key), ask(key)]);
    });
  });

  it('concurrent_requests: slots are released when the client cancels mid-stream, and after upstream errors', async () => {
    const { key } = await stack.createKey({ name: 'cancel', rate_limits: { concurrent_requests: 1 } });
    const controller = new AbortController();
    const stream = await client(key).chat.completions.create(
      { model: 'sim/echo', stream: true, messages: [{ role: 'user', content: '[[sim:words=200 chunk_delay=100]] long' }] },
      { signal: controller.signal },
    );
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    assert.equal((await apiError(() => ask(key))).status, 429, 'the slot is held while the stream runs');
    controller.abort();
    await eventually(() => ask(key));
    // Every endpoint failing upstream also gives the slot back.
    const failed = await apiError(() => ask(key, { messages: [{ role: 'user', content: '[[sim:status=500]] x' }] }));
    assert.ok((failed.status ?? 0) >= 500);
    await ask(key);
    // A request refused later in the pipeline (unknown model → 400) gives it back too.
    assert.equal((await apiError(() => ask(key, { model: 'nope/missing' }))).status, 400);
    await ask(key);
  });

  it(':free variants: per-workspace daily limit with OpenRouter message, reset at the next UTC midnight', async () => {
    const { key } = await stack.createKey({ name: 'free' });
    const free = (apiKey: string) => client(apiKey).chat.completions.create({ model: 'sim/echo:free', messages: [{ role: 'user', content: 'hi' }] });
    const freeDaily = async () => {
      const response = await fetch(`${stack.baseURL}/key`, { headers: { authorization: `Bearer ${key}` } });
      return ((await response.json()) as { data: { free_model_daily_requests: unknown } }).data.free_model_daily_requests;
    };
    // /key reports the configured limit (3 here, not OpenRouter's 1000) and today's use across the workspace.
    assert.deepEqual(await freeDaily(), { limit: 3, remaining: 3, used: 0 });
    await free(key);
    await free(stack.apiKey);
    assert.deepEqual(await freeDaily(), { limit: 3, remaining: 1, used: 2 });
    await free(key);
    assert.deepEqual(await freeDaily(), { limit: 3, remaining: 0, used: 3 });
    const error = await apiError(() => free(key));
    assert.equal(error.status, 429);
    assert.equal((error.error as { message: string }).message, 'Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day');
    assert.equal(error.headers?.get('x-ratelimit-limit'), '3');
    assert.equal(error.headers?.get('x-ratelimit-remaining'), '0');
    const nextMidnight = Math.floor(Date.now() / DAY_MS) * DAY_MS + DAY_MS;
    assert.equal(Number(error.headers?.get('x-ratelimit-reset')), nextMidnight);
    // The same workspace's non-free requests are untouched.
    await ask(key);
  });
});

/** Retries `fn` until it succeeds (up to ~5 s): a slot is released on the response's close event. */
async function eventually(fn: () => Promise<unknown>): Promise<void> {
  let lastError: unknown;
  for (let i = 0; i < 50; i += 1) {
    try {
      await fn();
      return;
    } catch (error) {
      lastError = error;
      await sleep(100);
    }
  }
  throw lastError;
}
