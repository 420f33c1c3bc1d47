import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { verifyWebhook } from '../../src/core/sign-webhook.js';
import { startTestStack, TEST_ADMIN_KEY, type TestStack } from '../support/start-test-stack.js';

interface Received { body: string; signature: string; eventId: string }

/** A webhook receiver that fails its first `failFirst` deliveries with a 500. */
async function startReceiver(failFirst: number): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  let calls = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      calls += 1;
      if (calls <= failFirst) return void res.writeHead(500).end('try again');
      received.push({ body, signature: String(req.headers['x-switchyard-signature']), eventId: String(req.headers['x-switchyard-event-id']) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/switchyard`, received, server };
}

describe('alerts: rules, one event per crossing, signed webhooks with retries', () => {
  let stack: TestStack;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const manage = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.baseURL}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    });
  const evaluate = async () => assert.equal((await manage('/alerts/evaluate', { method: 'POST' })).status, 200);
  const events = async (ruleId: string) =>
    ((await (await manage(`/alerts/events?rule_id=${ruleId}`)).json()) as { data: { id: string; summary: string; details: Record<string, unknown> }[] }).data;

  before(async () => {
    receiver = await startReceiver(1);
    // The timer is slow; the tests evaluate on demand. Retries come quickly.
    stack = await startTestStack({ config: { alerts: { evaluate_interval_ms: 3_600_000, retry_delays_ms: [20, 20] } } });
  });
  after(async () => {
    await stack?.close();
    receiver?.server.close();
  });

  it('budget thresholds fire once each per window, and the webhook is signed, retried and logged', async () => {
    const client = (key: string) => new OpenAI({ baseURL: stack.baseURL, apiKey: key, maxRetries: 0 });
    const ask = { model: 'sim/echo', messages: [{ role: 'user' as const, content: 'How much is this?' }] };
    // What one such request costs, measured on another key.
    const probe = await client(stack.apiKey).chat.completions.create(ask);
    const cost = (probe.usage as unknown as { cost: number }).cost;
    assert.ok(cost > 0);
    const capped = await stack.createKey({ name: 'capped', limit: Number((cost * 10).toFixed(12)), limit_reset: 'daily' });
    const hash = capped.data.hash as string;

    const created = await manage('/alerts/rules', {
      method: 'POST',
      body: JSON.stringify({ name: 'capped key budget', webhook_url: receiver.url, rule: { type: 'budget', key_hash: hash, thresholds_percent: [5, 15] } }),
    });
    assert.equal(created.status, 201);
    const { data: rule, webhook_secret: secret } = (await created.json()) as { data: { id: string; rule: { thresholds_percent: number[] } }; webhook_secret: string };
    assert.deepEqual(rule.rule.thresholds_percent, [5, 15]);
    assert.ok(secret.length >= 32, 'the signing secret is shown at creation');
    const listed = (await (await manage('/alerts/rules')).json()) as { data: Record<string, unknown>[] };
    assert.ok(listed.data.some((entry) => entry.id === rule.id));
    assert.ok(!JSON.stringify(listed).includes(secret), 'the secret is never listed again');

    await evaluate();
    assert.deepEqual(await events(rule.id), [], 'nothing spent yet: nothing fires');

    await client(capped.key).chat.completions.create(ask);
    await evaluate();
    await evaluate();
    let fired = await events(rule.id);
    assert.equal(fired.length, 1, '10% used: the 5% threshold fires once, however often it is evaluated');
    assert.equal(fired[0]!.details.threshold_percent, 5);
    assert.match(fired[0]!.summary, /Key "capped" has used 5% of its daily limit/);

    await client(capped.key).chat.completions.create(ask);
    await evaluate();
    await evaluate();
    fired = await events(rule.id);
    assert.deepEqual(fired.map((event) => event.details.threshold_percent), [15, 5], '20% used: 15% fires, once');

    // Both events reach the receiver; the first delivery was refused once with a 500 and retried.
    const deadline = Date.now() + 5000;
    while (receiver.received.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(receiver.received.length, 2);
    for (const delivery of receiver.received) {
      assert.ok(verifyWebhook(secret, delivery.body, delivery.signature), 'signature verifies with the secret shown at creation');
      assert.ok(!verifyWebhook('another-secret', delivery.body, delivery.signature));
      const payload = JSON.parse(delivery.body) as { id: string; type: string; alert: { rule_id: string; type: string } };
      assert.equal(payload.type, 'alert.fired');
      assert.equal(payload.alert.rule_id, rule.id);
      assert.equal(payload.id, delivery.eventId);
    }
    const firstEvent = fired[1]!.id;
    const log = ((await (await manage(`/alerts/deliveries?event_id=${firstEvent}`)).json()) as { data: { attempt: number; status: number; delivered: boolean }[] }).data;
    assert.deepEqual(log.map((entry) => [entry.attempt, entry.status, entry.delivered]), [[2, 204, true], [1, 500, false]]);
  });

  it('an error-rate rule fires once for a window with enough 5xx answers', async () => {
    const created = await manage('/alerts/rules', {
      method: 'POST',
      body: JSON.stringify({ name: 'errors', rule: { type: 'error_rate', threshold_percent: 50, window_minutes: 60, min_requests: 3 } }),
    });
    assert.equal(created.status, 201);
    const { data: rule, webhook_secret } = (await created.json()) as { data: { id: string }; webhook_secret?: string };
    assert.equal(webhook_secret, undefined, 'no webhook, no secret');
    for (let i = 0; i < 3; i += 1) {
      const res = await fetch(`${stack.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'sim/echo', messages: [{ role: 'user', content: `[[sim:status=500]] ${i}` }] }),
      });
      assert.ok(res.status >= 500, `upstream failure answered ${res.status}`);
    }
    await evaluate();
    await evaluate();
    const fired = await events(rule.id);
    assert.equal(fired.length, 1);
    assert.match(fired[0]!.summary, /Error rate \d+\.\d%: \d+ of \d+ requests failed/);
  });

  it('rules are validated, workspace-scoped and for management keys only', async () => {
    const bad = await manage('/alerts/rules', { method: 'POST', body: JSON.stringify({ name: 'x', rule: { type: 'budget', thresholds_percent: [-5] } }) });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: { message: string } }).error.message, /thresholds_percent/);
    const unknown = await manage('/alerts/rules', { method: 'POST', body: JSON.stringify({ name: 'x', rule: { type: 'weather' } }) });
    assert.equal(unknown.status, 400);
    const ftp = await manage('/alerts/rules', { method: 'POST', body: JSON.stringify({ name: 'x', webhook_url: 'ftp://example.com/x', rule: { type: 'provider_outage' } }) });
    assert.equal(ftp.status, 400);
    const asInference = await fetch(`${stack.baseURL}/alerts/rules`, { headers: { authorization: `Bearer ${stack.apiKey}` } });
    assert.ok(asInference.status === 401 || asInference.status === 403);
    assert.equal((await manage('/alerts/rules/no-such-rule', { method: 'DELETE' })).status, 404);
  });

  it('a rule is edited with PATCH: the new settings are stored and used; bad edits are refused', async () => {
    const created = await manage('/alerts/rules', { method: 'POST', body: JSON.stringify({ name: 'outages', rule: { type: 'provider_outage' } }) });
    const { data: rule } = (await created.json()) as { data: { id: string; created_at: string } };
    const patch = (body: unknown, id = rule.id) => manage(`/alerts/rules/${id}`, { method: 'PATCH', body: JSON.stringify(body) });
    const renamed = await patch({ name: 'errors now', webhook_url: receiver.url, rule: { type: 'error_rate', threshold_percent: 40 } });
    assert.equal(renamed.status, 200);
    const answer = (await renamed.json()) as { data: { id: string; name: string; type: string; rule: Record<string, unknown>; webhook_url: string; created_at: string }; webhook_secret?: string };
    assert.equal(answer.data.name, 'errors now');
    assert.equal(answer.data.type, 'error_rate');
    assert.deepEqual(answer.data.rule, { type: 'error_rate', threshold_percent: 40, window_minutes: 5, min_requests: 20 });
    assert.equal(answer.data.created_at, rule.created_at);
    assert.ok(answer.webhook_secret, 'a webhook was added: its secret is shown once');
    const listed = ((await (await manage('/alerts/rules')).json()) as { data: Array<{ id: string; name: string; webhook_url: string }> }).data.find((entry) => entry.id === rule.id);
    assert.deepEqual([listed?.name, listed?.webhook_url], ['errors now', receiver.url]);
    const cleared = (await (await patch({ webhook_url: null })).json()) as { data: { webhook_url: string | null; name: string } };
    assert.deepEqual([cleared.data.webhook_url, cleared.data.name], [null, 'errors now']);

    for (const [body, pattern] of [
      [{}, /Nothing to change/],
      [{ rule: { type: 'error_rate', threshold_percent: 500 } }, /threshold_percent/],
      [{ colour: 'red' }, /colour/],
      [{ rule: { type: 'budget', key_hash: 'nope' } }, /no key nope/],
    ] as const) {
      const refused = await patch(body);
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.match(((await refused.json()) as { error: { message: string } }).error.message, pattern);
    }
    assert.equal((await patch({ name: 'x' }, 'no-such-rule')).status, 404);
  });
});
