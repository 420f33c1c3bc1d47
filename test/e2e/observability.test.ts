import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { openSqliteStores } from '../../src/stores/sqlite/open-sqlite-stores.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

const SECRET_PROMPT = 'my-very-private-prompt-7731';

function chat(stack: TestStack, body: Record<string, unknown>) {
  return fetch(`${stack.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('observability and shutdown', () => {
  let stack: TestStack;
  const logLines: string[] = [];
  before(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    stack = await startTestStack({ logger: pino({ level: 'debug' }, sink) });
  });
  after(() => stack.close());

  it('serves /healthz, /readyz and Prometheus /metrics with request, token and cost series', async () => {
    assert.deepEqual(await (await fetch(`${stack.gateway.url}/healthz`)).json(), { status: 'ok' });
    assert.deepEqual(await (await fetch(`${stack.gateway.url}/readyz`)).json(), { status: 'ready' });
    const response = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
      body: JSON.stringify({ model: 'sim/echo', messages: [{ role: 'user', content: 'count me' }] }),
    });
    assert.equal(response.status, 200);
    const upstream = stack.sim.requests.find((request) => JSON.stringify(request.body).includes('count me'));
    assert.ok(upstream);
    assert.equal(upstream.headers.traceparent, undefined, 'no trace context goes upstream when tracing is off');
    stack.sim.enqueueFault({ status: 503 });
    await chat(stack, { model: 'sim/echo', messages: [{ role: 'user', content: 'fail once' }] });
    const metrics = await (await fetch(`${stack.gateway.url}/metrics`)).text();
    assert.match(metrics, /switchyard_requests_total\{route="chat",status="200"\} [1-9]/);
    assert.match(metrics, /switchyard_tokens_total\{provider="sim-a",model="sim\/echo",kind="prompt"\} [1-9]/);
    assert.match(metrics, /switchyard_cost_usd_total\{provider="sim-a",model="sim\/echo"\} 0\.0000\d+/);
    assert.match(metrics, /switchyard_upstream_errors_total\{provider="sim-a",status="503"\} 1/);
    assert.match(metrics, /switchyard_request_duration_seconds_bucket/);
  });

  it('never writes prompt text or keys to logs or the database', async () => {
    const response = await chat(stack, { model: 'sim/echo', messages: [{ role: 'user', content: SECRET_PROMPT }] });
    assert.equal(response.status, 200);
    const failed = await fetch(`${stack.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-or-v1-not-a-real-key-123', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim/echo', messages: [{ role: 'user', content: SECRET_PROMPT }] }),
    });
    assert.equal(failed.status, 401);
    await fetch(`${stack.baseURL}/key`, { headers: { authorization: `Bearer ${stack.apiKey}` } }); // flushes records
    const logs = logLines.join('');
    const completed = logs.split('\n').filter((line) => line.includes('"request completed"')).map((line) => JSON.parse(line) as { req?: { method?: string; url?: string }; res?: { statusCode?: number }; responseTime?: number });
    assert.ok(
      completed.some((line) => line.req?.method === 'POST' && line.req.url === '/api/v1/chat/completions' && line.res?.statusCode === 200 && typeof line.responseTime === 'number'),
      'one line per request carries method, path, status and time',
    );
    assert.ok(!logs.includes('incoming request'), 'no second line per request');
    for (const secret of [SECRET_PROMPT, stack.apiKey, stack.adminKey, 'sk-sim-a', 'not-a-real-key']) {
      assert.ok(!logs.includes(secret), `logs must not contain ${secret.slice(0, 12)}…`);
    }
    // Every file under the data directory, nested ones (e.g. batch files) included.
    for (const entry of readdirSync(stack.dataDir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = join(entry.parentPath, entry.name);
      const bytes = readFileSync(file);
      assert.ok(!bytes.includes(SECRET_PROMPT), `${file} must not contain the prompt`);
      assert.ok(!bytes.includes(stack.apiKey), `${file} must not contain the plaintext key`);
    }
  });

  it('lets an in-flight stream finish on stop and flushes its record to the database', async () => {
    const response = await chat(stack, {
      model: 'sim/echo',
      stream: true,
      messages: [{ role: 'user', content: 'slow words [[sim:words=12 chunk_delay=40]]' }],
    });
    const id = response.headers.get('x-generation-id') as string;
    const stopping = stack.gateway.stop();
    const text = await response.text();
    await stopping;
    assert.ok(text.trimEnd().endsWith('data: [DONE]'), 'the stream completed despite the stop');
    const refused = await fetch(`${stack.gateway.url}/healthz`).then((r) => r.status, () => 'refused');
    assert.equal(refused, 'refused');
    const stores = await openSqliteStores({ path: join(stack.dataDir, 'switchyard.db') });
    try {
      const keyHash = (await stores.keys.listAll())[0]!;
      const record = await stores.generations.findById(id, keyHash.workspaceId);
      assert.ok(record, 'the generation was persisted before the stop finished');
      assert.equal(record.streamed, true);
      assert.equal(record.cancelled, false);
      assert.ok(record.completionTokens >= 12);
    } finally {
      await stores.close();
    }
  });
});
