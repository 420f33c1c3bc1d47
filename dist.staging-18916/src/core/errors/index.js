export * from "./error-codes.js";
export * from "./gateway-error.js";
export * from "./upstream-error.js";
//# sourceMappingURL=index.js.map
