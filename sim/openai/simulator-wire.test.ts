import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSimDirectives } from '../shared/parse-sim-directives.js';
import { startOpenAISimulator } from './start-openai-simulator.js';

const LIMIT = { timeout: 5000 };
const AUTH = { authorization: 'Bearer sk-test', 'content-type': 'application/json' };

test('parseSimDirectives strips blocks and coerces values', () => {
  const parsed = parseSimDirectives('hello [[sim:status=429 retry_after=2 tools=parallel malformed=1]] world');
  assert.deepEqual(parsed.fault, { status: 429, retry_after: 2, tools: 'parallel', malformed: true });
  assert.equal(parsed.text, 'hello world');
  assert.deepEqual(parseSimDirectives('  plain  ').fault, {});
});

test('auth, 404, models and invalid JSON use OpenAI error bodies', LIMIT, async () => {
  const sim = await startOpenAISimulator();
  try {
    const noAuth = await fetch(`${sim.url}/models`);
    assert.equal(noAuth.status, 401);
    assert.deepEqual(((await noAuth.json()) as { error: { code: string } }).error.code, 'invalid_api_key');

    const missing = await fetch(`${sim.url}/nope`, { headers: AUTH });
    assert.equal(missing.status, 404);
    const body = (await missing.json()) as { error: Record<string, unknown> };
    assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'param', 'type']);

    const models = (await (await fetch(`${sim.url}/models`, { headers: AUTH })).json()) as { object: string; data: unknown[] };
    assert.equal(models.object, 'list');
    assert.ok(models.data.length >= 3);

    const bad = await fetch(`${sim.url}/chat/completions`, { method: 'POST', headers: AUTH, body: '{"model":' });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: { message: string } }).error.message, /could not parse the JSON/);
  } finally {
    await sim.close();
  }
});

test('malformed non-stream body is truncated JSON with status 200', LIMIT, async () => {
  const sim = await startOpenAISimulator();
  try {
    sim.enqueueFault({ malformed: true });
    const res = await fetch(`${sim.url}/chat/completions`, {
      method: 'POST',
      headers: AUTH,
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.throws(() => JSON.parse(text));
  } finally {
    await sim.close();
  }
});

test('delay holds the headers back; stalled streams end when the simulator closes', LIMIT, async () => {
  const sim = await startOpenAISimulator();
  const started = Date.now();
  const res = await fetch(`${sim.url}/chat/completions`, {
    method: 'POST',
    headers: AUTH,
    body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'a b c d [[sim:delay=150 stall_after=2]]' }] }),
  });
  assert.ok(Date.now() - started >= 140, 'first byte delayed');
  const reader = res.body!.getReader();
  let received = '';
  const readAll = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'done';
        received += Buffer.from(value).toString('utf8');
      }
    } catch {
      return 'error';
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(received.split('data: ').length - 1, 3, 'role chunk + 2 chunks, then silence');
  assert.ok(!received.includes('[DONE]'));
  await sim.close();
  assert.equal(await readAll, 'error');
});

// 1005 HTTP round trips take several seconds on a loaded shared machine: no tight limit here.
test('requests are capped at 1000 and reset() clears them in place', { timeout: 60_000 }, async () => {
  const sim = await startOpenAISimulator();
  try {
    const list = sim.requests;
    for (let i = 0; i < 1005; i += 5) {
      await Promise.all(Array.from({ length: 5 }, () => fetch(`${sim.url}/models`, { headers: AUTH }).then((r) => r.arrayBuffer())));
    }
    assert.equal(sim.requests.length, 1000);
    sim.reset();
    assert.equal(list.length, 0);
  } finally {
    await sim.close();
  }
});
