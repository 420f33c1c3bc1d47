import type { SwitchyardConfig } from '../config/config-schema.js';
import { parseUsd, type Picodollars } from '../core/money.js';

/**
 * The fee recorded on a credit purchase, paid on top of the credits (as OpenRouter's card
 * purchases: $10 of credits cost $10.80). Off for self-hosting; `openrouter` is 5.5% with a
 * $0.80 minimum; a custom percent/minimum suits resellers. Rounded half up to the picodollar.
 */
export function purchaseFee(amount: Picodollars, setting: SwitchyardConfig['billing']['purchase_fee']): Picodollars {
  if (setting === 'none') return 0n;
  const { percent, minimum_usd } = setting === 'openrouter' ? { percent: 5.5, minimum_usd: 0.8 } : setting;
  // percent as an exact ratio of integers: 5.5 → 55 / 1000.
  const basisPoints = parseUsd(percent) / 10n ** 8n; // percent × 10_000
  const fee = (amount * basisPoints + 500_000n) / 1_000_000n;
  const minimum = parseUsd(minimum_usd);
  return fee > minimum ? fee : minimum;
}
