import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startOpenAISimulator, type OpenAISimulator } from '../../../sim/openai/start-openai-simulator.js';
import { InvalidRequestError } from '../../core/errors/gateway-error.js';
import { UpstreamError } from '../../core/errors/upstream-error.js';
import type { Provider } from '../../core/provider-types.js';
import { openAIChatAdapter } from '../../protocols/openai-chat/openai-chat-adapter.js';
import { UpstreamClient } from '../../upstream/upstream-client.js';
import type { NativeBatchClient, NativeBatchItem } from './native-batch-client.js';
import { collectNativeResults, settleNativeBatch } from '../../../test/support/drain-native-batch.js';
import { nativeBatchClientFor } from './native-batch-client-for.js';

const KEY = 'sk-native-batch-secret-0123456789';
let sim: OpenAISimulator;
let upstream: UpstreamClient;
let provider: Provider;
let client: NativeBatchClient;

before(async () => {
  sim = await startOpenAISimulator({ batchStepMs: 5, batchConcurrency: 1 });
  upstream = new UpstreamClient();
  provider = {
    id: 'openai',
    name: 'OpenAI',
    protocol: 'openai',
    baseUrl: sim.url,
    apiKey: KEY,
    headers: { 'OpenAI-Organization': 'org-batch' },
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

/** A chat item built by the chat adapter, as the batch runner builds it. */
async function chatItem(customId: string, text: string, model = 'gpt-4o-mini'): Promise<NativeBatchItem> {
  const call = await openAIChatAdapter.buildCall({ request: { messages: [{ role: 'user', content: text }] }, provider, upstreamModel: model, stream: false });
  return { customId, body: call.body };
}

const settle = (nativeId: string) => settleNativeBatch(client, nativeId);
const collect = (nativeId: string) => collectNativeResults(client, nativeId);

const LIMIT = { timeout: 15_000 };

describe('OpenAI native batch client against the simulator', () => {
  it('is chosen only for providers marked nativeBatch that speak a batch protocol', () => {
    assert.ok(client);
    assert.equal(client.protocol, 'openai');
    assert.equal(nativeBatchClientFor({ ...provider, nativeBatch: undefined }, upstream), undefined);
    assert.equal(nativeBatchClientFor({ ...provider, protocol: 'bedrock' }, upstream), undefined);
  });

  it('submits chat requests as an uploaded JSONL file, polls and reads results the chat adapter translates', LIMIT, async () => {
    const items = [await chatItem('l1', 'first'), await chatItem('l2', 'boom [[sim:status=500]]'), await chatItem('l3', 'third')];
    const { nativeId } = await client.submit({ endpoint: 'chat', items, metadata: { switchyard_batch: 'b-1' } });
    assert.match(nativeId, /^batch_/);

    const upload = sim.requests.find((r) => r.path === '/v1/files')!;
    assert.equal(upload.headers.authorization, `Bearer ${KEY}`);
    assert.equal(upload.headers['openai-organization'], 'org-batch');
    assert.match(String(upload.headers['content-type']), /^multipart\/form-data; boundary=/);
    const created = sim.batches.get(nativeId)!;
    assert.deepEqual(created.metadata, { switchyard_batch: 'b-1' });
    assert.equal(created.endpoint, '/v1/chat/completions');

    const status = await settle(nativeId);
    assert.deepEqual(status, { state: 'done', counts: { total: 3, succeeded: 2, failed: 1 }, resultsReady: true });
    const results = await collect(nativeId);
    assert.deepEqual([...results.keys()].sort(), ['l1', 'l2', 'l3']);
    const first = results.get('l1')!;
    assert.ok(first.ok);
    const chat = openAIChatAdapter.readResult(first.body, provider);
    assert.equal(chat.choices[0]?.message.content, 'Echo: first');
    assert.equal(chat.choices[0]?.finishReason, 'stop');
    assert.ok((chat.tokens?.promptTokens ?? 0) > 0 && (chat.tokens?.completionTokens ?? 0) > 0);
    const failed = results.get('l2')!;
    assert.ok(!failed.ok);
    assert.deepEqual({ ...failed.error, message: undefined }, { reason: 'upstream_error', status: 500, code: 'server_error', message: undefined });
    assert.match(failed.error.message, /server had an error/);
  });

  it('embeddings batches go to /v1/embeddings', LIMIT, async () => {
    const body = JSON.stringify({ model: 'text-embedding-3-small', input: ['a', 'b'], dimensions: 4 });
    const { nativeId } = await client.submit({ endpoint: 'embeddings', items: [{ customId: 'e1', body }] });
    assert.equal((await settle(nativeId)).state, 'done');
    const [result] = [...(await collect(nativeId)).values()];
    assert.ok(result?.ok);
    assert.equal((JSON.parse(result.body) as { data: unknown[] }).data.length, 2);
  });

  it('cancel stops the batch: finished requests keep their results, the rest come back cancelled', LIMIT, async () => {
    const items = await Promise.all(Array.from({ length: 5 }, (_, i) => chatItem(`c${i}`, `slow ${i} [[sim:delay=60]]`)));
    const { nativeId } = await client.submit({ endpoint: 'chat', items });
    for (let i = 0; i < 300 && (await client.poll(nativeId)).counts.succeeded < 1; i++) await sleep(10);
    await client.cancel(nativeId);
    const status = await settle(nativeId);
    assert.equal(status.state, 'cancelled');
    assert.ok(status.resultsReady);
    const results = [...(await collect(nativeId)).values()];
    const done = results.filter((r) => r.ok).length;
    assert.ok(done >= 1 && done < 5, `done ${done}`);
    assert.ok(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.reason === 'cancelled'));
    await client.cancel(nativeId); // already ended: nothing to stop, no error
  });

  it('an expired batch reports the requests that never ran as expired', LIMIT, async () => {
    const items = [await chatItem('x1', 'one'), await chatItem('x2', 'two [[sim:batch_expire=1]]')];
    const { nativeId } = await client.submit({ endpoint: 'chat', items });
    assert.equal((await settle(nativeId)).state, 'expired');
    const results = await collect(nativeId);
    assert.ok(results.get('x1')?.ok);
    const expired = results.get('x2');
    assert.ok(expired && !expired.ok && expired.error.reason === 'expired' && expired.error.code === 'batch_expired');
  });

  it('a batch the upstream rejects as a whole is failed with its validation errors and no results', LIMIT, async () => {
    const items = [await chatItem('m1', 'one', 'gpt-4o-mini'), await chatItem('m2', 'two', 'gpt-4o')];
    const { nativeId } = await client.submit({ endpoint: 'chat', items });
    const status = await settle(nativeId);
    assert.equal(status.state, 'failed');
    assert.equal(status.resultsReady, false);
    assert.match(status.message ?? '', /line 2: model_mismatch/);
  });

  it('refuses what the upstream would refuse before uploading anything', async () => {
    const item = await chatItem('same', 'x');
    await assert.rejects(client.submit({ endpoint: 'chat', items: [] }), InvalidRequestError);
    await assert.rejects(client.submit({ endpoint: 'chat', items: [item, item] }), /Duplicate custom id/);
    const pretty = { customId: 'p', body: JSON.stringify(JSON.parse(item.body), null, 2) };
    const { nativeId } = await client.submit({ endpoint: 'chat', items: [pretty] });
    assert.equal((await settle(nativeId)).state, 'done', 'a multi-line body is re-serialized onto one JSONL line');
    assert.equal(sim.requests.filter((r) => r.path === '/v1/files').length, 1);
  });

  it('upstream errors come out typed and retryable, and an echoed key never leaks', LIMIT, async () => {
    const item = await chatItem('a', 'x');
    sim.enqueueFault({ status: 429, retry_after: 7 });
    await assert.rejects(client.submit({ endpoint: 'chat', items: [item] }), (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.equal(error.code, 'rate_limited');
      assert.equal(error.retryable, true);
      assert.equal(error.retryAfterSeconds, 7);
      return true;
    });
    await assert.rejects(client.poll('batch_missing'), (error: unknown) => error instanceof UpstreamError && error.upstreamStatus === 404);
    sim.setKeyFault(KEY, { echo_key: 'json_401' });
    await assert.rejects(client.poll('batch_any'), (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.doesNotMatch(`${error.message} ${JSON.stringify(error.metadata)}`, /native-batch-secret/);
      return true;
    });
  });
});
