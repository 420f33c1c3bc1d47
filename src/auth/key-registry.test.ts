import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthError } from '../core/errors/gateway-error.js';
import type { ApiKeyRecord, KeyKind, KeyStore } from '../stores/key-store.js';
import { MemoryKeyStore } from '../stores/memory/memory-key-store.js';
import { KeyRegistry } from './key-registry.js';
import { hashApiKey, maskApiKey, mintApiKey } from './mint-api-key.js';

/** A MemoryKeyStore that counts reads, to prove authentication never touches the store. */
class CountingStore extends MemoryKeyStore {
  findByHashCalls = 0;
  listAllCalls = 0;
  override async findByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    this.findByHashCalls++;
    return super.findByHash(hash);
  }
  override async listAll(): Promise<ApiKeyRecord[]> {
    this.listAllCalls++;
    return super.listAll();
  }
}

function record(plaintext: string, overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  return {
    hash: hashApiKey(plaintext),
    kind: 'inference',
    name: 'test',
    label: maskApiKey(plaintext),
    disabled: false,
    limit: null,
    limitReset: null,
    includeByokInLimit: false,
    workspaceId: 'default',
    creatorUserId: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: null,
    expiresAt: null,
    ...overrides,
  };
}

const INFERENCE = 'sk-or-v1-inference';
const MANAGEMENT = 'sk-or-v1-management';
const NOW = Date.parse('2026-06-01T00:00:00.000Z');

async function setup(records: ApiKeyRecord[] = []): Promise<{ store: CountingStore; registry: KeyRegistry }> {
  const store = new CountingStore();
  for (const item of records) await store.create(item);
  const registry = await KeyRegistry.load(store, [record(MANAGEMENT, { kind: 'management', name: 'config' })]);
  return { store, registry };
}

function authFails(registry: KeyRegistry, header: string | undefined, required: KeyKind | 'any', code: string, status: number): void {
  assert.throws(
    () => registry.authenticate(header, required, NOW),
    (error: unknown) => {
      assert.ok(error instanceof AuthError, String(error));
      assert.equal(error.code, code);
      assert.equal(error.status, status);
      return true;
    },
    `${String(header)} → ${code}`,
  );
}

