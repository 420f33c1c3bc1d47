import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditStore, NewAuditEntry } from '../audit-store.js';
import { openFreshPerTest } from './open-fresh-per-test.js';

/** A sample entry; `overrides` replace fields. */
export function makeAuditEntry(overrides: Partial<NewAuditEntry> = {}): NewAuditEntry {
  return {
    workspaceId: 'default',
    actorKeyHash: 'a'.repeat(64),
    actorName: 'Management key',
    action: 'key.update',
    targetId: 'b'.repeat(64),
    ip: '127.0.0.1',
    before: { limit: 5 },
    after: { limit: 10 },
    createdAt: 1_000,
    ...overrides,
  };
}

/** Registers the AuditStore contract tests under `describe(name)`. */
export function describeAuditStoreContract(name: string, open: () => Promise<{ store: AuditStore; close(): Promise<void> }>): void {
  describe(`AuditStore contract: ${name}`, () => {
    const fresh = openFreshPerTest(open, (opened) => opened.store);

    it('appends with increasing ids and lists newest first, round-tripping every field', async () => {
      const store = await fresh();
      assert.deepEqual(await store.list({ limit: 10 }), []);
      const first = await store.append(makeAuditEntry({ before: null, after: { name: 'x', nested: { a: [1, 2] } }, action: 'key.create' }));
      const second = await store.append(makeAuditEntry({ ip: null, targetId: null }));
      assert.ok(second.id > first.id);
      const listed = await store.list({ limit: 10 });
      assert.deepEqual(listed, [second, first]);
      assert.deepEqual(listed[1]?.after, { name: 'x', nested: { a: [1, 2] } });
      assert.equal(listed[1]?.before, null);
      assert.equal(listed[0]?.ip, null);
      assert.equal(listed[0]?.targetId, null);
    });

    it('filters by workspace, action, actor, target and time, combined with AND', async () => {
      const store = await fresh();
      await store.append(makeAuditEntry({ workspaceId: 'ws-a', action: 'key.create', createdAt: 100 }));
      await store.append(makeAuditEntry({ workspaceId: 'ws-b', action: 'key.create', createdAt: 200, actorKeyHash: 'c'.repeat(64) }));
      await store.append(makeAuditEntry({ workspaceId: 'ws-a', action: 'credits.add', createdAt: 300, targetId: 'ws-a' }));
      const actions = async (query: Parameters<AuditStore['list']>[0]) => (await store.list(query)).map((e) => `${e.workspaceId}/${e.action}@${e.createdAt}`);
      assert.deepEqual(await actions({ limit: 10, workspaceId: 'ws-a' }), ['ws-a/credits.add@300', 'ws-a/key.create@100']);
      assert.deepEqual(await actions({ limit: 10, action: 'key.create' }), ['ws-b/key.create@200', 'ws-a/key.create@100']);
      assert.deepEqual(await actions({ limit: 10, actorKeyHash: 'c'.repeat(64) }), ['ws-b/key.create@200']);
      assert.deepEqual(await actions({ limit: 10, targetId: 'ws-a' }), ['ws-a/credits.add@300']);
      assert.deepEqual(await actions({ limit: 10, since: 200, until: 300 }), ['ws-b/key.create@200']);
      assert.deepEqual(await actions({ limit: 10, workspaceId: 'ws-a', action: 'key.create' }), ['ws-a/key.create@100']);
      assert.deepEqual(await actions({ limit: 10, workspaceId: 'nowhere' }), []);
    });

    it('pages with a keyset cursor: every entry exactly once, in order, across pages', async () => {
      const store = await fresh();
      for (let i = 0; i < 7; i++) await store.append(makeAuditEntry({ createdAt: i, action: i % 2 === 0 ? 'even' : 'odd' }));
      const seen: number[] = [];
      let beforeId: number | undefined;
      for (;;) {
        const page = await store.list({ limit: 3, beforeId });
        if (page.length === 0) break;
        seen.push(...page.map((entry) => entry.createdAt));
        beforeId = page.at(-1)!.id;
      }
      assert.deepEqual(seen, [6, 5, 4, 3, 2, 1, 0]);
      const evens = await store.list({ limit: 2, action: 'even' });
      assert.deepEqual(evens.map((e) => e.createdAt), [6, 4]);
      const more = await store.list({ limit: 2, action: 'even', beforeId: evens.at(-1)!.id });
      assert.deepEqual(more.map((e) => e.createdAt), [2, 0]);
    });

    it('hands out copies: changing a returned entry does not change the trail', async () => {
      const store = await fresh();
      const appended = await store.append(makeAuditEntry());
      appended.after!.limit = 999;
      const [listed] = await store.list({ limit: 1 });
      assert.deepEqual(listed?.after, { limit: 10 });
      listed!.after!.limit = 999;
      assert.deepEqual((await store.list({ limit: 1 }))[0]?.after, { limit: 10 });
    });
  });
}
