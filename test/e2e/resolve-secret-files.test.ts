import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import OpenAI from 'openai';
import { createLogger } from '../../src/telemetry/create-logger.js';
import { startTestStack, type TestStack } from '../support/start-test-stack.js';
import { bootTestGateway } from '../support/boot-test-gateway.js';

const MODEL = 'file/echo';
const PRICES = { prompt: '0.000001', completion: '0.000002' } as const;
const KEYS = ['sk-file-key-one-1111111111', 'sk-file-key-two-2222222222', 'sk-file-key-three-33333333'] as const;

/**
 * `file:PATH` provider keys (Docker and Kubernetes secrets): read at start, followed after. The
 * rotated file — rewritten in place, then swapped as the kubelet swaps a secret volume — is
 * used for the next request without a restart, and the simulator sees each key in turn.
 */
describe('file: secret references: provider keys rotate without a restart', { timeout: 60_000 }, () => {
  let stack: TestStack;
  let client: OpenAI;
  let dir: string;
  const logLines: string[] = [];

  /** Asks until the simulator receives `key` (the watcher debounces), for at most 5 s. */
  async function keySeenAfterRotation(key: string): Promise<number> {
    const deadline = Date.now() + 5_000;
    for (let attempt = 1; ; attempt += 1) {
      const reply = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: `attempt ${attempt}` }] });
      assert.equal(reply.choices[0]?.message.content, `Echo: attempt ${attempt}`);
      if (stack.sim.requests.at(-1)?.headers.authorization === `Bearer ${key}`) return attempt;
      if (Date.now() > deadline) assert.fail(`the simulator never received the rotated key (last: ${String(stack.sim.requests.at(-1)?.headers.authorization)})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sy-secret-files-'));
    // The Kubernetes layout: the key is a symlink through ..data to a timestamped directory.
    mkdirSync(join(dir, '..2026_12_04_09_00_00.1'));
    writeFileSync(join(dir, '..2026_12_04_09_00_00.1', 'api-key'), `${KEYS[0]}\n`);
    symlinkSync('..2026_12_04_09_00_00.1', join(dir, '..data'));
    symlinkSync('..data/api-key', join(dir, 'api-key'));
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    stack = await startTestStack({
      logger: createLogger('debug', sink),
      extraProviders: (simUrl) => [{ id: 'sim-file', name: 'Sim File', base_url: simUrl, api_key: `file:${join(dir, 'api-key')}` }],
      extraModels: [{ id: MODEL, name: 'File Echo', context_length: 8000, endpoints: [{ provider: 'sim-file', model: 'echo-1', pricing: PRICES }] }],
    });
    client = new OpenAI({ apiKey: stack.apiKey, baseURL: stack.baseURL, maxRetries: 0 });
  });
  after(async () => {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the file read at start is the key sent upstream, trimmed', async () => {
    const reply = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'first' }] });
    assert.equal(reply.choices[0]?.message.content, 'Echo: first');
    assert.equal(stack.sim.requests.at(-1)?.headers.authorization, `Bearer ${KEYS[0]}`);
  });

  it('a file rewritten in place: the next requests carry the new key', async () => {
    // Through the symlinks, into the current timestamped directory's file.
    writeFileSync(join(dir, 'api-key'), `${KEYS[1]}\n`);
    await keySeenAfterRotation(KEYS[1]);
  });

  it('a Kubernetes secret update (..data flipped to a new directory): the next requests carry the new key', async () => {
    mkdirSync(join(dir, '..2026_12_04_09_05_00.2'));
    writeFileSync(join(dir, '..2026_12_04_09_05_00.2', 'api-key'), `${KEYS[2]}\n`);
    symlinkSync('..2026_12_04_09_05_00.2', join(dir, '..data_tmp'));
    renameSync(join(dir, '..data_tmp'), join(dir, '..data'));
    rmSync(join(dir, '..2026_12_04_09_00_00.1'), { recursive: true });
    await keySeenAfterRotation(KEYS[2]);
  });

  it('a rotation that breaks the file keeps the last good key and logs the path, never a key', async () => {
    rmSync(join(dir, '..2026_12_04_09_05_00.2'), { recursive: true });
    const deadline = Date.now() + 5_000;
    while (!logLines.some((line) => line.includes('could not be re-read'))) {
      assert.ok(Date.now() < deadline, 'the failed re-read is logged');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const reply = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'still works' }] });
    assert.equal(reply.choices[0]?.message.content, 'Echo: still works');
    assert.equal(stack.sim.requests.at(-1)?.headers.authorization, `Bearer ${KEYS[2]}`);
    const log = logLines.join('');
    assert.match(log, /secret file changed; its new value is in use/);
    assert.ok(log.includes(join(dir, 'api-key')), 'the path is named');
    for (const key of KEYS) assert.ok(!log.includes(key), 'no key in the log');
  });
});

describe('file: secret references at start', () => {
  it('an unreadable key file stops the start with a config error naming the path', async () => {
    const missing = join(tmpdir(), 'sy-no-such-dir', 'api-key');
    await assert.rejects(
      bootTestGateway({ inline: { providers: [{ id: 'sim-missing', base_url: 'http://127.0.0.1:9/v1', api_key: `file:${missing}` }] } }),
      (error: Error) => {
        assert.equal(error.name, 'ConfigError');
        assert.equal(error.message, `Cannot read secret file ${missing} (ENOENT): it must exist and be readable by the gateway's user`);
        return true;
      },
    );
  });
});
