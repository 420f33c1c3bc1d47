function resolveSecret(value, env) {
  if (value === void 0) return void 0;
  if (value.startsWith("env:")) {
    const resolved = env[value.slice(4)];
    return resolved === void 0 || resolved === "" ? void 0 : resolved;
  }
  return value;
}
export {
  resolveSecret
};
//# sourceMappingURL=resolve-secret.js.map
