/**
 * A StoreSet that lives in process memory: unit tests, and a gateway started without persistence.
 */
import type { StoreSet } from '../store-set.js';
import { MemoryAlertStore } from './memory-alert-store.js';
import { MemoryByokKeyStore } from './memory-byok-key-store.js';
import { MemoryGenerationStore } from './memory-generation-store.js';
import { MemoryKeyRateLimitStore } from './memory-key-rate-limit-store.js';
import { MemoryKeyStore } from './memory-key-store.js';
import { MemoryLedger } from './memory-ledger.js';
import { MemoryWorkspaceStore } from './memory-workspace-store.js';
import { MemoryPrivacyStore } from './memory-privacy-store.js';
import { MemoryGuardrailStore } from './memory-guardrail-store.js';
import { MemoryAuditStore } from './memory-audit-store.js';
import { MemoryDashboardSessionStore } from './memory-dashboard-session-store.js';
import { MemoryBatchStore } from './memory-batch-store.js';
import { MemoryFileStore } from './memory-file-store.js';

/** Opens empty in-memory stores; nothing survives close(). */
export async function openMemoryStores(): Promise<StoreSet> {
  const generations = new MemoryGenerationStore();
  const batches = new MemoryBatchStore();
  const files = new MemoryFileStore();
  files.inUse = (fileId) => batches.readsFile(fileId);
  return {
    keys: new MemoryKeyStore(),
    generations,
    workspaces: new MemoryWorkspaceStore(),
    ledger: new MemoryLedger({ generations }),
    keyRateLimits: new MemoryKeyRateLimitStore(),
    byokKeys: new MemoryByokKeyStore(),
    privacy: new MemoryPrivacyStore(),
    guardrails: new MemoryGuardrailStore(),
    audit: new MemoryAuditStore(),
    alerts: new MemoryAlertStore(),
    dashboardSessions: new MemoryDashboardSessionStore(),
    files,
    batches,
    async ping() {},
    async close() {},
  };
}
