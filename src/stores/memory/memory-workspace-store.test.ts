import { describeWorkspaceStoreContract } from '../contract/workspace-store.contract.js';
import { MemoryWorkspaceStore } from './memory-workspace-store.js';

describeWorkspaceStoreContract('memory', async () => ({ store: new MemoryWorkspaceStore(), close: async () => {} }));
