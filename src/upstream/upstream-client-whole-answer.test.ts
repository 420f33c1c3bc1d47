import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { UpstreamError, UpstreamTimeoutError } from '../core/errors/upstream-error.js';
import { RequestAbortedError, UpstreamClient, type UpstreamRequest } from './upstream-client.js';

/** Loopback upstream: each path is one way of answering. */
function answer(req: IncomingMessage, res: ServerResponse): void {
  switch (req.url) {
    case '/chunks': {
      // "é" (two bytes in UTF-8) split across two writes.
      const bytes = Buffer.from('{"text":"café au lait"}');
      const split = bytes.indexOf(0xa9);
      res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'sim' });
      res.write(bytes.subarray(0, split));
      setTimeout(() => res.end(bytes.subarray(split)), 5);
      return;
    }
    case '/large':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('x'.repeat(4096));
      return;
    case '/rate-limited':
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' });
      res.end('{"error":{"message":"slow down"}}');
      return;
    case '/large-error':
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<p>'.repeat(2048));
      return;
    case '/slow-headers':
      // undici checks its parser timeouts on a coarse tick: a 300 ms limit fires within about a second.
      setTimeout(() => res.end('{}'), 2500);
      return;
    case '/slow-body':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"a":');
      setTimeout(() => res.end('1}'), 500);
      return;
    default:
      res.writeHead(404).end();
  }
}

describe('UpstreamClient.sendForText: a whole answer without a body stream', () => {
  let server: Server;
  let origin: string;
  const client = new UpstreamClient();

  before(async () => {
    server = createServer(answer).listen(0, '127.0.0.1');
    await once(server, 'listening');
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await client.close();
    server.closeAllConnections();
    server.close();
  });

  const call = (path: string, options: { signal?: AbortController; firstByteMs?: number; totalMs?: number } = {}): UpstreamRequest => ({
    url: `${origin}${path}`,
    headers: { 'content-type': 'application/json' },
    body: '{}',
    timeouts: { connectMs: 1000, firstByteMs: options.firstByteMs ?? 2000, idleMs: 2000, totalMs: options.totalMs ?? 5000 },
    signal: (options.signal ?? new AbortController()).signal,
    providerName: 'Sim',
  });
  const limits = { limitBytes: 1024, errorLimitBytes: 1024 };

  it('gathers a body written in several pieces, a character split between them kept whole, and parses the headers when asked', async () => {
    const result = await client.sendForText(call('/chunks'), limits);
    assert.equal(result.status, 200);
    assert.equal(result.text, '{"text":"café au lait"}');
    assert.equal(result.headers['x-upstream'], 'sim');
    assert.equal(result.headers['content-type'], 'application/json');
  });

  it('refuses a 200 answer over the limit as an invalid response', async () => {
    await assert.rejects(client.sendForText(call('/large'), limits), (error: unknown) => {
      assert.ok(error instanceof UpstreamError);
      assert.equal(error.code, 'upstream_invalid_response');
      assert.match(error.message, /Sim exceeded 1024 bytes/);
      return true;
    });
  });

  it('resolves an error answer with its status, body and Retry-After', async () => {
    const result = await client.sendForText(call('/rate-limited'), limits);
    assert.equal(result.status, 429);
    assert.equal(result.text, '{"error":{"message":"slow down"}}');
    assert.equal(result.headers['retry-after'], '7');
  });

  it('resolves an error answer over its limit with its status and no text', async () => {
    const result = await client.sendForText(call('/large-error'), limits);
    assert.equal(result.status, 500);
    assert.equal(result.text, '');
  });

  it('names the first-byte timeout and the total deadline', async () => {
    await assert.rejects(client.sendForText(call('/slow-headers', { firstByteMs: 300 }), limits), (error: unknown) => {
      assert.ok(error instanceof UpstreamTimeoutError);
      assert.equal(error.phase, 'first_byte');
      return true;
    });
    await assert.rejects(client.sendForText(call('/slow-body', { totalMs: 100 }), limits), (error: unknown) => {
      assert.ok(error instanceof UpstreamTimeoutError);
      assert.equal(error.phase, 'total');
      return true;
    });
  });

  it("stops at the client's cancel, before or during the answer", async () => {
    const early = new AbortController();
    early.abort(new Error('client went away'));
    await assert.rejects(client.sendForText(call('/chunks', { signal: early }), limits), RequestAbortedError);

    const during = new AbortController();
    const pending = client.sendForText(call('/slow-body', { signal: during }), limits);
    setTimeout(() => during.abort(new Error('client went away')), 50);
    const startedAt = Date.now();
    await assert.rejects(pending, RequestAbortedError);
    assert.ok(Date.now() - startedAt < 400, 'the cancel does not wait for the rest of the body');
  });
});
