import { describeRateLimitStoreContract } from '../contract/rate-limit-store.contract.js';
import { MemoryRateLimitStore } from './memory-rate-limit-store.js';

describeRateLimitStoreContract('memory', async () => new MemoryRateLimitStore());