describe('mintApiKey', () => {
  it('mints distinct OpenRouter-style keys with their SHA-256 hash and a masked label', () => {
    const a = mintApiKey();
    const b = mintApiKey();
    assert.match(a.plaintext, /^sk-or-v1-[0-9a-f]{64}$/);
    assert.notEqual(a.plaintext, b.plaintext);
    assert.equal(a.hash, hashApiKey(a.plaintext));
    assert.match(a.hash, /^[0-9a-f]{64}$/);
    assert.equal(a.label, `${a.plaintext.slice(0, 12)}...${a.plaintext.slice(-3)}`);
    assert.ok(!a.label.includes(a.plaintext.slice(12, -3)));
  });

  it('hashes with SHA-256 hex', () => {
    assert.equal(hashApiKey('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('KeyRegistry.authenticate', () => {
  it('accepts a known key of the required kind', async () => {
    const { registry } = await setup([record(INFERENCE)]);
    assert.equal(registry.authenticate(`Bearer ${INFERENCE}`, 'inference', NOW).key.hash, hashApiKey(INFERENCE));
    assert.equal(registry.authenticate(`bearer   ${INFERENCE}  `, 'inference', NOW).key.hash, hashApiKey(INFERENCE));
    assert.equal(registry.authenticate(`Bearer ${MANAGEMENT}`, 'management', NOW).key.kind, 'management');
  });

  it("accepts either kind with 'any'", async () => {
    const { registry } = await setup([record(INFERENCE)]);
    assert.equal(registry.authenticate(`Bearer ${INFERENCE}`, 'any', NOW).key.kind, 'inference');
    assert.equal(registry.authenticate(`Bearer ${MANAGEMENT}`, 'any', NOW).key.kind, 'management');
  });

  it('401 missing_auth for a missing or malformed header', async () => {
    const { registry } = await setup([record(INFERENCE)]);
    for (const header of [undefined, '', 'Bearer', 'Bearer ', `Basic ${INFERENCE}`, INFERENCE, `Bearer ${INFERENCE} extra`, `Token ${INFERENCE}`]) {
      authFails(registry, header, 'inference', 'missing_auth', 401);
    }
  });

  it('401 invalid_key for an unknown key', async () => {
    const { registry } = await setup([record(INFERENCE)]);
    authFails(registry, 'Bearer sk-or-v1-unknown', 'inference', 'invalid_key', 401);
    authFails(registry, `Bearer ${INFERENCE.toUpperCase()}`, 'any', 'invalid_key', 401);
  });

  it('rejects a disabled key with disabled_key', async () => {
    const { registry } = await setup([record(INFERENCE, { disabled: true })]);
    authFails(registry, `Bearer ${INFERENCE}`, 'inference', 'disabled_key', 401);
    assert.throws(() => registry.authenticate(`Bearer ${INFERENCE}`, 'inference', NOW), /re-enable this one with PATCH \/api\/v1\/keys/);
  });

  it('rejects an expired key with expired_key, at the exact expiry instant too', async () => {
    const { registry } = await setup([
      record(INFERENCE, { expiresAt: '2026-05-31T23:59:59.000Z' }),
      record('sk-or-v1-edge', { expiresAt: '2026-06-01T00:00:00.000Z' }),
      record('sk-or-v1-later', { expiresAt: '2026-06-01T00:00:01.000Z' }),
    ]);
    authFails(registry, `Bearer ${INFERENCE}`, 'inference', 'expired_key', 401);
    authFails(registry, 'Bearer sk-or-v1-edge', 'inference', 'expired_key', 401);
    assert.equal(registry.authenticate('Bearer sk-or-v1-later', 'inference', NOW).key.name, 'test');
  });

  it('403 wrong_key_kind for the wrong kind', async () => {
    const { registry } = await setup([record(INFERENCE)]);
    authFails(registry, `Bearer ${MANAGEMENT}`, 'inference', 'wrong_key_kind', 403);
    authFails(registry, `Bearer ${INFERENCE}`, 'management', 'wrong_key_kind', 403);
  });

  it('never reads the store to authenticate', async () => {
    const { store, registry } = await setup([record(INFERENCE), record('sk-or-v1-off', { disabled: true })]);
    assert.equal(store.listAllCalls, 1);
    for (let i = 0; i < 50; i++) {
      registry.authenticate(`Bearer ${INFERENCE}`, 'inference', NOW);
      assert.throws(() => registry.authenticate('Bearer sk-or-v1-nope', 'inference', NOW));
      assert.throws(() => registry.authenticate('Bearer sk-or-v1-off', 'inference', NOW));
    }
    assert.equal(store.findByHashCalls, 0);
    assert.equal(store.listAllCalls, 1);
  });
});

describe('KeyRegistry cache stays in sync with the store', () => {
  it('create: the new key authenticates at once, and is stored', async () => {
    const { store, registry } = await setup();
    const minted = mintApiKey();
    await registry.create(record(minted.plaintext));
    assert.equal(registry.authenticate(`Bearer ${minted.plaintext}`, 'inference', NOW).key.hash, minted.hash);
    assert.equal((await store.findByHash(minted.hash))?.hash, minted.hash);
    assert.equal(registry.get(minted.hash)?.hash, minted.hash);
  });

  it('create: a duplicate fails in the store and leaves the cache as it was', async () => {
    const { registry } = await setup([record(INFERENCE, { name: 'original' })]);
    await assert.rejects(registry.create(record(INFERENCE, { name: 'duplicate' })));
    assert.equal(registry.authenticate(`Bearer ${INFERENCE}`, 'inference', NOW).key.name, 'original');
  });

  it('update: disabling, re-enabling, expiring and renaming take effect without a store read', async () => {
    const { store, registry } = await setup([record(INFERENCE)]);
    const hash = hashApiKey(INFERENCE);
    const disabled = await registry.update(hash, { disabled: true });
    assert.equal(disabled?.disabled, true);
    assert.equal((await store.findByHash(hash))?.disabled, true);
    store.findByHashCalls = 0;
    authFails(registry, `Bearer ${INFERENCE}`, 'inference', 'disabled_key', 401);
    await registry.update(hash, { disabled: false, name: 'renamed' });
    assert.equal(registry.authenticate(`Bearer ${INFERENCE}`, 'inference', NOW).key.name, 'renamed');
    await registry.update(hash, { expiresAt: '2026-01-02T00:00:00.000Z' });
    authFails(registry, `Bearer ${INFERENCE}`, 'inference', 'expired_key', 401);
    assert.equal(store.findByHashCalls, 0);
  });

  it('update of an unknown hash returns undefined and adds nothing', async () => {
    const { registry } = await setup();
    assert.equal(await registry.update(hashApiKey('sk-or-v1-ghost'), { disabled: false }), undefined);
    authFails(registry, 'Bearer sk-or-v1-ghost', 'any', 'invalid_key', 401);
  });

  it('delete: the key stops authenticating and leaves the store', async () => {
    const { store, registry } = await setup([record(INFERENCE)]);
    const hash = hashApiKey(INFERENCE);
    assert.equal(await registry.delete(hash), true);
    authFails(registry, `Bearer ${INFERENCE}`, 'inference', 'invalid_key', 401);
    assert.equal(await store.findByHash(hash), undefined);
    assert.equal(registry.get(hash), undefined);
    assert.equal(await registry.delete(hash), false);
  });

  it('get returns inference keys only', async () => {
    const { registry } = await setup([record(INFERENCE)]);
    assert.equal(registry.get(hashApiKey(INFERENCE))?.kind, 'inference');
    assert.equal(registry.get(hashApiKey(MANAGEMENT)), undefined);
  });

  it('deleting a hash the store does not hold leaves a config management key working', async () => {
    const { registry } = await setup();
    assert.equal(await registry.delete(hashApiKey(MANAGEMENT)), false);
    assert.equal(registry.authenticate(`Bearer ${MANAGEMENT}`, 'management', NOW).key.kind, 'management');
  });

  it('is loaded from any KeyStore implementation', async () => {
    const store: KeyStore = new MemoryKeyStore();
    await store.create(record(INFERENCE));
    const registry = await KeyRegistry.load(store, []);
    assert.equal(registry.authenticate(`Bearer ${INFERENCE}`, 'inference', NOW).key.kind, 'inference');
    authFails(registry, `Bearer ${MANAGEMENT}`, 'management', 'invalid_key', 401);
  });
});

describe('KeyRegistry.learnUnknownKey (a key store other nodes share)', () => {
  it('reads a key it does not know from the store once, then authenticates it from memory', async () => {
    const store = new CountingStore();
    const registry = await KeyRegistry.load(store, [], { sharedStore: true });
    const key = mintApiKey().plaintext;
    // Another node writes the key straight to the shared store.
    await store.create(record(key));
    assert.throws(() => registry.authenticate(`Bearer ${key}`, 'inference'), AuthError);
    await registry.learnUnknownKey(`Bearer ${key}`);
    assert.equal(store.findByHashCalls, 1);
    assert.equal(registry.authenticate(`Bearer ${key}`, 'inference').key.hash, hashApiKey(key));
    assert.equal(registry.learnUnknownKey(`Bearer ${key}`), undefined, 'a known key waits for nothing');
    assert.equal(store.findByHashCalls, 1);
  });

  it('looks a key found nowhere up again only after a second, and never on a store of its own', async () => {
    const store = new CountingStore();
    const registry = await KeyRegistry.load(store, [], { sharedStore: true });
    const unknown = `Bearer ${mintApiKey().plaintext}`;
    await registry.learnUnknownKey(unknown, 1_000);
    assert.equal(registry.learnUnknownKey(unknown, 1_500), undefined);
    assert.equal(store.findByHashCalls, 1);
    await registry.learnUnknownKey(unknown, 2_001);
    assert.equal(store.findByHashCalls, 2);
    assert.equal(registry.learnUnknownKey('Basic abc'), undefined);
    assert.equal(registry.learnUnknownKey(undefined), undefined);

    const own = new CountingStore();
    const alone = await KeyRegistry.load(own, []);
    assert.equal(alone.learnUnknownKey(`Bearer ${mintApiKey().plaintext}`), undefined);
    assert.equal(own.findByHashCalls, 0);
  });
});
