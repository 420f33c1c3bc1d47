/**
 * `npx tsx bench/measure-ledger-commit-stalls.ts [--requests N]`
 *
 * How long the SQLite ledger holds the event loop per settlement on a file opened as the gateway
 * opens it (openSqliteStores): N reserve+settle pairs one after another (one per commit, the
 * low-load case), each settle timed from the call to its resolution, with the event loop's delay
 * sampled meanwhile. A WAL checkpoint that runs inside a commit (SQLite's automatic one, on the
 * serving thread) shows as the max and the tail; counts of settlements over 2 and 5 ms say how often.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { LedgerScope } from '../src/stores/ledger.js';
import { openSqliteStores } from '../src/stores/sqlite/open-sqlite-stores.js';
import { pickPercentile } from './pick-percentile.js';

const { values } = parseArgs({ args: process.argv.slice(2), options: { requests: { type: 'string' } } });
const requests = Number(values.requests ?? 20_000);
const SCOPES: LedgerScope[] = [
  { scope: 'key:bench', label: 'Key limit', cap: { limitPico: 10n ** 18n, reset: 'daily', includeByok: false } },
  { scope: 'member:bench', label: 'Member', cap: null },
  { scope: 'workspace:bench', label: 'Balance', cap: null },
];

const dir = mkdtempSync(join(tmpdir(), 'switchyard-commit-stalls-'));
try {
  const stores = await openSqliteStores({ path: join(dir, 'stalls.db') });
  const settleMs: number[] = [];
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  for (let i = 0; i < requests; i += 1) {
    if (i === 1000) histogram.enable();
    const id = `gen-${i}`;
    const now = new Date();
    await stores.ledger.reserve({ generationId: id, scopes: SCOPES, amount: 1_000_000n, minimum: 0n, now });
    const start = process.hrtime.bigint();
    await stores.ledger.settle({
      generationId: id, workspaceId: 'default', keyHash: 'bench', scopes: SCOPES.map((s) => s.scope), amount: 400_000n, byokAmount: 0n, now,
      record: {
        id, keyHash: 'bench', workspaceId: 'default', model: 'bench/echo', providerName: 'Sim', upstreamId: `up-${id}`, apiType: 'chat',
        createdAt: now.getTime(), streamed: false, cancelled: false, status: 200, finishReason: 'stop', nativeFinishReason: 'stop', latencyMs: 1.5,
        generationTimeMs: 1.2, promptTokens: 20, completionTokens: 16, reasoningTokens: 0, cachedTokens: 0, cacheWriteTokens: 0, costPico: 400_000n,
        upstreamCostPico: null, cacheDiscountPico: null, isByok: false, externalUser: null, sessionId: null,
        attempts: [{ provider: 'Sim', model: 'echo-1', status: 200, latencyMs: 1.5 }], responseCacheSourceId: null, batchId: null,
      },
      activity: { model: 'bench/echo', providerName: 'Sim', promptTokens: 20, completionTokens: 16, reasoningTokens: 0, outcome: 'completed' },
    });
    if (i >= 1000) settleMs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  histogram.disable();
  await stores.close();
  const sorted = [...settleMs].sort((a, b) => a - b);
  const over = (ms: number) => settleMs.filter((value) => value > ms).length;
  console.log(
    `settle, ${settleMs.length} after 1,000 of warm-up: p50 ${pickPercentile(sorted, 50).toFixed(3)} ms, p99 ${pickPercentile(sorted, 99).toFixed(3)} ms, ` +
      `p99.9 ${pickPercentile(sorted, 99.9).toFixed(3)} ms, max ${sorted.at(-1)!.toFixed(3)} ms; over 2 ms: ${over(2)}, over 5 ms: ${over(5)}`,
  );
  console.log(`event-loop delay: max ${(histogram.max / 1e6).toFixed(3)} ms, p99 ${(histogram.percentile(99) / 1e6).toFixed(3)} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
