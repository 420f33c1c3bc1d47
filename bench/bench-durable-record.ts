/**
 * `npm run bench:durable [-- --requests N]`
 *
 * What "a delivered response is a recorded response" costs (#13.4), on a SQLite file (WAL,
 * synchronous=NORMAL, as the gateway opens it):
 *  1. In process: Ledger.settle without a record (the charge alone) against settle with the
 *     generation record in the same commit, alternating; one settlement per turn, and 16 issued
 *     in the same turn (one group commit).
 *  2. End to end through a gateway: non-streamed and streamed requests one at a time, p50/p90/p99
 *     of the whole request (the deliver stage now waits for the commit before the final bytes).
 *     Run it on two commits to compare; the numbers of one run are only comparable among themselves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import type { GenerationRecord } from '../src/stores/generation-store.js';
import type { Ledger, SettleRequest } from '../src/stores/ledger.js';
import { openSqliteStores } from '../src/stores/sqlite/open-sqlite-stores.js';
import { pickPercentile } from './pick-percentile.js';
import { startBenchGateway } from './start-bench-gateway.js';

const ADMIN = 'sk-or-v1-bench0durable0000000000000000000000000000000000000000000';

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: pickPercentile(sorted, 50), p90: pickPercentile(sorted, 90), p99: pickPercentile(sorted, 99) };
};
const row = (name: string, values: number[], digits: number) => {
  const s = summary(values);
  return `| ${name} | ${s.p50.toFixed(digits)} | ${s.p90.toFixed(digits)} | ${s.p99.toFixed(digits)} |`;
};

const record = (id: string): GenerationRecord => ({
  id, keyHash: 'bench', workspaceId: 'bench', model: 'bench/echo', providerName: 'Sim', upstreamId: 'chatcmpl-bench', apiType: 'chat',
  createdAt: Date.now(), streamed: true, cancelled: false, status: 200, finishReason: 'stop', nativeFinishReason: 'stop', latencyMs: 3,
  generationTimeMs: 9, promptTokens: 20, completionTokens: 16, reasoningTokens: 0, cachedTokens: 0, cacheWriteTokens: 0, costPico: 400_000n,
  upstreamCostPico: null, cacheDiscountPico: 0n, isByok: false, externalUser: null, sessionId: null,
  attempts: [{ provider: 'Sim', model: 'echo-1', status: 200, latencyMs: 3 }], responseCacheSourceId: null,
});

const settlement = (id: string, withRecord: boolean): SettleRequest => ({
  generationId: id, workspaceId: 'bench', keyHash: 'bench', scopes: ['key:bench', 'member:bench', 'workspace:bench'], amount: 400_000n,
  byokAmount: 0n, now: new Date(),
  activity: { model: 'bench/echo', providerName: 'Sim', promptTokens: 20, completionTokens: 16, reasoningTokens: 0, outcome: 'completed' },
  ...(withRecord && { record: record(id) }),
});

/** µs per settle() call, `group` issued in the same turn, alternating without / with the record. */
async function measureSettle(ledger: Ledger, rounds: number, group: number): Promise<{ bare: number[]; recorded: number[] }> {
  const bare: number[] = [];
  const recorded: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const withRecord = i % 2 === 1;
    const start = process.hrtime.bigint();
    await Promise.all(Array.from({ length: group }, (_, j) => ledger.settle(settlement(`gen-${group}-${i}-${j}`, withRecord))));
    const perCall = Number(process.hrtime.bigint() - start) / 1e3 / group;
    if (i >= rounds / 10) (withRecord ? recorded : bare).push(perCall);
  }
  return { bare, recorded };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { requests: { type: 'string' } } });
  const perArm = Number(values.requests ?? 300);
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-durable-'));
  try {
    const stores = await openSqliteStores({ path: join(dir, 'micro.db') });
    console.log('\n## Ledger.settle on a SQLite file, µs per settlement (charge alone vs charge + generation record in one commit)\n');
    console.log('| case | p50 | p90 | p99 |');
    console.log('|---|---|---|---|');
    for (const group of [1, 16]) {
      const run = await measureSettle(stores.ledger, perArm * 4, group);
      console.log(row(`${group} per commit, charge alone`, run.bare, 1));
      console.log(row(`${group} per commit, charge + record`, run.recorded, 1));
    }
    await stores.close();

    const bench = await startBenchGateway({
      adminKey: ADMIN,
      database: `sqlite:${join(dir, 'gateway.db')}`,
      dataDir: dir,
      logLevel: 'warn',
      providers: (simUrl) => [{ id: 'sim', name: 'Sim', base_url: simUrl, api_key: 'sk-sim' }],
      models: [{ id: 'bench/echo', context_length: 32000, endpoints: [{ provider: 'sim', model: 'echo-1', pricing: { prompt: '0.000001', completion: '0.000002' } }] }],
    });
    const key = ((await bench.manage('/keys', { name: 'bench' })) as { key: string }).key;
    const arms = [
      { name: 'non-streamed', stream: false, ms: [] as number[] },
      { name: 'streamed (until [DONE])', stream: true, ms: [] as number[] },
    ];
    for (let i = 0; i < perArm * 2 + 40; i += 1) {
      const arm = arms[i % 2]!;
      const body = JSON.stringify({ model: 'bench/echo', stream: arm.stream, max_tokens: 64, messages: [{ role: 'user', content: 'A short question for the echo model [[sim:words=16]]' }] });
      const start = process.hrtime.bigint();
      const response = await request(`${bench.api}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
      await response.body.text();
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
      if (i >= 40) arm.ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    await bench.close();
    console.log(`\n## End to end through the gateway, ${perArm} requests per arm, one at a time (ms)\n`);
    console.log('| arm | p50 | p90 | p99 |');
    console.log('|---|---|---|---|');
    for (const arm of arms) console.log(row(arm.name, arm.ms, 3));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
