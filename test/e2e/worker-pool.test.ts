import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOpenAISimulator } from '../../sim/openai/start-openai-simulator.js';
import type { OpenAISimulator } from '../../sim/openai/openai-sim-types.js';
import { postgresSkipReason, startPostgres, type ThrowawayPostgres } from '../support/start-postgres.js';
import { redisSkipReason, startRedis, type ThrowawayRedis } from '../support/start-redis.js';
import { waitForListening } from '../support/wait-for-listening.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ADMIN = 'sk-or-v1-workers-admin-000000000000000000000000000000000000000000000';
const skip = postgresSkipReason() || redisSkipReason() || false;

/** `--workers 2` on PostgreSQL + Redis: one port, two processes, one gateway; SIGTERM stops them all. */
describe('workers: 2 on PostgreSQL and Redis', { skip }, () => {
  let pgServer: ThrowawayPostgres;
  let redis: ThrowawayRedis;
  let sim: OpenAISimulator;
  let primary: ChildProcess;
  let url: string;
  let workDir: string;
  let stdout = '';

  before(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'ignore' });
    workDir = mkdtempSync(join(tmpdir(), 'switchyard-workers-'));
    pgServer = (await startPostgres()) as ThrowawayPostgres;
    redis = await startRedis();
    sim = await startOpenAISimulator();
    const configPath = join(workDir, 'switchyard.yaml');
    writeFileSync(
      configPath,
      [
        'detect_local_providers: false',
        `providers: [{ id: sim-a, name: Sim A, base_url: "${sim.url}", api_key: sk-sim-a }]`,
        'models:',
        '  - id: sim/echo',
        '    context_length: 32000',
        '    endpoints: [{ provider: sim-a, model: echo-1, pricing: { prompt: "0.000001", completion: "0.000002" } }]',
        '',
      ].join('\n'),
    );
    primary = spawn(process.execPath, ['dist/src/main.js', '--config', configPath, '--workers', '2'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: workDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        SWITCHYARD_DATA_DIR: workDir,
        SWITCHYARD_DATABASE: await pgServer.createDatabase('workers'),
        SWITCHYARD_REDIS: redis.url,
        SWITCHYARD_ADMIN_KEY: ADMIN,
        SWITCHYARD_MASTER_KEY: 'workers-test-master-key-0123456789abcdef0123',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    primary.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    url = await waitForListening(primary, 45_000);
  });

  after(async () => {
    primary?.kill('SIGKILL');
    await sim?.close();
    await redis?.stop();
    await pgServer?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('a dashboard session works on every worker, and a sign-out through one ends it on all', async () => {
    // New connections each: the primary hands them to the workers round-robin, so a session
    // known to one process only would be refused about every other request.
    const send = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
      fetch(`${url}${path}`, {
        method,
        headers: { connection: 'close', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const signIn = await send('POST', '/api/v1/dashboard/session', {}, { key: ADMIN });
    assert.equal(signIn.status, 201);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    assert.match(cookie, /^switchyard_session=sy-session-/);
    const signedIn = [];
    for (let i = 0; i < 8; i++) signedIn.push((await send('GET', '/api/v1/keys', { cookie })).status);
    assert.deepEqual(signedIn, Array(8).fill(200));
    assert.equal((await send('DELETE', '/api/v1/dashboard/session', { cookie, origin: url })).status, 200);
    const signedOut = [];
    for (let i = 0; i < 8; i++) signedOut.push((await send('GET', '/api/v1/keys', { cookie })).status);
    assert.deepEqual(signedOut, Array(8).fill(401));
  });

  it('serves through both workers on one port, with one budget, and stops all of them on SIGTERM', async () => {
    assert.match(stdout, /starting 2 worker processes/);
    assert.match(stdout, /2 worker processes/);
    const created = (await (await fetch(`${url}/api/v1/keys`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'pool', limit: 100 }) })).json()) as { key: string };
    // A limit far above 20 worst cases (32k tokens each), so reservation runs but never refuses.
    // New connections each: the primary hands them to the workers round-robin.
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${url}/api/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${created.key}`, 'content-type': 'application/json', connection: 'close' },
          body: JSON.stringify({ model: 'sim/echo', messages: [{ role: 'user', content: `pool ${i}` }] }),
        }).then(async (res) => ({ status: res.status, cost: ((await res.json()) as { usage?: { cost: number } }).usage?.cost ?? 0 })),
      ),
    );
    assert.deepEqual([...new Set(answers.map((answer) => answer.status))], [200]);
    const spent = answers.reduce((sum, answer) => sum + BigInt(Math.round(answer.cost * 1e12)), 0n);
    const key = (await (await fetch(`${url}/api/v1/key`, { headers: { authorization: `Bearer ${created.key}` } })).json()) as { data: { usage: number } };
    assert.equal(BigInt(Math.round(key.data.usage * 1e12)), spent, 'both workers charge the one shared ledger');

    const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
    primary.kill('SIGTERM');
    assert.equal(await exited, 0);
    await assert.rejects(fetch(`${url}/healthz`), 'nothing listens after the pool stopped');
  });
});
