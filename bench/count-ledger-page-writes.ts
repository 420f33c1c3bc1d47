/**
 * `npx tsx bench/count-ledger-page-writes.ts [--requests N] [--warmup N] [--per-commit 1,8]`
 *
 * Database page writes per request of the SQLite ledger, counted as WAL frames (deterministic, unlike
 * time on a shared machine). Drives SqliteLedger directly on a file opened as the gateway opens it
 * (WAL, synchronous=NORMAL), with the automatic checkpoint off so that the WAL holds every frame
 * written: reserve then settle, with the generation record and the activity rollup, three scopes
 * (key, member, workspace), `--per-commit` requests sharing one group commit. Generation ids are made
 * as the gateway makes them (newGenerationId), since their order decides where the primary keys insert.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import type { LedgerScope } from '../src/stores/ledger.js';
import type { GenerationRecord } from '../src/stores/generation-store.js';
import { runSqliteMigrations } from '../src/stores/sqlite/run-sqlite-migrations.js';
import { SqliteLedger } from '../src/stores/sqlite/sqlite-ledger.js';
import { newGenerationId } from '../src/pipeline/new-generation-id.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { requests: { type: 'string' }, warmup: { type: 'string' }, 'per-commit': { type: 'string' } },
});
const requests = Number(values.requests ?? 1000);
const warmup = Number(values.warmup ?? 500);
const perCommit = (values['per-commit'] ?? '1,8').split(',').map(Number);

const SCOPES: LedgerScope[] = [
  { scope: 'key:bench', label: 'Key limit', cap: { limitPico: 10n ** 18n, reset: 'daily', includeByok: false } },
  { scope: 'member:bench', label: 'Member', cap: null },
  { scope: 'workspace:bench', label: 'Balance', cap: null },
];

function record(id: string, now: Date): GenerationRecord {
  return {
    id, keyHash: 'bench-key-hash-0000000000000000000000000000000000000000000000000000', workspaceId: 'default', model: 'bench/echo',
    providerName: 'Sim', upstreamId: `up-${id}`, apiType: 'chat', createdAt: now.getTime(), streamed: false, cancelled: false, status: 200,
    finishReason: 'stop', nativeFinishReason: 'stop', latencyMs: 1.5, generationTimeMs: 1.2, promptTokens: 20, completionTokens: 16,
    reasoningTokens: 0, cachedTokens: 0, cacheWriteTokens: 0, costPico: 400_000n, upstreamCostPico: null, cacheDiscountPico: null, isByok: false,
    externalUser: null, sessionId: null, attempts: [{ provider: 'Sim', model: 'echo-1', status: 200, latencyMs: 1.5 }], responseCacheSourceId: null, batchId: null,
  };
}

async function run(ledger: SqliteLedger, prefix: string, count: number, batch: number): Promise<void> {
  for (let i = 0; i < count; i += batch) {
    const ids = Array.from({ length: Math.min(batch, count - i) }, () => newGenerationId());
    const now = new Date();
    await Promise.all(ids.map((id) => ledger.reserve({ generationId: id, scopes: SCOPES, amount: 1_000_000n, minimum: 0n, now })));
    await Promise.all(
      ids.map((id) =>
        ledger.settle({
          generationId: id, workspaceId: 'default', keyHash: 'bench-key-hash-0000000000000000000000000000000000000000000000000000',
          scopes: SCOPES.map((s) => s.scope), amount: 400_000n, byokAmount: 0n, now, record: record(id, now),
          activity: { model: 'bench/echo', providerName: 'Sim', promptTokens: 20, completionTokens: 16, reasoningTokens: 0, outcome: 'completed' },
        }),
      ),
    );
  }
}

/** WAL frames per request by the table or index that owns the page (each frame header starts with its page number; dbstat names the page's B-tree). */
function framesByBtree(db: BetterSqlite3.Database, walPath: string, pageSize: number, requests: number): string {
  const owner = new Map((db.prepare('SELECT pageno, name FROM dbstat').all() as Array<{ pageno: number; name: string }>).map((row) => [row.pageno, row.name]));
  const wal = readFileSync(walPath);
  const counts = new Map<string, number>();
  for (let offset = 32; offset + 24 <= wal.length; offset += pageSize + 24) {
    const name = owner.get(wal.readUInt32BE(offset)) ?? 'other';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([name, count]) => `${name} ${(count / requests).toFixed(2)}`).join(', ');
}

const dir = mkdtempSync(join(tmpdir(), 'switchyard-page-writes-'));
try {
  for (const batch of perCommit) {
    const path = join(dir, `ledger-${batch}.db`);
    const db = new BetterSqlite3(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    runSqliteMigrations(db);
    db.pragma('wal_autocheckpoint = 0');
    const ledger = new SqliteLedger(db);
    await run(ledger, 'warm', warmup, batch);
    db.pragma('wal_checkpoint(TRUNCATE)');
    await run(ledger, 'measured', requests, batch);
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    const frames = (statSync(`${path}-wal`).size - 32) / (pageSize + 24);
    console.log(`${batch} request(s) per commit: ${(frames / requests).toFixed(2)} page writes per request (${frames} WAL frames / ${requests} requests, ${requests / batch} commits)`);
    console.log(`  by B-tree: ${framesByBtree(db, `${path}-wal`, pageSize, requests)}`);
    db.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
