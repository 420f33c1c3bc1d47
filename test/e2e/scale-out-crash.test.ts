import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { startOpenAISimulator } from '../../sim/openai/start-openai-simulator.js';
import type { OpenAISimulator } from '../../sim/openai/openai-sim-types.js';
import { iterateSse } from '../support/read-sse.js';
import { postgresSkipReason, startPostgres, type ThrowawayPostgres } from '../support/start-postgres.js';
import { redisSkipReason, startRedis, type ThrowawayRedis } from '../support/start-redis.js';
import { callGateway as call, startGatewayProcess, writeSimGatewayConfig, type GatewayProcess } from '../support/start-gateway-process.js';

const ADMIN = 'sk-or-v1-scale-crash-admin-000000000000000000000000000000000000000000';
const MASTER = 'scale-crash-test-master-key-0123456789abcdef012345';
/** Short, so the dead node's holds expire within the test (production default 60 s). */
const LEASE_MS = 2000;
const STREAMS = 40;
const skip = postgresSkipReason() || redisSkipReason() || false;

/** What the client saw of one stream. */
interface Received {
  node: 'a' | 'b';
  id: string;
  /** `data: [DONE]` arrived: the client has the whole response. */
  complete: boolean;
  /** `usage.cost` of the final usage chunk. */
  cost?: number;
}

/**
 * #13: kill -9 of a node mid-stream, two gateway processes on one PostgreSQL + Redis. Streams run
 * on both nodes with a capped key; node A is killed while some of its streams are mid-flight.
 * Every stream a client received in full has exactly one generation record and one charge (the
 * cost it was shown), the dead node's holds expire by lease and node B frees them, the key's
 * usage equals the sum of the recorded generations' costs, and B never stopped serving.
 */
