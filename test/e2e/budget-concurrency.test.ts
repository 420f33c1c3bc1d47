import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

type Outcome = 'ok' | 'refused' | 'cancelled' | 'failed';
const REQUESTS = 500;
/** The machine running CI is shared and loaded: 500 requests can take a while; nothing here asserts a duration. */
const SLOW = { timeout: 300_000 };

/**
 * The promise of the ledger: however many requests race, settled spend never passes a cap.
 * 500 concurrent requests per scenario — plain, streamed, streams cancelled mid-way, upstream
 * failures — against a tiny key limit, a member budget shared by three keys, and a workspace
 * balance; then every reservation must be released and the books must agree.
 */
describe('no overspend under concurrency', () => {
  let stack: TestStack;
  const admin = async (path: string, body?: unknown) => {
    const response = await fetch(`${stack.baseURL}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${stack.adminKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as { data: Record<string, any> };
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
    return json.data;
  };
  const query = <T>(sql: string, ...params: unknown[]): T => {
    const db = new BetterSqlite3(join(stack.dataDir, 'switchyard.db'), { readonly: true });
    try {
      return db.prepare(sql).get(...params) as T;
    } finally {
      db.close();
    }
  };

  before(async () => {
    // Generous upstream deadlines: on a loaded machine a timeout would be a 504 that says nothing about money.
    stack = await startTestStack({ config: { default_timeouts: { connect_ms: 30_000, first_byte_ms: 60_000, idle_ms: 60_000, total_ms: 120_000 } } });
  });
  after(() => stack.close());

  /** One request of each kind in turn; returns what happened to it. */
  const clients = new Map<string, OpenAI>();
  async function one(apiKey: string, i: number): Promise<{ kind: number; outcome: Outcome; status?: number }> {
    let client = clients.get(apiKey);
    if (!client) clients.set(apiKey, (client = new OpenAI({ apiKey, baseURL: stack.baseURL, maxRetries: 0, timeout: 120_000 })));
    const kind = i % 5;
    const directive = ['', '', '[[sim:words=30 chunk_delay=3]]', '[[sim:status=500]]', '[[sim:words=20]]'][kind];
    const body = { model: 'sim/echo', max_tokens: 50, messages: [{ role: 'user' as const, content: `request ${i} ${directive}` }] };
    try {
      if (kind === 1 || kind === 2) {
        const stream = await client.chat.completions.create({ ...body, stream: true });
        for await (const _chunk of stream) {
          if (kind === 2) {
            stream.controller.abort();
            return { kind, outcome: 'cancelled' };
          }
        }
      } else {
        await client.chat.completions.create(body);
      }
      return { kind, outcome: 'ok' };
    } catch (error) {
      if (error instanceof OpenAI.APIUserAbortError) return { kind, outcome: 'cancelled' };
      if (error instanceof OpenAI.APIError && error.status === 402) return { kind, outcome: 'refused', status: 402 };
      if (error instanceof OpenAI.APIError && error.status !== undefined) return { kind, outcome: 'failed', status: error.status };
      throw error;
    }
  }

  async function blast(keys: string[]) {
    const results = await Promise.all(Array.from({ length: REQUESTS }, (_, i) => one(keys[i % keys.length] as string, i)));
    for (const result of results) {
      // Every request either ran, was refused with 402, or ended the way its kind asked for.
      if (result.kind === 3) assert.ok(result.outcome === 'refused' || (result.outcome === 'failed' && result.status === 502), JSON.stringify(result));
      else if (result.kind === 2) assert.ok(result.outcome === 'refused' || result.outcome === 'cancelled', JSON.stringify(result));
      else assert.ok(result.outcome === 'ok' || result.outcome === 'refused', JSON.stringify(result));
    }
    const count = (outcome: Outcome) => results.filter((result) => result.outcome === outcome).length;
    assert.ok(count('ok') > 0, 'some requests fit');
    assert.ok(count('refused') > 0, 'the excess was refused');
    // Cancelled streams settle when their upstream read stops: wait for every hold to go.
    const deadline = Date.now() + 60_000;
    while (query<{ n: number }>('SELECT count(*) AS n FROM ledger_holds').n > 0) {
      if (Date.now() > deadline) assert.fail('reservations still held after the burst');
      await sleep(50);
    }
    return { ok: count('ok'), refused: count('refused') };
  }

  const picos = (scope: string) =>
    BigInt(query<{ spend: string; held: string }>('SELECT CAST(spend_total AS TEXT) AS spend, CAST(held AS TEXT) AS held FROM ledger_accounts WHERE scope = ?', scope).spend);
  const entries = (where: string, value: string) =>
    BigInt(query<{ total: string | null }>(`SELECT CAST(SUM(amount) AS TEXT) AS total FROM ledger_entries WHERE ${where} = ?`, value).total ?? '0');

  it('a key with a tiny limit: settled spend ≤ limit, excess 402, nothing left held', SLOW, async () => {
    const { key, data } = await stack.createKey({ name: 'tiny', limit: 0.002 });
    const counts = await blast([key]);
    const spent = picos(`key:${data.hash}`);
    assert.ok(spent <= 2_000_000_000n, `spent ${spent} pico > $0.002`);
    assert.ok(spent > 0n);
    assert.equal(entries('key_hash', data.hash as string), spent, 'ledger entries and the account agree');
    const view = await admin(`/keys/${data.hash}`);
    assert.equal(view.usage, Number(spent) / 1e12);
    assert.ok(counts.refused > counts.ok, JSON.stringify(counts));
  });

  it('a member budget shared by three keys holds across all of them', SLOW, async () => {
    await admin('/workspaces/default/members', { id: 'user_shared', name: 'Shared', limit: 0.002 });
    const keys = await Promise.all([1, 2, 3].map((n) => stack.createKey({ name: `shared ${n}`, creator_user_id: 'user_shared' })));
    await blast(keys.map((k) => k.key));
    const spent = picos('member:user_shared');
    assert.ok(spent > 0n && spent <= 2_000_000_000n, `member spent ${spent}`);
    const perKey = keys.map((k) => picos(`key:${k.data.hash}`));
    assert.equal(perKey.reduce((a, b) => a + b, 0n), spent, 'the member account is the sum of its keys');
    assert.ok(perKey.filter((amount) => amount > 0n).length >= 2, 'several keys spent from the same budget');
  });

  it('a workspace balance: usage never passes the credits', SLOW, async () => {
    await admin('/workspaces', { id: 'prepaid', name: 'Prepaid' });
    await admin('/credits', { amount: 0.002, workspace_id: 'prepaid' });
    const keys = await Promise.all([1, 2].map((n) => stack.createKey({ name: `prepaid ${n}`, workspace_id: 'prepaid' })));
    await blast(keys.map((k) => k.key));
    const credits = await admin('/credits?workspace_id=prepaid');
    assert.ok(credits.total_usage > 0 && credits.total_usage <= credits.total_credits, JSON.stringify(credits));
    assert.equal(entries('workspace_id', 'prepaid'), picos('workspace:prepaid'));
  });
});
