/** The behaviour every WorkspaceStore backend must show; each case gets a fresh store. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WorkspaceStore } from '../workspace-store.js';
import { openFreshPerTest } from './open-fresh-per-test.js';

export function describeWorkspaceStoreContract(name: string, open: () => Promise<{ store: WorkspaceStore; close(): Promise<void> }>): void {
  describe(`WorkspaceStore contract: ${name}`, () => {
    const fresh = openFreshPerTest(open, (opened) => opened.store);

    it('starts with the default workspace and its owner member', async () => {
      const store = await fresh();
      assert.deepEqual((await store.listWorkspaces()).map((workspace) => workspace.id), ['default']);
      assert.deepEqual((await store.listMembers()).map((member) => [member.id, member.workspaceId]), [['default:owner', 'default']]);
    });

    it('creates workspaces with an owner, members with budgets, and patches them', async () => {
      const store = await fresh();
      await store.createWorkspace({ id: 'eng', name: 'Engineering', createdAt: '2030-01-01T00:00:00.000Z' });
      await assert.rejects(store.createWorkspace({ id: 'eng', name: 'again', createdAt: '2030-01-01T00:00:00.000Z' }));
      const member = {
        id: 'user_ana', workspaceId: 'eng', name: 'Ana', email: 'ana@example.com', limit: '2.5', limitReset: 'weekly' as const,
        includeByokInLimit: true, createdAt: '2030-01-02T00:00:00.000Z', updatedAt: null,
      };
      await store.createMember(member);
      const members = await store.listMembers();
      assert.deepEqual(members.find((m) => m.id === 'user_ana'), member);
      assert.ok(members.some((m) => m.id === 'eng:owner' && m.workspaceId === 'eng'));
      const updated = await store.updateMember('user_ana', { limit: null, limitReset: null, name: 'Ana B' }, '2030-01-03T00:00:00.000Z');
      assert.deepEqual(updated, { ...member, name: 'Ana B', limit: null, limitReset: null, updatedAt: '2030-01-03T00:00:00.000Z' });
      assert.equal(await store.updateMember('nobody', { name: 'x' }, '2030-01-03T00:00:00.000Z'), undefined);
    });
  });
}
