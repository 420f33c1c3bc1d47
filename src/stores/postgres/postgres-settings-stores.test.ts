import { after, describe } from 'node:test';
import { postgresStoresPerTest } from '../../../test/support/postgres-stores-per-test.js';
import { describeAlertStoreContract } from '../contract/alert-store.contract.js';
import { describeAuditStoreContract } from '../contract/audit-store.contract.js';
import { describeByokStoresContract } from '../contract/byok-key-store.contract.js';
import { describeGuardrailStoreContract } from '../contract/guardrail-store.contract.js';
import { describePrivacyStoreContract } from '../contract/privacy-store.contract.js';
import type { PostgresStoreSet } from './open-postgres-stores.js';

const { skip, fresh } = postgresStoresPerTest();

describe('PostgreSQL stores: privacy, guardrails, audit, alerts, BYOK, key rate limits', { skip }, () => {
  describeAlertStoreContract('postgres', async () => {
    const stores = await fresh();
    return { store: stores.alerts, close: () => stores.close() };
  });
  describeAuditStoreContract('postgres', async () => {
    const stores = await fresh();
    return { store: stores.audit, close: () => stores.close() };
  });
  describePrivacyStoreContract('postgres', async () => {
    const stores = await fresh();
    return { store: stores.privacy, close: () => stores.close() };
  });
  describeGuardrailStoreContract('postgres', async () => {
    const stores = await fresh();
    return { store: stores.guardrails, close: () => stores.close() };
  });
  // This contract takes bare stores: close what it opened at the end.
  const opened: PostgresStoreSet[] = [];
  after(async () => {
    for (const stores of opened) await stores.close();
  });
  const track = async () => {
    const stores = await fresh();
    opened.push(stores);
    return stores;
  };
  describeByokStoresContract('postgres', {
    byok: async () => (await track()).byokKeys,
    rateLimits: async () => (await track()).keyRateLimits,
  });
});
