import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startAnthropicSimulator, type AnthropicSimulator } from '../../../sim/anthropic/start-anthropic-simulator.js';
import { UpstreamError } from '../../core/errors/upstream-error.js';
import type { Provider } from '../../core/provider-types.js';
import { anthropicMessagesAdapter } from '../../protocols/anthropic-messages/anthropic-messages-adapter.js';
import { UpstreamClient } from '../../upstream/upstream-client.js';
import type { NativeBatchClient, NativeBatchItem } from './native-batch-client.js';
import { collectNativeResults, settleNativeBatch } from '../../../test/support/drain-native-batch.js';
import { nativeBatchClientFor } from './native-batch-client-for.js';

const KEY = 'sk-ant-native-batch-secret-0123456789';
let sim: AnthropicSimulator;
let upstream: UpstreamClient;
let provider: Provider;
let client: NativeBatchClient;

before(async () => {
  sim = await startAnthropicSimulator({ batchStepMs: 5, batchConcurrency: 1 });
  upstream = new UpstreamClient();
  provider = {
    id: 'anthropic',
    name: 'Anthropic',
    protocol: 'anthropic',
    baseUrl: sim.url,
    apiKey: KEY,
    headers: {},
    dataPolicy: { zdr: false, trainsOnData: false, retainsPromptsDays: 30, region: 'us', moderated: true },
    timeouts: { connectMs: 2_000, firstByteMs: 5_000, idleMs: 5_000, totalMs: 10_000 },
    local: false,
    nativeBatch: true,
  };
  client = nativeBatchClientFor(provider, upstream)!;
});
beforeEach(() => sim.reset());
after(async () => {
  await upstream.close();
  await sim.close();
});

async function messageItem(customId: string, text: string, model = 'claude-haiku-4-5'): Promise<NativeBatchItem> {
  const call = await anthropicMessagesAdapter.buildCall({ request: { messages: [{ role: 'user', content: text }] }, provider, upstreamModel: model, stream: false, maxOutputTokens: 256 });
  return { customId, body: call.body };
}

const settle = settleNativeBatch;
const collect = collectNativeResults;

const LIMIT = { timeout: 15_000 };

describe('Anthropic native batch client against the simulator', () => {
  it('submits Messages params, polls and reads results the Messages adapter translates (models may mix)', LIMIT, async () => {
    const items = [await messageItem('l1', 'hello'), await messageItem('l2', 'busy [[sim:status=529]]'), await messageItem('l3', 'other model', 'claude-sonnet-4-5')];
    const { nativeId } = await client.submit({ endpoint: 'chat', items });
    assert.match(nativeId, /^msgbatch_/);
    const create = sim.requests.find((r) => r.path === '/v1/messages/batches')!;
    assert.equal(create.headers['x-api-key'], KEY);
    assert.equal(create.headers['anthropic-version'], '2023-06-01');
    assert.equal((create.body as { requests: unknown[] }).requests.length, 3);

    const status = await settle(client, nativeId);
    assert.deepEqual(status, { state: 'done', counts: { total: 3, succeeded: 2, failed: 1 }, resultsReady: true });
    const results = await collect(client, nativeId);
    const first = results.get('l1');
    assert.ok(first?.ok);
    const chat = anthropicMessagesAdapter.readResult(first.body, provider);
    assert.equal(chat.choices[0]?.message.content, 'Echo: hello');
    assert.ok((chat.tokens?.promptTokens ?? 0) > 0);
    const third = results.get('l3');
    assert.ok(third?.ok && JSON.parse(third.body).model === 'claude-sonnet-4-5');
    const busy = results.get('l2');
    assert.ok(busy && !busy.ok);
    assert.deepEqual({ ...busy.error, message: '' }, { reason: 'upstream_error', status: 529, code: 'overloaded_error', message: '' });
  });

  it('cancel: finished requests keep their results, the others come back cancelled', LIMIT, async () => {
    const items = await Promise.all(Array.from({ length: 5 }, (_, i) => messageItem(`c${i}`, `slow ${i} [[sim:delay=60]]`)));
    const { nativeId } = await client.submit({ endpoint: 'chat', items });
    for (let i = 0; i < 300 && (await client.poll(nativeId)).counts.succeeded < 1; i++) await sleep(10);
    await client.cancel(nativeId);
    const status = await settle(client, nativeId);
    assert.equal(status.state, 'cancelled');
    const results = [...(await collect(client, nativeId)).values()];
    assert.equal(results.length, 5);
    const cancelled = results.filter((r) => !r.ok);
    assert.ok(cancelled.length >= 1 && cancelled.every((r) => !r.ok && r.error.reason === 'cancelled'));
  });

  it('an expired batch ends expired with the unrun requests expired', LIMIT, async () => {
    const { nativeId } = await client.submit({ endpoint: 'chat', items: [await messageItem('a', 'one'), await messageItem('b', 'two [[sim:batch_expire=1]]')] });
    assert.equal((await settle(client, nativeId)).state, 'expired');
    const b = (await collect(client, nativeId)).get('b');
    assert.ok(b && !b.ok && b.error.reason === 'expired');
  });

  it('refuses ids Anthropic refuses and endpoints it has no batch for, before any request', async () => {
    const item = await messageItem('ok', 'x');
    await assert.rejects(client.submit({ endpoint: 'chat', items: [{ ...item, customId: 'line 1' }] }), /custom id must match/);
    await assert.rejects(client.submit({ endpoint: 'embeddings', items: [item] }), /does not take embeddings/);
    assert.equal(sim.requests.length, 0);
  });

  it('reads results from the provider origin even when the batch names another host', LIMIT, async () => {
    // The simulator announces http://127.0.0.1:PORT; a provider configured as localhost is another origin.
    const moved = nativeBatchClientFor({ ...provider, baseUrl: sim.url.replace('127.0.0.1', 'localhost') }, upstream)!;
    const { nativeId } = await moved.submit({ endpoint: 'chat', items: [await messageItem('a', 'one')] });
    await settle(moved, nativeId);
    assert.ok((await collect(moved, nativeId)).get('a')?.ok);
    const fetched = sim.requests.filter((r) => r.path.endsWith('/results'));
    assert.equal(fetched.length, 1);
    assert.match(String(fetched[0]?.headers.host), /^localhost:/, 'the key went to the configured host, not the announced one');
  });

  it('upstream errors are typed: a 429 on create is retryable with its retry-after', LIMIT, async () => {
    sim.enqueueFault({ status: 429, retry_after: 4 });
    await assert.rejects(client.submit({ endpoint: 'chat', items: [await messageItem('a', 'x')] }), (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.equal(error.code, 'rate_limited');
      assert.equal(error.retryAfterSeconds, 4);
      return true;
    });
    await assert.rejects(client.poll('msgbatch_missing'), (error: unknown) => error instanceof UpstreamError && error.upstreamStatus === 404);
  });
});
