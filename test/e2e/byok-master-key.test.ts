import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pino } from 'pino';
import OpenAI from 'openai';
import { MasterKeyError } from '../../src/byok/load-master-key.js';
import { runCli } from '../../src/cli/switchyard.js';
import type { SwitchyardConfig } from '../../src/config/config-schema.js';
import { startGateway, type RunningGateway } from '../../src/start-gateway.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';

const BYOK_KEY = 'sk-byok-rotate-me-0123456789-abcdef';
const SWITCHYARD_BIN = fileURLToPath(new URL('../../bin/switchyard.js', import.meta.url));

describe('BYOK master key: wrong key fails at start, rotation re-encrypts', () => {
  let stack: TestStack;
  let restarted: RunningGateway | undefined;
  const silent = pino({ level: 'silent' });
  const start = (config: SwitchyardConfig) => startGateway({ config, env: {}, logger: silent });
  /** Env for the CLI: the same database and data directory as the stack. */
  const cliEnv = () => ({ SWITCHYARD_DATABASE: stack.config.database, SWITCHYARD_DATA_DIR: stack.dataDir });
  const capture = (env: NodeJS.ProcessEnv) => {
    let out = '';
    let err = '';
    return { io: { out: (text: string) => (out += text), err: (text: string) => (err += text), env }, out: () => out, err: () => err };
  };
  const askThrough = async (gateway: RunningGateway) => {
    const from = stack.sim.requests.length;
    const client = new OpenAI({ baseURL: `${gateway.url}/api/v1`, apiKey: stack.apiKey, maxRetries: 0 });
    const reply = await client.chat.completions.create({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal((reply.usage as unknown as { is_byok: boolean }).is_byok, true);
    return stack.sim.requests.slice(from).map((request) => request.headers.authorization);
  };

  before(async () => {
    stack = await startTestStack();
    const response = await fetch(`${stack.baseURL}/byok`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'openai', key: BYOK_KEY }),
    });
    assert.equal(response.status, 201);
    await stack.gateway.stop();
  });
  after(async () => {
    await restarted?.stop();
    await stack.close();
  });

  it('generated the master key into <data_dir>/master-key with mode 0600', () => {
    const path = join(stack.dataDir, 'master-key');
    assert.ok(readFileSync(path, 'utf8').trim().length >= 32);
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  it('a wrong master key stops the start with a clear error, and a too-short one too', async () => {
    const wrong = { ...stack.config, master_key: 'x'.repeat(40) };
    await assert.rejects(start(wrong), (error: unknown) => {
      assert.ok(error instanceof MasterKeyError);
      assert.match(error.message, /is not the one that encrypted this database's 1 BYOK key/);
      assert.ok(!error.message.includes('x'.repeat(40)), 'the key itself is never printed');
      return true;
    });
    await assert.rejects(start({ ...stack.config, master_key: 'short' }), MasterKeyError);
  });

  it('the CLI refuses to rotate with a wrong current key and changes nothing', async () => {
    const before = readFileSync(join(stack.dataDir, 'master-key'), 'utf8');
    const cli = capture({ ...cliEnv(), SWITCHYARD_MASTER_KEY: 'y'.repeat(40) });
    assert.equal(await runCli(['master-key', 'rotate'], cli.io), 1);
    assert.match(cli.err(), /is not the one that encrypted/);
    assert.equal(readFileSync(join(stack.dataDir, 'master-key'), 'utf8'), before);
  });

  it('`switchyard master-key rotate` re-encrypts; the gateway restarts with the new key and still uses the BYOK key', async () => {
    const path = join(stack.dataDir, 'master-key');
    const oldKey = readFileSync(path, 'utf8').trim();
    const { stdout } = await promisify(execFile)(process.execPath, [SWITCHYARD_BIN, 'master-key', 'rotate'], {
      env: { ...process.env, ...cliEnv() },
    });
    assert.match(stdout, /Re-encrypted 1 BYOK key\(s\): master key [0-9a-f]{16} → [0-9a-f]{16}/);
    const newKey = readFileSync(path, 'utf8').trim();
    assert.notEqual(newKey, oldKey);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(existsSync(`${path}.next`), false);

    // The old key no longer opens the database.
    await assert.rejects(start({ ...stack.config, master_key: oldKey }), MasterKeyError);
    restarted = await start(stack.config);
    assert.deepEqual(await askThrough(restarted), [`Bearer ${BYOK_KEY}`]);
    await restarted.stop();
    restarted = undefined;
  });

  it('rotating to a key given in SWITCHYARD_NEW_MASTER_KEY works with a configured master key', async () => {
    const current = readFileSync(join(stack.dataDir, 'master-key'), 'utf8').trim();
    const next = 'n'.repeat(20) + 'ew-master-key-for-switchyard';
    const cli = capture({ ...cliEnv(), SWITCHYARD_MASTER_KEY: current, SWITCHYARD_NEW_MASTER_KEY: next });
    assert.equal(await runCli(['master-key', 'rotate'], cli.io), 0, cli.err());
    assert.match(cli.out(), /Set SWITCHYARD_MASTER_KEY/);
    assert.ok(!cli.out().includes(next), 'the CLI does not echo the key');
    restarted = await start({ ...stack.config, master_key: next });
    assert.deepEqual(await askThrough(restarted), [`Bearer ${BYOK_KEY}`]);
  });
});
