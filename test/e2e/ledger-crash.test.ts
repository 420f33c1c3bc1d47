import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callGateway as call, startGatewayProcess, writeSimGatewayConfig, type GatewayProcess } from '../support/start-gateway-process.js';
import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { startOpenAISimulator } from '../../sim/openai/start-openai-simulator.js';
import type { OpenAISimulator } from '../../sim/openai/openai-sim-types.js';

const ADMIN = 'sk-or-v1-crash-test-management-key-00000000000000000000000000';
/**
 * kill -9 under load, then restart on the same SQLite file: the reservations of the requests
 * that died hold nothing (on SQLite they live in the process, never in the file), every settled
 * generation is billed exactly once, and the balance adds up (credits − Σ settled entries =
 * what the workspace account says it spent).
 */
describe('ledger survives kill -9', () => {
  let sim: OpenAISimulator;
  let dir: string;
  let configPath: string;
  let running: GatewayProcess | undefined;

  before(async () => {
    sim = await startOpenAISimulator();
    dir = mkdtempSync(join(tmpdir(), 'switchyard-crash-'));
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
      const one = <T>(sql: string) => db.prepare(sql).safeIntegers(true).get() as T;
      return {
        holds: Number(one<{ n: bigint }>('SELECT count(*) AS n FROM ledger_holds').n),
        held: one<{ held: bigint }>("SELECT held FROM ledger_accounts WHERE scope = 'workspace:crash'").held,
        credits: one<{ credits: bigint }>("SELECT credits FROM ledger_accounts WHERE scope = 'workspace:crash'").credits,
        spend: one<{ spend: bigint }>("SELECT spend_total AS spend FROM ledger_accounts WHERE scope = 'workspace:crash'").spend,
        entries: one<{ total: bigint | null }>("SELECT SUM(amount) AS total FROM ledger_entries WHERE workspace_id = 'crash'").total ?? 0n,
        entryCount: Number(one<{ n: bigint }>("SELECT count(*) AS n FROM ledger_entries WHERE workspace_id = 'crash'").n),
        // A generation record written with a cost must match its ledger entry exactly.
        mismatched: Number(
          one<{ n: bigint }>(
            "SELECT count(*) AS n FROM generations g LEFT JOIN ledger_entries e ON e.generation_id = g.id WHERE g.workspace_id = 'crash' AND g.cost_pico > 0 AND (e.amount IS NULL OR e.amount <> g.cost_pico)",
          ).n,
        ),
      };
    } finally {
      db.close();
    }
  };

  it('releases dead reservations at restart, bills nothing twice, and the balance adds up', { timeout: 300_000 }, async () => {
    const first = await startGatewayProcess(configPath);
    running = first;
    assert.equal((await call(first.url, ADMIN, '/workspaces', { id: 'crash', name: 'Crash' })).status, 201);
    assert.equal((await call(first.url, ADMIN, '/credits', { amount: 1, workspace_id: 'crash' })).status, 201);
    const created = (await (await call(first.url, ADMIN, '/keys', { name: 'crash', workspace_id: 'crash' })).json()) as { key: string };
    let unfinished = 0;
    const load = (url: string, n: number) =>
      Array.from({ length: n }, (_, i) => {
        unfinished += 1;
        return (
        call(url, created.key, '/chat/completions', {
          model: 'sim/echo',
          max_tokens: 100,
          stream: i % 2 === 0,
          messages: [{ role: 'user', content: `load ${i} [[sim:words=40 chunk_delay=${i % 2 === 0 ? 20 : 0} delay=${i % 7}]]` }],
        })
          .then((response) => response.text())
          .catch(() => 'died')
          .finally(() => (unfinished -= 1))
        );
      });
    const inFlight = load(first.url, 80);
    // Kill once some requests have settled while others are still in flight mid-stream, holding reservations.
    const deadline = Date.now() + 120_000;
    for (let state = books(); state.entryCount < 10 || unfinished < 5; state = books()) {
      if (Date.now() > deadline) assert.fail(`load never got going: ${JSON.stringify({ ...state, unfinished }, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`);
      await sleep(10);
    }
    await first.kill();
    const answers = await Promise.all(inFlight);
    const dead = books();
    assert.ok(dead.entryCount > 0, 'some requests settled before the kill');
    assert.ok(answers.filter((text) => text === 'died' || !text.includes('[DONE]') && !text.includes('"choices"')).length > 0, 'some requests died in flight');
    assert.equal(dead.holds, 0, 'the reservations of requests in flight were never rows');
    assert.equal(dead.held, 0n, 'nor part of the account in the file');
    assert.equal(dead.spend, dead.entries, 'every settled entry is in the account, once');

    const second = await startGatewayProcess(configPath);
    running = second;
    const restarted = books();
    assert.equal(restarted.holds, 0, 'no reservation left held after restart');
    assert.equal(restarted.held, 0n);
    assert.equal(restarted.spend, dead.spend, 'restart neither adds nor drops settled spend');
    await Promise.all(load(second.url, 15));
    const credits = ((await (await call(second.url, ADMIN, '/credits?workspace_id=crash')).json()) as { data: { total_credits: number; total_usage: number } }).data;
    await second.stop();
    running = undefined;
    const final = books();
    assert.equal(final.holds, 0);
    assert.equal(final.spend, final.entries, 'credits − Σ settled = balance');
    assert.equal(final.mismatched, 0, 'every generation record matches its single ledger entry');
    assert.ok(final.entryCount > dead.entryCount);
    assert.equal(credits.total_credits, Number(final.credits) / 1e12);
    assert.equal(credits.total_usage, Number(final.entries) / 1e12);
  });

  // The SQLite ledger keeps reservations in the serving process, so a second gateway on the same
  // file would not see them and could spend one budget twice: it is refused, by name, until the
  // first is gone, however it went (the claim is an OS lock, dropped by kill -9 too).
  it('a second gateway on the same SQLite file is refused while the first serves; after kill -9 it starts', { timeout: 120_000 }, async () => {
    await running?.kill();
    running = await startGatewayProcess(configPath);
    await assert.rejects(startGatewayProcess(configPath), /already served by another Switchyard process/);
    assert.equal((await call(running.url, ADMIN, '/credits')).status, 200, 'the first keeps serving');
    await running.kill();
    running = await startGatewayProcess(configPath);
    assert.equal((await call(running.url, ADMIN, '/credits')).status, 200);
  });
});
