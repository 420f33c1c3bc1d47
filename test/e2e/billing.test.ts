import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

interface ErrorBody {
  error: { code: number; message: string; metadata?: Record<string, unknown> };
}

describe('billing: credits, member budgets, key windows, activity', () => {
  let stack: TestStack;
  // Injected clock: Wednesday 2026-11-25 23:00 UTC; tests move it forward.
  let clock = Date.parse('2026-11-25T23:00:00Z');

  const admin = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${stack.baseURL}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${stack.adminKey}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const client = (apiKey: string) => new OpenAI({ apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  const ask = (apiKey: string, extra: Record<string, unknown> = {}) =>
    client(apiKey).chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: 'hello there' }], ...extra } as never) as Promise<OpenAI.ChatCompletion>;
  const refusal = async (promise: Promise<unknown>): Promise<ErrorBody['error'] & { status: number }> => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof OpenAI.APIError) return { ...(error.error as ErrorBody['error']), status: error.status as number };
      throw error;
    }
    assert.fail('expected the request to be refused');
  };

  before(async () => {
    stack = await startTestStack({ now: () => new Date(clock) });
  });
  after(() => stack.close());

  it('a fresh install has no credit gate; usage and cost reach /credits, /key and /keys', async () => {
    const { key, data } = await stack.createKey({ name: 'ungated' });
    const answer = await ask(key);
    const cost = (answer.usage as unknown as { cost: number }).cost;
    assert.ok(cost > 0);
    const credits = await admin('/credits');
    assert.equal(credits.status, 200);
    assert.equal(credits.body.data.total_credits, 0);
    assert.ok(credits.body.data.total_usage >= cost);
    const listed = await admin(`/keys/${data.hash}`);
    assert.equal(listed.body.data.usage, cost);
    assert.equal(listed.body.data.usage_daily, cost);
    assert.equal(listed.body.data.byok_usage, 0);
    const own = await fetch(`${stack.baseURL}/credits`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(((await own.json()) as { data: { total_usage: number } }).data.total_usage, credits.body.data.total_usage);
  });

  it('POST /keys honours workspace_id and creator_user_id, and rejects unknown ones and a past expires_at', async () => {
    assert.equal((await admin('/workspaces', { method: 'POST', body: { id: 'acme', name: 'Acme' } })).status, 201);
    assert.equal((await admin('/workspaces/acme/members', { method: 'POST', body: { id: 'user_ann', name: 'Ann' } })).status, 201);
    const { data } = await stack.createKey({ name: 'acme key', workspace_id: 'acme', creator_user_id: 'user_ann' });
    assert.equal(data.workspace_id, 'acme');
    assert.equal(data.creator_user_id, 'user_ann');
    const listed = await admin('/keys?workspace_id=acme');
    assert.deepEqual(listed.body.data.map((k: { hash: string }) => k.hash), [data.hash]);
    assert.equal((await admin('/keys', { method: 'POST', body: { name: 'x', workspace_id: 'nope' } })).status, 400);
    assert.equal((await admin('/keys', { method: 'POST', body: { name: 'x', creator_user_id: 'user_ann' } })).status, 400, 'Ann is not in default');
    const past = await admin('/keys', { method: 'POST', body: { name: 'x', expires_at: '2020-01-01T00:00:00Z' } });
    assert.equal(past.status, 400);
    assert.match(past.body.error.message, /expires_at must be in the future/);
  });

  it('credits: once added, the balance gates requests; an unset max_tokens is lowered to what fits, an explicit one is a 402', async () => {
    await admin('/workspaces', { method: 'POST', body: { id: 'tiny', name: 'Tiny' } });
    const { key } = await stack.createKey({ name: 'tiny', workspace_id: 'tiny' });
    const added = await admin('/credits', { method: 'POST', body: { amount: 0.0004, workspace_id: 'tiny', note: 'test' } });
    assert.equal(added.status, 201);
    assert.equal(added.body.data.total_credits, 0.0004);
    assert.equal(added.body.data.fee, 0, 'no purchase fee by default');
    // Worst case at 30k output tokens is ~$0.06: an explicit max_tokens is never lowered (402)…
    const explicit = await refusal(ask(key, { max_tokens: 30_000 }));
    assert.equal(explicit.status, 402);
    assert.match(explicit.message, /This request requires more credits, or fewer max_tokens\. You requested up to 30000 tokens, but can only afford \d+\./);
    // …without one, the catalog's bound (32k context) is lowered to what $0.0004 pays for.
    const answer = await ask(key);
    const sent = stack.sim.requests.at(-1)!.body as { max_tokens: number };
    assert.ok(sent.max_tokens < 200 && sent.max_tokens >= 64, `max_tokens sent upstream: ${sent.max_tokens}`);
    const cost = (answer.usage as unknown as { cost: number }).cost;
    const after = await admin('/credits?workspace_id=tiny');
    assert.equal(after.body.data.total_usage, cost);
    // Spend the rest with prompts that need more than is left.
    const long = 'word '.repeat(400);
    const error = await refusal(client(key).chat.completions.create({ model: 'sim/echo', messages: [{ role: 'user', content: long }], max_tokens: 30_000 }));
    assert.equal(error.status, 402);
    assert.match(error.message, /This request requires more credits, or fewer max_tokens\. You requested up to 30000 tokens, but can only afford \d+\./);
    const credits = await admin('/credits?workspace_id=tiny');
    assert.ok(credits.body.data.total_usage <= credits.body.data.total_credits);
  });

  it('a member budget counts every key of the member and names itself in the 402', async () => {
    await admin('/workspaces/acme/members', { method: 'POST', body: { id: 'user_bob', name: 'Bob', limit: 0.0003, limit_reset: 'daily' } });
    const one = await stack.createKey({ name: 'bob 1', workspace_id: 'acme', creator_user_id: 'user_bob' });
    const two = await stack.createKey({ name: 'bob 2', workspace_id: 'acme', creator_user_id: 'user_bob' });
    let refused: (ErrorBody['error'] & { status: number }) | undefined;
    for (let i = 0; i < 20 && !refused; i += 1) {
      const key = i % 2 === 0 ? one.key : two.key;
      try {
        await ask(key, { max_tokens: 64 });
      } catch (error) {
        refused = { ...((error as InstanceType<typeof OpenAI.APIError>).error as ErrorBody['error']), status: (error as InstanceType<typeof OpenAI.APIError>).status as number };
      }
    }
    assert.ok(refused, 'the member budget ran out');
    assert.equal(refused.status, 402);
    assert.match(refused.message, /Member "Bob" budget/);
    assert.match(refused.message, /It resets at 2026-11-26T00:00:00\.000Z/);
    const member = await admin('/workspaces/acme/members/user_bob');
    assert.ok(member.body.data.usage <= 0.0003, `member usage ${member.body.data.usage}`);
    const [a, b] = await Promise.all([admin(`/keys/${one.data.hash}`), admin(`/keys/${two.data.hash}`)]);
    assert.ok(a.body.data.usage > 0 && b.body.data.usage > 0, 'both keys spent');
    assert.equal(Number((a.body.data.usage + b.body.data.usage).toFixed(12)), member.body.data.usage);
  });

  it('daily / weekly / monthly key limits reopen at UTC midnight, Monday and the 1st (injected clock)', async () => {
    clock = Date.parse('2026-11-29T23:30:00Z'); // Sunday
    const daily = await stack.createKey({ name: 'daily', limit: 0.0002, limit_reset: 'daily' });
    const weekly = await stack.createKey({ name: 'weekly', limit: 0.0002, limit_reset: 'weekly' });
    const monthly = await stack.createKey({ name: 'monthly', limit: 0.0002, limit_reset: 'monthly' });
    const spendAll = async (key: string) => {
      for (let i = 0; i < 20; i += 1) {
        try {
          await ask(key, { max_tokens: 16 });
        } catch (error) {
          return (error as InstanceType<typeof OpenAI.APIError>).error as ErrorBody['error'];
        }
      }
      assert.fail('the limit never ran out');
    };
    for (const key of [daily.key, weekly.key, monthly.key]) await spendAll(key);
    const dailyError = await refusal(ask(daily.key, { max_tokens: 16 }));
    assert.match(dailyError.message, /daily limit of \$0\.0002\).*It resets at 2026-11-30T00:00:00\.000Z/);
    clock = Date.parse('2026-11-30T00:00:01Z'); // Monday: the day and the week turn over
    await ask(daily.key, { max_tokens: 16 });
    await ask(weekly.key, { max_tokens: 16 });
    const monthlyError = await refusal(ask(monthly.key, { max_tokens: 16 }));
    assert.match(monthlyError.message, /It resets at 2026-12-01T00:00:00\.000Z/);
    const key = await admin(`/keys/${weekly.data.hash}`);
    assert.ok(key.body.data.usage > key.body.data.usage_weekly, 'weekly usage restarted on Monday');
    clock = Date.parse('2026-12-01T00:00:01Z');
    await ask(monthly.key, { max_tokens: 16 });
  });

  it('GET /activity groups settled usage by day, model and provider, and filters by key', async () => {
    const { key, data } = await stack.createKey({ name: 'activity' });
    await ask(key);
    await ask(key);
    const all = await admin('/activity');
    assert.equal(all.status, 200);
    const today = new Date(clock).toISOString().slice(0, 10);
    assert.ok(all.body.data.some((row: { date: string; model: string }) => row.date === today && row.model === 'sim/echo'));
    const mine = await admin(`/activity?api_key_hash=${data.hash}`);
    assert.equal(mine.body.data.length, 1);
    const [row] = mine.body.data;
    assert.equal(row.requests, 2);
    assert.equal(row.provider_name, 'Sim A');
    assert.equal(row.usage, (await admin(`/keys/${data.hash}`)).body.data.usage);
    assert.ok(row.prompt_tokens > 0 && row.completion_tokens > 0);
    const asUser = await fetch(`${stack.baseURL}/activity`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(asUser.status, 403);
    assert.equal((await admin('/activity?date=2001-01-01')).status, 400);
  });
});
