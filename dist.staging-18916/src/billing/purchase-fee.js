import { parseUsd } from "../core/money.js";
function purchaseFee(amount, setting) {
  if (setting === "none") return 0n;
  const { percent, minimum_usd } = setting === "openrouter" ? { percent: 5.5, minimum_usd: 0.8 } : setting;
  const basisPoints = parseUsd(percent) / 10n ** 8n;
  const fee = (amount * basisPoints + 500000n) / 1000000n;
  const minimum = parseUsd(minimum_usd);
  return fee > minimum ? fee : minimum;
}
export {
  purchaseFee
};
//# sourceMappingURL=purchase-fee.js.map
