import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AlertEventRecord, AlertRuleRecord, AlertStore } from '../alert-store.js';

const rule = (id: string, workspaceId = 'default'): AlertRuleRecord => ({
  id,
  workspaceId,
  name: `rule ${id}`,
  type: 'budget',
  params: { thresholds_percent: [50, 80, 100] },
  webhookUrl: 'https://hooks.example/alerts',
  createdAt: `2026-12-04T00:00:0${id.length % 10}.000Z`,
});

const event = (id: string, fingerprint: string, firedAt: number, workspaceId = 'default'): AlertEventRecord => ({
  id,
  ruleId: 'r1',
  workspaceId,
  type: 'budget',
  fingerprint,
  summary: 'Key "a" used 80% of its daily limit',
  details: { threshold_percent: 80 },
  firedAt,
});

/** The AlertStore contract every backend passes. */
export function describeAlertStoreContract(name: string, open: () => Promise<{ store: AlertStore; close(): Promise<void> }>): void {
  describe(`AlertStore contract: ${name}`, () => {
    it('rules: create, list per workspace, delete only within the workspace', async () => {
      const { store, close } = await open();
      try {
        await store.createRule(rule('r1'));
        await store.createRule(rule('r22', 'other'));
        assert.deepEqual((await store.listRules('default')).map((r) => r.id), ['r1']);
        assert.deepEqual((await store.listAllRules()).map((r) => r.id).sort(), ['r1', 'r22']);
        assert.deepEqual((await store.listRules('default'))[0], rule('r1'));
        assert.equal(await store.deleteRule('r22', 'default'), false, 'another workspace cannot delete it');
        assert.equal(await store.deleteRule('r22', 'other'), true);
        assert.equal(await store.deleteRule('r22', 'other'), false);
      } finally {
        await close();
      }
    });

    it('rules: update replaces name, type, params and webhook within the workspace only; created_at stays', async () => {
      const { store, close } = await open();
      try {
        await store.createRule(rule('r1'));
        const changed: AlertRuleRecord = { ...rule('r1'), name: 'renamed', type: 'error_rate', params: { threshold_percent: 10 }, webhookUrl: null, createdAt: '2030-01-01T00:00:00.000Z' };
        assert.equal(await store.updateRule({ ...changed, workspaceId: 'other' }), false, 'another workspace cannot change it');
        assert.deepEqual((await store.listRules('default'))[0], rule('r1'));
        assert.equal(await store.updateRule(changed), true);
        assert.deepEqual((await store.listRules('default'))[0], { ...changed, createdAt: rule('r1').createdAt });
        assert.equal(await store.updateRule({ ...changed, id: 'missing' }), false);
      } finally {
        await close();
      }
    });

    it('an event fingerprint is recorded once: the second claim of the same crossing gets false', async () => {
      const { store, close } = await open();
      try {
        assert.equal(await store.recordEvent(event('e1', 'r1:key:k:80:2026-12-04', 1000)), true);
        assert.equal(await store.recordEvent(event('e2', 'r1:key:k:80:2026-12-04', 2000)), false);
        assert.equal(await store.recordEvent(event('e3', 'r1:key:k:100:2026-12-04', 3000)), true);
        await store.recordEvent(event('e4', 'x', 4000, 'other'));
        const events = await store.listEvents('default', { limit: 10 });
        assert.deepEqual(events.map((e) => e.id), ['e3', 'e1'], 'newest first, own workspace only');
        assert.deepEqual(events[1], event('e1', 'r1:key:k:80:2026-12-04', 1000));
        assert.deepEqual((await store.listEvents('default', { limit: 1 })).map((e) => e.id), ['e3']);
      } finally {
        await close();
      }
    });

    it('deliveries: appended per attempt, listed newest first, filtered by event', async () => {
      const { store, close } = await open();
      try {
        const base = { workspaceId: 'default', url: 'https://hooks.example/a' };
        await store.recordDelivery({ ...base, id: 'd1', eventId: 'e1', attempt: 1, at: 10, status: 500, error: null, delivered: false });
        await store.recordDelivery({ ...base, id: 'd2', eventId: 'e1', attempt: 2, at: 20, status: 200, error: null, delivered: true });
        await store.recordDelivery({ ...base, id: 'd3', eventId: 'e2', attempt: 1, at: 30, status: null, error: 'connection refused', delivered: false });
        assert.deepEqual((await store.listDeliveries('default', { limit: 10 })).map((d) => d.id), ['d3', 'd2', 'd1']);
        const forE1 = await store.listDeliveries('default', { limit: 10, eventId: 'e1' });
        assert.deepEqual(forE1.map((d) => [d.attempt, d.status, d.delivered]), [[2, 200, true], [1, 500, false]]);
        assert.deepEqual(await store.listDeliveries('other', { limit: 10 }), []);
      } finally {
        await close();
      }
    });
  });
}
