/**
 * `npm run bench:dashboard [-- --rows 1000000 --calls 30]`
 *
 * The dashboard at a million generations (#16): a gateway on a SQLite file, its generations table
 * seeded with `--rows` rows in one INSERT … SELECT over a recursive CTE (30 days, 5 keys, 8 models,
 * 2 % errors) and the daily activity rollup built from them, then each management endpoint a page
 * calls, timed one call at a time over HTTP: p50 / p95 / max in ms over `--calls` calls. Also
 * prints SQLite's query plan for each listing query, so a full-table scan shows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { request } from 'undici';
import { pickPercentile } from './pick-percentile.js';
import { startBenchGateway } from './start-bench-gateway.js';

const ADMIN = 'sk-or-v1-bench0dashboard00000000000000000000000000000000000000000';
const DAY_MS = 86_400_000;
const MODELS = ['openai/gpt-4o-mini', 'openai/gpt-4o', 'anthropic/claude-sonnet-4', 'anthropic/claude-haiku-4', 'google/gemini-2.5-flash', 'google/gemini-2.5-pro', 'meta/llama-3.3-70b', 'mistral/mistral-large'];

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, calls: { type: 'string', default: '30' } } });
const rows = Number(args.rows);
const calls = Number(args.calls);

const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-dashboard-'));
const file = join(dir, 'gateway.db');
const bench = await startBenchGateway({
  adminKey: ADMIN,
  database: `sqlite:${file}`,
  dataDir: dir,
  logLevel: 'warn',
  providers: (simUrl) => [{ id: 'sim', name: 'Sim', base_url: simUrl, api_key: 'sk-sim' }],
  models: [{ id: 'bench/echo', context_length: 32000, endpoints: [{ provider: 'sim', model: 'echo-1', pricing: { prompt: '0.000001', completion: '0.000002' } }] }],
});
try {
  const keys: string[] = [];
  for (let i = 0; i < 5; i += 1) keys.push(((await bench.manage('/keys', { name: `bench key ${i}` })) as { data: { hash: string } }).data.hash);

  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const now = Date.now();
  const seedStart = performance.now();
  const keyCase = `CASE i % 5 ${keys.map((hash, index) => `WHEN ${index} THEN '${hash}'`).join(' ')} END`;
  const modelCase = `CASE i % 8 ${MODELS.map((model, index) => `WHEN ${index} THEN '${model}'`).join(' ')} END`;
  db.transaction(() => {
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
       INSERT INTO generations (id, key_hash, workspace_id, model, provider_name, upstream_id, api_type, created_at, streamed, cancelled, status,
         finish_reason, native_finish_reason, latency_ms, generation_time_ms, prompt_tokens, completion_tokens, reasoning_tokens, cached_tokens,
         cache_write_tokens, cost_pico, upstream_cost_pico, is_byok, external_user, session_id, attempts, cache_discount_pico, response_cache_source_id)
       SELECT printf('gen-%08d', i), ${keyCase}, 'default', ${modelCase}, 'Sim', NULL, 'chat', ? - (i * ?) / ?, i % 3 = 0, 0,
         CASE WHEN i % 50 = 0 THEN 502 ELSE 200 END, CASE WHEN i % 50 = 0 THEN 'error' ELSE 'stop' END, 'stop', 300 + i % 700, 900 + i % 3000,
         200 + i % 1000, 50 + i % 400, 0, 0, 0, 1000000 + (i % 997) * 10000, NULL, 0, NULL, NULL,
         '[{"provider":"Sim","model":"echo-1","status":200,"latencyMs":300}]', 0, NULL
       FROM n`,
    ).run(rows, now, 30 * DAY_MS, rows);
    db.prepare(
      `INSERT INTO activity_daily (date, workspace_id, key_hash, model, provider_name, usage, byok_usage, requests, prompt_tokens, completion_tokens,
         reasoning_tokens, cancelled_requests, error_requests, cache_hits, cached_tokens, cache_savings)
       SELECT date(created_at / 1000, 'unixepoch'), workspace_id, key_hash, model, provider_name, SUM(cost_pico), 0, COUNT(*), SUM(prompt_tokens),
         SUM(completion_tokens), 0, 0, SUM(status != 200), 0, 0, 0
       FROM generations GROUP BY 1, 2, 3, 4, 5
       ON CONFLICT (date, workspace_id, key_hash, model, provider_name) DO UPDATE SET usage = usage + excluded.usage, requests = requests + excluded.requests`,
    ).run();
  })();
  const seedMs = performance.now() - seedStart;
  db.pragma('optimize');
  const count = (db.prepare('SELECT COUNT(*) AS n FROM generations').get() as { n: number }).n;
  const activityRows = (db.prepare('SELECT COUNT(*) AS n FROM activity_daily').get() as { n: number }).n;
  console.log(`seeded ${count.toLocaleString('en-US')} generations and ${activityRows} rollup rows in ${(seedMs / 1000).toFixed(1)} s`);

  // A cursor deep in the table: the row 90 % of the way down.
  const deep = db.prepare('SELECT created_at, id FROM generations ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?').get(Math.floor(count * 0.9)) as { created_at: number; id: string };
  const cursor = `${deep.created_at}.${deep.id}`;
  const since = now - 7 * DAY_MS;
  const cases: Array<[string, string]> = [
    ['generations: first page', '/dashboard/generations?limit=50'],
    ['generations: deep keyset page (90 %)', `/dashboard/generations?limit=50&cursor=${encodeURIComponent(cursor)}`],
    ['generations: by key', `/dashboard/generations?limit=50&key_hash=${keys[2]}`],
    ['generations: by model', `/dashboard/generations?limit=50&model=${encodeURIComponent(MODELS[5]!)}`],
    ['generations: errors only', '/dashboard/generations?limit=50&outcome=error'],
    ['generations: key + model + errors, last 7 d', `/dashboard/generations?limit=50&key_hash=${keys[0]}&model=${encodeURIComponent(MODELS[2]!)}&outcome=error&since=${new Date(since).toISOString()}`],
    ['generations: model with no rows', `/dashboard/generations?limit=50&model=none%2Fnever`],
    ['overview aggregates', '/dashboard/overview'],
    ['activity (30 d)', '/activity'],
    ['keys (usage)', '/keys'],
    ['rate limits', '/dashboard/rate-limits'],
    ['holds', '/dashboard/holds'],
  ];
  console.log(`\n| endpoint (${calls} calls each) | p50 ms | p95 ms | max ms | rows |\n|---|---:|---:|---:|---:|`);
  for (const [name, path] of cases) {
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < calls + 2; i += 1) {
      const start = performance.now();
      const response = await request(`${bench.api}${path}`, { headers: { authorization: `Bearer ${ADMIN}` } });
      const body = (await response.body.json()) as { data: unknown };
      const ms = performance.now() - start;
      if (response.statusCode !== 200) throw new Error(`${path}: ${response.statusCode} ${JSON.stringify(body)}`);
      size = Array.isArray(body.data) ? body.data.length : ((body.data as { activity?: unknown[] }).activity?.length ?? 1);
      if (i >= 2) times.push(ms);
    }
    times.sort((a, b) => a - b);
    console.log(`| ${name} | ${pickPercentile(times, 50).toFixed(1)} | ${pickPercentile(times, 95).toFixed(1)} | ${times.at(-1)!.toFixed(1)} | ${size} |`);
  }

  console.log('\nSQLite query plans (a SCAN without an index is a full-table scan):');
  const plans: Array<[string, string, unknown[]]> = [
    ['first page', 'workspace_id = ?', ['default']],
    ['by key', 'workspace_id = ? AND key_hash = ?', ['default', keys[2]]],
    ['by model', 'workspace_id = ? AND model = ?', ['default', MODELS[5]]],
    ['errors only', 'workspace_id = ? AND status != 200', ['default']],
    ['model with no rows, every workspace', 'model = ?', ['none/never']],
  ];
  for (const [name, where, params] of plans) {
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM generations WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT 51`).all(...params) as Array<{ detail: string }>;
    console.log(`- ${name}: ${plan.map((step) => step.detail).join('; ')}`);
  }
  db.close();
} finally {
  await bench.close();
  rmSync(dir, { recursive: true, force: true });
}
