import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { SecretFileWatcher } from '../config/secret-file-watcher.js';
import { followProviderSecretFiles } from './follow-provider-secret-files.js';
import { resolveProviders } from './resolve-providers.js';

async function eventually(check: () => boolean, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('followProviderSecretFiles', { timeout: 10_000 }, () => {
  it('a Bedrock provider’s static keys from files: a rotated file replaces its key in a new credentials object', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-aws-files-'));
    const watcher = new SecretFileWatcher({ debounceMs: 10 });
    try {
      writeFileSync(join(dir, 'id'), 'AKIAFILEKEY000000001\n');
      writeFileSync(join(dir, 'secret'), 'fileSecretKey000000000000000000000000001\n');
      const config = loadConfig({
        argv: [],
        env: {},
        inline: { providers: [{ id: 'bedrock-files', protocol: 'bedrock', aws: { region: 'eu-west-1', access_key_id: `file:${join(dir, 'id')}`, secret_access_key: `file:${join(dir, 'secret')}` } }] },
      });
      const providers = resolveProviders(config, {});
      const provider = providers.get('bedrock-files')!;
      const before = provider.aws!.credentials!;
      assert.deepEqual(before, { accessKeyId: 'AKIAFILEKEY000000001', secretAccessKey: 'fileSecretKey000000000000000000000000001' });
      followProviderSecretFiles(config, providers, watcher);
      writeFileSync(join(dir, 'secret'), 'fileSecretKey000000000000000000000000002\n');
      await eventually(() => provider.aws?.credentials?.secretAccessKey === 'fileSecretKey000000000000000000000000002');
      assert.equal(provider.aws?.credentials?.accessKeyId, 'AKIAFILEKEY000000001');
      assert.notEqual(provider.aws?.credentials, before, 'a new object, never one changed under a signer');
      assert.equal(before.secretAccessKey, 'fileSecretKey000000000000000000000000001');
    } finally {
      watcher.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
