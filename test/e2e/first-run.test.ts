import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForListening } from '../support/wait-for-listening.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A first run that explains itself (#16 item 5): the shipped command with no provider key in the
 * environment says so and how to add one; a request for a real model says no provider serves it
 * rather than calling the id invalid; every refusal is logged with its code and reason.
 */
describe('first run with no provider configured', () => {
  let child: ChildProcess;
  let url: string;
  let dataDir: string;
  let stdout = '';
  let stderr = '';

  before(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'ignore' });
    dataDir = mkdtempSync(join(tmpdir(), 'switchyard-first-run-'));
    // Only what a shell needs: no provider keys from the developer's environment.
    child = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: dataDir, PORT: '0', HOST: '127.0.0.1', SWITCHYARD_DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    url = await waitForListening(child, 30_000);
  });

  after(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the banner says no provider is configured and how to add one or run the demo', () => {
    assert.match(stdout, /No provider is configured yet/);
    assert.match(stdout, /OPENAI_API_KEY/);
    assert.match(stdout, /npm run demo/);
    assert.match(stdout, /Management key created in .*admin-key/);
    assert.doesNotMatch(stderr, /DeprecationWarning|FSTDEP/, 'a clean start prints no deprecation warnings');
  });

  it('a catalog model with no provider gets a 404 naming the providers and their keys', async () => {
    const admin = readFileSync(join(dataDir, 'admin-key'), 'utf8').trim();
    const created = (await (await fetch(`${url}/api/v1/keys`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: JSON.stringify({ name: 'first' }) })).json()) as { key: string };
    const res = await fetch(`${url}/api/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(res.status, 404);
    const body = (await res.json()) as { error: { code: number; message: string; metadata: { availability: { code: string; providers: string[] } } } };
    assert.equal(body.error.code, 404);
    assert.match(body.error.message, /No provider is configured, so nothing can serve openai\/gpt-4o-mini/);
    assert.match(body.error.message, /openai \(set OPENAI_API_KEY\)/);
    assert.equal(body.error.metadata.availability.code, 'no_provider_configured');
    assert.ok(body.error.metadata.availability.providers.includes('openai'));

    const unknown = await fetch(`${url}/api/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'nobody/no-such-model', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(unknown.status, 400, 'an id no catalog knows is still an invalid model id');
  });

  it('every 4xx is logged with its error code and reason', async () => {
    await fetch(`${url}/api/v1/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer sk-or-v1-wrong' }, body: '{}' });
    await fetch(`${url}/api/v1/no/such/route`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg?: string; status?: number; code?: string; reason?: string });
    const refused = lines.filter((line) => line.msg === 'request refused');
    assert.ok(refused.some((line) => line.status === 401 && line.code === 'invalid_key' && /Invalid API key/.test(line.reason ?? '')), JSON.stringify(refused));
    assert.ok(refused.some((line) => line.status === 404 && line.code === 'no_endpoints'), 'the unserved model is logged too');
    assert.ok(refused.some((line) => line.status === 404 && /No route for GET/.test(line.reason ?? '')));
    assert.doesNotMatch(stdout, /sk-or-v1-wrong/, 'the key a client sent is never logged');
  });
});
