import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { postgresSkipReason, startPostgres, type ThrowawayPostgres } from '../support/start-postgres.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

/** `switchyard migrate-to-postgres`, run as shipped (bin/switchyard.js). */
async function migrate(from: string, to: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/switchyard.js', 'migrate-to-postgres', '--from', from, '--to', to], { cwd: ROOT, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('switchyard migrate-to-postgres: moving up keeps history', { skip: postgresSkipReason() }, () => {
  let server: ThrowawayPostgres;
  let sqliteStack: TestStack;
  let pgStack: TestStack | undefined;
  before(async () => {
    server = (await startPostgres())!;
    sqliteStack = await startTestStack();
  });
  after(async () => {
    await sqliteStack?.close();
    await pgStack?.close();
    await server?.stop();
  });

  const call = async (stack: TestStack, path: string, init: { method?: string; body?: unknown; key?: string } = {}) => {
    const response = await fetch(`${stack.baseURL}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${init.key ?? stack.adminKey}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('copies keys, workspaces, credits, ledger and generations; the PostgreSQL gateway serves them; a second run refuses', async () => {
    // Traffic on the SQLite gateway.
    assert.equal((await call(sqliteStack, '/workspaces', { method: 'POST', body: { id: 'acme', name: 'Acme' } })).status, 201);
    assert.equal((await call(sqliteStack, '/credits', { method: 'POST', body: { amount: 5, workspace_id: 'acme', note: 'seed' } })).status, 201);
    const capped = await sqliteStack.createKey({ name: 'capped', limit: 1, workspace_id: 'acme' });
    const disabled = await sqliteStack.createKey({ name: 'to disable' });
    assert.equal((await call(sqliteStack, `/keys/${disabled.data.hash}`, { method: 'PATCH', body: { disabled: true } })).status, 200);
    const ids: string[] = [];
    for (const key of [capped.key, capped.key, sqliteStack.apiKey]) {
      const completion = await new OpenAI({ baseURL: sqliteStack.baseURL, apiKey: key }).chat.completions.create({
        model: 'sim/echo',
        messages: [{ role: 'user', content: `before the move ${ids.length}` }],
      });
      ids.push(completion.id);
    }
    const keysBefore = (await call(sqliteStack, '/keys?include_disabled=true')).body.data;
    const creditsBefore = (await call(sqliteStack, '/credits?workspace_id=acme')).body.data;
    const cappedBefore = (await call(sqliteStack, `/keys/${capped.data.hash}`)).body.data;
    const generationBefore = (await call(sqliteStack, `/generation?id=${ids[0]}`, { key: capped.key })).body.data;
    assert.ok(creditsBefore.total_usage > 0);
    await sqliteStack.gateway.stop();

    // The move.
    const url = await server.createDatabase();
    const sqliteFile = join(sqliteStack.dataDir, 'switchyard.db');
    const moved = await migrate(sqliteFile, url);
    assert.equal(moved.code, 0, moved.stderr);
    assert.match(moved.stdout, /Copied \d+ rows/);
    assert.match(moved.stdout, /api_keys\s+\d+/);
    assert.match(moved.stdout, /generations\s+3/);
    const again = await migrate(sqliteFile, url);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /not empty/);

    // The same history through the PostgreSQL gateway's API.
    pgStack = await startTestStack({ config: { database: url } });
    const keysAfter = (await call(pgStack, '/keys?include_disabled=true')).body.data;
    // Every key as it was (the new gateway minted one more test key of its own).
    const after = new Set(keysAfter.map((key: unknown) => JSON.stringify(key)));
    assert.equal(keysAfter.length, keysBefore.length + 1);
    for (const key of keysBefore) assert.ok(after.has(JSON.stringify(key)), `key kept exactly: ${JSON.stringify(key)}`);
    assert.deepEqual((await call(pgStack, '/credits?workspace_id=acme')).body.data, creditsBefore);
    assert.deepEqual((await call(pgStack, `/keys/${capped.data.hash}`)).body.data, cappedBefore);
    assert.deepEqual((await call(pgStack, `/generation?id=${ids[0]}`, { key: capped.key })).body.data, generationBefore);
    assert.equal((await call(pgStack, '/key', { key: disabled.key })).status, 401, 'a disabled key stays disabled');

    // The old key keeps working and keeps counting from where it was.
    const next = await new OpenAI({ baseURL: pgStack.baseURL, apiKey: capped.key }).chat.completions.create({
      model: 'sim/echo',
      messages: [{ role: 'user', content: 'after the move' }],
    });
    const cost = (next.usage as unknown as { cost: number }).cost;
    const cappedAfter = (await call(pgStack, `/keys/${capped.data.hash}`)).body.data;
    assert.equal(cappedAfter.usage, Number((cappedBefore.usage + cost).toFixed(12)));
  });
});