describe('kill -9 of a node mid-stream, two nodes on one PostgreSQL + Redis', { skip }, () => {
  let pgServer: ThrowawayPostgres;
  let redis: ThrowawayRedis;
  let sim: OpenAISimulator;
  let dir: string;
  let databaseUrl: string;
  let db: pg.Client;
  let nodes: GatewayProcess[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-scale-crash-'));
    pgServer = (await startPostgres()) as ThrowawayPostgres;
    redis = await startRedis();
    sim = await startOpenAISimulator();
    databaseUrl = await pgServer.createDatabase('scalecrash');
    const configPath = writeSimGatewayConfig(dir, {
      simURL: sim.url,
      database: databaseUrl,
      adminKey: ADMIN,
      extra: { redis: redis.url, master_key: MASTER, ledger_hold_lease_ms: LEASE_MS },
    });
    // Started together: the migrations run once, under the advisory lock.
    nodes = await Promise.all(['a', 'b'].map((name) => startGatewayProcess(configPath, { SWITCHYARD_DATA_DIR: join(dir, name) })));
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
  });

  after(async () => {
    await Promise.all(nodes.map((node) => node.kill()));
    await db?.end();
    await sim?.close();
    await redis?.stop();
    await pgServer?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const books = async (keyHash: string) => {
    const scope = `key:${keyHash}`;
    const rows = async (text: string, values: unknown[]) => (await db.query(text, values)).rows as Array<Record<string, string>>;
    const generations = new Map((await rows('SELECT id, cost_pico FROM generations WHERE key_hash = $1', [keyHash])).map((row) => [row.id!, BigInt(row.cost_pico!)]));
    const entries = new Map((await rows('SELECT generation_id, amount FROM ledger_entries WHERE key_hash = $1', [keyHash])).map((row) => [row.generation_id!, BigInt(row.amount!)]));
    const [account] = await rows('SELECT spend_total, held FROM ledger_accounts WHERE scope = $1', [scope]);
    const [holds] = await rows('SELECT count(*) AS n FROM ledger_holds WHERE $1 = ANY(scopes)', [scope]);
    return { generations, entries, spend: BigInt(account?.spend_total ?? 0), held: BigInt(account?.held ?? 0), holds: Number(holds!.n) };
  };

  it('loses and doubles nothing: full streams recorded and billed once, dead holds reclaimed by B, usage exact, B kept serving', { timeout: 240_000 }, async (t) => {
    const [a, b] = nodes as [GatewayProcess, GatewayProcess];
    // Capped: every request reserves against the limit, which is far above what 40 streams cost.
    const created = await call(a.url, ADMIN, '/keys', { name: 'crash', limit: 1 });
    assert.equal(created.status, 201);
    const { key, data } = (await created.json()) as { key: string; data: { hash: string } };
    const keyHash = data.hash;

    let completedOnA = 0;
    let kill: () => void = () => {};
    const killNow = new Promise<void>((resolve) => (kill = resolve));
    // Staggered: stream i sends 30 words (i + 4) ms apart, so they end one by one over ~1.5 s.
    const streams = Array.from({ length: STREAMS }, async (_, i): Promise<Received> => {
      const node = i % 2 === 0 ? a : b;
      const received: Received = { node: node === a ? 'a' : 'b', id: '', complete: false };
      try {
        const response = await call(node.url, key, '/chat/completions', {
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
            if (node === a && ++completedOnA === 6) kill();
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
    await Promise.race([killNow, Promise.all(streams)]);
    await a.kill();
    const killedAt = Date.now();
    const afterKill = await books(keyHash);
    const results = await Promise.all(streams);

    const onA = results.filter((result) => result.node === 'a');
    const onB = results.filter((result) => result.node === 'b');
    assert.ok(onA.some((result) => result.complete), 'some streams on A completed before the kill');
    assert.ok(onA.some((result) => !result.complete), 'the kill cut streams on A mid-flight');
    assert.deepEqual(onB.filter((result) => !result.complete).map((result) => result.id), [], 'every stream on B completed');
    assert.ok(afterKill.holds > 0, 'the dead node left holds behind');

    // B keeps serving while A's holds are still live.
    const during = await call(b.url, key, '/chat/completions', { model: 'sim/echo', max_tokens: 20, messages: [{ role: 'user', content: 'still there?' }] });
    assert.equal(during.status, 200);

    // The dead node's holds expire by lease; B's upkeep frees them (checked every lease / 3).
    while ((await books(keyHash)).holds > 0) {
      if (Date.now() - killedAt > LEASE_MS * 10) assert.fail(`holds still live ${Date.now() - killedAt} ms after the kill (lease ${LEASE_MS} ms)`);
      await sleep(100);
    }
    t.diagnostic(`${afterKill.holds} holds on the key at the kill (A's dead, B's live) all gone ${Date.now() - killedAt} ms after it (lease ${LEASE_MS} ms); ${results.filter((r) => r.complete).length}/${STREAMS} streams complete`);
    const final = await books(keyHash);
    assert.equal(final.held, 0n, 'nothing is held on the key any more');

    const full = results.filter((result) => result.complete);
    for (const result of full) {
      assert.ok(final.generations.has(result.id), `stream ${result.id} (node ${result.node}) was received in full but has no record`);
      assert.equal(final.entries.get(result.id), final.generations.get(result.id), `${result.id}: one charge, equal to its record`);
      assert.equal(Number(final.entries.get(result.id)) / 1e12, result.cost, `${result.id}: charged the cost the client was shown`);
    }
    // Every record has exactly its one charge, and nothing is charged without a record.
    assert.deepEqual([...final.entries.keys()].sort(), [...final.generations.keys()].sort());
    for (const [id, cost] of final.generations) assert.equal(final.entries.get(id), cost, `record ${id} and its charge`);
    const recorded = [...final.generations.values()].reduce((sum, cost) => sum + cost, 0n);
    assert.equal(final.spend, recorded, 'the key account spent exactly the sum of the recorded generations');
    const usage = ((await (await call(b.url, key, '/key')).json()) as { data: { usage: number } }).data.usage;
    assert.equal(BigInt(Math.round(usage * 1e12)), recorded, 'GET /key usage = sum of recorded generations');

    // And B still serves after reclaiming.
    assert.equal((await call(b.url, key, '/chat/completions', { model: 'sim/echo', max_tokens: 20, messages: [{ role: 'user', content: 'after' }] })).status, 200);
  });
});
