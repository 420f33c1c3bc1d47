import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DashboardSessions, SESSION_TOKEN_PREFIX } from './dashboard-sessions.js';
import { hashApiKey } from './mint-api-key.js';

describe('DashboardSessions', () => {
  it('resolves a token to its key until it expires or is closed', () => {
    const sessions = new DashboardSessions({ ttlMs: 1000 });
    const { token, expiresAt } = sessions.open('k1', 0);
    assert.ok(token.startsWith(SESSION_TOKEN_PREFIX));
    assert.equal(expiresAt, 1000);
    assert.equal(sessions.resolve(hashApiKey(token), 999)?.keyHash, 'k1');
    assert.equal(sessions.resolve(hashApiKey(token), 1000), undefined);
    const second = sessions.open('k1', 0).token;
    sessions.close(second);
    assert.equal(sessions.resolve(hashApiKey(second), 1), undefined);
  });

  it('keeps at most maxSessions, dropping the oldest, and closes all of a key', () => {
    const sessions = new DashboardSessions({ maxSessions: 2 });
    const a = sessions.open('k1', 0).token;
    const b = sessions.open('k2', 0).token;
    const c = sessions.open('k1', 0).token;
    assert.equal(sessions.resolve(hashApiKey(a), 1), undefined);
    assert.equal(sessions.resolve(hashApiKey(b), 1)?.keyHash, 'k2');
    sessions.closeAllFor('k1');
    assert.equal(sessions.resolve(hashApiKey(c), 1), undefined);
    assert.equal(sessions.resolve(hashApiKey(b), 1)?.keyHash, 'k2');
  });

  it('hands out distinct unguessable tokens', () => {
    const sessions = new DashboardSessions();
    const tokens = new Set(Array.from({ length: 100 }, () => sessions.open('k', 0).token));
    assert.equal(tokens.size, 100);
    for (const token of tokens) assert.ok(token.length >= SESSION_TOKEN_PREFIX.length + 43);
  });
});
