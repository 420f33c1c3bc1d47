import type { ByokKeyStore } from './byok-key-store.js';
import type { GenerationStore } from './generation-store.js';
import type { KeyRateLimitStore } from './key-rate-limit-store.js';
import type { KeyStore } from './key-store.js';
import type { Ledger } from './ledger.js';
import type { WorkspaceStore } from './workspace-store.js';
import type { PrivacyStore } from './privacy-store.js';
import type { GuardrailStore } from './guardrail-store.js';
import type { AuditStore } from './audit-store.js';
import type { AlertStore } from './alert-store.js';
import type { DashboardSessionStore } from './dashboard-session-store.js';
import type { BatchStore } from './batch-store.js';
import type { FileStore } from './file-store.js';

/** Every store the gateway uses, opened together from one database URL. */
export interface StoreSet {
  keys: KeyStore;
  generations: GenerationStore;
  workspaces: WorkspaceStore;
  ledger: Ledger;
  /** Per-key rate-limit overrides. */
  keyRateLimits: KeyRateLimitStore;
  /** Encrypted BYOK provider keys and the master-key check. */
  byokKeys: ByokKeyStore;
  privacy: PrivacyStore;
  guardrails: GuardrailStore;
  /** Append-only trail of management changes and dashboard sign-ins. */
  audit: AuditStore;
  /** Alert rules, fired events (one per crossing) and webhook deliveries. */
  alerts: AlertStore;
  /** Dashboard sign-in sessions (shared by every node on the database). */
  dashboardSessions: DashboardSessionStore;
  /** Batch API files (metadata; the bytes are on disk) and batches. */
  files: FileStore;
  batches: BatchStore;
  /** Cheap round-trip used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
