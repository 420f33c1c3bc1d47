/**
 * `npx tsx bench/count-postgres-round-trips.ts [--requests N] [--concurrency C]`
 *
 * PostgreSQL statements and Redis commands per request of a gateway on PostgreSQL + Redis (the
 * scale-out topology), counted, not timed (deterministic on a shared machine). An in-process
 * gateway on a throwaway PostgreSQL and Redis, a key with a spending limit (reservation and
 * settlement on every request), non-streamed chat completions, C at a time. Statements are counted
 * at the pg client (every `query` call is one round trip) and grouped by their first words;
 * Redis commands come from the server's INFO commandstats, before and after.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { request } from 'undici';
import { loadConfig } from '../src/config/load-config.js';
import { startGateway } from '../src/start-gateway.js';
import { startOpenAISimulator } from '../sim/openai/start-openai-simulator.js';
import { startPostgres } from '../test/support/start-postgres.js';
import { startRedis } from '../test/support/start-redis.js';

const ADMIN = 'sk-or-v1-bench0roundtrips0000000000000000000000000000000000000000';
const { values } = parseArgs({ args: process.argv.slice(2), options: { requests: { type: 'string' }, concurrency: { type: 'string' }, warmup: { type: 'string' } } });
const requests = Number(values.requests ?? 400);
const warmup = Number(values.warmup ?? 100);
const concurrency = Number(values.concurrency ?? 1);

const statements = new Map<string, number>();
let counting = false;
const originalQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (counting) {
    const first = args[0];
    const text = typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text ?? '?';
    const label = text.replace(/\s+/g, ' ').trim().slice(0, 70);
    statements.set(label, (statements.get(label) ?? 0) + 1);
  }
  return originalQuery.apply(this, args);
} as typeof pg.Client.prototype.query;

async function redisCommandStats(port: number): Promise<Map<string, number>> {
  const { Redis } = await import('ioredis');
  const client = new Redis({ port, host: '127.0.0.1' });
  try {
    const info = await client.info('commandstats');
    const out = new Map<string, number>();
    for (const line of info.split('\n')) {
      const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim());
      if (match) out.set(match[1] as string, Number(match[2]));
    }
    return out;
  } finally {
    client.disconnect();
  }
}

const pgServer = await startPostgres();
if (!pgServer) throw new Error('needs PostgreSQL binaries');
const redis = await startRedis();
const sim = await startOpenAISimulator({ port: 0, latencyMs: 0, chunkDelayMs: 0 });
try {
  const config = loadConfig({
    argv: [],
    env: {},
    inline: {
      listen: { host: '127.0.0.1', port: 0 },
      database: await pgServer.createDatabase('roundtrips'),
      redis: redis.url,
      admin_key: ADMIN,
      master_key: 'bench-roundtrips-master-key-0123456789abcdef0123456789',
      detect_local_providers: false,
      providers: [{ id: 'sim', name: 'Sim', base_url: sim.url, api_key: 'sk-sim' }],
      models: [{ id: 'bench/echo', context_length: 32000, endpoints: [{ provider: 'sim', model: 'echo-1', pricing: { prompt: '0.000001', completion: '0.000002' } }] }],
    },
  });
  const gateway = await startGateway({ config, env: {}, logger: pino({ level: 'silent' }) });
  const api = `${gateway.url}/api/v1`;
  try {
    const created = await request(`${api}/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench', limit: 1_000_000 }),
    });
    const { key } = (await created.body.json()) as { key: string };
    const body = JSON.stringify({ model: 'bench/echo', max_tokens: 64, messages: [{ role: 'user', content: 'Say something short.' }] });
    const send = async (): Promise<void> => {
      const response = await request(`${api}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
      await response.body.text();
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
    };
    const run = async (n: number): Promise<void> => {
      let next = 0;
      await Promise.all(Array.from({ length: concurrency }, async () => {
        while (next < n) {
          next += 1;
          await send();
        }
      }));
    };
    await run(warmup);
    await (gateway.ledger as { flushPending?: () => Promise<void> }).flushPending?.();
    const redisBefore = await redisCommandStats(redis.port);
    counting = true;
    await run(requests);
    await new Promise((resolve) => setTimeout(resolve, 200)); // settlements behind the responses
    counting = false;
    const redisAfter = await redisCommandStats(redis.port);
    const perRequest = (count: number) => (count / requests).toFixed(2);
    console.log(`\n## Round trips per request (PostgreSQL + Redis, ${requests} requests, ${concurrency} at a time)\n`);
    console.log('| PostgreSQL statement | per request |\n|---|---|');
    let total = 0;
    for (const [label, count] of [...statements].sort((a, b) => b[1] - a[1])) {
      total += count;
      console.log(`| \`${label}\` | ${perRequest(count)} |`);
    }
    console.log(`| **all statements** | **${perRequest(total)}** |`);
    console.log('\n| Redis command | per request |\n|---|---|');
    let redisTotal = 0;
    for (const [name, after] of [...redisAfter].sort((a, b) => b[1] - a[1])) {
      const count = after - (redisBefore.get(name) ?? 0) - (name === 'info' ? 1 : 0);
      if (count <= 0) continue;
      redisTotal += count;
      console.log(`| ${name} | ${perRequest(count)} |`);
    }
    console.log(`| **all commands** | **${perRequest(redisTotal)}** |`);
  } finally {
    await gateway.stop();
  }
} finally {
  await sim.close();
  await redis.stop();
  await pgServer.stop();
}
