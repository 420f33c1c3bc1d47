import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeByokStoresContract } from '../contract/byok-key-store.contract.js';
import { describeGenerationStoreContract } from '../contract/generation-store.contract.js';
import { describeKeyStoreContract } from '../contract/key-store.contract.js';
import { MemoryByokKeyStore } from './memory-byok-key-store.js';
import { describeGuardrailStoreContract } from '../contract/guardrail-store.contract.js';
import { MemoryGuardrailStore } from './memory-guardrail-store.js';
import { describeAuditStoreContract } from '../contract/audit-store.contract.js';
import { MemoryAuditStore } from './memory-audit-store.js';
import { MemoryGenerationStore } from './memory-generation-store.js';
import { MemoryKeyRateLimitStore } from './memory-key-rate-limit-store.js';
import { MemoryKeyStore } from './memory-key-store.js';
import { openMemoryStores } from './open-memory-stores.js';

const noop = async () => {};
describeKeyStoreContract('memory', async () => ({ store: new MemoryKeyStore(), close: noop }));
describeGenerationStoreContract('memory', async () => ({ store: new MemoryGenerationStore(), close: noop }));

describeGuardrailStoreContract('memory', async () => ({ store: new MemoryGuardrailStore(), close: noop }));
describeAuditStoreContract('memory', async () => ({ store: new MemoryAuditStore(), close: noop }));

describe('openMemoryStores', () => {
  it('opens a working, independent StoreSet each time', async () => {
    const a = await openMemoryStores();
    const b = await openMemoryStores();
    await a.ping();
    await a.generations.recordMany([]);
    assert.deepEqual(await a.keys.listAll(), []);
    assert.notEqual(a.keys, b.keys);
    await a.close();
    await b.close();
  });
});

describeByokStoresContract('memory', { byok: async () => new MemoryByokKeyStore(), rateLimits: async () => new MemoryKeyRateLimitStore() });
