import { describeLedgerContract } from '../contract/ledger.contract.js';
import { MemoryLedger } from './memory-ledger.js';

describeLedgerContract('memory', async () => ({ ledger: new MemoryLedger(), close: async () => {} }));
