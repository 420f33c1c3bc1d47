import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryDashboardSessionStore } from '../stores/memory/memory-dashboard-session-store.js';
import { DashboardSessions, SESSION_TOKEN_PREFIX } from './dashboard-sessions.js';
import { hashApiKey } from './mint-api-key.js';
import { KeyRegistry } from './key-registry.js';
import { MemoryKeyStore } from '../stores/memory/memory-key-store.js';
import type { ApiKeyRecord } from '../stores/key-store.js';

const managementRecord = (key: string): ApiKeyRecord => ({
  hash: hashApiKey(key),
  kind: 'management',
  name: 'Management key',
  label: 'sk-or-v1-m...',
  disabled: false,
  limit: null,
  limitReset: null,
  includeByokInLimit: false,
  workspaceId: 'default',
  creatorUserId: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: null,
  expiresAt: null,
});

describe('DashboardSessions', () => {
  it('resolves a checked token to its key until it expires or is closed', async () => {
    const sessions = new DashboardSessions({ ttlMs: 1000 });
    const { token, expiresAt } = await sessions.open('k1', 0);
    assert.ok(token.startsWith(SESSION_TOKEN_PREFIX));
    assert.equal(expiresAt, 1000);
    assert.equal(sessions.resolve(hashApiKey(token), 1), undefined, 'resolve answers only for a checked token');
    assert.equal((await sessions.check(hashApiKey(token), 999))?.keyHash, 'k1');
    assert.equal(sessions.resolve(hashApiKey(token), 999)?.keyHash, 'k1');
    assert.equal(sessions.resolve(hashApiKey(token), 1000), undefined);
    assert.equal(await sessions.check(hashApiKey(token), 1000), undefined);
    const second = (await sessions.open('k1', 0)).token;
    await sessions.check(hashApiKey(second), 1);
    await sessions.close(second);
    assert.equal(sessions.resolve(hashApiKey(second), 1), undefined);
  });

  it('two nodes on one store: a sign-out on one is refused on the other at its next check', async () => {
    const store = new MemoryDashboardSessionStore();
    const a = new DashboardSessions({ store });
    const b = new DashboardSessions({ store });
    const { token } = await a.open('k1', 0);
    const tokenHash = hashApiKey(token);
    assert.equal((await b.check(tokenHash, 1))?.keyHash, 'k1');
    assert.equal((await a.check(tokenHash, 1))?.keyHash, 'k1');
    await b.close(token);
    assert.equal(await a.check(tokenHash, 2), undefined);
    assert.equal(a.resolve(tokenHash, 2), undefined, 'the check cleared what node A had seen');
  });

  it('keeps at most maxSessions, dropping the oldest, and closes all of a key', async () => {
    const sessions = new DashboardSessions({ maxSessions: 2 });
    const a = (await sessions.open('k1', 0)).token;
    const b = (await sessions.open('k2', 1)).token;
    const c = (await sessions.open('k1', 2)).token;
    assert.equal(await sessions.check(hashApiKey(a), 3), undefined);
    assert.equal((await sessions.check(hashApiKey(b), 3))?.keyHash, 'k2');
    assert.equal((await sessions.check(hashApiKey(c), 3))?.keyHash, 'k1');
    await sessions.closeAllFor('k1');
    assert.equal(sessions.resolve(hashApiKey(c), 3), undefined);
    assert.equal(await sessions.check(hashApiKey(c), 3), undefined);
    assert.equal((await sessions.check(hashApiKey(b), 3))?.keyHash, 'k2');
  });

  it('hands out distinct unguessable tokens', async () => {
    const sessions = new DashboardSessions();
    const tokens = new Set(await Promise.all(Array.from({ length: 100 }, async () => (await sessions.open('k', 0)).token)));
    assert.equal(tokens.size, 100);
    for (const token of tokens) assert.ok(token.length >= SESSION_TOKEN_PREFIX.length + 43);
  });

  it('a session authenticates as its management key on every registry sharing the store, until the admin key is rotated', async () => {
    const sessions = new MemoryDashboardSessionStore();
    const keys = new MemoryKeyStore();
    const a = await KeyRegistry.load(keys, [managementRecord('sk-or-v1-admin-one')], { sessions });
    const b = await KeyRegistry.load(keys, [managementRecord('sk-or-v1-admin-one')], { sessions });
    const { token } = await a.sessions.open(hashApiKey('sk-or-v1-admin-one'));
    await b.sessions.check(hashApiKey(token));
    assert.equal(b.authenticate(`Bearer ${token}`, 'management').key.name, 'Management key');
    // A node restarted with another admin key: the session still exists, but its key is gone.
    const rotated = await KeyRegistry.load(keys, [managementRecord('sk-or-v1-admin-two')], { sessions });
    assert.ok(await rotated.sessions.check(hashApiKey(token)));
    assert.throws(() => rotated.authenticate(`Bearer ${token}`, 'management'), /Invalid API key/);
  });
});
