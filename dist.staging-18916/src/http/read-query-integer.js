import { InvalidRequestError } from "../core/errors/gateway-error.js";
function readQueryInteger(value, options) {
  if (value === void 0 || value === "") return options.fallback;
  const parsed = /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < options.min || parsed > options.max) {
    throw new InvalidRequestError(`${options.name} must be a whole number from ${options.min} to ${options.max}`, { metadata: { parameter: options.name } });
  }
  return parsed;
}
export {
  readQueryInteger
};
//# sourceMappingURL=read-query-integer.js.map
