import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { verifyWebhook } from '../../src/core/sign-webhook.js';
import { isGenerationSampled } from '../../src/telemetry/sample-generation.js';
import { ECHO_PRICES, startTestStack, type TestStack } from '../support/start-test-stack.js';

const SECRET = 'export-secret-for-tests-5521';

interface ExportedGeneration {
  id: string;
  model: string;
  key_hash: string;
  total_cost: string;
  tokens_prompt: number;
  status: number;
  provider_responses: unknown[];
  content?: { input: { messages: Array<{ content: string }> }; output: { choices: Array<{ message: { content: string } }> } };
}
interface Delivery {
  batchId: string;
  signature: string;
  body: string;
  data: ExportedGeneration[];
}

/**
 * A stand-in webhook receiver on loopback: records every POST; `answer` decides the reply
 * (a status, or `hang` to hold the request until `release()`).
 */
async function startReceiver() {
  const deliveries: Delivery[] = [];
  const held: ServerResponse[] = [];
  let answer: (delivery: Delivery) => number | 'hang' = () => 200;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const delivery: Delivery = {
        batchId: String(req.headers['x-switchyard-batch-id']),
        signature: String(req.headers['x-switchyard-signature']),
        body,
        data: (JSON.parse(body) as { data: ExportedGeneration[] }).data,
      };
      deliveries.push(delivery);
      const reply = answer(delivery);
      if (reply === 'hang') held.push(res);
      else res.writeHead(reply).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    deliveries,
    setAnswer(next: typeof answer) {
      answer = next;
    },
    release() {
      for (const res of held.splice(0)) if (!res.destroyed) res.writeHead(200).end();
    },
    /** Every generation that a 2xx answer accepted. */
    accepted: (): ExportedGeneration[] => deliveries.filter((delivery) => answered.get(delivery) !== false).flatMap((delivery) => delivery.data),
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
const answered = new WeakMap<Delivery, boolean>();

async function waitFor(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function optIntoLogging(stack: TestStack, name: string): Promise<string> {
  const created = await stack.createKey({ name });
  const response = await fetch(`${stack.baseURL}/workspace/privacy`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${stack.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ key_logging: { [created.data.hash as string]: 7 } }),
  });
  assert.equal(response.status, 200);
  return created.key;
}

describe('generation records exported to a webhook', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let stack: TestStack;
  let loggedKey: string;

  before(async () => {
    receiver = await startReceiver();
    stack = await startTestStack({
      config: {
        telemetry: {
          generation_export: { url: receiver.url, secret: SECRET, include_content: true, batch_size: 4, flush_interval_ms: 50, max_queue: 8, timeout_ms: 3000, retry_delays_ms: [50, 100] },
        },
      },
      extraProviders: (simUrl) => [{ id: 'sim-zdr', name: 'Sim ZDR', base_url: simUrl, api_key: 'sk-sim-zdr', data_policy: { zdr: true, trains_on_data: false, retains_prompts: 0 } }],
      extraModels: [{ id: 'sim/zdr-echo', name: 'Sim: ZDR Echo', context_length: 32000, endpoints: [{ provider: 'sim-zdr', model: 'echo-1', pricing: ECHO_PRICES }] }],
    });
    loggedKey = await optIntoLogging(stack, 'logged');
  });
  after(async () => {
    receiver.release();
    await stack?.close();
    receiver?.close();
  });

  it('sends signed JSON batches of generation metadata, with no content, key or secret by default', async () => {
    const client = new OpenAI({ baseURL: stack.baseURL, apiKey: stack.apiKey, maxRetries: 0 });
    const ids: string[] = [];
    for (let index = 0; index < 6; index += 1) {
      const reply = await client.chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: `private-prompt-heron-${index}` }] });
      ids.push(reply.id);
    }
    await waitFor(() => ids.every((id) => receiver.accepted().some((generation) => generation.id === id)), 'all six generations');
    for (const delivery of receiver.deliveries) {
      assert.ok(delivery.data.length <= 4, 'batches hold at most batch_size records');
      assert.ok(verifyWebhook(SECRET, delivery.body, delivery.signature), 'signed with the configured secret');
      assert.ok(!verifyWebhook('another-secret', delivery.body, delivery.signature));
      assert.match(delivery.batchId, /^[0-9a-f-]{36}$/);
    }
    assert.ok(receiver.deliveries.length >= 2, 'six records with batch_size 4 need two batches');
    const first = receiver.accepted().find((generation) => generation.id === ids[0])!;
    assert.equal(first.model, 'sim/echo');
    assert.equal(first.status, 200);
    assert.ok(first.tokens_prompt > 0);
    assert.match(first.total_cost, /^0\.\d+$/, 'cost as an exact USD string');
    assert.equal(first.provider_responses.length, 1);
    assert.match(first.key_hash, /^[0-9a-f]{16,}$/);
    assert.equal(first.content, undefined, 'no content for a key that did not opt into logging');
    const everything = receiver.deliveries.map((delivery) => delivery.body).join('\n');
    assert.doesNotMatch(everything, /private-prompt-heron|sk-sim|sk-or-v1/);
    assert.ok(!everything.includes(stack.apiKey) && !everything.includes(SECRET));
  });

  it('includes content only for a key that opted into logging, and never for a zero-data-retention request', async () => {
    const client = new OpenAI({ baseURL: stack.baseURL, apiKey: loggedKey, maxRetries: 0 });
    const logged = await client.chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'logged-prompt-ibis' }] });
    const zdrRequest = { model: 'sim/zdr-echo', messages: [{ role: 'user' as const, content: 'zdr-prompt-kiwi' }], provider: { zdr: true } };
    const zdr = await client.chat.completions.create(zdrRequest as OpenAI.ChatCompletionCreateParamsNonStreaming);
    const find = (id: string) => receiver.accepted().find((generation) => generation.id === id);
    await waitFor(() => find(logged.id) !== undefined && find(zdr.id) !== undefined, 'both generations');
    const content = find(logged.id)!.content;
    assert.ok(content, 'the opted-in key\'s content is exported');
    assert.equal(content.input.messages[0]?.content, 'logged-prompt-ibis');
    assert.equal(content.output.choices[0]?.message.content, 'Echo: logged-prompt-ibis');
    assert.equal(find(zdr.id)!.content, undefined, 'a ZDR request never carries content');
    assert.ok(!receiver.deliveries.some((delivery) => delivery.body.includes('zdr-prompt-kiwi')));
    assert.ok(!receiver.deliveries.some((delivery) => delivery.body.includes(loggedKey)));
  });

  it('retries a batch the receiver failed, with the same batch id, until it is accepted', async () => {
    let failures = 0;
    receiver.setAnswer((delivery) => {
      if (failures < 2) {
        failures += 1;
        answered.set(delivery, false);
        return 503;
      }
      return 200;
    });
    const client = new OpenAI({ baseURL: stack.baseURL, apiKey: stack.apiKey, maxRetries: 0 });
    const reply = await client.chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'retry me' }] });
    await waitFor(() => receiver.accepted().some((generation) => generation.id === reply.id), 'the retried batch');
    const tries = receiver.deliveries.filter((delivery) => delivery.data.some((generation) => generation.id === reply.id));
    assert.equal(tries.length, 3, 'two failures, then the accepted retry');
    assert.equal(new Set(tries.map((delivery) => delivery.batchId)).size, 1, 'one batch id across retries');
    receiver.setAnswer(() => 200);
  });

  it('stays fast while the receiver hangs: the queue is bounded, the oldest dropped and counted', async () => {
    receiver.setAnswer((delivery) => {
      answered.set(delivery, false);
      return 'hang';
    });
    const client = new OpenAI({ baseURL: stack.baseURL, apiKey: stack.apiKey, maxRetries: 0 });
    const slowest: number[] = [];
    for (let index = 0; index < 20; index += 1) {
      const startedAt = Date.now();
      await client.chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: `while hanging ${index}` }] });
      slowest.push(Date.now() - startedAt);
    }
    // A request waiting on the receiver would take the export timeout (3 s) at least.
    assert.ok(Math.max(...slowest) < 2000, `request times ${slowest.join(', ')} ms`);
    const metrics = await (await fetch(`${stack.gateway.url}/metrics`)).text();
    const dropped = Number(/switchyard_generation_export_total\{outcome="queue_full"\} (\d+)/.exec(metrics)?.[1] ?? 0);
    // 20 records, one batch of 4 in flight, at most 8 queued: at least 8 were dropped.
    assert.ok(dropped >= 8, `queue_full drops: ${dropped}`);
    assert.match(metrics, /switchyard_generation_export_total\{outcome="delivered"\} [1-9]/);
    receiver.setAnswer(() => 200);
    receiver.release();
  });
});

