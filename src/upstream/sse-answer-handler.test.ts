import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { UpstreamError } from '../core/errors/upstream-error.js';
import { SseAnswerHandler, type SseAnswer } from './sse-answer-handler.js';
import { RequestAbortedError, UpstreamClient, type UpstreamRequest } from './upstream-client.js';
import type { WholeAnswer } from './whole-answer-handler.js';

/** Drives the handler as undici would: headers, then each read, then the end. */
async function batchesOf(reads: Buffer[]): Promise<string[][]> {
  let answer: SseAnswer | WholeAnswer | undefined;
  const handler = new SseAnswerHandler({ errorLimitBytes: 1024, resolve: (resolved) => (answer = resolved), fail: (error) => error });
  handler.onConnect(() => undefined);
  handler.onHeaders(200, [], () => undefined);
  for (const read of reads) handler.onData(read);
  handler.onComplete();
  assert.ok(answer && 'events' in answer);
  const batches: string[][] = [];
  for await (const events of answer.events) batches.push(events.map((event) => event.data));
  return batches;
}

describe('SseAnswerHandler: the events of each read', () => {
  it('hands on the events each read completed together, and no empty batch', async () => {
    const batches = await batchesOf([Buffer.from('data: 1\n\ndata: 2\n\nda'), Buffer.from('ta: 3'), Buffer.from('\n\ndata: [DONE]\n\n')]);
    assert.deepEqual(batches, [['1', '2'], ['3', '[DONE]']]);
  });

  it('keeps a character whose UTF-8 bytes are split across reads whole', async () => {
    const bytes = Buffer.from('data: {"content":"né 🙂"}\n\n');
    const splitAt = bytes.indexOf(0xf0) + 2; // inside the emoji's four bytes
    const batches = await batchesOf([bytes.subarray(0, bytes.indexOf(0xc3) + 1), bytes.subarray(bytes.indexOf(0xc3) + 1, splitAt), bytes.subarray(splitAt)]);
    assert.deepEqual(batches, [['{"content":"né 🙂"}']]);
  });

  it('ends a final event that has no blank line after it', async () => {
    assert.deepEqual(await batchesOf([Buffer.from('data: 1\n\ndata: last')]), [['1'], ['last']]);
  });

  it('pauses the upstream once 64 KB wait unread, and resumes it as the relay catches up', async () => {
    let answer: SseAnswer | WholeAnswer | undefined;
    let resumed = 0;
    const handler = new SseAnswerHandler({ errorLimitBytes: 1024, resolve: (resolved) => (answer = resolved), fail: (error) => error });
    handler.onConnect(() => undefined);
    handler.onHeaders(200, [], () => (resumed += 1));
    const read = Buffer.from(`data: ${'x'.repeat(16 * 1024)}\n\n`);
    const accepted = Array.from({ length: 5 }, () => handler.onData(read));
    assert.deepEqual(accepted, [true, true, true, false, false], 'the fourth read past 64 KB pauses the socket');
    assert.ok(answer && 'events' in answer);
    await answer.events.next();
    assert.equal(resumed, 0, 'still more than 64 KB queued');
    await answer.events.next();
    assert.equal(resumed, 1);
  });
});

/** Loopback upstream: each path is one way of answering. */
function answerWith(req: IncomingMessage, res: ServerResponse): void {
  switch (req.url?.split('?')[0]) {
    case '/stream':
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"n":1}\n\n');
      setTimeout(() => res.end('data: {"n":2}\n\ndata: [DONE]\n\n'), 20);
      return;
    case '/cut':
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"n":1}\n\n');
      setTimeout(() => res.destroy(), 20);
      return;
    case '/endless':
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"n":1}\n\n');
      return;
    case '/overloaded':
      res.writeHead(529, { 'content-type': 'application/json', 'retry-after': '3' });
      res.end('{"type":"error","error":{"type":"overloaded_error"}}');
      return;
    default:
      res.writeHead(404).end();
  }
}

describe('UpstreamClient.sendForEvents', () => {
  let server: Server;
  let origin: string;
  const client = new UpstreamClient();
  const closed: string[] = [];

  before(async () => {
    server = createServer((req, res) => {
      res.on('close', () => closed.push(req.url ?? ''));
      answerWith(req, res);
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await client.close();
    server.closeAllConnections();
    server.close();
  });

  const call = (path: string, signal = new AbortController().signal): UpstreamRequest => ({
    url: `${origin}${path}`,
    headers: { 'content-type': 'application/json' },
    body: '{}',
    timeouts: { connectMs: 1000, firstByteMs: 2000, idleMs: 2000, totalMs: 5000 },
    signal,
    providerName: 'Sim',
  });

  async function eventsOf(path: string, signal?: AbortSignal): Promise<SseAnswer['events']> {
    const answer = await client.sendForEvents(call(path, signal), { errorLimitBytes: 1024 });
    assert.ok('events' in answer, `a 200 stream from ${path}`);
    return answer.events;
  }

  it('gives the events of a 200 stream as they arrive', async () => {
    const batches: string[][] = [];
    for await (const events of await eventsOf('/stream')) batches.push(events.map((event) => event.data));
    assert.deepEqual(batches, [['{"n":1}'], ['{"n":2}', '[DONE]']]);
  });

  it('resolves a non-200 answer whole, with its headers', async () => {
    const answer = await client.sendForEvents(call('/overloaded'), { errorLimitBytes: 1024 });
    assert.ok(!('events' in answer));
    assert.equal(answer.status, 529);
    assert.equal(answer.text, '{"type":"error","error":{"type":"overloaded_error"}}');
    assert.equal(answer.headers['retry-after'], '3');
  });

  it('fails the next read when the upstream connection drops mid-stream', async () => {
    const events = await eventsOf('/cut');
    assert.deepEqual((await events.next()).value?.map((event: { data: string }) => event.data), ['{"n":1}']);
    await assert.rejects(events.next(), (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.equal(error.code, 'upstream_error');
      return true;
    });
  });

  it("stops at the client's cancel while waiting for the next event", async () => {
    const controller = new AbortController();
    const events = await eventsOf('/endless', controller.signal);
    await events.next();
    const pending = events.next();
    controller.abort(new Error('client went away'));
    await assert.rejects(pending, RequestAbortedError);
  });

  it('abandons an unfinished upstream answer when the relay returns early', async () => {
    const events = await eventsOf('/endless?abandoned');
    await events.next();
    assert.ok(!closed.includes('/endless?abandoned'));
    assert.deepEqual(await events.return(), { done: true, value: undefined });
    assert.deepEqual(await events.next(), { done: true, value: undefined });
    const deadline = Date.now() + 2000;
    while (!closed.includes('/endless?abandoned') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.ok(closed.includes('/endless?abandoned'), 'the upstream saw its answer abandoned');
  });
});
