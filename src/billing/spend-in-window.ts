import type { KeySpend } from '../stores/generation-store.js';
import type { ApiKeyRecord } from '../stores/key-store.js';

/** The spend that counts against a key's limit: the one of its reset window, or all of it. */
export function spendInWindow(key: ApiKeyRecord, spend: KeySpend): bigint {
  switch (key.limitReset) {
    case 'daily':
      return spend.daily;
    case 'weekly':
      return spend.weekly;
    case 'monthly':
      return spend.monthly;
    default:
      return spend.total;
  }
}
