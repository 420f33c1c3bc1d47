import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import OpenAI from 'openai';
import { startTestStack, type TestStack } from './start-test-stack.js';

type Outcome = 'ok' | 'refused' | 'cancelled' | 'failed';
const REQUESTS = 500;
/** The machine running CI is shared and loaded: 500 requests can take a while; nothing here asserts a duration. */
export const SLOW = { timeout: 300_000 };

/**
 * Harness of the no-overspend tests: 500 concurrent requests — plain, streamed, streams
 * cancelled mid-way, upstream failures — then every reservation must be released; helpers
 * read settled spend straight from the SQLite file.
 */
export interface BudgetBurst {
  stack: TestStack;
  admin(path: string, body?: unknown): Promise<Record<string, any>>;
  /** Fires the burst round-robin over `keys`; asserts each outcome and that no hold is left. */
  blast(keys: string[]): Promise<{ ok: number; refused: number }>;
  /** Settled spend of a ledger account, in picodollars. */
  picos(scope: string): bigint;
  /** Σ ledger entries where `column = value`. */
  entries(column: 'key_hash' | 'workspace_id', value: string): bigint;
}

export async function startBudgetBurst(): Promise<BudgetBurst> {
  // Generous upstream deadlines: on a loaded machine a timeout would be a 504 that says nothing about money.
  const stack = await startTestStack({ config: { default_timeouts: { connect_ms: 30_000, first_byte_ms: 60_000, idle_ms: 60_000, total_ms: 120_000 } } });
  const query = <T>(sql: string, ...params: unknown[]): T => {
    const db = new BetterSqlite3(join(stack.dataDir, 'switchyard.db'), { readonly: true });
    try {
      return db.prepare(sql).get(...params) as T;
    } finally {
      db.close();
    }
  };
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
  return {
    stack,
    async admin(path, body) {
      const response = await fetch(`${stack.baseURL}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${stack.adminKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await response.json()) as { data: Record<string, any> };
      if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
      return json.data;
    },
    async blast(keys) {
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
      // Cancelled streams settle when their upstream read stops: wait for every hold to go
      // (the gateway's own ledger: on SQLite, in-flight holds live in the process, not the file).
      const deadline = Date.now() + 60_000;
      while ((await stack.gateway.ledger.holds()).length > 0) {
        if (Date.now() > deadline) assert.fail('reservations still held after the burst');
        await sleep(50);
      }
      return { ok: count('ok'), refused: count('refused') };
    },
    picos: (scope) =>
      BigInt(query<{ spend: string }>('SELECT CAST(spend_total AS TEXT) AS spend FROM ledger_accounts WHERE scope = ?', scope).spend),
    entries: (column, value) =>
      BigInt(query<{ total: string | null }>(`SELECT CAST(SUM(amount) AS TEXT) AS total FROM ledger_entries WHERE ${column} = ?`, value).total ?? '0'),
  };
}
