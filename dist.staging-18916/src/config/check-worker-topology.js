function checkWorkerTopology(config) {
  if (config.workers <= 1) return void 0;
  const missing = [];
  if (!/^postgres(ql)?:\/\//.test(config.database)) {
    missing.push(`a shared database: set SWITCHYARD_DATABASE=postgres://\u2026 (config \`database\`; now ${describeDatabase(config.database)})`);
  }
  if (!config.redis) {
    missing.push("shared hot state for rate limits, the response cache and revocation: set SWITCHYARD_REDIS=redis://\u2026 (config `redis`)");
  }
  if (missing.length === 0) return void 0;
  return [
    `workers: ${config.workers} cannot keep budgets, rate limits, cache and revocation exact across processes without`,
    ...missing.map((line) => `  - ${line}`),
    "or run a single process (workers: 1, the default)."
  ].join("\n");
}
function describeDatabase(database) {
  if (database.startsWith("memory:")) return "memory: (in-process)";
  if (database.startsWith("sqlite:")) return "SQLite, one process per file";
  return "unsupported";
}
export {
  checkWorkerTopology
};
//# sourceMappingURL=check-worker-topology.js.map
