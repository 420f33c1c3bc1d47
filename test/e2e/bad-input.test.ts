import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

interface ErrorEnvelope {
  error: { code: number; message: string; metadata?: Record<string, unknown> };
}

const GOOD_BODY = { model: 'sim/echo', messages: [{ role: 'user', content: 'hello' }] };

/** POSTs a raw body to /chat/completions. */
async function postChat(stack: TestStack, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${stack.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json', ...headers },
    body,
  });
}

/** Asserts OpenRouter's error envelope with `code` equal to the HTTP status, and returns it. */
async function expectError(response: Response, status: number): Promise<ErrorEnvelope> {
  const text = await response.text();
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${text}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const body = JSON.parse(text) as ErrorEnvelope;
  assert.equal(typeof body.error, 'object', `envelope: ${text}`);
  assert.equal(body.error.code, status, `error.code equals the HTTP status: ${text}`);
  assert.equal(typeof body.error.message, 'string');
  assert.ok(body.error.message.trim().length > 0, 'message is not empty');
  return body;
}

describe('bad input gets a clear 4xx in the OpenRouter envelope', () => {
  let stack: TestStack;
  let upstreamBefore: number;

  before(async () => {
    stack = await startTestStack();
    upstreamBefore = stack.sim.requests.length;
  });
  after(() => stack.close());

  describe('malformed bodies → 400', () => {
    it('invalid JSON', async () => {
      await expectError(await postChat(stack, '{"model": "sim/echo", "messages": ['), 400);
    });

    it('an empty body', async () => {
      await expectError(await postChat(stack, ''), 400);
    });

    for (const [name, raw] of [
      ['an array', '[{"role":"user","content":"hi"}]'],
      ['a string', '"hello"'],
      ['a number', '42'],
      ['null', 'null'],
    ] as const) {
      it(`a body that is ${name}, not an object`, async () => {
        await expectError(await postChat(stack, raw), 400);
      });
    }

    it('missing messages', async () => {
      const body = await expectError(await postChat(stack, JSON.stringify({ model: 'sim/echo' })), 400);
      assert.match(body.error.message, /messages/i);
    });

    it('empty messages', async () => {
      const body = await expectError(await postChat(stack, JSON.stringify({ model: 'sim/echo', messages: [] })), 400);
      assert.match(body.error.message, /messages/i);
    });

    for (const [field, value] of [
      ['temperature', 'hot'],
      ['messages', 'hi'],
      ['stream', 'yes'],
      ['max_tokens', 'many'],
      ['model', 42],
    ] as const) {
      it(`wrong type: ${field}: ${JSON.stringify(value)}`, async () => {
        const body = await expectError(await postChat(stack, JSON.stringify({ ...GOOD_BODY, [field]: value })), 400);
        assert.match(body.error.message, new RegExp(field), `message names the field: ${body.error.message}`);
      });
    }

    it('a message without a role', async () => {
      await expectError(await postChat(stack, JSON.stringify({ model: 'sim/echo', messages: [{ content: 'hi' }] })), 400);
    });

    it('an unknown model names the model', async () => {
      const body = await expectError(
        await postChat(stack, JSON.stringify({ ...GOOD_BODY, model: 'acme/does-not-exist' })),
        400,
      );
      assert.match(body.error.message, /acme\/does-not-exist/);
    });

    it('none of the rejected requests reached the upstream', () => {
      assert.equal(stack.sim.requests.length, upstreamBefore);
    });
  });

  it('accepts unknown top-level fields (200)', async () => {
    const response = await postChat(stack, JSON.stringify({ ...GOOD_BODY, some_future_field: { a: 1 }, x_custom: 'yes' }));
    assert.equal(response.status, 200, await response.clone().text());
    const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    assert.equal(body.choices[0]?.message.content, 'Echo: hello');
  });

  describe('authentication', () => {
    it('no Authorization header → 401', async () => {
      const response = await fetch(`${stack.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(GOOD_BODY),
      });
      await expectError(response, 401);
    });

    it('malformed Authorization ("Token x") → 401', async () => {
      await expectError(await postChat(stack, JSON.stringify(GOOD_BODY), { authorization: `Token ${stack.apiKey}` }), 401);
    });

    it('"Bearer" with no key → 401', async () => {
      await expectError(await postChat(stack, JSON.stringify(GOOD_BODY), { authorization: 'Bearer ' }), 401);
    });

    it('unknown key → 401', async () => {
      await expectError(
        await postChat(stack, JSON.stringify(GOOD_BODY), { authorization: 'Bearer sk-or-v1-0000000000000000000000000000000000000000000000000000000000000000' }),
        401,
      );
    });

    it('a management key used for inference → 403', async () => {
      await expectError(await postChat(stack, JSON.stringify(GOOD_BODY), { authorization: `Bearer ${stack.adminKey}` }), 403);
    });

    it('a disabled key → 401, and works again once re-enabled', async () => {
      const { key, data } = await stack.createKey({ name: 'to disable' });
      const auth = { authorization: `Bearer ${key}` };
      assert.equal((await postChat(stack, JSON.stringify(GOOD_BODY), auth)).status, 200);
      const patch = async (disabled: boolean) => {
        const response = await fetch(`${stack.baseURL}/keys/${data.hash as string}`, {
          method: 'PATCH',
          headers: { authorization: `Bearer ${stack.adminKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ disabled }),
        });
        assert.equal(response.status, 200, await response.clone().text());
      };
      await patch(true);
      await expectError(await postChat(stack, JSON.stringify(GOOD_BODY), auth), 401);
      await patch(false);
      assert.equal((await postChat(stack, JSON.stringify(GOOD_BODY), auth)).status, 200);
    });

    it('an expired key → 401', async () => {
      const expiresAt = new Date(Date.now() + 1200).toISOString();
      const { key } = await stack.createKey({ name: 'short-lived', expires_at: expiresAt });
      const auth = { authorization: `Bearer ${key}` };
      assert.equal((await postChat(stack, JSON.stringify(GOOD_BODY), auth)).status, 200, 'works before expiry');
      await sleep(Math.max(0, Date.parse(expiresAt) - Date.now()) + 100);
      await expectError(await postChat(stack, JSON.stringify(GOOD_BODY), auth), 401);
      const keyInfo = await fetch(`${stack.baseURL}/key`, { headers: auth });
      await expectError(keyInfo, 401);
    });
  });

  describe('routes', () => {
    it('an unknown route → 404 envelope', async () => {
      const response = await fetch(`${stack.baseURL}/no-such-route`, { headers: { authorization: `Bearer ${stack.apiKey}` } });
      await expectError(response, 404);
    });

    it('a typo in the inference path → 404 envelope', async () => {
      const response = await fetch(`${stack.baseURL}/chat/completion`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(GOOD_BODY),
      });
      await expectError(response, 404);
    });
  });

  it('is still healthy and serving afterwards', async () => {
    const health = await fetch(`${stack.gateway.url}/healthz`);
    assert.equal(health.status, 200);
    const response = await postChat(stack, JSON.stringify(GOOD_BODY));
    assert.equal(response.status, 200);
  });
});

describe('oversized bodies → 413', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack({ config: { body_limit_bytes: 1024 } });
  });
  after(() => stack.close());

  it('rejects a body over body_limit_bytes with 413 and serves a small one', async () => {
    const big = JSON.stringify({ model: 'sim/echo', messages: [{ role: 'user', content: 'x'.repeat(4096) }] });
    const body = await expectError(await postChat(stack, big), 413);
    assert.ok(body.error.message.length > 0);
    const small = await postChat(stack, JSON.stringify(GOOD_BODY));
    assert.equal(small.status, 200);
    assert.equal((await fetch(`${stack.gateway.url}/healthz`)).status, 200);
  });
});
