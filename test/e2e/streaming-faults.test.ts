import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { iterateSse, joinDeltaContent, readSse, type SseTranscript } from '../support/read-sse.js';
import { ECHO_PRICES, startTestStack, type TestStack } from '../support/start-test-stack.js';

/**
 * A TCP proxy between the gateway and the simulator, so a test can see when the gateway
 * closes its upstream connection (client abort must propagate upstream).
 */
interface TcpProxy {
  port: number;
  /** Upstream connections, with everything the gateway sent on each. */
  connections: Array<{ sent: string; closed: boolean; closedAt?: number }>;
  setTarget(port: number): void;
  close(): Promise<void>;
}

async function startTcpProxy(): Promise<TcpProxy> {
  let targetPort = 0;
  const connections: TcpProxy['connections'] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const record: TcpProxy['connections'][number] = { sent: '', closed: false };
    connections.push(record);
    const outbound = connect(targetPort, '127.0.0.1');
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    inbound.on('data', (chunk: Buffer) => {
      if (record.sent.length < 64 * 1024) record.sent += chunk.toString('utf8');
    });
    inbound.pipe(outbound);
    outbound.pipe(inbound);
    inbound.once('close', () => {
      record.closed = true;
      record.closedAt = Date.now();
      outbound.destroy();
    });
    outbound.once('close', () => inbound.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections,
    setTarget(port) {
      targetPort = port;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

interface Chunk {
  id: string;
  provider?: string;
  model?: string;
  object?: string;
  choices: Array<{ index: number; delta?: { content?: string }; finish_reason?: string | null }>;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number; cost: number };
  error?: { code: number; message: string; metadata?: Record<string, unknown> };
}

describe('streaming and faults (raw SSE)', () => {
  let stack: TestStack;
  let proxy: TcpProxy;

  const chat = (body: Record<string, unknown>, signal?: AbortSignal) =>
    fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
  const stream = (content: string, model = 'sim/echo') => chat({ model, stream: true, messages: [{ role: 'user', content }] });
  const generation = async (id: string) => {
    const response = await fetch(`${stack.baseURL}/generation?id=${encodeURIComponent(id)}`, {
      headers: { authorization: `Bearer ${stack.apiKey}` },
    });
    assert.equal(response.status, 200, `generation ${id}: ${await response.clone().text()}`);
    return ((await response.json()) as { data: Record<string, unknown> }).data;
  };
  const chunksOf = (transcript: SseTranscript) => transcript.chunks as unknown as Chunk[];

  before(async () => {
    proxy = await startTcpProxy();
    const viaProxy = `http://127.0.0.1:${proxy.port}/v1`;
    stack = await startTestStack({
      config: {
        providers: [
          { id: 'sim-a', name: 'Sim A', base_url: viaProxy, api_key: 'sk-sim-a' },
          { id: 'sim-b', name: 'Sim B', base_url: viaProxy, api_key: 'sk-sim-b' },
        ],
      },
    });
    proxy.setTarget(stack.sim.port);
  });
  after(async () => {
    await stack.close();
    await proxy.close();
  });

  it('a healthy stream: one gen- id (= X-Generation-Id), final usage chunk with choices [] and cost, then [DONE]', async () => {
    const response = await stream('three little words');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const generationId = response.headers.get('x-generation-id') ?? '';
    assert.match(generationId, /^gen-/);
    const transcript = await readSse(response);
    const chunks = chunksOf(transcript);
    assert.equal(transcript.failed, false);
    assert.ok(chunks.length >= 3);
    for (const chunk of chunks) {
      assert.equal(chunk.id, generationId);
      assert.equal(chunk.object, 'chat.completion.chunk');
      assert.equal(chunk.model, 'sim/echo');
      assert.equal(chunk.provider, 'Sim A');
      assert.equal(chunk.error, undefined);
    }
    assert.equal(joinDeltaContent(transcript.chunks), 'Echo: three little words');
    assert.equal(transcript.data.at(-1), '[DONE]', '[DONE] is the last event');
    assert.equal(transcript.data.filter((data) => data === '[DONE]').length, 1);
    const last = chunks.at(-1)!;
    assert.deepEqual(last.choices, []);
    assert.ok(last.usage, 'last chunk carries usage');
    assert.deepEqual(transcript.invalid, []);
    const withUsage = chunks.filter((chunk) => chunk.usage != null);
    assert.equal(withUsage.length, 1, 'usage exactly once');
    // OpenRouter sends `usage` only on the final chunk; @openrouter/sdk's chunk schema has
    // `usage` optional but not nullable, so a relayed upstream `"usage":null` breaks it.
    const earlier = chunks.slice(0, -1).filter((chunk) => 'usage' in chunk);
    assert.equal(earlier.length, 0, `non-final chunks carry a usage field: ${JSON.stringify(earlier[0])}`);
    const { prompt_tokens: p, completion_tokens: c, total_tokens: t, cost } = last.usage;
    assert.ok(p > 0 && c > 0);
    assert.equal(t, p + c);
    assert.ok(Math.abs(cost - (p * Number(ECHO_PRICES.prompt) + c * Number(ECHO_PRICES.completion))) < 1e-12, `cost ${cost}`);
    const finishes = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason)).filter((f) => f != null);
    assert.deepEqual(finishes, ['stop']);
  });

  it('sends ": OPENROUTER PROCESSING" while the upstream is slow, then the reply', async () => {
    const response = await stream('slow one [[sim:delay=400]]');
    assert.equal(response.status, 200);
    const transcript = await readSse(response);
    const firstData = transcript.items.findIndex((item) => item.type === 'data');
    const leadingComments = transcript.items.slice(0, firstData).filter((item) => item.type === 'comment');
    assert.ok(leadingComments.length >= 2, `keep-alives before the first chunk: ${leadingComments.length}`);
    for (const comment of leadingComments) assert.equal(comment.type === 'comment' && comment.text, 'OPENROUTER PROCESSING');
    assert.equal(joinDeltaContent(transcript.chunks), 'Echo: slow one');
    assert.equal(transcript.done, true);
  });

  for (const [fault, label] of [
    ['cut_after=2', 'the upstream socket is cut'],
    ['error_after=2', 'the upstream sends an in-band error'],
  ] as const) {
    it(`a fault after the first byte (${label}) becomes an in-band error chunk, HTTP 200`, async () => {
      const response = await stream(`alpha beta gamma delta epsilon zeta eta theta [[sim:${fault}]]`);
      assert.equal(response.status, 200);
      const generationId = response.headers.get('x-generation-id') ?? '';
      const transcript = await readSse(response);
      assert.equal(transcript.failed, false, 'the gateway ends the stream cleanly');
      const chunks = chunksOf(transcript);
      const errorChunks = chunks.filter((chunk) => chunk.error);
      assert.equal(errorChunks.length, 1, `one error chunk; data: ${transcript.data.join(' | ')}`);
      const errorChunk = errorChunks[0]!;
      assert.equal(errorChunk.id, generationId);
      assert.equal(typeof errorChunk.error!.code, 'number');
      assert.ok(errorChunk.error!.code >= 500, `error code ${errorChunk.error!.code}`);
      assert.ok(errorChunk.error!.message.length > 0);
      assert.equal(errorChunk.choices[0]?.finish_reason, 'error');
      // The two chunks that made it through were relayed before the error.
      const text = joinDeltaContent(transcript.chunks);
      assert.ok(text.startsWith('Echo:') && text.length < 'Echo: alpha beta gamma'.length + 1, `partial text ${JSON.stringify(text)}`);
      const errorIndex = chunks.indexOf(errorChunk);
      assert.ok(
        chunks.slice(errorIndex + 1).every((chunk) => !chunk.choices.some((choice) => choice.delta?.content)),
        'no content after the error',
      );
      const record = await generation(generationId);
      assert.equal(record.streamed, true);
      assert.equal(record.finish_reason, 'error');
    });
  }

  it('a malformed upstream chunk is never relayed: the client gets valid JSON and an in-band error', async () => {
    const response = await stream('one two three four five [[sim:malformed=1]]');
    assert.equal(response.status, 200);
    const transcript = await readSse(response);
    assert.deepEqual(transcript.invalid, [], 'every data payload the gateway sends is valid JSON');
    const errorChunk = chunksOf(transcript).find((chunk) => chunk.error);
    if (errorChunk) {
      // The invalid upstream chunk ends the stream with an in-band "invalid upstream response".
      assert.equal(errorChunk.error!.code, 502);
      assert.equal(errorChunk.choices[0]?.finish_reason, 'error');
    } else {
      // Or the gateway failed over before any content went out: then the reply must be whole.
      assert.equal(joinDeltaContent(transcript.chunks), 'Echo: one two three four five');
      assert.equal(transcript.done, true);
    }
  });

  it('a 500 before the first byte fails over to the second endpoint (Sim B)', async () => {
    stack.sim.enqueueFault({ status: 500 });
    const response = await stream('fail over please');
    assert.equal(response.status, 200);
    const generationId = response.headers.get('x-generation-id') ?? '';
    const transcript = await readSse(response);
    const chunks = chunksOf(transcript);
    assert.ok(chunks.every((chunk) => chunk.provider === 'Sim B'), `providers: ${[...new Set(chunks.map((c) => c.provider))].join(',')}`);
    assert.equal(joinDeltaContent(transcript.chunks), 'Echo: fail over please');
    assert.equal(transcript.done, true);
    const record = await generation(generationId);
    assert.equal(record.provider_name, 'Sim B');
    const attempts = record.provider_responses as Array<{ status: number }>;
    assert.equal(attempts.length, 2);
    assert.deepEqual(attempts.map((attempt) => attempt.status), [500, 200]);
  });

  it('a non-streamed 500 also fails over to Sim B', async () => {
    stack.sim.enqueueFault({ status: 500 });
    const response = await chat({ model: 'sim/echo', messages: [{ role: 'user', content: 'fail over json' }] });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { id: string; provider: string; choices: Array<{ message: { content: string } }> };
    assert.equal(body.provider, 'Sim B');
    assert.equal(body.choices[0]?.message.content, 'Echo: fail over json');
    const record = await generation(body.id);
    assert.equal((record.provider_responses as unknown[]).length, 2);
  });

  it('a slow failing first endpoint (keep-alives already sent) still fails over silently', async () => {
    stack.sim.enqueueFault({ status: 500, delay: 350 });
    const response = await stream('late failure then fine');
    assert.equal(response.status, 200);
    const transcript = await readSse(response);
    assert.ok(transcript.comments.length >= 1, 'keep-alives were sent while waiting');
    const chunks = chunksOf(transcript);
    assert.ok(chunks.every((chunk) => !chunk.error), 'no error reached the client');
    assert.ok(chunks.every((chunk) => chunk.provider === 'Sim B'));
    assert.equal(joinDeltaContent(transcript.chunks), 'Echo: late failure then fine');
  });

  it('429 with Retry-After on every endpoint → 429 JSON with a Retry-After header', async () => {
    for (const streamed of [false, true]) {
      const response = await chat({ model: 'sim/echo', stream: streamed, messages: [{ role: 'user', content: 'busy [[sim:status=429 retry_after=2]]' }] });
      assert.equal(response.status, 429, `stream=${streamed}`);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(response.headers.get('retry-after'), '2');
      const body = (await response.json()) as { error: { code: number; message: string } };
      assert.equal(body.error.code, 429);
      assert.ok(body.error.message.length > 0);
    }
  });

  it('a stalled upstream is ended by the idle timeout with an in-band error, not a hang', async () => {
    const started = Date.now();
    const response = await stream('one two three four five six [[sim:stall_after=2]]');
    assert.equal(response.status, 200);
    const generationId = response.headers.get('x-generation-id') ?? '';
    const transcript = await readSse(response);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 1500 && elapsed < 5000, `ended after ${elapsed} ms (idle timeout is 2 s)`);
    const chunks = chunksOf(transcript);
    const errorChunk = chunks.find((chunk) => chunk.error);
    assert.ok(errorChunk, `an in-band error chunk; data: ${transcript.data.join(' | ')}`);
    assert.equal(errorChunk.choices[0]?.finish_reason, 'error');
    assert.equal(errorChunk.error!.code, 504, 'a timeout is a 504');
    assert.ok(joinDeltaContent(transcript.chunks).startsWith('Echo:'));
    const record = await generation(generationId);
    assert.equal(record.finish_reason, 'error');
  });

  it('a client abort mid-stream is recorded cancelled and closes the upstream connection', async () => {
    const marker = `abort-marker-${Date.now()}`;
    const controller = new AbortController();
    const response = await chat(
      { model: 'sim/echo', stream: true, messages: [{ role: 'user', content: `${marker} [[sim:words=200 chunk_delay=20]]` }] },
      controller.signal,
    );
    assert.equal(response.status, 200);
    const generationId = response.headers.get('x-generation-id') ?? '';
    let received = 0;
    const abortedAt = await (async () => {
      try {
        for await (const item of iterateSse(response.body!)) {
          if (item.type === 'data') received += 1;
          if (received === 5) {
            controller.abort();
            return Date.now();
          }
        }
      } catch {
        // the abort rejects the pending read
      }
      return Date.now();
    })();
    assert.equal(received, 5);

    // The upstream connection that carried this request is closed promptly (200 words at
    // 20 ms would otherwise run for ~4 s).
    const upstream = proxy.connections.find((connection) => connection.sent.includes(marker));
    assert.ok(upstream, 'found the upstream connection of the request');
    const deadline = Date.now() + 1500;
    while (!upstream.closed && Date.now() < deadline) await sleep(25);
    assert.equal(upstream.closed, true, 'the gateway closed its upstream connection');
    assert.ok(upstream.closedAt! - abortedAt < 1000, `closed ${upstream.closedAt! - abortedAt} ms after the abort`);

    let record: Record<string, unknown> | undefined;
    for (let i = 0; i < 20 && record?.cancelled !== true; i++) {
      await sleep(50);
      record = await generation(generationId);
    }
    assert.equal(record?.cancelled, true);
    assert.equal(record?.streamed, true);
    assert.ok((record?.tokens_completion as number) < 150, `billed ${record?.tokens_completion} completion tokens, not the full 200 words`);
  });

  it('a client that goes away before a non-streamed answer closes the upstream call', async () => {
    const marker = `abort-whole-${Date.now()}`;
    const controller = new AbortController();
    const pending = chat({ model: 'sim/echo', messages: [{ role: 'user', content: `${marker} [[sim:delay=3000]]` }] }, controller.signal);
    let upstream: TcpProxy['connections'][number] | undefined;
    for (let i = 0; i < 100 && !upstream; i++) {
      await sleep(20);
      upstream = proxy.connections.find((connection) => connection.sent.includes(marker));
    }
    assert.ok(upstream, 'the request reached the upstream');
    controller.abort();
    const abortedAt = Date.now();
    await pending.catch(() => undefined);
    // The simulator holds its answer 3 s: only the gateway's abort closes the connection sooner.
    const deadline = Date.now() + 1500;
    while (!upstream.closed && Date.now() < deadline) await sleep(25);
    assert.equal(upstream.closed, true, 'the gateway closed its upstream connection');
    assert.ok(upstream.closedAt! - abortedAt < 1000, `closed ${upstream.closedAt! - abortedAt} ms after the abort`);
  });

  it('is healthy after all of that', async () => {
    assert.equal((await fetch(`${stack.gateway.url}/healthz`)).status, 200);
    const transcript = await readSse(await stream('still alive'));
    assert.equal(joinDeltaContent(transcript.chunks), 'Echo: still alive');
  });
});
