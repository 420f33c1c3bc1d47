import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_PRIVACY_SETTINGS } from '../../core/privacy-settings.js';
import type { GenerationContent, PrivacyStore } from '../privacy-store.js';
import { openFreshPerTest } from './open-fresh-per-test.js';

const content = (overrides: Partial<GenerationContent> = {}): GenerationContent => ({
  generationId: 'gen-1',
  workspaceId: 'ws-1',
  keyHash: 'a'.repeat(64),
  input: '{"messages":[{"role":"user","content":"hello"}]}',
  output: '{"content":"hi"}',
  createdAt: 1_000,
  expiresAt: 10_000,
  ...overrides,
});

/** Registers the PrivacyStore contract tests under `describe(name)`. */
export function describePrivacyStoreContract(name: string, open: () => Promise<{ store: PrivacyStore; close(): Promise<void> }>): void {
  describe(`PrivacyStore contract: ${name}`, () => {
    const fresh = openFreshPerTest(open, (opened) => opened.store);

    it('stores settings per workspace and replaces them on put', async () => {
      const store = await fresh();
      assert.deepEqual(await store.listSettings(), []);
      await store.putSettings('ws-1', { ...DEFAULT_PRIVACY_SETTINGS, enforce_zdr: true });
      await store.putSettings('ws-2', { ...DEFAULT_PRIVACY_SETTINGS, allowed_regions: ['eu'] });
      await store.putSettings('ws-1', { ...DEFAULT_PRIVACY_SETTINGS, data_collection: 'deny' });
      const all = new Map((await store.listSettings()).map((entry) => [entry.workspaceId, entry.settings]));
      assert.equal(all.size, 2);
      assert.equal(all.get('ws-1')?.enforce_zdr, false);
      assert.equal(all.get('ws-1')?.data_collection, 'deny');
      assert.deepEqual(all.get('ws-2')?.allowed_regions, ['eu']);
    });

    it('serves content only to its workspace and only before it expires', async () => {
      const store = await fresh();
      await store.saveContent(content());
      assert.equal((await store.findContent('gen-1', 'ws-1', 5_000))?.output, '{"content":"hi"}');
      assert.equal(await store.findContent('gen-1', 'ws-2', 5_000), undefined);
      assert.equal(await store.findContent('gen-1', 'ws-1', 10_000), undefined);
      assert.equal(await store.findContent('gen-404', 'ws-1', 5_000), undefined);
    });

    it('keeps the first record of a generation id and purges only expired content', async () => {
      const store = await fresh();
      await store.saveContent(content());
      await store.saveContent(content({ output: 'second write' }));
      await store.saveContent(content({ generationId: 'gen-2', expiresAt: 20_000 }));
      assert.equal((await store.findContent('gen-1', 'ws-1', 0))?.output, '{"content":"hi"}');
      assert.equal(await store.purgeExpiredContent(10_000), 1);
      assert.equal(await store.findContent('gen-1', 'ws-1', 0), undefined);
      assert.ok(await store.findContent('gen-2', 'ws-1', 0));
      assert.equal(await store.purgeExpiredContent(10_000), 0);
    });
  });
}
