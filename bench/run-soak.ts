/**
 * `npm run bench:soak [-- --duration-s 600] [-- --rate 200] [-- --warmup-s 30] [-- --max-growth-mb 10]`
 *
 * Issue #14's soak: the compiled gateway (default log level, SQLite, a key with a spend limit, as
 * in `npm run bench`) under a steady open-loop load against the OpenAI simulator — every fourth
 * request streamed — for `--duration-s` after a warm-up, with its resident memory sampled every
 * second. Prints the samples' least-squares slope and what the fitted line grew by; exits 1 when
 * that growth exceeds `--max-growth-mb` or requests failed. The duration is a flag so that a test
 * can run a short soak (bench/run-soak.test.ts); the figure is the 10-minute default.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { Pool } from 'undici';
import { fitRssTrend, type RssSample } from './fit-rss-trend.js';
import { BenchProcessGroup } from './manage-bench-processes.js';
import { readProcessMemory } from './read-process-memory.js';
import { ADMIN_KEY, createInferenceKey, renderGatewayConfig, waitForHttp } from './start-bench-targets.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const SAMPLE_MS = 1000;
/** Requests in flight beyond which the load generator counts a due request as not sent (behind). */
const MAX_IN_FLIGHT = 512;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'duration-s': { type: 'string', default: '600' },
      'warmup-s': { type: 'string', default: '30' },
      rate: { type: 'string', default: '200' },
      'max-growth-mb': { type: 'string', default: '10' },
    },
  });
  const durationS = Number(values['duration-s']);
  const warmupS = Number(values['warmup-s']);
  const rate = Number(values.rate);
  const maxGrowthMb = Number(values['max-growth-mb']);
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  const group = new BenchProcessGroup();
  const dataDir = await mkdtemp(join(tmpdir(), 'switchyard-soak-'));
  try {
    const simulator = group.spawn({ name: 'simulator', args: ['--import', 'tsx', 'sim/openai/main.ts', '--port', '0', '--host', '127.0.0.1'], cwd: ROOT });
    const simUrl = (await simulator.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/, START_TIMEOUT_MS))[1] as string;
    const configPath = join(dataDir, 'soak.yaml');
    await writeFile(configPath, renderGatewayConfig(dataDir, simUrl));
    const gateway = group.spawn({
      name: 'switchyard',
      args: ['dist/src/main.js', '--config', configPath],
      cwd: ROOT,
      env: { LOG_LEVEL: undefined, SWITCHYARD_ADMIN_KEY: ADMIN_KEY, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production' },
    });
    const origin = (await gateway.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/, START_TIMEOUT_MS))[1] as string;
    await waitForHttp(`${origin}/healthz`);
    const apiKey = await createInferenceKey(origin, 'soak (capped)');
    const idle = readProcessMemory(gateway.pid);
    log(`gateway pid ${gateway.pid}, idle RSS ${idle?.rssMb.toFixed(0)} MB; ${rate} req/s, ${warmupS} s warm-up, ${durationS} s measured`);

    const pool = new Pool(origin, { connections: 64 });
    const load = steadyLoad(pool, { rate, apiKey });
    await sleep(warmupS * 1000);
    const samples: RssSample[] = [];
    const started = performance.now();
    const sentBefore = load.sent;
    while (performance.now() - started < durationS * 1000) {
      const memory = readProcessMemory(gateway.pid);
      if (memory) samples.push({ atS: (performance.now() - started) / 1000, rssMb: memory.rssMb });
      await sleep(SAMPLE_MS);
    }
    const memory = readProcessMemory(gateway.pid);
    if (memory) samples.push({ atS: (performance.now() - started) / 1000, rssMb: memory.rssMb });
    const measuredRate = (load.sent - sentBefore) / ((performance.now() - started) / 1000);
    await load.stop();
    await pool.close();

    const trend = fitRssTrend(samples);
    const flat = trend.fittedGrowthMb <= maxGrowthMb;
    const bad = load.failed + load.behind;
    process.stdout.write(
      [
        '',
        `Soak: ${durationS} s at ${rate} req/s (sent ${measuredRate.toFixed(0)}/s; every 4th streamed) after ${warmupS} s of warm-up; RSS sampled every ${SAMPLE_MS / 1000} s.`,
        '| idle MB | first MB | last MB | min MB | max MB | slope MB/min | fitted growth MB | requests | failed | behind |',
        '|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
        `| ${idle?.rssMb.toFixed(0) ?? 'n/a'} | ${trend.firstMb.toFixed(0)} | ${trend.lastMb.toFixed(0)} | ${trend.minMb.toFixed(0)} | ${trend.maxMb.toFixed(0)} | ${trend.slopeMbPerMin.toFixed(2)} | ${trend.fittedGrowthMb.toFixed(1)} | ${load.sent} | ${load.failed} | ${load.behind} |`,
        '',
        `goal: ${'RSS flat under steady load'.padEnd(44, '.')} ${flat ? 'MET   ' : 'MISSED'} fitted growth ${trend.fittedGrowthMb.toFixed(1)} MB over ${durationS} s (limit ${maxGrowthMb} MB)`,
        '',
      ].join('\n'),
    );
    return flat && bad === 0 ? 0 : 1;
  } finally {
    await group.stopAll();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Sends `rate` requests a second until stopped, whatever the answers' pace (open loop). */
function steadyLoad(pool: Pool, options: { rate: number; apiKey: string }) {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}` };
  const body = (stream: boolean) =>
    JSON.stringify({ model: 'bench/echo', ...(stream ? { stream: true } : {}), messages: [{ role: 'user', content: `Say something back. [[sim:words=${stream ? 64 : 16}]]` }] });
  const bodies = [body(true), body(false), body(false), body(false)];
  const state = { sent: 0, failed: 0, behind: 0 };
  let inFlight = 0;
  let running = true;
  const pending = new Set<Promise<void>>();
  const send = (index: number): void => {
    inFlight += 1;
    const request = pool
      .request({ method: 'POST', path: '/api/v1/chat/completions', headers, body: bodies[index % bodies.length] })
      .then(async (res) => {
        const text = await res.body.text();
        if (res.statusCode !== 200 || (index % bodies.length === 0 && !text.includes('[DONE]'))) state.failed += 1;
      })
      .catch(() => {
        state.failed += 1;
      })
      .finally(() => {
        inFlight -= 1;
        pending.delete(request);
      });
    pending.add(request);
  };
  const started = performance.now();
  let due = 0;
  const timer = setInterval(() => {
    if (!running) return;
    const target = Math.floor(((performance.now() - started) / 1000) * options.rate);
    for (; due < target; due++) {
      if (inFlight >= MAX_IN_FLIGHT) state.behind += 1;
      else send(state.sent++);
    }
  }, 5);
  return {
    get sent() {
      return state.sent;
    },
    get failed() {
      return state.failed;
    },
    get behind() {
      return state.behind;
    },
    async stop() {
      running = false;
      clearInterval(timer);
      await Promise.all(pending);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function log(message: string): void {
  process.stderr.write(`[soak] ${message}\n`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
