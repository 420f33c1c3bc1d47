import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { PassThrough } from 'node:stream';
import OpenAI from 'openai';
import { answerClientError } from '../../src/http/answer-client-error.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

interface Envelope {
  error: { code: number; message: string; metadata?: Record<string, unknown> };
}

/** Sends raw bytes and returns the status and parsed JSON body of the answer. */
async function rawRequest(url: string, bytes: string): Promise<{ status: number; body: Envelope; head: string }> {
  const { hostname, port } = new URL(url);
  const text = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('end', () => resolve(received));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer')));
  });
  const [head = '', body = ''] = text.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), body: JSON.parse(body) as Envelope, head };
}

function assertEnvelope(result: { status: number; body: Envelope }, status: number): void {
  assert.equal(result.status, status, JSON.stringify(result.body));
  assert.equal(result.body.error.code, status);
  assert.ok(result.body.error.message.length > 0);
  assert.equal(typeof result.body.error.metadata?.error_type, 'string');
}

describe('every error leaves in the gateway envelope', () => {
  let stack: TestStack;

  before(async () => {
    stack = await startTestStack({ config: { body_limit_bytes: 64 * 1024 } });
  });
  after(() => stack.close());

  it('a header line without a colon → 400', async () => {
    const result = await rawRequest(stack.gateway.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\nthis line has no colon\r\n\r\n');
    assertEnvelope(result, 400);
    assert.match(result.body.error.message, /Malformed HTTP request/);
  });

  it('a non-numeric Content-Length → 400 naming the header', async () => {
    const result = await rawRequest(stack.gateway.url, 'POST /api/v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}');
    assertEnvelope(result, 400);
    assert.match(result.body.error.message, /Content-Length/);
  });

  it('oversized headers → 431', async () => {
    const result = await rawRequest(stack.gateway.url, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    assertEnvelope(result, 431);
  });

  it('a URL with broken percent-encoding → 400', async () => {
    const result = await rawRequest(stack.gateway.url, 'GET /api/v1/keys/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assertEnvelope(result, 400);
  });

  it('unknown route → 404; known route with the wrong method → 405 with Allow', async () => {
    const missing = await fetch(`${stack.baseURL}/nope`);
    assertEnvelope({ status: missing.status, body: (await missing.json()) as Envelope }, 404);
    const wrong = await fetch(`${stack.baseURL}/chat/completions`, { headers: { authorization: `Bearer ${stack.apiKey}` } });
    const body = (await wrong.json()) as Envelope;
    assertEnvelope({ status: wrong.status, body }, 405);
    assert.equal(wrong.headers.get('allow'), 'POST');
    const param = await fetch(`${stack.baseURL}/keys/abc`, { method: 'POST', headers: { authorization: `Bearer ${stack.adminKey}` } });
    assert.equal(param.status, 405);
    assert.equal(param.headers.get('allow'), 'GET, PATCH, DELETE');
  });

  it('a body over the limit → 413; invalid JSON → 400', async () => {
    const big = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'text/plain' },
      body: JSON.stringify({ model: 'sim/echo', messages: [{ role: 'user', content: 'x'.repeat(100_000) }] }),
    });
    assertEnvelope({ status: big.status, body: (await big.json()) as Envelope }, 413);
    const bad = await fetch(`${stack.baseURL}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'text/plain' }, body: '{"model":' });
    assertEnvelope({ status: bad.status, body: (await bad.json()) as Envelope }, 400);
  });

  it('accepts a JSON body whatever its content type claims (text/plain, none, form), as OpenRouter does', async () => {
    const body = JSON.stringify({ model: 'sim/echo', messages: [{ role: 'user', content: 'plain' }] });
    for (const contentType of ['text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', undefined]) {
      const headers: Record<string, string> = { authorization: `Bearer ${stack.apiKey}` };
      if (contentType) headers['content-type'] = contentType;
      const response = await fetch(`${stack.baseURL}/chat/completions`, { method: 'POST', headers, body: new TextEncoder().encode(body) });
      const reply = (await response.json()) as { choices?: Array<{ message: { content: string } }> };
      assert.equal(response.status, 200, `${contentType}: ${JSON.stringify(reply)}`);
      assert.match(reply.choices?.[0]?.message.content ?? '', /plain/);
    }
    // The SDK still works as before.
    const client = new OpenAI({ baseURL: stack.baseURL, apiKey: stack.apiKey, maxRetries: 0 });
    const reply = await client.chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'sdk' }] });
    assert.match(reply.choices[0]?.message.content ?? '', /sdk/);
  });

  it('a request that was not received in time → 408 (the answer Node asks of the client-error handler)', () => {
    const socket = new PassThrough();
    let written = '';
    socket.on('data', (chunk: Buffer) => (written += chunk.toString()));
    answerClientError(Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), socket);
    const [head = '', body = ''] = written.split('\r\n\r\n');
    assert.match(head, /^HTTP\/1.1 408 /);
    assertEnvelope({ status: 408, body: JSON.parse(body) as Envelope }, 408);
    assert.ok(socket.destroyed);
  });
});
