import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { Agent, request } from 'undici';
import { startOpenAISimulator } from '../../sim/openai/start-openai-simulator.js';
import type { OpenAISimulator } from '../../sim/openai/openai-sim-types.js';
import { postgresSkipReason, startPostgres, type ThrowawayPostgres } from '../support/start-postgres.js';
import { redisSkipReason, startRedis, type ThrowawayRedis } from '../support/start-redis.js';
import { waitForListening } from '../support/wait-for-listening.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ADMIN = 'sk-or-v1-scaleout-admin-00000000000000000000000000000000000000000000';
const MASTER = 'scale-out-test-master-key-0123456789abcdef0123456789';
const PRICES = { prompt: '0.000001', completion: '0.000002' };
const skip = postgresSkipReason() || redisSkipReason() || false;

/** One gateway process as shipped (the compiled build), on the shared PostgreSQL and Redis. */
interface Node {
  name: string;
  child: ChildProcess;
  url: string;
  dataDir: string;
}

/**
 * Scale-out as users run it (#13): separate gateway processes on one PostgreSQL and one Redis,
 * started together (migrations under the advisory lock), behaving as one gateway.
 */
describe('two gateway processes on one PostgreSQL + Redis act as one gateway', { skip }, () => {
  let pgServer: ThrowawayPostgres;
  let redis: ThrowawayRedis;
  let sim: OpenAISimulator;
  let nodes: Node[] = [];
  let configPath: string;
  let workDir: string;
  let databaseUrl: string;
  const agent = new Agent({ connections: 256, keepAliveTimeout: 10_000 });

  const startNode = async (name: string): Promise<Node> => {
    const dataDir = join(workDir, name);
    const child = spawn(process.execPath, ['dist/src/main.js', '--config', configPath], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: workDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        SWITCHYARD_DATA_DIR: dataDir,
        SWITCHYARD_DATABASE: databaseUrl,
        SWITCHYARD_REDIS: redis.url,
        SWITCHYARD_ADMIN_KEY: ADMIN,
        SWITCHYARD_MASTER_KEY: MASTER,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const url = await waitForListening(child, 45_000).catch((error: unknown) => {
      throw new Error(`${name}: ${(error as Error).message}\n${stderr}`);
    });
    return { name, child, url, dataDir };
  };

  const call = async (node: Node, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, key: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await request(`${node.url}/api/v1${path}`, {
      method,
      dispatcher: agent,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    return { status: response.statusCode, headers: response.headers, json: (text ? JSON.parse(text) : {}) as Record<string, any> };
  };
  const chat = (node: Node, key: string, content: string, headers: Record<string, string> = {}) =>
    call(node, 'POST', '/chat/completions', key, { model: 'sim/echo', max_tokens: 20, messages: [{ role: 'user', content }] }, headers);
  const createKey = async (node: Node, body: Record<string, unknown>) => {
    const created = await call(node, 'POST', '/keys', ADMIN, { name: 'scale-out', ...body });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    return { key: created.json.key as string, hash: created.json.data.hash as string };
  };
  /** Polls until `check` passes; returns how long it took (ms). */
  const within = async (ms: number, check: () => Promise<boolean>): Promise<number> => {
    const started = Date.now();
    while (!(await check())) {
      if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return Date.now() - started;
  };

  before(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'ignore' });
    workDir = mkdtempSync(join(tmpdir(), 'switchyard-scale-out-'));
    pgServer = (await startPostgres()) as ThrowawayPostgres;
    redis = await startRedis();
    sim = await startOpenAISimulator();
    databaseUrl = await pgServer.createDatabase('scaleout');
    configPath = join(workDir, 'switchyard.yaml');
    writeFileSync(
      configPath,
      [
        'detect_local_providers: false',
        `providers: [{ id: sim-a, name: Sim A, base_url: "${sim.url}", api_key: sk-sim-a }]`,
        'models:',
        '  - id: sim/echo',
        '    context_length: 32000',
        `    endpoints: [{ provider: sim-a, model: echo-1, pricing: { prompt: "${PRICES.prompt}", completion: "${PRICES.completion}" } }]`,
        '',
      ].join('\n'),
    );
    // Started together: the migrations run once, under PostgreSQL's advisory lock.
    nodes = await Promise.all([startNode('a'), startNode('b')]);
  });

  after(async () => {
    for (const node of nodes) node.child.kill('SIGKILL');
    await agent.close();
    await sim?.close();
    await redis?.stop();
    await pgServer?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('a key made on A works on B, and a generation made on B is read on A', async () => {
    const [a, b] = nodes as [Node, Node];
    const { key } = await createKey(a, {});
    const answered = await chat(b, key, 'hello from B');
    assert.equal(answered.status, 200, JSON.stringify(answered.json));
    const id = answered.json.id as string;
    const read = await within(5000, async () => (await call(a, 'GET', `/generation?id=${id}`, key)).status === 200);
    assert.ok(read < 5000);
    const generation = await call(a, 'GET', `/generation?id=${id}`, key);
    assert.equal(generation.json.data.id, id);
  });

  it('disabled, re-limited or deleted on A: refused or limited on B within a second', async () => {
    const [a, b] = nodes as [Node, Node];
    const { key, hash } = await createKey(a, {});
    // A new key reaches B by the change notice (within a second, not at once: the create may win the race).
    await within(1000, async () => (await chat(b, key, 'warm')).status === 200);

    assert.equal((await call(a, 'PATCH', `/keys/${hash}`, ADMIN, { disabled: true })).status, 200);
    const disabledAfter = await within(1000, async () => [401, 403].includes((await chat(b, key, 'disabled?')).status));
    assert.ok(disabledAfter <= 1000, `disable took ${disabledAfter} ms`);

    assert.equal((await call(a, 'PATCH', `/keys/${hash}`, ADMIN, { disabled: false, limit: 0.0000001 })).status, 200);
    await within(1000, async () => (await chat(b, key, 'limited?')).status === 402);

    assert.equal((await call(a, 'DELETE', `/keys/${hash}`, ADMIN)).status, 200);
    await within(1000, async () => [401, 403].includes((await chat(b, key, 'deleted?')).status));
  });

  it('a dashboard session opened on A works on B; signed out on B, it is refused on A at once', async () => {
    const [a, b] = nodes as [Node, Node];
    const send = async (node: Node, method: 'GET' | 'POST' | 'DELETE', path: string, headers: Record<string, string>, body?: unknown) => {
      const response = await request(`${node.url}/api/v1${path}`, {
        method,
        dispatcher: agent,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.body.text();
      return { status: response.statusCode, headers: response.headers, json: (text ? JSON.parse(text) : {}) as Record<string, any> };
    };
    const signIn = await send(a, 'POST', '/dashboard/session', {}, { key: ADMIN });
    assert.equal(signIn.status, 201, JSON.stringify(signIn.json));
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    assert.match(cookie, /^switchyard_session=sy-session-/);
    assert.equal((await send(b, 'GET', '/keys', { cookie })).status, 200, 'the session opened on A is known on B');
    const who = await send(b, 'GET', '/dashboard/session', { cookie });
    assert.equal(who.json.data.key_name, 'Management key');
    assert.equal(who.json.data.expires_at, signIn.json.data.expires_at);
    // A change through B with the cookie (same-origin check against B's own origin).
    const created = await send(b, 'POST', '/keys', { cookie, origin: b.url }, { name: 'made with a session from A' });
    assert.equal(created.status, 201);
    assert.equal((await send(b, 'DELETE', '/dashboard/session', { cookie, origin: b.url })).status, 200);
    // No wait: A reads the session from the database at each request.
    const refused = await send(a, 'GET', '/keys', { cookie });
    assert.equal(refused.status, 401);
    assert.equal(refused.json.error.code, 401);
    assert.deepEqual((await send(a, 'GET', '/dashboard/session', { cookie })).json, { data: null });
  });

  it('a response cached through A is a hit on B', async () => {
    const [a, b] = nodes as [Node, Node];
    const { key } = await createKey(a, {});
    const miss = await chat(a, key, 'cache me across nodes', { 'x-openrouter-cache': 'true' });
    assert.equal(miss.status, 200);
    assert.equal(miss.headers['x-openrouter-cache-status'], 'MISS');
    // The entry is written after the response (off its path): wait until it is in Redis, without
    // asking B (a miss on B would store B's own entry and prove nothing about A's).
    const probe = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await probe.connect();
      const deadline = Date.now() + 2000;
      while ((await probe.keys('*cache:e:*')).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      probe.disconnect();
    }
    const hit = await chat(b, key, 'cache me across nodes', { 'x-openrouter-cache': 'true' });
    assert.equal(hit.status, 200);
    assert.equal(hit.headers['x-openrouter-cache-status'], 'HIT');
    assert.equal(hit.json.choices[0].message.content, miss.json.choices[0].message.content);
    assert.equal(hit.headers['x-openrouter-cache-source-id'], miss.json.id, "the hit is A's entry");
  });

  it('a capped key under 500 concurrent requests split over both nodes: zero overspend, every refusal a 402, usage = sum of costs', async () => {
    const [a, b] = nodes as [Node, Node];
    // About 60 requests' worth: most of the 500 must be refused.
    const probe = await chat(a, (await createKey(a, {})).key, 'request 000');
    const oneCost = probe.json.usage.cost as number;
    const limit = Number((oneCost * 60).toFixed(9));
    const { key } = await createKey(a, { limit });
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) => chat(i % 2 === 0 ? a : b, key, `request ${String(i).padStart(3, '0')}`)),
    );
    const statuses = new Map<number, number>();
    for (const result of results) statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
    assert.deepEqual([...statuses.keys()].sort(), [200, 402], JSON.stringify([...statuses]));
    const ok = results.filter((result) => result.status === 200);
    assert.ok(ok.length > 10, `${ok.length} succeeded`);
    const servedBy = (parity: number) => results.filter((result, i) => i % 2 === parity && result.status === 200).length;
    assert.ok(servedBy(0) > 0 && servedBy(1) > 0, `both nodes served some: A ${servedBy(0)}, B ${servedBy(1)}`);
    const picos = (usd: number) => BigInt(Math.round(usd * 1e12));
    const spent = ok.reduce((sum, result) => sum + picos(result.json.usage.cost as number), 0n);
    assert.ok(spent <= picos(limit), `spent ${spent} of ${picos(limit)} picodollars`);
    await within(5000, async () => picos((await call(b, 'GET', '/key', key)).json.data.usage as number) === spent);
    const usage = (await call(a, 'GET', '/key', key)).json.data.usage as number;
    assert.equal(picos(usage), spent, 'recorded usage equals the sum of the successful generations');
  });
});
