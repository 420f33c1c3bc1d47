import cluster from "node:cluster";
function runWorkerPool(options) {
  const { workers, log } = options;
  const listened = /* @__PURE__ */ new Set();
  let stopping = false;
  let restartsThisMinute = 0;
  const restartWindow = setInterval(() => restartsThisMinute = 0, 6e4);
  restartWindow.unref();
  const fork = (slot) => {
    const worker = cluster.fork({ SWITCHYARD_WORKER_ID: String(slot), SWITCHYARD_WORKERS_TOTAL: String(workers) });
    worker.on("listening", () => listened.add(slot));
    worker.on("exit", (code, signal) => {
      if (stopping) return;
      if (!listened.has(slot)) {
        log(`worker ${slot} failed to start (${signal ?? `exit code ${code}`}); stopping`);
        stopAll(typeof code === "number" && code !== 0 ? code : 1);
        return;
      }
      restartsThisMinute += 1;
      if (restartsThisMinute > workers * 3) {
        log(`worker ${slot} exited (${signal ?? `exit code ${code}`}); too many restarts in a minute, stopping`);
        stopAll(1);
        return;
      }
      log(`worker ${slot} exited (${signal ?? `exit code ${code}`}); starting a new one`);
      listened.delete(slot);
      setTimeout(() => {
        if (!stopping) fork(slot);
      }, 200);
    });
    return worker;
  };
  const stopAll = (exitCode) => {
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((worker) => worker !== void 0 && !worker.isDead());
    if (alive.length === 0) process.exit(exitCode);
    let remaining = alive.length;
    for (const worker of alive) {
      worker.once("exit", () => {
        remaining -= 1;
        if (remaining === 0) process.exit(exitCode);
      });
      worker.process.kill("SIGTERM");
    }
  };
  let signals = 0;
  const onSignal = (signal) => {
    signals += 1;
    if (signals > 1) {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(1);
    }
    log(`${signal}: stopping ${workers} workers (each finishes its in-flight requests)`);
    stopAll(0);
  };
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  process.on("SIGINT", () => onSignal("SIGINT"));
  log(`Switchyard primary (pid ${process.pid}) starting ${workers} worker processes`);
  for (let slot = 1; slot <= workers; slot += 1) fork(slot);
}
export {
  runWorkerPool
};
//# sourceMappingURL=run-worker-pool.js.map
