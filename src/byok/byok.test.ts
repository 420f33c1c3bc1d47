import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ByokFeeMeter } from '../billing/byok-fee-meter.js';
import { loadConfig } from '../config/load-config.js';
import { resolveByokOnlyProviders, resolveProviders } from '../providers/resolve-providers.js';
import { loadBuiltinCatalog } from '../routing/catalog/load-builtin-catalog.js';
import { resolveCatalog } from '../routing/catalog/resolve-catalog.js';
import { planRoute } from '../routing/plan-route.js';
import { MemoryByokKeyStore } from '../stores/memory/memory-byok-key-store.js';
import { ByokRegistry } from './byok-registry.js';
import { maskProviderKey } from './mask-provider-key.js';
import { SecretCipher, SecretDecryptionError } from './secret-cipher.js';

const MASTER = 'm'.repeat(43);

describe('SecretCipher', () => {
  it('round-trips, uses a fresh IV each time, and binds the ciphertext to its row', () => {
    const cipher = new SecretCipher(MASTER);
    const a = cipher.encrypt('sk-secret-value', 'row-1');
    const b = cipher.encrypt('sk-secret-value', 'row-1');
    assert.equal(a.iv.length, 12);
    assert.equal(a.authTag.length, 16);
    assert.notDeepEqual(a.iv, b.iv);
    assert.notDeepEqual(a.ciphertext, b.ciphertext);
    assert.ok(!Buffer.from(a.ciphertext).includes(Buffer.from('secret')));
    assert.equal(cipher.decrypt(a, 'row-1'), 'sk-secret-value');
    assert.throws(() => cipher.decrypt(a, 'row-2'), SecretDecryptionError);
    assert.throws(() => new SecretCipher('o'.repeat(43)).decrypt(a, 'row-1'), SecretDecryptionError);
    const tampered = { ...a, ciphertext: Uint8Array.from(a.ciphertext, (byte, i) => (i === 0 ? byte ^ 1 : byte)) };
    assert.throws(() => cipher.decrypt(tampered, 'row-1'), SecretDecryptionError);
    assert.equal(cipher.keyId, new SecretCipher(MASTER).keyId);
    assert.notEqual(cipher.keyId, new SecretCipher('o'.repeat(43)).keyId);
  });

  it('masks keys without revealing more than a prefix and the last four', () => {
    assert.equal(maskProviderKey('sk-proj-abcdefghijklmnop1234'), 'sk-p...1234');
    assert.equal(maskProviderKey('short-key'), '...ey');
  });
});

describe('ByokRegistry routing', () => {
  const config = loadConfig({ argv: [], env: {}, inline: { detect_local_providers: false } });
  const env = { OPENAI_API_KEY: 'sk-pooled-openai' };
  const providers = resolveProviders(config, env);
  const builtin = loadBuiltinCatalog();
  const catalog = resolveCatalog({ builtin, discovered: [], config, providers });
  const registry = () =>
    new ByokRegistry({
      store: new MemoryByokKeyStore(),
      cipher: new SecretCipher(MASTER),
      unlocked: [],
      catalog,
      byokOnly: resolveByokOnlyProviders(config, providers),
      buildCatalog: (extra) => resolveCatalog({ builtin, discovered: [], config, providers: new Map([...providers, ...extra.map((p) => [p.id, p] as const)]) }),
    });
  const keysOf = (plan: ReturnType<typeof planRoute>) => plan.map((attempt) => `${attempt.endpoint.provider.id}:${attempt.endpoint.provider.apiKey}${attempt.byok ? ':byok' : ''}`);

  it('puts workspace keys first (in sort order), pooled next, fallbacks last; other workspaces are untouched', async () => {
    const byok = registry();
    await byok.create('ws', { provider: 'openai', key: 'sk-ws-second-1234567', sortOrder: 2 });
    await byok.create('ws', { provider: 'openai', key: 'sk-ws-first-12345678', sortOrder: 1 });
    await byok.create('ws', { provider: 'openai', key: 'sk-ws-fallback-123456', isFallback: true });
    const request = { model: 'openai/gpt-4o-mini', messages: [] };
    const plan = byok.apply(planRoute(byok.catalogFor('ws'), request), 'ws');
    assert.deepEqual(keysOf(plan), [
      'openai:sk-ws-first-12345678:byok',
      'openai:sk-ws-second-1234567:byok',
      'openai:sk-pooled-openai',
      'openai:sk-ws-fallback-123456:byok',
    ]);
    assert.deepEqual(keysOf(byok.apply(planRoute(byok.catalogFor('other'), request), 'other')), ['openai:sk-pooled-openai']);
    assert.equal(catalog.providers.get('openai')?.apiKey, 'sk-pooled-openai', 'the shared provider object is never mutated');
  });

  it('a key for a preset with no pooled key adds its endpoints for that workspace only', async () => {
    const byok = registry();
    const request = { model: 'meta-llama/llama-3.1-8b-instruct', messages: [] };
    assert.throws(() => planRoute(byok.catalogFor('ws'), request), /No configured provider serves meta-llama\/llama-3.1-8b-instruct\. It is served by: .*groq/);
    const created = await byok.create('ws', { provider: 'groq', key: 'gsk-workspace-123456789' });
    assert.deepEqual(keysOf(byok.apply(planRoute(byok.catalogFor('ws'), request), 'ws')), ['groq:gsk-workspace-123456789:byok']);
    assert.equal(byok.catalogFor('other'), catalog);
    await byok.update('ws', created.id, { disabled: true });
    assert.equal(byok.catalogFor('ws'), catalog, 'a disabled key adds nothing');
  });

  it('keeps a model group together across `models` fallbacks', async () => {
    const byok = registry();
    await byok.create('ws', { provider: 'openai', key: 'sk-ws-key-1234567890', allowedModels: ['openai/gpt-4o'] });
    const plan = byok.apply(planRoute(byok.catalogFor('ws'), { model: 'openai/gpt-4o-mini', models: ['openai/gpt-4o'], messages: [] }), 'ws');
    assert.deepEqual(
      plan.map((attempt) => `${attempt.model.model.id}:${attempt.byok ? 'byok' : 'pooled'}`),
      ['openai/gpt-4o-mini:pooled', 'openai/gpt-4o:byok', 'openai/gpt-4o:pooled'],
    );
  });
});

describe('ByokFeeMeter', () => {
  it('charges nothing by default, and a percentage of list price after the monthly allowance', () => {
    assert.equal(new ByokFeeMeter({ feePercent: 0, freeRequestsPerMonth: 0 }).charge('ws', 1_000_000n), 0n);
    const meter = new ByokFeeMeter({ feePercent: 5, freeRequestsPerMonth: 2 });
    const january = new Date(Date.UTC(2026, 0, 31, 23));
    assert.equal(meter.charge('ws', 1_000_000n, january), 0n);
    assert.equal(meter.charge('ws', 1_000_000n, january), 0n);
    assert.equal(meter.charge('ws', 1_000_000n, january), 50_000n);
    assert.equal(meter.charge('other', 1_000_000n, january), 0n);
    assert.equal(meter.charge('ws', 1_000_000n, new Date(Date.UTC(2026, 1, 1))), 0n, 'a new month starts a new allowance');
  });
});
