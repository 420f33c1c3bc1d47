import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOpenAISimulator, type OpenAISimulator } from '../../sim/openai/start-openai-simulator.js';
import { waitForListening } from '../support/wait-for-listening.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ADMIN_KEY = 'sk-or-v1-compiled0admin000000000000000000000000000000000000000000';
/**
 * Packages a single SQLite node with no Redis, no collector, no cloud provider and a capped key
 * far from its limit must never load (#14: memory and start-up time). Each is imported when its
 * feature is configured or first needed. (gpt-tokenizer loads in its own thread on the first exact
 * count, never on the event loop: see src/core/tokenizer-thread.ts.)
 */
const LAZY_PACKAGES = [
  'pg',
  'ioredis',
  '@opentelemetry/sdk-trace-base',
  '@opentelemetry/exporter-trace-otlp-http',
  '@opentelemetry/core',
  '@opentelemetry/semantic-conventions',
  're2js',
  '@streamparser/json',
  'google-auth-library',
  '@azure/identity',
  '@smithy/signature-v4',
  '@smithy/protocol-http',
  '@smithy/hash-node',
  '@smithy/eventstream-codec',
];

/**
 * `npm start` runs `node scripts/build.mjs --if-stale && node dist/src/main.js`: the gateway ships
 * as compiled JavaScript. This starts exactly that command line's second half after the first,
 * so a build that forgets an asset (migrations, catalog) or emits a broken module fails here.
 */
describe('compiled build (what npm start runs)', () => {
  let child: ChildProcess;
  let url: string;
  let dataDir: string;
  let sim: OpenAISimulator;

  before(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'ignore' });
    dataDir = mkdtempSync(join(tmpdir(), 'switchyard-compiled-'));
    sim = await startOpenAISimulator();
    const config = join(dataDir, 'config.yaml');
    writeFileSync(
      config,
      [
        'detect_local_providers: false',
        'providers:',
        `  - { id: sim, name: Sim, base_url: "${sim.url}", api_key: sk-sim }`,
        'models:',
        '  - id: sim/echo',
        '    context_length: 32000',
        '    endpoints:',
        '      - { provider: sim, model: echo-1, pricing: { prompt: "0.000001", completion: "0.000002" } }',
        '',
      ].join('\n'),
    );
    child = spawn(process.execPath, ['--import', './test/fixtures/module-probe/report-loaded-packages.mjs', 'dist/src/main.js', '--config', config], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SWITCHYARD_DATA_DIR: dataDir, SWITCHYARD_ADMIN_KEY: ADMIN_KEY, LOG_LEVEL: 'silent', OPENAI_API_KEY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await waitForListening(child, 30_000);
  });

  after(async () => {
    child?.kill('SIGKILL');
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the API from dist/ with its migrations and catalog', async () => {
    assert.ok(existsSync(join(ROOT, 'dist/src/main.js')));
    assert.equal((await fetch(`${url}/readyz`)).status, 200);
    const models = (await (await fetch(`${url}/api/v1/models`)).json()) as { data: unknown[] };
    assert.ok(Array.isArray(models.data));
    const refused = await fetch(`${url}/api/v1/chat/completions`, { method: 'POST', body: '{}' });
    assert.equal(refused.status, 401);
    const body = (await refused.json()) as { error: { code: number } };
    assert.equal(body.error.code, 401);
  });

  // #14: a single node on SQLite with no Redis, no collector and no cloud provider must not pay
  // for their clients in memory or start-up time; they are imported when configured. A capped
  // request far from its limit loads nothing more.
  it('loads no client for a service it is not configured to use, even after a capped request', async () => {
    const created = await fetch(`${url}/api/v1/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'capped', limit: 10 }),
    });
    const { key } = (await created.json()) as { key: string };
    const answer = await fetch(`${url}/api/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim/echo', messages: [{ role: 'user', content: 'hello there' }] }),
    });
    assert.equal(answer.status, 200, await answer.clone().text());
    await answer.text();
    const stderr = child.stderr!;
    const line = new Promise<string>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`no probe report; stderr: ${seen}`)), 10_000);
      stderr.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /LOADED_PACKAGES (\[.*\])/.exec(seen);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    child.kill('SIGUSR2');
    const loaded = JSON.parse(await line) as string[];
    assert.ok(loaded.includes('fastify'), `the probe sees the packages in use: ${loaded.join(', ')}`);
    assert.deepEqual(loaded.filter((name) => LAZY_PACKAGES.includes(name)), []);
  });
});
