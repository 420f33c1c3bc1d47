/**
 * `npm run bench:ledger [-- --requests N]`
 *
 * Added latency of the billing ledger on the request path, measured side by side in one run.
 *  1. In process, on a SQLite file (WAL, synchronous=NORMAL, as the gateway opens it): the
 *     time of `reserve` (three scopes, one capped) and of `settle` (account updates, entry,
 *     activity rollup), each one synchronous IMMEDIATE transaction; the memory ledger beside it.
 *  2. End to end through a gateway on a SQLite file: two keys alternate (A, B, A, B, … one
 *     request at a time) — A has no cap (settlement only: nothing to reserve, no tokenizer
 *     pass), B has a $1000 limit (tokenizer estimate + reservation + settlement). The difference
 *     of medians is what a reservation adds; settlement is in both arms (measured in part 1).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import type { Ledger, LedgerScope } from '../src/stores/ledger.js';
import { MemoryLedger } from '../src/stores/memory/memory-ledger.js';
import { openSqliteStores } from '../src/stores/sqlite/open-sqlite-stores.js';
import { pickPercentile } from './pick-percentile.js';
import { startBenchGateway } from './start-bench-gateway.js';

const ADMIN = 'sk-or-v1-bench0ledger00000000000000000000000000000000000000000000';

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: pickPercentile(sorted, 50), p90: pickPercentile(sorted, 90), p99: pickPercentile(sorted, 99) };
};
const fmt = (n: number) => n.toFixed(1);

async function measureLedger(ledger: Ledger, n: number): Promise<{ reserve: number[]; settle: number[] }> {
  const scopes: LedgerScope[] = [
    { scope: 'key:bench', label: 'Key limit', cap: { limitPico: 10n ** 18n, reset: 'daily', includeByok: false } },
    { scope: 'member:bench', label: 'Member', cap: null },
    { scope: 'workspace:bench', label: 'Balance', cap: 'balance' },
  ];
  const reserve: number[] = [];
  const settle: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const generationId = `gen-bench-${i}`;
    const now = new Date();
    let start = process.hrtime.bigint();
    await ledger.reserve({ generationId, scopes, amount: 1_000_000n, minimum: 0n, now });
    reserve.push(Number(process.hrtime.bigint() - start) / 1e3);
    start = process.hrtime.bigint();
    await ledger.settle({
      generationId, workspaceId: 'bench', keyHash: 'bench', scopes: scopes.map((s) => s.scope), amount: 400_000n, byokAmount: 0n, now,
      activity: { model: 'bench/echo', providerName: 'Sim', promptTokens: 20, completionTokens: 16, reasoningTokens: 0, outcome: 'completed' },
    });
    settle.push(Number(process.hrtime.bigint() - start) / 1e3);
  }
  return { reserve: reserve.slice(n / 10), settle: settle.slice(n / 10) }; // first 10% is warm-up
}

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { requests: { type: 'string' } } });
  const perArm = Number(values.requests ?? 400);
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-ledger-'));
  try {
    const stores = await openSqliteStores({ path: join(dir, 'micro.db') });
    const sqlite = await measureLedger(stores.ledger, perArm * 5);
    await stores.close();
    const memory = await measureLedger(new MemoryLedger(), perArm * 5);
    console.log('\n## In-process ledger calls (µs)\n');
    console.log('| backend | reserve p50 | p90 | p99 | settle p50 | p90 | p99 |');
    console.log('|---|---|---|---|---|---|---|');
    for (const [name, run] of [['sqlite file (WAL)', sqlite], ['memory', memory]] as const) {
      const r = summary(run.reserve);
      const s = summary(run.settle);
      console.log(`| ${name} | ${fmt(r.p50)} | ${fmt(r.p90)} | ${fmt(r.p99)} | ${fmt(s.p50)} | ${fmt(s.p90)} | ${fmt(s.p99)} |`);
    }

    const bench = await startBenchGateway({
      adminKey: ADMIN,
      database: `sqlite:${join(dir, 'gateway.db')}`,
      dataDir: dir,
      logLevel: 'warn',
      providers: (simUrl) => [{ id: 'sim', name: 'Sim', base_url: simUrl, api_key: 'sk-sim' }],
      models: [{ id: 'bench/echo', context_length: 32000, endpoints: [{ provider: 'sim', model: 'echo-1', pricing: { prompt: '0.000001', completion: '0.000002' } }] }],
    });
    const { api } = bench;
    const makeKey = async (body: Record<string, unknown>) => ((await bench.manage('/keys', body)) as { key: string }).key;
    const arms = [
      { name: 'A: no cap (settle only)', key: await makeKey({ name: 'uncapped' }), ms: [] as number[] },
      { name: 'B: $1000 limit (estimate + reserve + settle)', key: await makeKey({ name: 'capped', limit: 1000 }), ms: [] as number[] },
    ];
    const body = JSON.stringify({ model: 'bench/echo', max_tokens: 64, messages: [{ role: 'user', content: `${'A paragraph of ordinary prose for the tokenizer. '.repeat(20)}[[sim:words=16]]` }] });
    for (let i = 0; i < perArm * 2 + 40; i += 1) {
      const arm = arms[i % 2]!;
      const start = process.hrtime.bigint();
      const response = await request(`${api}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${arm.key}`, 'content-type': 'application/json' }, body });
      await response.body.text();
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
      if (i >= 40) arm.ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    await bench.close();
    const [a, b] = arms.map((arm) => summary(arm.ms)) as [ReturnType<typeof summary>, ReturnType<typeof summary>];
    console.log(`\n## End to end, non-streamed, ${perArm} requests per arm, alternating (ms)\n`);
    console.log('| arm | p50 | p90 | p99 |');
    console.log('|---|---|---|---|');
    for (const [arm, s] of [[arms[0]!, a], [arms[1]!, b]] as const) console.log(`| ${arm.name} | ${s.p50.toFixed(3)} | ${s.p90.toFixed(3)} | ${s.p99.toFixed(3)} |`);
    console.log(`\nB − A at p50: ${((b.p50 - a.p50) * 1000).toFixed(0)} µs; B / A at p50: ×${(b.p50 / a.p50).toFixed(3)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