describe('generation export sampling', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let stack: TestStack;

  before(async () => {
    receiver = await startReceiver();
    stack = await startTestStack({
      config: { telemetry: { generation_export: { url: receiver.url, secret: SECRET, sample_rate: 0.5, flush_interval_ms: 50 } } },
    });
  });
  after(async () => {
    await stack?.close();
    receiver?.close();
  });

  it('exports the generations whose id falls in the sample (about the configured rate), without content by default', async () => {
    const loggedKey = await optIntoLogging(stack, 'logged but content not exported');
    const client = new OpenAI({ baseURL: stack.baseURL, apiKey: loggedKey, maxRetries: 0 });
    const ids: string[] = [];
    for (let index = 0; index < 60; index += 1) {
      ids.push((await client.chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: `sampled-prompt-${index}` }] })).id);
    }
    const expected = ids.filter((id) => isGenerationSampled(id, 0.5));
    await waitFor(() => receiver.accepted().filter((generation) => ids.includes(generation.id)).length >= expected.length, 'the sampled generations');
    await new Promise((resolve) => setTimeout(resolve, 200)); // a few flush intervals: nothing more arrives
    const received = receiver.accepted().map((generation) => generation.id).filter((id) => ids.includes(id));
    assert.deepEqual(received.sort(), expected.sort(), 'the same ids as the deterministic sample');
    assert.ok(received.length >= 15 && received.length <= 45, `${received.length} of 60 sampled at 0.5`);
    assert.ok(receiver.accepted().every((generation) => generation.content === undefined), 'include_content is off by default');
    assert.ok(!receiver.deliveries.some((delivery) => delivery.body.includes('sampled-prompt-')));
  });
});

describe('generation export configuration', () => {
  it('refuses to start when the signing secret names an unset variable', async () => {
    await assert.rejects(
      startTestStack({ config: { telemetry: { generation_export: { url: 'http://127.0.0.1:9/hook', secret: 'env:SWITCHYARD_UNSET_EXPORT_SECRET' } } } }),
      /telemetry\.generation_export\.secret: env:SWITCHYARD_UNSET_EXPORT_SECRET is not set/,
    );
  });

  it('refuses an export without a URL or with an unknown field', async () => {
    await assert.rejects(startTestStack({ config: { telemetry: { generation_export: { secret: SECRET } } } }), /generation_export\.url/);
    await assert.rejects(
      startTestStack({ config: { telemetry: { generation_export: { url: 'http://127.0.0.1:9/hook', secret: SECRET, include_prompts: true } } } }),
      /include_prompts/,
    );
  });
});
