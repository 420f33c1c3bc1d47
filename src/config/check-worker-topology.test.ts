import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkWorkerTopology } from './check-worker-topology.js';

test('one worker runs on any store', () => {
  assert.equal(checkWorkerTopology({ workers: 1, database: 'sqlite:./x.db', redis: undefined }), undefined);
  assert.equal(checkWorkerTopology({ workers: 1, database: 'memory:', redis: undefined }), undefined);
});

test('several workers on SQLite without Redis are refused, naming both missing pieces', () => {
  const reason = checkWorkerTopology({ workers: 2, database: 'sqlite:./x.db', redis: undefined });
  assert.match(reason ?? '', /workers: 2/);
  assert.match(reason ?? '', /SWITCHYARD_DATABASE=postgres:\/\//);
  assert.match(reason ?? '', /SWITCHYARD_REDIS=redis:\/\//);
});

test('several workers need Redis even on PostgreSQL, and PostgreSQL even with Redis', () => {
  const noRedis = checkWorkerTopology({ workers: 4, database: 'postgres://u@h/db', redis: undefined }) ?? '';
  assert.match(noRedis, /SWITCHYARD_REDIS/);
  assert.doesNotMatch(noRedis, /SWITCHYARD_DATABASE/);
  const noPostgres = checkWorkerTopology({ workers: 4, database: 'memory:', redis: 'redis://127.0.0.1:6379' }) ?? '';
  assert.match(noPostgres, /SWITCHYARD_DATABASE/);
  assert.doesNotMatch(noPostgres, /SWITCHYARD_REDIS/);
});

test('several workers on PostgreSQL and Redis are allowed', () => {
  assert.equal(checkWorkerTopology({ workers: 2, database: 'postgresql://u@h:5432/db', redis: 'redis://127.0.0.1:6379' }), undefined);
});
