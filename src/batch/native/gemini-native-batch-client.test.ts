import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startGeminiSimulator, type GeminiSimulator } from '../../../sim/gemini/start-gemini-simulator.js';
import { InvalidRequestError } from '../../core/errors/gateway-error.js';
import { UpstreamError } from '../../core/errors/upstream-error.js';
import type { Provider } from '../../core/provider-types.js';
import { geminiAdapter } from '../../protocols/gemini/gemini-adapter.js';
import { UpstreamClient } from '../../upstream/upstream-client.js';
import type { NativeBatchClient, NativeBatchItem } from './native-batch-client.js';
import { collectNativeResults, settleNativeBatch } from '../../../test/support/drain-native-batch.js';
import { nativeBatchClientFor } from './native-batch-client-for.js';

const KEY = 'AIza-native-batch-secret-0123456789';
const MODEL = 'gemini-2.5-flash';
let sim: GeminiSimulator;
let upstream: UpstreamClient;
let provider: Provider;
let client: NativeBatchClient;

before(async () => {
  sim = await startGeminiSimulator({ batchStepMs: 5, batchConcurrency: 1 });
  upstream = new UpstreamClient();
  provider = {
    id: 'google',
    name: 'Google AI Studio',
    protocol: 'gemini',
    baseUrl: sim.geminiBaseUrl,
    apiKey: KEY,
    headers: { 'x-team': 'ml' },
    dataPolicy: { zdr: false, trainsOnData: false, retainsPromptsDays: 55, region: 'us', moderated: false },
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

/** A chat item built by the Gemini chat adapter, as the batch runner builds it: the model rides beside the body. */
async function chatItem(customId: string, text: string, model = MODEL): Promise<NativeBatchItem> {
  const call = await geminiAdapter.buildCall({ request: { messages: [{ role: 'user', content: text }] }, provider, upstreamModel: model, stream: false });
  return { customId, body: call.body, model };
}

const settle = (nativeId: string) => settleNativeBatch(client, nativeId);
const collect = (nativeId: string, from: NativeBatchClient = client) => collectNativeResults(from, nativeId);

const LIMIT = { timeout: 15_000 };

describe('Gemini native batch client against the simulator', () => {
  it('is chosen for gemini providers marked nativeBatch, never for Vertex', () => {
    assert.equal(client.protocol, 'gemini');
    assert.equal(client.limits.maxBytes, 20 * 1024 * 1024);
    assert.deepEqual(client.endpoints, ['chat']);
    assert.equal(nativeBatchClientFor({ ...provider, nativeBatch: undefined }, upstream), undefined);
    assert.equal(nativeBatchClientFor({ ...provider, protocol: 'vertex' }, upstream), undefined);
  });

  it('submits inlined requests in one call, polls and reads results the chat adapter translates', LIMIT, async () => {
    const items = [await chatItem('l1', 'first'), await chatItem('l2', 'boom [[sim:status=500]]'), await chatItem('l3', 'third')];
    const { nativeId } = await client.submit({ endpoint: 'chat', items, metadata: { switchyard_batch: 'b-1' } });
    assert.match(nativeId, /^batches\/sim/);

    const create = sim.requests.find((r) => r.path.endsWith(':batchGenerateContent'))!;
    assert.equal(create.path, `/v1beta/models/${MODEL}:batchGenerateContent`);
    assert.equal(create.headers['x-goog-api-key'], KEY);
    assert.equal(create.headers['x-team'], 'ml');
    const batch = (create.body as { batch: { displayName: string; inputConfig: { requests: { requests: Array<{ metadata: { key: string } }> } } } }).batch;
    assert.equal(batch.displayName, 'switchyard_batch=b-1');
    assert.deepEqual(batch.inputConfig.requests.requests.map((r) => r.metadata.key), ['l1', 'l2', 'l3']);

    const status = await settle(nativeId);
    assert.deepEqual(status, { state: 'done', counts: { total: 3, succeeded: 2, failed: 1 }, resultsReady: true });
    const results = await collect(nativeId);
    assert.deepEqual([...results.keys()], ['l1', 'l2', 'l3'], 'once each although the operation carries the output twice');
    const first = results.get('l1')!;
    assert.ok(first.ok);
    const chat = geminiAdapter.readResult(first.body, provider);
    assert.equal(chat.choices[0]?.message.content, 'Echo: first');
    assert.equal(chat.choices[0]?.finishReason, 'stop');
    assert.ok((chat.tokens?.promptTokens ?? 0) > 0 && (chat.tokens?.completionTokens ?? 0) > 0);
    const failed = results.get('l2')!;
    assert.ok(!failed.ok);
    assert.deepEqual({ ...failed.error, message: '' }, { reason: 'upstream_error', status: 500, code: 'INTERNAL', message: '' });
    assert.match(failed.error.message, /internal error/i);
  });

  it('cancel stops the batch: requests that ran keep their results, the rest are missing and counted failed', LIMIT, async () => {
    const items = await Promise.all(Array.from({ length: 5 }, (_, i) => chatItem(`c${i}`, `slow ${i} [[sim:delay=60]]`)));
    const { nativeId } = await client.submit({ endpoint: 'chat', items });
    for (let i = 0; i < 300 && (await client.poll(nativeId)).counts.succeeded < 1; i++) await sleep(10);
    await client.cancel(nativeId);
    const status = await settle(nativeId);
    assert.equal(status.state, 'cancelled');
    assert.ok(status.resultsReady);
    assert.equal(status.counts.succeeded + status.counts.failed, 5);
    const results = [...(await collect(nativeId)).values()];
    assert.ok(results.length >= 1 && results.length < 5, `ran ${results.length}`);
    assert.ok(results.every((r) => r.ok));
    assert.equal(results.length, status.counts.succeeded);
    await client.cancel(nativeId); // already ended: nothing to stop, no error
  });

  it('an expired batch keeps the results of the requests that ran', LIMIT, async () => {
    const { nativeId } = await client.submit({ endpoint: 'chat', items: [await chatItem('x1', 'one'), await chatItem('x2', 'two [[sim:batch_expire=1]]')] });
    const status = await settle(nativeId);
    assert.deepEqual(status, { state: 'expired', counts: { total: 2, succeeded: 1, failed: 1 }, resultsReady: true });
    const results = await collect(nativeId);
    assert.ok(results.get('x1')?.ok);
    assert.equal(results.has('x2'), false, 'never ran: missing, which the caller treats as not run');
  });

  it('a batch the upstream fails as a whole is failed with its message and no results', LIMIT, async () => {
    const { nativeId } = await client.submit({ endpoint: 'chat', items: [await chatItem('f1', 'one'), await chatItem('f2', 'two [[sim:batch_fail=1]]')] });
    const status = await settle(nativeId);
    assert.equal(status.state, 'failed');
    assert.equal(status.resultsReady, false);
    assert.match(status.message ?? '', /could not be processed/);
    await assert.rejects(collect(nativeId), (error: unknown) => error instanceof UpstreamError && /has no results/.test(error.message));
  });

  it('refuses what the upstream would refuse before sending anything: mixed or missing models, embeddings, over 20 MB', async () => {
    const item = await chatItem('a', 'x');
    await assert.rejects(client.submit({ endpoint: 'chat', items: [item, await chatItem('b', 'y', 'gemini-2.5-pro')] }), (error: unknown) => {
      assert.ok(error instanceof InvalidRequestError);
      assert.match(error.message, /one model: b uses gemini-2.5-pro, the batch gemini-2.5-flash/);
      return true;
    });
    await assert.rejects(client.submit({ endpoint: 'chat', items: [{ customId: 'n', body: item.body }] }), /needs its model/);
    await assert.rejects(client.submit({ endpoint: 'embeddings', items: [item] }), /does not take embeddings/);
    await assert.rejects(client.submit({ endpoint: 'chat', items: [] }), InvalidRequestError);
    await assert.rejects(client.submit({ endpoint: 'chat', items: [item, item] }), /Duplicate custom id/);
    const big = await chatItem('big', 'x'.repeat(21 * 1024 * 1024));
    await assert.rejects(client.submit({ endpoint: 'chat', items: [big] }), /upload is at most 20971520 bytes/);
    assert.equal(sim.requests.length, 0);
    const prefixed = { ...item, model: `models/${MODEL}` };
    const { nativeId } = await client.submit({ endpoint: 'chat', items: [prefixed] });
    assert.equal((await settle(nativeId)).state, 'done', 'a models/ prefix is the same model');
  });

  it('upstream errors come out typed and retryable, and an echoed key never leaks', LIMIT, async () => {
    const item = await chatItem('a', 'x');
    sim.enqueueFault({ status: 429, retry_after: 7 });
    await assert.rejects(client.submit({ endpoint: 'chat', items: [item] }), (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.equal(error.code, 'rate_limited');
      assert.equal(error.retryable, true);
      assert.equal(error.retryAfterSeconds, 7, 'from google.rpc.RetryInfo');
      return true;
    });
    await assert.rejects(client.poll('batches/missing'), (error: unknown) => error instanceof UpstreamError && error.upstreamStatus === 404);
    await assert.rejects(client.poll('batches/../models'), (error: unknown) => error instanceof UpstreamError && /not a Gemini batch name/.test(error.message));
    sim.enqueueFault({ echo_key: 'json_401' });
    await assert.rejects(client.poll('batches/any'), (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.doesNotMatch(`${error.message} ${JSON.stringify(error.metadata)}`, /native-batch-secret/);
      return true;
    });
  });

  it('a 200 that is not a whole batch operation is an invalid response, never a batch running forever', LIMIT, async () => {
    const answers = ['{}', '{"name":"batches/x","metadata":{"state":"BATCH_STATE_RUN', '[1,2'];
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(answers.shift() ?? '{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const odd = nativeBatchClientFor({ ...provider, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1beta` }, upstream)!;
    try {
      await assert.rejects(odd.poll('batches/x'), (error: unknown) => error instanceof UpstreamError && error.code === 'upstream_invalid_response' && /not a batch operation/.test(error.message));
      await assert.rejects(odd.poll('batches/x'), (error: unknown) => error instanceof UpstreamError && /ended before its JSON did/.test(error.message));
      await assert.rejects(collect('batches/x', odd), (error: unknown) => error instanceof UpstreamError && /not valid JSON|ended before/.test(error.message));
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('streams the results of a large batch without re-reading them whole', LIMIT, async () => {
    const items = await Promise.all(Array.from({ length: 60 }, (_, i) => chatItem(`m${i}`, `item ${i} ${'word '.repeat(200)}`)));
    const wide = nativeBatchClientFor(provider, upstream)!;
    const { nativeId } = await wide.submit({ endpoint: 'chat', items });
    assert.equal((await settle(nativeId)).counts.succeeded, 60);
    const results = await collect(nativeId);
    assert.equal(results.size, 60);
    assert.ok([...results.values()].every((r) => r.ok && geminiAdapter.readResult(r.body, provider).choices[0]?.message.content?.startsWith(`Echo: item ${r.customId.slice(1)} `)));
  });
});
