import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the shipped entry point and collects how it ended. */
function runMain(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-workers-'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/src/main.js', ...args], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SWITCHYARD_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after 20 s: ${stdout}${stderr}`));
    }, 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, stderr, stdout });
    });
  });
}

describe('workers: N refuses what cannot stay exact across processes', () => {
  it('several workers on the embedded SQLite and in-process state: exit 2 naming what to add', async () => {
    const result = await runMain([], { SWITCHYARD_WORKERS: '2' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /workers: 2 cannot keep budgets/);
    assert.match(result.stderr, /SWITCHYARD_DATABASE=postgres:\/\//);
    assert.match(result.stderr, /SWITCHYARD_REDIS=redis:\/\//);
    assert.doesNotMatch(result.stdout, /listening on/);
  });

  it('--workers on the command line overrides the environment and is checked the same way', async () => {
    const result = await runMain(['--workers', '3'], { SWITCHYARD_WORKERS: '1', SWITCHYARD_REDIS: 'redis://127.0.0.1:1' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /workers: 3 cannot/);
    assert.match(result.stderr, /SWITCHYARD_DATABASE/);
    assert.doesNotMatch(result.stderr, /SWITCHYARD_REDIS=/);
  });

  it('a worker count that is not a whole number ≥ 1 is a config error', async () => {
    const result = await runMain(['--workers', 'two'], {});
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--workers must be a whole number/);
  });
});
