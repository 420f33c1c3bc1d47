import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKeyRecord } from '../stores/contract/key-store.contract.js';
import { makeGuardrailRecord } from '../stores/contract/guardrail-store.contract.js';
import { MemoryGuardrailStore } from '../stores/memory/memory-guardrail-store.js';
import { GuardrailRegistry } from './guardrail-registry.js';

const at = '2026-01-01T00:00:00.000Z';

describe('GuardrailRegistry', () => {
  it('combines the key and member guardrails and gives each budget its own per-assignee scope', async () => {
    const registry = await GuardrailRegistry.load(new MemoryGuardrailStore());
    const keyRecord = makeGuardrailRecord({ id: 'g-key', name: 'key' });
    keyRecord.policy = { ...keyRecord.policy, allowed_providers: ['a', 'b'], enforce_zdr: false, limit_usd: '1', reset_interval: 'daily', content_filter_builtins: [{ slug: 'email', action: 'redact' }], content_filters: [] };
    const memberRecord = makeGuardrailRecord({ id: 'g-member', name: 'member' });
    memberRecord.policy = { ...memberRecord.policy, allowed_providers: ['b', 'c'], allowed_models: null, enforce_zdr: true, limit_usd: '5', reset_interval: null, content_filter_builtins: [{ slug: 'email', action: 'block', scan_scope: 'user_only' }], content_filters: [] };
    await registry.create(keyRecord);
    await registry.create(memberRecord);
    const key = makeKeyRecord({ hash: 'h1', workspaceId: 'ws-1', creatorUserId: 'user-1' });
    assert.equal(registry.forKey(key), undefined);

    await registry.assign('key', [{ guardrailId: 'g-key', workspaceId: 'ws-1', target: 'h1', createdAt: at }]);
    await registry.assign('member', [{ guardrailId: 'g-member', workspaceId: 'ws-1', target: 'user-1', createdAt: at }]);
    const resolved = registry.forKey(key);
    assert.ok(resolved);
    assert.deepEqual(resolved.ids, ['g-key', 'g-member']);
    assert.deepEqual(resolved.constraints.allowedProviders?.ids, ['b']);
    assert.equal(resolved.constraints.requireZdr?.source, 'guardrail "member"');
    assert.deepEqual(
      resolved.budgets.map((b) => [b.scope, b.limitPico, b.reset, b.label]),
      [
        ['guardrail:g-key:key:h1', 1_000_000_000_000n, 'daily', 'Guardrail "key" budget'],
        ['guardrail:g-member:member:user-1', 5_000_000_000_000n, null, 'Guardrail "member" budget'],
      ],
    );
    const email = resolved.content?.filters.find((f) => f.id === 'builtin:email');
    assert.equal(email?.action, 'block', 'block beats redact');
    assert.equal(email?.scope, 'all_messages', 'the wider scope wins');
    assert.equal(registry.forKey(key), resolved, 'cached');

    // A key in another workspace with the same member id is not affected.
    assert.equal(registry.forKey(makeKeyRecord({ hash: 'h2', workspaceId: 'ws-2', creatorUserId: 'user-1' })), undefined);

    await registry.delete('g-member', 'ws-1');
    const after = registry.forKey(key);
    assert.deepEqual(after?.ids, ['g-key'], 'the cache was dropped on change');
    assert.equal(after?.constraints.requireZdr, undefined);
  });

  it('refuses a guardrail whose filters do not compile, and stores nothing', async () => {
    const store = new MemoryGuardrailStore();
    const registry = await GuardrailRegistry.load(store);
    const bad = makeGuardrailRecord({ id: 'bad' });
    bad.policy = { ...bad.policy, content_filters: [{ pattern: '(?<=x)y', action: 'redact' }] };
    await assert.rejects(registry.create(bad), { code: 'invalid_regex_pattern' });
    assert.equal(await store.get('bad', 'ws-1'), undefined);
  });
});
