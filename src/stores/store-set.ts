import type { GenerationStore } from './generation-store.js';
import type { KeyStore } from './key-store.js';
import type { Ledger } from './ledger.js';
import type { WorkspaceStore } from './workspace-store.js';

/** Every store the gateway uses, opened together from one database URL. */
export interface StoreSet {
  keys: KeyStore;
  generations: GenerationStore;
  workspaces: WorkspaceStore;
  ledger: Ledger;
  /** Cheap round-trip used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
