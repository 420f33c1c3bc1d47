import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { postgresSkipReason, startPostgres, type ThrowawayPostgres } from '../support/start-postgres.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A loopback port nobody listens on. */
function deadPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('PostgreSQL faults', { skip: postgresSkipReason() }, () => {
  it('unreachable at start: the shipped start command prints one line (no password) and exits non-zero within 30 s', async () => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'ignore' });
    const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-pg-dead-'));
    try {
      const port = await deadPort();
      const started = Date.now();
      const child = spawn(process.execPath, ['dist/src/main.js'], {
        cwd: ROOT,
        env: {
          ...process.env,
          PORT: '0',
          HOST: '127.0.0.1',
          SWITCHYARD_DATA_DIR: dataDir,
          SWITCHYARD_DATABASE: `postgres://switchyard:hunter2secret@127.0.0.1:${port}/switchyard`,
          LOG_LEVEL: 'silent',
          OPENAI_API_KEY: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
      clearTimeout(timer);
      assert.ok(Date.now() - started < 30_000, 'exited within 30 s');
      assert.notEqual(code, 0);
      assert.notEqual(code, null, 'exited by itself, not killed');
      const lines = stderr.trim().split('\n');
      assert.equal(lines.length, 1, `one line: ${stderr}`);
      assert.match(lines[0]!, new RegExp(`cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port}/switchyard: .*ECONNREFUSED`));
      assert.doesNotMatch(stderr + stdout, /hunter2secret/);
      assert.doesNotMatch(stdout, /listening/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  describe('lost while running', () => {
    let server: ThrowawayPostgres;
    let stack: TestStack;
    before(async () => {
      server = (await startPostgres())!;
      stack = await startTestStack({ config: { database: await server.createDatabase() } });
    });
    after(async () => {
      await server.startServer().catch(() => {});
      await stack?.close();
      await server?.stop();
    });

    const chat = (key: string) =>
      fetch(`${stack.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'sim/echo', messages: [{ role: 'user', content: 'hi' }] }),
      });

    it('requests that need the database get 503 database_unavailable, nothing crashes, service resumes when it returns', async () => {
      const { key } = await stack.createKey({ name: 'capped', limit: 1 });
      assert.equal((await chat(key)).status, 200);

      await server.stopServer();
      for (let i = 0; i < 3; i++) {
        const refused = await chat(key);
        assert.equal(refused.status, 503);
        const body = (await refused.json()) as { error: { code: number; message: string; metadata: { error_type: string } } };
        assert.equal(body.error.code, 503);
        assert.equal(body.error.metadata.error_type, 'service_unavailable');
        assert.match(body.error.message, /database/);
        assert.equal(refused.headers.get('retry-after'), '1');
      }
      const key2 = await fetch(`${stack.baseURL}/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'while down' }),
      });
      assert.equal(key2.status, 503, 'management writes that need the database are refused too');
      assert.equal((await fetch(`${stack.gateway.url}/readyz`)).status, 503);
      assert.equal((await fetch(`${stack.gateway.url}/healthz`)).status, 200, 'the process is alive');

      await server.startServer();
      let status = 0;
      const deadline = Date.now() + 15_000;
      while (status !== 200 && Date.now() < deadline) {
        status = (await chat(key)).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.equal(status, 200, 'service resumed by itself');
      assert.equal((await fetch(`${stack.gateway.url}/readyz`)).status, 200);
    });
  });
});
