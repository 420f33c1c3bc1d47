/**
 * `npm run bench:ledger [-- --requests N]`
 *
 * Added latency of the billing ledger on the request path, measured side by side in one run.
 *  1. In process, on a SQLite file (WAL, synchronous=NORMAL, as the gateway opens it): the
 *     time of `reserve` (three scopes, one capped) and of `settle` (account updates, entry,
 *     activity rollup), each one synchronous IMMEDIATE transaction; the memory ledger and a
 *     throwaway PostgreSQL (test/support/start-postgres.ts; row locks, group-committed settles)
 *     beside it. Then reserve+settle pairs per second, one after another and with 16 in flight on
 *     the same key (the worst case: every pair locks the same account rows).
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
import { openPostgresStores } from '../src/stores/postgres/open-postgres-stores.js';
import { startPostgres } from '../test/support/start-postgres.js';
import { pickPercentile } from './pick-percentile.js';
import { startBenchGateway } from './start-bench-gateway.js';

const ADMIN = 'sk-or-v1-bench0ledger00000000000000000000000000000000000000000000';

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: pickPercentile(sorted, 50), p90: pickPercentile(sorted, 90), p99: pickPercentile(sorted, 99) };
};
const fmt = (n: number) => n.toFixed(1);

const SCOPES: LedgerScope[] = [
  { scope: 'key:bench', label: 'Key limit', cap: { limitPico: 10n ** 18n, reset: 'daily', includeByok: false } },
  { scope: 'member:bench', label: 'Member', cap: null },
  { scope: 'workspace:bench', label: 'Balance', cap: 'balance' },
];
const CONCURRENCY = 16;
/** Each timed phase stops after n pairs or this long, whichever comes first (bounded on a slow box). */
const PHASE_MAX_MS = 10_000;

/** One reserve then its settle; returns the µs each took. */
async function reserveAndSettle(ledger: Ledger, generationId: string): Promise<[number, number]> {
  const now = new Date();
  let start = process.hrtime.bigint();
  await ledger.reserve({ generationId, scopes: SCOPES, amount: 1_000_000n, minimum: 0n, now });
  const reserved = Number(process.hrtime.bigint() - start) / 1e3;
  start = process.hrtime.bigint();
  await ledger.settle({
    generationId, workspaceId: 'bench', keyHash: 'bench', scopes: SCOPES.map((s) => s.scope), amount: 400_000n, byokAmount: 0n, now,
    activity: { model: 'bench/echo', providerName: 'Sim', promptTokens: 20, completionTokens: 16, reasoningTokens: 0, outcome: 'completed' },
  });
  return [reserved, Number(process.hrtime.bigint() - start) / 1e3];
}

interface LedgerRun {
  reserve: number[];
  settle: number[];
  /** reserve+settle pairs per second, one at a time. */
  sequentialPerS: number;
  /** The same with CONCURRENCY pairs in flight. */
  concurrentPerS: number;
}

async function measureLedger(name: string, ledger: Ledger, n: number): Promise<LedgerRun> {
  const reserve: number[] = [];
  const settle: number[] = [];
  const warmup = Math.floor(n / 10); // not timed
  let started = 0;
  let until = Infinity;
  for (let i = 0; i < n + warmup && performance.now() < until; i += 1) {
    if (i === warmup) {
      started = performance.now();
      until = started + PHASE_MAX_MS;
    }
    const [r, s] = await reserveAndSettle(ledger, `gen-${name}-seq-${i}`);
    if (i >= warmup) {
      reserve.push(r);
      settle.push(s);
    }
  }
  const sequentialPerS = reserve.length / ((performance.now() - started) / 1000);
  let next = 0;
  started = performance.now();
  until = started + PHASE_MAX_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n && performance.now() < until) await reserveAndSettle(ledger, `gen-${name}-conc-${next++}`);
    }),
  );
  const concurrentPerS = next / ((performance.now() - started) / 1000);
  return { reserve, settle, sequentialPerS, concurrentPerS };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { requests: { type: 'string' } } });
  const perArm = Number(values.requests ?? 400);
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-ledger-'));
  try {
    const stores = await openSqliteStores({ path: join(dir, 'micro.db') });
    const runs: Array<[string, LedgerRun]> = [['sqlite file (WAL)', await measureLedger('sqlite', stores.ledger, perArm * 5)]];
    await stores.close();
    runs.push(['memory', await measureLedger('memory', new MemoryLedger(), perArm * 5)]);
    const pgServer = await startPostgres();
    if (pgServer) {
      try {
        const pgStores = await openPostgresStores({ url: await pgServer.createDatabase('benchledger'), poolSize: CONCURRENCY });
        try {
          runs.push(['postgresql (loopback)', await measureLedger('postgres', pgStores.ledger, perArm * 5)]);
        } finally {
          await pgStores.close();
        }
      } finally {
        await pgServer.stop();
      }
    } else {
      console.log('\n(PostgreSQL arm skipped: no initdb/postgres binaries; see test/support/start-postgres.ts)');
    }
    console.log('\n## In-process ledger calls (µs)\n');
    console.log(`| backend | reserve p50 | p90 | p99 | settle p50 | p90 | p99 | pairs/s sequential | pairs/s, ${CONCURRENCY} in flight |`);
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const [name, run] of runs) {
      const r = summary(run.reserve);
      const s = summary(run.settle);
      console.log(
        `| ${name} | ${fmt(r.p50)} | ${fmt(r.p90)} | ${fmt(r.p99)} | ${fmt(s.p50)} | ${fmt(s.p90)} | ${fmt(s.p99)} | ${run.sequentialPerS.toFixed(0)} | ${run.concurrentPerS.toFixed(0)} |`,
      );
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
