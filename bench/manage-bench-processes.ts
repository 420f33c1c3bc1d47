import { execFileSync, spawn, type ChildProcess } from 'node:child_process';

let tasksetAvailable: boolean | undefined;
/** Whether `taskset` (util-linux) can pin processes here. */
export function hasTaskset(): boolean {
  if (tasksetAvailable === undefined) {
    try {
      execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
      tasksetAvailable = true;
    } catch {
      tasksetAvailable = false;
    }
  }
  return tasksetAvailable;
}

/** Pin this process (every thread) to `cpus`; false when taskset is missing. */
export function pinSelf(cpus: string): boolean {
  if (!hasTaskset()) return false;
  execFileSync('taskset', ['-a', '-p', '-c', cpus, String(process.pid)], { stdio: 'ignore' });
  return true;
}

/** One child process started by the benchmark. */
export interface BenchProcess {
  name: string;
  /** The pid of the node process itself (no shell or tsx wrapper in between). */
  pid: number;
  child: ChildProcess;
  /** Everything the child printed so far (stdout and stderr), capped. */
  output(): string;
  /** Resolve with the first match of `pattern` in the output, or reject after `timeoutMs` or on exit. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
}

export interface SpawnOptions {
  name: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Pin the process to these CPUs (`taskset -c`), when taskset exists. */
  cpus?: string;
  /** Run node under this command, e.g. `['valgrind', '--tool=callgrind']` (the pid is then the wrapper's, which execs node). */
  wrapper?: string[];
}

const MAX_OUTPUT_CHARS = 64 * 1024;

/**
 * The simulator, the gateway and the peer run as separate node processes so
 * that none shares an event loop with the load generator. The group kills
 * every child it started when the benchmark ends, on success, error or signal.
 */
export class BenchProcessGroup {
  readonly #children = new Set<BenchProcess>();
  #exitHookInstalled = false;

  spawn(options: SpawnOptions): BenchProcess {
    this.#installExitHook();
    // taskset execs node in place, so the pid is node's own.
    const node = [...(options.wrapper ?? []), process.execPath, ...options.args];
    const [command, ...args] = options.cpus && hasTaskset() ? ['taskset', '-c', options.cpus, ...node] : node;
    const child = spawn(command as string, args as string[], {
      cwd: options.cwd ?? process.cwd(),
      // An env entry set to undefined removes the variable (e.g. LOG_LEVEL, to get the default).
      env: Object.fromEntries(Object.entries({ ...process.env, ...options.env }).filter(([, value]) => value !== undefined)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid === undefined) throw new Error(`could not start ${options.name}`);
    let output = '';
    const listeners = new Set<() => void>();
    const append = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-MAX_OUTPUT_CHARS);
      for (const listener of listeners) listener();
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    const proc: BenchProcess = {
      name: options.name,
      pid: child.pid,
      child,
      output: () => output,
      waitFor(pattern, timeoutMs) {
        return new Promise((resolve, reject) => {
          const done = (): void => {
            clearTimeout(timer);
            listeners.delete(check);
            child.off('exit', onExit);
          };
          const check = (): void => {
            const match = output.match(pattern);
            if (match) {
              done();
              resolve(match);
            }
          };
          const onExit = (code: number | null): void => {
            done();
            reject(new Error(`${options.name} exited (code ${code}) before printing ${pattern}:\n${output.slice(-2000)}`));
          };
          const timer = setTimeout(() => {
            done();
            reject(new Error(`${options.name} did not print ${pattern} within ${timeoutMs} ms:\n${output.slice(-2000)}`));
          }, timeoutMs);
          listeners.add(check);
          child.once('exit', onExit);
          check();
        });
      },
    };
    this.#children.add(proc);
    child.once('exit', () => this.#children.delete(proc));
    return proc;
  }

  /** SIGTERM every child (graceful: lets `--cpu-prof` write its file), SIGKILL after `graceMs`. */
  async stopAll(graceMs = 4000): Promise<void> {
    const running = [...this.#children];
    await Promise.all(
      running.map(
        (proc) =>
          new Promise<void>((resolve) => {
            if (proc.child.exitCode !== null || proc.child.signalCode !== null) return resolve();
            const timer = setTimeout(() => {
              proc.child.kill('SIGKILL');
            }, graceMs);
            proc.child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            proc.child.kill('SIGTERM');
          }),
      ),
    );
  }

  /** Last resort when the benchmark process itself ends: nothing may outlive it. */
  #killAllNow(): void {
    for (const proc of this.#children) {
      if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
    }
  }

  #installExitHook(): void {
    if (this.#exitHookInstalled) return;
    this.#exitHookInstalled = true;
    process.once('exit', () => this.#killAllNow());
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(signal, () => {
        this.#killAllNow();
        process.exit(130);
      });
    }
  }
}
