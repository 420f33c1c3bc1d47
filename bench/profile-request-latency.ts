/**
 * `tsx bench/profile-request-latency.ts [plain|stream] [--rate N] [--seconds N] [--rounds N]`
 *
 * Where a request's latency goes, phase by phase, in the gateway and in the bare proxy (the floor),
 * under the benchmark's setup (compiled gateway with a capped key and default logging, pinned to
 * CPU 0; simulator and load on CPU 1). Both run with bench/record-request-phases.mjs preloaded: it
 * reads Node's HTTP server, undici and the pipeline's stage-timings diagnostics channels and keeps
 * the requests that ran alone. The load is the benchmark's: open loop, whole 16-word answers at
 * 500 req/s (`plain`, the added-p50 row) or 64-chunk streams at 200/s (`stream`, the added-TTFT
 * row), rounds interleaved direct → floor → gateway after a warm-up. The report is each process's
 * median timeline (each mark's median time since the request's arrival, and the median gap from
 * the mark before it), beside the client-side medians of the three targets (whole-answer latency,
 * or time to the first content chunk): what the gateway does before the upstream request leaves and
 * after its answer arrives, against what the floor does there.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BenchProcessGroup } from './manage-bench-processes.js';
import { measureLatency } from './measure-latency.js';
import { measureStreaming } from './measure-streaming.js';
import { pickPercentile } from './pick-percentile.js';
import { printReportAndExit } from './print-report-and-exit.js';
import { startBenchTargets, type BenchTarget } from './start-bench-targets.js';
import { summarizeRequestPhases, type PhaseSample } from './summarize-request-phases.js';

const PRELOAD = fileURLToPath(new URL('./record-request-phases.mjs', import.meta.url));
const WARMUP_S = 2;
const FILE_TIMEOUT_MS = 10_000;

/** Asks the process to write what its preload kept (and forget it), then reads that. */
async function collectPhases(dir: string, pid: number): Promise<PhaseSample[]> {
  const path = join(dir, `${pid}.json`);
  await rm(path, { force: true });
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + FILE_TIMEOUT_MS;
  for (;;) {
    // The preload renames the whole file into place, so a file that exists is complete.
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text !== undefined) return JSON.parse(text) as PhaseSample[];
    if (Date.now() > deadline) throw new Error(`process ${pid} wrote no phases to ${path} within ${FILE_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function renderTimeline(title: string, samples: PhaseSample[]): string {
  const rows = summarizeRequestPhases(samples);
  const us = (ms: number | undefined) => (ms === undefined ? '' : (ms * 1000).toFixed(0));
  return [
    `${title}: ${samples.length} requests that ran alone; µs since arrival (request headers parsed), median`,
    '| mark | at | since previous | requests |',
    '|:--|--:|--:|--:|',
    ...rows.map((row) => `| ${row.name} | ${us(row.atMs)} | ${us(row.sincePreviousMs)} | ${row.samples} |`),
  ].join('\n');
}

async function main(argv: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { rate: { type: 'string' }, seconds: { type: 'string', default: '5' }, rounds: { type: 'string', default: '3' } },
  });
  const stream = positionals[0] === 'stream';
  const rate = Number(values.rate ?? (stream ? 200 : 500));
  const seconds = Number(values.seconds);
  const rounds = Number(values.rounds);
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-phases-'));
  // Inherited by the children the group spawns: where the preload writes.
  process.env.SWITCHYARD_PHASES_DIR = dir;
  const group = new BenchProcessGroup();
  const preload = ['--import', PRELOAD];
  const started = await startBenchTargets(group, { gatewayNodeFlags: preload, floorNodeFlags: preload });
  try {
    const byName = (name: string) => started.targets.find((target) => target.name === name) as BenchTarget;
    const targets = [byName('direct'), byName('floor'), byName('switchyard')];
    const body = (model: string) =>
      JSON.stringify({ model, ...(stream ? { stream: true } : {}), messages: [{ role: 'user', content: `Say something back. [[sim:words=${stream ? 64 : 16}]]` }] });
    // The client-side median: a whole answer's latency, or a stream's time to its first content chunk.
    const run = async (target: BenchTarget, durationS: number): Promise<number> =>
      stream
        ? (await measureStreaming(target, { body: body(target.model), ttftRate: rate, ttftDurationS: durationS, concurrency: 0, durationS: 0 })).ttft.p50Ms
        : (await measureLatency(target, { rate, durationS, connections: 32, body: body(target.model) })).p50Ms;
    for (const target of targets) await run(target, WARMUP_S);
    await collectPhases(dir, started.floor.pid);
    await collectPhases(dir, started.gateway.pid);
    const p50s = new Map<string, number[]>(targets.map((target) => [target.name, []]));
    for (let round = 0; round < rounds; round += 1) {
      for (const target of targets) p50s.get(target.name)?.push(await run(target, seconds));
    }
    const floorSamples = await collectPhases(dir, started.floor.pid);
    const gatewaySamples = await collectPhases(dir, started.gateway.pid);
    const median = (list: number[]) => pickPercentile(Float64Array.from(list).sort(), 50);
    const direct = median(p50s.get('direct') ?? []);
    const client = targets.map((target) => {
      const p50 = median(p50s.get(target.name) ?? []);
      return `${target.name} ${(p50 * 1000).toFixed(0)} µs${target.name === 'direct' ? '' : ` (+${((p50 - direct) * 1000).toFixed(0)})`}`;
    });
    return [
      `${stream ? '64-chunk streams' : 'Whole 16-word answers'} at ${rate}/s open loop, ${rounds} interleaved rounds × ${seconds} s after a ${WARMUP_S} s warm-up${started.pinning ? '; proxies on CPU 0, simulator and load on CPU 1' : ''}.`,
      `Client-side ${stream ? 'time to first content chunk' : 'latency'}, p50 (median of rounds): ${client.join(', ')}.`,
      '',
      renderTimeline('floor (bench/bare-proxy.ts)', floorSamples),
      '',
      renderTimeline('switchyard (compiled, capped key, default logging)', gatewaySamples),
    ].join('\n');
  } finally {
    await group.stopAll();
    await started.cleanup();
    await rm(dir, { recursive: true, force: true });
  }
}

printReportAndExit(main(process.argv.slice(2)));
