/**
 * `npm run bench:workers [-- --duration S --rounds N --connections C] [-- --profile]`
 *
 * Throughput of one gateway process vs `--workers 2` on this machine, both on the same throwaway
 * PostgreSQL + Redis (the scale-out topology; several workers are refused on SQLite). Closed loop
 * (autocannon, C keep-alive connections), non-streamed chat completions, a key with a spending
 * limit (reservation + settlement on every request), the default log level, as shipped (compiled).
 *
 * The upstream is bench/bare-upstream.ts: one process answering a canned completion without
 * parsing, far cheaper per request than the gateway, so it is not the bottleneck. Everything runs
 * on this machine, unpinned: load generator (this process), upstream, PostgreSQL, Redis and the
 * gateway process(es) share its cores, so the ratio is what a second worker buys on a shared box,
 * not on dedicated cores. Gateway CPU per request (all its processes, from /proc) is load-robust.
 * The rest of the machine's CPU per request (this load generator, the upstream, PostgreSQL and
 * Redis) is measured the same way, and the run prints the ceiling they leave: all cores busy, each
 * request costing both, so what a 2-worker ratio can reach on this box at all.
 * `--profile` runs one worker only, under `node --cpu-prof`, and prints where its time went (the
 * .cpuprofile stays in bench/results/profiles/workers/).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { startPostgres } from '../test/support/start-postgres.js';
import { startRedis } from '../test/support/start-redis.js';
import { BenchProcessGroup } from './manage-bench-processes.js';
import { readProcessCpuMs } from './read-process-cpu.js';
import { summarizeCpuProfile, type CpuProfile } from './summarize-cpu-profile.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ADMIN = 'sk-or-v1-bench0workers000000000000000000000000000000000000000000000';
const START_TIMEOUT_MS = 60_000;
const PROFILE_DIR = fileURLToPath(new URL('./results/profiles/workers/', import.meta.url));

interface AutocannonResult {
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
  latency: { p50: number; p99: number };
}
type Autocannon = (options: { url: string; method: string; headers: Record<string, string>; body: string; connections: number; duration: number }) => Promise<AutocannonResult>;
// autocannon ships no types; take only the call shape above.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

interface Sample {
  workers: number;
  rps: number;
  p50: number;
  p99: number;
  failed: number;
  cpuUsPerRequest: number | undefined;
  /** CPU per request of everything else the run needs: load generator, upstream, PostgreSQL, Redis. */
  restCpuUsPerRequest: number | undefined;
}

/** The gateway's processes: the primary and, with workers, its children. */
function processTree(pid: number): number[] {
  try {
    const children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
    return [pid, ...children];
  } catch {
    return [pid];
  }
}
const treeCpuMs = (pids: number[]) => pids.reduce((sum, pid) => sum + (readProcessCpuMs(pid) ?? 0), 0);

/** CPU time of this process (the load generator) so far, in milliseconds. */
const ownCpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

