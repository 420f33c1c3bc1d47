/**
 * `npm run bench [-- --rounds N] [-- --quick] [-- --profile] [-- --node-flags "--flag …"]`
 *
 * Starts the OpenAI simulator, a bare Node proxy (the floor), Portkey and Switchyard as separate
 * processes on 127.0.0.1 — the proxies pinned to CPU 0, the simulator and this load generator to
 * CPU 1 — then measures every target (direct, floor, portkey, switchyard with a capped key and the
 * default log level, and the same with every built-in guardrail) in interleaved rounds (the order
 * rotates every round): closed-loop throughput and CPU per request (autocannon), open-loop latency
 * at 500 and 2,000 req/s (undici + hrtime), streaming TTFT at 200 streams/s and closed-loop
 * streams/s, and resident memory idle and peak. Prints medians, ratios and the goals of issue #14
 * and writes bench/results/latest.json. `--profile` runs the gateway under `node --cpu-prof` and
 * leaves the .cpuprofile in bench/results/profiles/. `--node-flags` adds node flags to the gateway's
 * command line (for trying V8 options; the published run uses none).
 * Then the slow-streams scenario: 1,000 streams held open at once (`--slow-streams N`, 0 to skip)
 * against floor, portkey and switchyard, a chunk every 100 ms for 10 s, with each process's peak
 * resident memory. `--slow-streams-only` runs that scenario alone.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatBenchTable } from './format-bench-table.js';
import { BenchProcessGroup } from './manage-bench-processes.js';
import { formatSlowStreamsTable } from './format-slow-streams-table.js';
import { measureSlowStreams, type SlowStreamsOptions, type SlowStreamsSample } from './measure-slow-streams.js';
import { measureLatency, type LatencyOptions, type LatencySample } from './measure-latency.js';
import { measureStreaming, type StreamingOptions, type StreamingSample } from './measure-streaming.js';
import { measureThroughput, type ThroughputOptions, type ThroughputSample } from './measure-throughput.js';
import { readMachineInfo } from './read-machine-info.js';
import { readProcessMemory, type ProcessMemory } from './read-process-memory.js';
import { startBenchTargets, type BenchTarget, type TargetName } from './start-bench-targets.js';
import { summarizeBenchRounds, type BenchRound } from './summarize-bench-rounds.js';

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const WATCHDOG_MS = 15 * 60_000;
const RATES = { moderate: 500, high: 2000 };

/** Run the whole benchmark once and return the exit code. */
export async function runBench(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      rounds: { type: 'string' },
      quick: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      'slow-streams': { type: 'string', default: '1000' },
      'slow-streams-only': { type: 'boolean', default: false },
      'node-flags': { type: 'string', default: '' },
    },
  });
  const slowStreams: SlowStreamsOptions = { streams: Number(values['slow-streams']), chunkDelayMs: 100, chunks: 100, timeoutS: 60 };
  const slowOnly = values['slow-streams-only'] === true;
  const quick = values.quick === true;
  const rounds = Number(values.rounds ?? (quick ? 1 : 3));
  const chatBody = (words: number, stream: boolean) => (model: string) =>
    JSON.stringify({
      model,
      ...(stream ? { stream: true } : {}),
      messages: [{ role: 'user', content: `Say something back. [[sim:words=${words}]]` }],
    });
  const plainBody = chatBody(16, false);
  const streamBody = chatBody(64, true);
  const throughput: Omit<ThroughputOptions, 'body'> = { connections: 32, durationS: quick ? 2 : 5 };
  const latency: Omit<LatencyOptions, 'body'> = { rate: RATES.moderate, durationS: quick ? 2 : 4, connections: 32 };
  const latencyHigh: Omit<LatencyOptions, 'body'> = { rate: RATES.high, durationS: quick ? 2 : 4, connections: 128 };
  const streaming: Omit<StreamingOptions, 'body'> = {
    ttftRate: 200,
    ttftDurationS: quick ? 1 : 3,
    concurrency: 32,
    durationS: quick ? 2 : 4,
  };

  const machine = readMachineInfo();
  log(`machine: ${machine.cpuModel}, nproc ${machine.nproc}, node ${machine.node}, load ${machine.loadAvgAtStart.join(' ')}`);
  const group = new BenchProcessGroup();
  const watchdog = setTimeout(() => {
    console.error(`bench: still running after ${WATCHDOG_MS / 1000} s, giving up`);
    process.exit(1); // the group's exit hook kills the children
  }, WATCHDOG_MS);
  watchdog.unref();

  const profileDir = `${RESULTS_DIR}profiles`;
  if (values.profile) await mkdir(profileDir, { recursive: true });
  const started = await startBenchTargets(group, {
    gatewayNodeFlags: [...values['node-flags'].split(' ').filter(Boolean), ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
  });
  try {
    const { targets } = started;
    if (values['node-flags']) log(`gateway node flags: ${values['node-flags']}`);
    log(`started: ${targets.map((t) => `${t.name} ${t.origin} (pid ${t.pid})`).join(', ')}`);
    log(started.pinning ? `pinned: proxies on CPU ${started.pinning.proxies}, simulator and load generator on CPU ${started.pinning.load}` : 'not pinned (needs taskset and 2 CPUs)');
    const memoryOf = (read: (pid: number) => ProcessMemory | undefined) =>
      new Map(targets.flatMap((t) => { const m = read(t.pid); return m ? [[t.name, m] as const] : []; }));
    const idleMemory = memoryOf(readProcessMemory);
    if (slowOnly) {
      const table = await runSlowStreams(targets, slowStreams);
      process.stdout.write(`\n${table}\n`);
      return 0;
    }

    // Warm-up: JIT, connection pools and the gateway's first-request paths.
    for (const target of targets) {
      const warm = await measureThroughput(target, { ...throughput, durationS: quick ? 1 : 2, body: plainBody(target.model) });
      await measureStreaming(target, {
        ...streaming,
        ttftDurationS: 0.5,
        durationS: 1,
        body: streamBody(target.model),
      });
      log(`warm-up ${target.name}: ${warm.rps.toFixed(0)} req/s, non2xx ${warm.non2xx}, errors ${warm.errors}`);
    }

    const results: BenchRound[] = [];
    for (let round = 0; round < rounds; round++) {
      const order = rotate(targets, round);
      const entry: BenchRound = { round: round + 1, order: order.map((t) => t.name), results: {} };
      const plain = new Map<TargetName, ThroughputSample>();
      const timed = new Map<TargetName, LatencySample>();
      const timedHigh = new Map<TargetName, LatencySample>();
      const streamed = new Map<TargetName, StreamingSample>();
      for (const target of order) plain.set(target.name, await measureThroughput(target, { ...throughput, body: plainBody(target.model) }));
      for (const target of order) timed.set(target.name, await measureLatency(target, { ...latency, body: plainBody(target.model) }));
      for (const target of order) timedHigh.set(target.name, await measureLatency(target, { ...latencyHigh, body: plainBody(target.model) }));
      for (const target of order) streamed.set(target.name, await measureStreaming(target, { ...streaming, body: streamBody(target.model) }));
      for (const target of order) {
        const r = {
          throughput: plain.get(target.name) as ThroughputSample,
          latency: timed.get(target.name) as LatencySample,
          latencyHigh: timedHigh.get(target.name) as LatencySample,
          streaming: streamed.get(target.name) as StreamingSample,
        };
        entry.results[target.name] = r;
        log(
          `round ${round + 1} ${target.name.padEnd(21)} ${r.throughput.rps.toFixed(0).padStart(6)} req/s` +
            ` (non2xx ${r.throughput.non2xx}, err ${r.throughput.errors})` +
            ` | @${RATES.moderate} p50 ${r.latency.p50Ms.toFixed(3)} p99 ${r.latency.p99Ms.toFixed(3)} ms (n ${r.latency.count})` +
            ` | @${RATES.high} p50 ${r.latencyHigh.p50Ms.toFixed(3)} p99 ${r.latencyHigh.p99Ms.toFixed(3)} ms (n ${r.latencyHigh.count}, bad ${r.latencyHigh.non2xx + r.latencyHigh.errors})` +
            ` | TTFT p50 ${r.streaming.ttft.p50Ms.toFixed(3)} p99 ${r.streaming.ttft.p99Ms.toFixed(3)} ms` +
            ` | ${r.streaming.chunksPerS.toFixed(0)} chunks/s (${r.streaming.chunksPerStream}/stream, err ${r.streaming.errors + r.streaming.non2xx})`,
        );
      }
      results.push(entry);
    }

    const summary = summarizeBenchRounds(results, { idle: idleMemory, peak: memoryOf(readProcessMemory) });
    const table = formatBenchTable(summary, rounds, RATES);
    process.stdout.write(`\n${table}\n`);
    // After the table's memory was read: the slow streams' peak is reported on its own.
    const slowTable = slowStreams.streams > 0 ? await runSlowStreams(targets, slowStreams) : undefined;
    if (slowTable) process.stdout.write(`\n${slowTable}\n`);
    await mkdir(RESULTS_DIR, { recursive: true });
    const file = `${RESULTS_DIR}latest.json`;
    await writeFile(
      file,
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          machine,
          settings: { rounds, quick, throughput, latency, latencyHigh, streaming, pinning: started.pinning, replyWords: { plain: 16, stream: 64 } },
          summary,
          rounds: results,
          slowStreams: slowTable,
        },
        null,
        2,
      )}\n`,
    );
    log(`wrote ${file}`);
    return 0;
  } finally {
    await group.stopAll();
    await started.cleanup();
    clearTimeout(watchdog);
  }
}

/** The slow-streams scenario against the floor, Portkey and Switchyard (direct is the simulator itself). */
async function runSlowStreams(targets: BenchTarget[], options: SlowStreamsOptions): Promise<string> {
  const samples = new Map<string, SlowStreamsSample>();
  for (const target of targets) {
    if (target.name !== 'floor' && target.name !== 'portkey' && target.name !== 'switchyard') continue;
    const sample = await measureSlowStreams(target, options);
    samples.set(target.name, sample);
    log(
      `slow streams ${target.name}: ${sample.completed}/${sample.streams} complete (non2xx ${sample.non2xx}, err ${sample.errors}),` +
        ` RSS ${sample.rssBeforeMb.toFixed(0)} → peak ${sample.rssPeakMb.toFixed(0)} MB in ${sample.durationS.toFixed(1)} s`,
    );
  }
  return formatSlowStreamsTable(samples, options);
}

function rotate<T>(items: T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

runBench(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
