import { parseUsd } from "../../core/money.js";
function resolvePrices(table) {
  const optional = (value) => value === void 0 ? null : parseUsd(value);
  return {
    prompt: parseUsd(table.prompt),
    completion: parseUsd(table.completion),
    request: table.request === void 0 ? 0n : parseUsd(table.request),
    image: table.image === void 0 ? 0n : parseUsd(table.image),
    inputCacheRead: optional(table.input_cache_read),
    inputCacheWrite: optional(table.input_cache_write),
    inputCacheWrite1h: optional(table.input_cache_write_1h),
    internalReasoning: optional(table.internal_reasoning)
  };
}
export {
  resolvePrices
};
//# sourceMappingURL=resolve-prices.js.map
