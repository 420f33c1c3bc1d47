import { describeLedgerContract } from '../contract/ledger.contract.js';
import { MemoryGenerationStore } from './memory-generation-store.js';
import { MemoryLedger } from './memory-ledger.js';

describeLedgerContract('memory', async () => {
  const generations = new MemoryGenerationStore();
  return { ledger: new MemoryLedger({ generations }), generations, close: async () => {} };
});
