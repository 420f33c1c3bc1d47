/**
 * The behaviour every ByokKeyStore and KeyRateLimitStore backend must show.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ByokKeyRecord, ByokKeyStore, EncryptedSecret } from '../byok-key-store.js';
import type { KeyRateLimitStore } from '../key-rate-limit-store.js';

const secret = (seed: number, keyId = 'k1'): EncryptedSecret => ({
  keyId,
  iv: new Uint8Array(12).fill(seed),
  authTag: new Uint8Array(16).fill(seed + 1),
  ciphertext: new Uint8Array([seed, seed + 2, 0, 255]),
});

/** A complete record; every field set so round-trips check all of them. */
export function makeByokRecord(overrides: Partial<ByokKeyRecord> = {}): ByokKeyRecord {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    workspaceId: 'ws-1',
    provider: 'openai',
    name: 'prod openai',
    label: 'sk-p...abcd',
    disabled: false,
    alwaysUse: true,
    isFallback: false,
    allowedModels: ['openai/gpt-4o-mini'],
    sortOrder: 2,
    secret: secret(7),
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: null,
    ...overrides,
  };
}

/** Registers the contract tests for both stores; each `open*` returns a fresh, empty store. */
export function describeByokStoresContract(
  name: string,
  open: { byok: () => Promise<ByokKeyStore>; rateLimits: () => Promise<KeyRateLimitStore> },
): void {
  describe(`ByokKeyStore contract: ${name}`, () => {
    it('round-trips every field, secrets byte for byte, in workspace/provider/sort order', async () => {
      const store = await open.byok();
      const a = makeByokRecord();
      const b = makeByokRecord({ id: 'b', provider: 'anthropic', allowedModels: null, alwaysUse: false, isFallback: true, sortOrder: 0, secret: secret(9, 'k2') });
      const c = makeByokRecord({ id: 'c', workspaceId: 'ws-0', disabled: true, updatedAt: '2026-01-02T00:00:00.000Z' });
      const d = makeByokRecord({ id: 'd', sortOrder: 1 });
      for (const record of [a, b, c, d]) await store.create(record);
      assert.deepEqual(await store.listAll(), [c, b, d, a]);
      await assert.rejects(store.create(a));
    });

    it('update changes only the given fields, can clear allowed models and replace the secret', async () => {
      const store = await open.byok();
      const a = makeByokRecord();
      await store.create(a);
      const updated = await store.update(a.id, { name: 'renamed', allowedModels: null, secret: secret(3, 'k9'), label: 'x...y' }, '2026-02-01T00:00:00.000Z');
      const expected = { ...a, name: 'renamed', allowedModels: null, secret: secret(3, 'k9'), label: 'x...y', updatedAt: '2026-02-01T00:00:00.000Z' };
      assert.deepEqual(updated, expected);
      assert.deepEqual(await store.listAll(), [expected]);
      assert.equal(await store.update('nope', { name: 'x' }, '2026-02-01T00:00:00.000Z'), undefined);
    });

    it('delete removes one key and reports whether it existed', async () => {
      const store = await open.byok();
      await store.create(makeByokRecord());
      assert.equal(await store.delete(makeByokRecord().id), true);
      assert.equal(await store.delete(makeByokRecord().id), false);
      assert.deepEqual(await store.listAll(), []);
    });

    it('replaceSecrets swaps the check and every given secret atomically', async () => {
      const store = await open.byok();
      assert.equal(await store.getKeyCheck(), undefined);
      await store.create(makeByokRecord());
      await store.create(makeByokRecord({ id: 'b' }));
      await store.replaceSecrets({ check: secret(1), secrets: [] });
      assert.deepEqual(await store.getKeyCheck(), secret(1));
      await store.replaceSecrets({ check: secret(2, 'k2'), secrets: [{ id: 'b', secret: secret(4, 'k2') }, { id: makeByokRecord().id, secret: secret(5, 'k2') }] });
      assert.deepEqual(await store.getKeyCheck(), secret(2, 'k2'));
      assert.deepEqual((await store.listAll()).map((record) => record.secret), [secret(5, 'k2'), secret(4, 'k2')]);
      // An unknown id fails the whole replacement.
      await assert.rejects(store.replaceSecrets({ check: secret(6, 'k3'), secrets: [{ id: 'b', secret: secret(6, 'k3') }, { id: 'missing', secret: secret(6, 'k3') }] }));
      assert.deepEqual(await store.getKeyCheck(), secret(2, 'k2'));
      assert.deepEqual((await store.listAll()).map((record) => record.secret.keyId), ['k2', 'k2']);
    });
  });

  describe(`KeyRateLimitStore contract: ${name}`, () => {
    it('sets, replaces, lists and deletes overrides', async () => {
      const store = await open.rateLimits();
      await store.set('h1', { requestsPerMinute: 5, tokensPerMinute: null, concurrentRequests: 0 }, '2026-01-01T00:00:00.000Z');
      await store.set('h2', { requestsPerMinute: null, tokensPerMinute: 1000, concurrentRequests: 2 }, '2026-01-01T00:00:00.000Z');
      await store.set('h1', { requestsPerMinute: 6, tokensPerMinute: 10, concurrentRequests: null }, '2026-01-02T00:00:00.000Z');
      assert.deepEqual(await store.listAll(), [
        { keyHash: 'h1', limits: { requestsPerMinute: 6, tokensPerMinute: 10, concurrentRequests: null } },
        { keyHash: 'h2', limits: { requestsPerMinute: null, tokensPerMinute: 1000, concurrentRequests: 2 } },
      ]);
      await store.delete('h1');
      await store.delete('h1');
      assert.deepEqual((await store.listAll()).map((row) => row.keyHash), ['h2']);
    });
  });
}
