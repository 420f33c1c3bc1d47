import type { GenerationStore } from './generation-store.js';
import type { KeyStore } from './key-store.js';

/** Every store the gateway uses, opened together from one database URL. */
export interface StoreSet {
  keys: KeyStore;
  generations: GenerationStore;
  /** Cheap round-trip used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
