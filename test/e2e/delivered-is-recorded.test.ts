import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { startOpenAISimulator } from '../../sim/openai/start-openai-simulator.js';
import type { OpenAISimulator } from '../../sim/openai/openai-sim-types.js';
import { iterateSse } from '../support/read-sse.js';
import { callGateway as call, startGatewayProcess, writeSimGatewayConfig, type GatewayProcess } from '../support/start-gateway-process.js';

const ADMIN = 'sk-or-v1-delivered-test-management-key-000000000000000000000000';
/** What the client saw of one stream. */
interface Received {
  id: string;
  /** True once `data: [DONE]` arrived: the client has the whole response. */
  complete: boolean;
  /** `usage.cost` of the final usage chunk, when it arrived. */
  cost?: number;
}

/**
 * #13.4: a delivered response is a recorded response, on SQLite too. 30 streams end one after
 * another and the gateway is killed with SIGKILL right after the 15th reached its client: every
 * stream the client received in full has its generation record and its single charge, equal to
 * the cost the client was shown, and nothing is billed twice (what a restart does with the holds that
 * died is ledger-crash.test.ts).
 */
describe('a delivered response is a recorded response (kill -9)', () => {
  let sim: OpenAISimulator;
  let dir: string;
  let configPath: string;
  let running: GatewayProcess | undefined;

  before(async () => {
    sim = await startOpenAISimulator();
    dir = mkdtempSync(join(tmpdir(), 'switchyard-delivered-'));
    configPath = writeSimGatewayConfig(dir, { simURL: sim.url, database: `sqlite:${join(dir, 'switchyard.db')}`, adminKey: ADMIN });
  });
  after(async () => {
    await running?.kill();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const books = () => {
    const db = new BetterSqlite3(join(dir, 'switchyard.db'), { readonly: true });
    try {
      const generations = new Map(
        (db.prepare("SELECT id, cost_pico FROM generations WHERE workspace_id = 'crash'").safeIntegers(true).all() as Array<{ id: string; cost_pico: bigint }>).map(
          (row) => [row.id, row.cost_pico],
        ),
      );
      const entries = new Map(
        (db.prepare("SELECT generation_id, amount FROM ledger_entries WHERE workspace_id = 'crash'").safeIntegers(true).all() as Array<{ generation_id: string; amount: bigint }>).map(
          (row) => [row.generation_id, row.amount],
        ),
      );
      const one = <T>(sql: string) => db.prepare(sql).safeIntegers(true).get() as T;
      return {
        generations,
        entries,
        spend: one<{ spend: bigint }>("SELECT spend_total AS spend FROM ledger_accounts WHERE scope = 'workspace:crash'").spend,
        entrySum: one<{ total: bigint | null }>("SELECT SUM(amount) AS total FROM ledger_entries WHERE workspace_id = 'crash'").total ?? 0n,
      };
    } finally {
      db.close();
    }
  };

  it('every stream received in full has its generation and its one charge after kill -9 mid-run', { timeout: 300_000 }, async () => {
    const first = await startGatewayProcess(configPath);
    running = first;
    assert.equal((await call(first.url, ADMIN, '/workspaces', { id: 'crash', name: 'Crash' })).status, 201);
    assert.equal((await call(first.url, ADMIN, '/credits', { amount: 1, workspace_id: 'crash' })).status, 201);
    const { key } = (await (await call(first.url, ADMIN, '/keys', { name: 'crash', workspace_id: 'crash' })).json()) as { key: string };

    let completed = 0;
    let kill: () => void = () => {};
    const killed = new Promise<void>((resolve) => (kill = resolve));
    // Staggered: stream i sends 30 words i + 4 ms apart, so they end one by one over about a second.
    const streams = Array.from({ length: 30 }, async (_, i): Promise<Received> => {
      const received: Received = { id: '', complete: false };
      try {
        const response = await call(first.url, key, '/chat/completions', {
          model: 'sim/echo',
          stream: true,
          max_tokens: 200,
          messages: [{ role: 'user', content: `stream ${i} [[sim:words=30 chunk_delay=${i + 4}]]` }],
        });
        received.id = response.headers.get('x-generation-id') ?? '';
        for await (const item of iterateSse(response.body!)) {
          if (item.type !== 'data') continue;
          if (item.data === '[DONE]') {
            received.complete = true;
            if (++completed === 15) kill();
            break;
          }
          const chunk = JSON.parse(item.data) as { usage?: { cost: number } };
          if (chunk.usage) received.cost = chunk.usage.cost;
        }
      } catch {
        // the kill cut this stream
      }
      return received;
    });
    await Promise.race([killed, Promise.all(streams)]);
    await first.kill();
    const results = await Promise.all(streams);

    const full = results.filter((result) => result.complete);
    assert.ok(full.length >= 15, `${full.length} streams completed before the kill`);
    assert.ok(full.length < 30, 'the kill happened mid-run');
    const dead = books();
    const missing = full.filter((result) => !dead.generations.has(result.id) || !dead.entries.has(result.id));
    assert.deepEqual(
      missing.map((result) => ({ id: result.id, record: dead.generations.has(result.id), charge: dead.entries.has(result.id) })),
      [],
      'a stream the client received in full lacks its record or its charge',
    );
    for (const result of full) {
      const charged = dead.entries.get(result.id)!;
      assert.equal(dead.generations.get(result.id), charged, `record and charge of ${result.id} agree`);
      assert.equal(Number(charged) / 1e12, result.cost, `the charge of ${result.id} is the cost the client was shown`);
    }
    for (const [id, cost] of dead.generations) assert.equal(dead.entries.get(id), cost, `record ${id} has exactly its charge`);
    assert.equal(dead.spend, dead.entrySum, 'every charge is in the account once');
  });
});
