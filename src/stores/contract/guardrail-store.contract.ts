/**
 * The behaviour every GuardrailStore backend must show; each backend's test calls
 * describeGuardrailStoreContract with a factory giving a fresh, empty store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GuardrailRecord, GuardrailStore } from '../guardrail-store.js';
import { openFreshPerTest } from './open-fresh-per-test.js';

/** A fresh, empty store and how to release it. */
export interface OpenedGuardrailStore {
  store: GuardrailStore;
  close(): Promise<void>;
}

/** A complete record; every policy field set so round-trips check all of them. */
export function makeGuardrailRecord(overrides: Partial<GuardrailRecord> = {}): GuardrailRecord {
  return {
    id: 'gr-1',
    workspaceId: 'ws-1',
    name: 'EU team',
    policy: {
      description: 'only EU',
      limit_usd: '12.5',
      reset_interval: 'monthly',
      include_byok_in_budgets: false,
      allowed_models: ['sim/echo'],
      allowed_providers: ['sim-a'],
      ignored_providers: null,
      enforce_zdr: true,
      content_filter_builtins: [{ slug: 'email', action: 'redact' }],
      content_filters: [{ pattern: 'proj-[0-9]+', action: 'block', label: 'project' }],
      scan_output: true,
    },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: null,
    ...overrides,
  };
}

/** Registers the GuardrailStore contract tests under `describe(name)`. */
export function describeGuardrailStoreContract(name: string, open: () => Promise<OpenedGuardrailStore>): void {
  describe(`GuardrailStore contract: ${name}`, () => {
    const fresh = openFreshPerTest(open, (opened) => opened.store);

    it('round-trips a record and scopes reads to its workspace', async () => {
      const store = await fresh();
      const record = makeGuardrailRecord();
      await store.create(record);
      assert.deepEqual(await store.get('gr-1', 'ws-1'), record);
      assert.equal(await store.get('gr-1', 'ws-2'), undefined);
      assert.deepEqual(await store.list('ws-1', { offset: 0, limit: 10 }), [record]);
      assert.deepEqual(await store.list('ws-2', { offset: 0, limit: 10 }), []);
    });

    it('updates name and policy but keeps created_at; another workspace cannot update', async () => {
      const store = await fresh();
      await store.create(makeGuardrailRecord());
      const changed = makeGuardrailRecord({ name: 'renamed', updatedAt: '2026-01-02T00:00:00.000Z', createdAt: '2030-01-01T00:00:00.000Z' });
      changed.policy.enforce_zdr = false;
      const updated = await store.update(changed);
      assert.equal(updated?.name, 'renamed');
      assert.equal(updated?.policy.enforce_zdr, false);
      assert.equal(updated?.createdAt, '2026-01-01T00:00:00.000Z');
      assert.equal(await store.update(makeGuardrailRecord({ workspaceId: 'ws-2' })), undefined);
    });

    it('keeps one guardrail per key: assigning again replaces; unassign only removes matching ones', async () => {
      const store = await fresh();
      await store.create(makeGuardrailRecord());
      await store.create(makeGuardrailRecord({ id: 'gr-2', createdAt: '2026-01-01T00:00:01.000Z' }));
      const at = '2026-01-03T00:00:00.000Z';
      assert.equal(await store.assign('key', [{ guardrailId: 'gr-1', workspaceId: 'ws-1', target: 'hash-a', createdAt: at }]), 1);
      await store.assign('key', [{ guardrailId: 'gr-2', workspaceId: 'ws-1', target: 'hash-a', createdAt: at }]);
      await store.assign('member', [{ guardrailId: 'gr-1', workspaceId: 'ws-1', target: 'user-1', createdAt: at }]);
      assert.deepEqual((await store.listAssignments('key', { workspaceId: 'ws-1' })).map((a) => [a.target, a.guardrailId]), [['hash-a', 'gr-2']]);
      assert.equal(await store.unassign('key', { guardrailId: 'gr-1', workspaceId: 'ws-1', targets: ['hash-a'] }), 0);
      assert.equal(await store.unassign('key', { guardrailId: 'gr-2', workspaceId: 'ws-1', targets: ['hash-a', 'hash-a'] }), 1);
      assert.deepEqual(await store.listAssignments('key', { workspaceId: 'ws-1' }), []);
      assert.equal((await store.listAssignments('member', { workspaceId: 'ws-1', guardrailId: 'gr-1' })).length, 1);
      const all = await store.loadAll();
      assert.equal(all.guardrails.length, 2);
      assert.deepEqual(all.members.map((a) => a.target), ['user-1']);
    });

    it('deleting a guardrail removes its assignments', async () => {
      const store = await fresh();
      await store.create(makeGuardrailRecord());
      await store.assign('member', [{ guardrailId: 'gr-1', workspaceId: 'ws-1', target: 'user-1', createdAt: '2026-01-03T00:00:00.000Z' }]);
      assert.equal(await store.delete('gr-1', 'ws-2'), false);
      assert.equal(await store.delete('gr-1', 'ws-1'), true);
      assert.deepEqual(await store.listAssignments('member', { workspaceId: 'ws-1' }), []);
      assert.equal(await store.get('gr-1', 'ws-1'), undefined);
    });
  });
}