async function runArm(options: {
  workers: number;
  configPath: string;
  dataDir: string;
  durationS: number;
  connections: number;
  /** The other processes serving the run (upstream, PostgreSQL's postmaster, Redis); their children count too. */
  restPids: () => number[];
  /** Run the gateway under `--cpu-prof`; `loadStartS` is set to when the measured load began (s after spawn). */
  profile?: { loadStartS: number };
}): Promise<Sample> {
  const group = new BenchProcessGroup();
  try {
    const spawnedAt = Date.now();
    const gateway = group.spawn({
      name: `switchyard x${options.workers}`,
      args: [...(options.profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, '--cpu-prof-interval=200'] : []), 'dist/src/main.js', '--config', options.configPath, ...(options.workers > 1 ? ['--workers', String(options.workers)] : [])],
      cwd: ROOT,
      // The default log level, as shipped (LOG_LEVEL unset).
      env: { LOG_LEVEL: undefined, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', SWITCHYARD_DATA_DIR: options.dataDir },
    });
    const origin = (await gateway.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/, START_TIMEOUT_MS))[1] as string;
    const created = await fetch(`${origin}/api/v1/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `bench x${options.workers}`, limit: 1_000_000 }),
    });
    if (created.status !== 201) throw new Error(`creating the key: ${created.status} ${await created.text()}`);
    const { key } = (await created.json()) as { key: string };
    const load = {
      url: `${origin}/api/v1/chat/completions`,
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'bench/echo', max_tokens: 64, messages: [{ role: 'user', content: 'Say something short.' }] }),
      connections: options.connections,
    };
    await autocannon({ ...load, duration: 3 }); // warm-up: JIT, pools, both workers' connections
    const pids = processTree(gateway.pid);
    const restPids = options.restPids().flatMap(processTree);
    if (options.profile) options.profile.loadStartS = (Date.now() - spawnedAt) / 1000;
    const cpuBefore = treeCpuMs(pids);
    const restBefore = treeCpuMs(restPids) + ownCpuMs();
    const result = await autocannon({ ...load, duration: options.durationS });
    const cpuAfter = treeCpuMs(pids);
    const restAfter = treeCpuMs(restPids) + ownCpuMs();
    const ok = result['2xx'];
    return {
      workers: options.workers,
      rps: ok / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      failed: result.non2xx + result.errors + result.timeouts,
      cpuUsPerRequest: ok > 0 && cpuAfter > 0 ? ((cpuAfter - cpuBefore) * 1000) / ok : undefined,
      restCpuUsPerRequest: ok > 0 ? ((restAfter - restBefore) * 1000) / ok : undefined,
    };
  } finally {
    await group.stopAll();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { duration: { type: 'string' }, rounds: { type: 'string' }, connections: { type: 'string' }, profile: { type: 'boolean', default: false } },
  });
  const durationS = Number(values.duration ?? 15);
  const rounds = Number(values.rounds ?? 1);
  const connections = Number(values.connections ?? 32);
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  const pgServer = await startPostgres();
  if (!pgServer) throw new Error('bench:workers needs PostgreSQL (initdb/postgres binaries); see test/support/start-postgres.ts');
  const redis = await startRedis();
  const upstreamGroup = new BenchProcessGroup();
  const dataDir = await mkdtemp(join(tmpdir(), 'switchyard-bench-workers-'));
  try {
    const upstream = upstreamGroup.spawn({ name: 'bare upstream', args: ['--import', 'tsx', 'bench/bare-upstream.ts', '--port', '0'], cwd: ROOT });
    const upstreamUrl = (await upstream.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/, START_TIMEOUT_MS))[1] as string;
    const configPath = join(dataDir, 'bench.json');
    await writeFile(
      configPath,
      JSON.stringify({
        database: await pgServer.createDatabase('benchworkers'),
        redis: redis.url,
        admin_key: ADMIN,
        master_key: 'bench-workers-master-key-0123456789abcdef0123456789',
        detect_local_providers: false,
        providers: [{ id: 'bare', name: 'Bare', base_url: upstreamUrl, api_key: 'sk-bare' }],
        models: [{ id: 'bench/echo', context_length: 32000, endpoints: [{ provider: 'bare', model: 'echo-1', pricing: { prompt: '0.000001', completion: '0.000002' } }] }],
      }),
    );
    if (values.profile) {
      await rm(PROFILE_DIR, { recursive: true, force: true });
      const restPids = (): number[] => [upstream.pid, pgServer.pid, redis.pid].filter((pid): pid is number => pid !== undefined);
      const profile = { loadStartS: 0 };
      const sample = await runArm({ workers: 1, configPath, dataDir, durationS, connections, restPids, profile });
      // The main thread's profile is the first one written (thread 0).
      const file = (await readdir(PROFILE_DIR)).filter((name) => name.endsWith('.cpuprofile')).sort()[0];
      if (!file) throw new Error(`no profile written in ${PROFILE_DIR}`);
      const written = JSON.parse(await readFile(`${PROFILE_DIR}${file}`, 'utf8')) as CpuProfile;
      console.log(`1 worker under --cpu-prof: ${sample.rps.toFixed(0)} req/s, gateway ${sample.cpuUsPerRequest?.toFixed(0) ?? 'n/a'} µs CPU per request`);
      console.log(`profile ${PROFILE_DIR}${file}`);
      console.log(summarizeCpuProfile(written, { skipSeconds: profile.loadStartS, top: 30 }));
      return;
    }
    const samples: Sample[] = [];
    for (let round = 0; round < rounds; round += 1) {
      // Alternate the order each round so neither arm always runs on a warmer database.
      for (const workers of round % 2 === 0 ? [1, 2] : [2, 1]) {
        const restPids = (): number[] => [upstream.pid, pgServer.pid, redis.pid].filter((pid): pid is number => pid !== undefined);
        samples.push(await runArm({ workers, configPath, dataDir, durationS, connections, restPids }));
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const arm = (workers: number) => samples.filter((sample) => sample.workers === workers);
    console.log(`\n## Throughput, 1 vs 2 worker processes (PostgreSQL + Redis, ${availableParallelism()} cores, ${connections} connections, ${durationS} s × ${rounds} round(s))\n`);
    console.log('| workers | req/s | p50 ms | p99 ms | failed | gateway CPU µs/req | rest of the machine CPU µs/req |');
    console.log('|---|---|---|---|---|---|---|');
    const medianOf = (runs: Sample[], pick: (run: Sample) => number | undefined): number | undefined => {
      const values = runs.map(pick).filter((value): value is number => value !== undefined);
      return values.length ? median(values) : undefined;
    };
    for (const workers of [1, 2]) {
      const runs = arm(workers);
      const cpu = medianOf(runs, (run) => run.cpuUsPerRequest);
      const rest = medianOf(runs, (run) => run.restCpuUsPerRequest);
      console.log(
        `| ${workers} | ${median(runs.map((run) => run.rps)).toFixed(0)} | ${median(runs.map((run) => run.p50)).toFixed(1)} | ${median(runs.map((run) => run.p99)).toFixed(1)} | ${runs.reduce((sum, run) => sum + run.failed, 0)} | ${cpu === undefined ? 'n/a' : cpu.toFixed(0)} | ${rest === undefined ? 'n/a' : rest.toFixed(0)} |`,
      );
    }
    const oneWorkerRps = median(arm(1).map((run) => run.rps));
    const ratio = median(arm(2).map((run) => run.rps)) / oneWorkerRps;
    console.log(`\n2 workers / 1 worker: ×${ratio.toFixed(2)} throughput`);
    // The most any number of workers can serve here: every core busy, each request costing what the
    // 2-worker arm measured in the gateway plus what the rest of the machine spends on it.
    const gateway2 = medianOf(arm(2), (run) => run.cpuUsPerRequest);
    const rest2 = medianOf(arm(2), (run) => run.restCpuUsPerRequest);
    if (gateway2 !== undefined && rest2 !== undefined) {
      const ceiling = (availableParallelism() * 1e6) / (gateway2 + rest2);
      console.log(
        `ceiling on ${availableParallelism()} cores: ${ceiling.toFixed(0)} req/s (${availableParallelism()} s of CPU / (${gateway2.toFixed(0)} + ${rest2.toFixed(0)} µs per request)) = ×${(ceiling / oneWorkerRps).toFixed(2)} one worker's measured throughput`,
      );
    }
  } finally {
    await upstreamGroup.stopAll();
    await redis.stop();
    await pgServer.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
