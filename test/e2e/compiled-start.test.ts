import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForListening } from '../support/wait-for-listening.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `npm start` runs `node scripts/build.mjs --if-stale && node dist/src/main.js`: the gateway ships
 * as compiled JavaScript. This starts exactly that command line's second half after the first,
 * so a build that forgets an asset (migrations, catalog) or emits a broken module fails here.
 */
describe('compiled build (what npm start runs)', () => {
  let child: ChildProcess;
  let url: string;
  let dataDir: string;

  before(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'ignore' });
    dataDir = mkdtempSync(join(tmpdir(), 'switchyard-compiled-'));
    child = spawn(process.execPath, ['--import', './test/fixtures/module-probe/report-loaded-packages.mjs', 'dist/src/main.js'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SWITCHYARD_DATA_DIR: dataDir, LOG_LEVEL: 'silent', OPENAI_API_KEY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await waitForListening(child, 30_000);
  });

  after(() => {
    child?.kill('SIGKILL');
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

  // #14.3: a single node on SQLite with no Redis, no collector and no cloud provider must not pay
  // for their clients in memory or start-up time; they are imported when configured.
  it('loads no client for a service it is not configured to use', async () => {
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
    assert.deepEqual(JSON.parse(await line), []);
  });
});
