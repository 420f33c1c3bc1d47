import cluster, { type Worker } from 'node:cluster';

/**
 * The primary process of `workers: N`: forks N gateway processes that share the listen port
 * (node:cluster hands connections out round-robin), restarts one that dies while serving, and
 * stops them all on SIGTERM/SIGINT. A worker that dies before it ever listened is a start failure
 * (bad config, database unreachable, …): the pool stops and exits with that worker's code, so a
 * broken deployment fails as loudly as a single process would.
 */
export function runWorkerPool(options: { workers: number; log: (line: string) => void }): void {
  const { workers, log } = options;
  const listened = new Set<number>();
  let stopping = false;
  let restartsThisMinute = 0;
  const restartWindow = setInterval(() => (restartsThisMinute = 0), 60_000);
  restartWindow.unref();

  const fork = (slot: number): Worker => {
    const worker = cluster.fork({ SWITCHYARD_WORKER_ID: String(slot), SWITCHYARD_WORKERS_TOTAL: String(workers) });
    worker.on('listening', () => listened.add(slot));
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      if (!listened.has(slot)) {
        log(`worker ${slot} failed to start (${signal ?? `exit code ${code}`}); stopping`);
        stopAll(typeof code === 'number' && code !== 0 ? code : 1);
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

  const stopAll = (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined && !worker.isDead());
    if (alive.length === 0) process.exit(exitCode);
    let remaining = alive.length;
    for (const worker of alive) {
      worker.once('exit', () => {
        remaining -= 1;
        if (remaining === 0) process.exit(exitCode);
      });
      worker.process.kill('SIGTERM');
    }
  };

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(1);
    }
    log(`${signal}: stopping ${workers} workers (each finishes its in-flight requests)`);
    stopAll(0);
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));

  log(`Switchyard primary (pid ${process.pid}) starting ${workers} worker processes`);
  for (let slot = 1; slot <= workers; slot += 1) fork(slot);
}
