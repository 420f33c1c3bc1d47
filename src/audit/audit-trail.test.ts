import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryAuditStore } from '../stores/memory/memory-audit-store.js';
import { AuditTrail } from './audit-trail.js';
import { SCRUBBED } from './scrub-audit-values.js';

const actor = { keyHash: 'a'.repeat(64), keyName: 'Management key', ip: '127.0.0.1' };

describe('AuditTrail', () => {
  it('keeps only the changed fields of an update, on both sides', async () => {
    const trail = new AuditTrail(new MemoryAuditStore(), () => 42);
    const entry = await trail.record(actor, {
      action: 'key.update',
      workspaceId: 'default',
      targetId: 'h',
      before: { name: 'a', limit: 5, disabled: false, rate_limits: { rpm: 1 } },
      after: { name: 'a', limit: 10, disabled: false, rate_limits: { rpm: 2 } },
    });
    assert.deepEqual(entry.before, { limit: 5, rate_limits: { rpm: 1 } });
    assert.deepEqual(entry.after, { limit: 10, rate_limits: { rpm: 2 } });
    assert.equal(entry.createdAt, 42);
    assert.equal(entry.actorKeyHash, actor.keyHash);
    assert.equal(entry.ip, '127.0.0.1');
  });

  it('keeps whole values for a creation or a deletion', async () => {
    const trail = new AuditTrail(new MemoryAuditStore());
    const created = await trail.record(actor, { action: 'x.create', workspaceId: 'w', targetId: 't', after: { a: 1, b: 2 } });
    assert.equal(created.before, null);
    assert.deepEqual(created.after, { a: 1, b: 2 });
    const deleted = await trail.record(actor, { action: 'x.delete', workspaceId: 'w', targetId: 't', before: { a: 1 } });
    assert.deepEqual(deleted.before, { a: 1 });
    assert.equal(deleted.after, null);
  });

  it('never stores a secret: secret-named fields at any depth and bearer-looking strings are replaced', async () => {
    const trail = new AuditTrail(new MemoryAuditStore());
    const secret = 'sk-proj-0123456789abcdefghijklmnopqrstuvwxyz';
    const entry = await trail.record(actor, {
      action: 'byok.update',
      workspaceId: 'w',
      targetId: 't',
      before: { name: 'old', key: null },
      after: { name: 'new', key: secret, nested: [{ api_key: 'x'.repeat(40), note: `see ${secret}` }], label: 'sk-or-v1-abc...123' },
    });
    const text = JSON.stringify(entry);
    assert.ok(!text.includes(secret), text);
    assert.ok(!text.includes('x'.repeat(40)), text);
    assert.deepEqual(entry.after, { name: 'new', key: SCRUBBED, nested: [{ api_key: SCRUBBED, note: SCRUBBED }], label: 'sk-or-v1-abc...123' });
    // A rotation shows as a change without either value.
    assert.deepEqual(entry.before, { name: 'old', key: null });
  });
});
