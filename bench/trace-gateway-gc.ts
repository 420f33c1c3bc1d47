/**
 * `tsx bench/trace-gateway-gc.ts [plain|stream] [--seconds N] [--rate N] [--node-flags "--flag …"] [--target floor] [--request KIND] [--keep-trace FILE]`
 *
 * What the gateway's garbage collector does under load: runs the compiled gateway as the
 * benchmark does (pinned to CPU 0, default config, SQLite, a capped key) with V8's
 * `--trace-gc-nvp` written to a file (the trace of a busy process outgrows any captured output),
 * loads it for N seconds (50 connections; whole answers or 64-chunk streams) and prints, for the
 * load window: scavenges and mark-compacts, their main-thread pauses, and what scavenges promoted
 * to the old generation per request. Promotion is what major collections (and the helper threads'
 * concurrent marking) pay for later, and each pause is latency for every request in flight.
 * `--target floor` traces the benchmark's bare Node proxy (bench/bare-proxy.ts) under the same
 * load instead: what Node's HTTP server and undici alone leave to the collector.
 * `--request` (whole answers, gateway only) sends another kind of request than a completion
 * (`answer`), to tell which part of the path leaves what: `cache-hit` (answered from the response
 * cache: no routing, budget or upstream), `unknown-model` (refused at routing), `upstream-error`
 * (routed, reserved and dispatched; the upstream answers 400). `--keep-trace` copies V8's trace to
 * FILE, to read scavenge by scavenge (what each promoted and copied, where the mark-compacts fall).
 * The report also gives the process's resident memory at the end of the load and its peak.
 * `--rate N` (whole answers) paces the load open loop at N requests a second instead, as the
 * benchmark's latency rows do (500 and 2,000): what the collector does, and costs, at that rate.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BenchProcessGroup, hasTaskset, pinSelf } from './manage-bench-processes.js';
import { measureLatency } from './measure-latency.js';
import { measureStreaming } from './measure-streaming.js';
import { measureThroughput } from './measure-throughput.js';
import { ADMIN_KEY, createInferenceKey, findFreePort, renderGatewayConfig, waitForHttp, type BenchTarget } from './start-bench-targets.js';
import { summarizeGcTrace } from './summarize-gc-trace.js';
import { printReportAndExit } from './print-report-and-exit.js';
import { readProcessCpuMs } from './read-process-cpu.js';
import { readProcessMemory } from './read-process-memory.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WARMUP_S = 3;
const STOP_TIMEOUT_MS = 10_000;

const REQUEST_KINDS = ['answer', 'cache-hit', 'unknown-model', 'upstream-error'] as const;
type RequestKind = (typeof REQUEST_KINDS)[number];

async function waitForPort(port: number): Promise<void> {
  for (let tries = 0; ; tries++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(socket.end() !== undefined));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (tries > 300) throw new Error(`nothing listens on port ${port} after 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main(argv: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seconds: { type: 'string', default: '8' },
      'node-flags': { type: 'string', default: '' },
      target: { type: 'string', default: 'gateway' },
      request: { type: 'string', default: 'answer' },
      'keep-trace': { type: 'string' },
      rate: { type: 'string' },
    },
  });
  const mode = positionals[0] === 'stream' ? 'stream' : 'plain';
  if (values.target !== 'gateway' && values.target !== 'floor') throw new Error(`--target must be gateway or floor, not ${values.target}`);
  const floor = values.target === 'floor';
  const kind = values.request as RequestKind;
  if (!REQUEST_KINDS.includes(kind)) throw new Error(`--request must be one of ${REQUEST_KINDS.join(', ')}, not ${values.request}`);
  if (kind !== 'answer' && (floor || mode === 'stream')) throw new Error('--request other than answer is for the gateway\'s whole answers only');
  const seconds = Number(values.seconds);
  const rate = values.rate === undefined ? undefined : Number(values.rate);
  if (rate !== undefined && (mode === 'stream' || !(rate > 0))) throw new Error('--rate takes a positive number, for whole answers only');
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  const pinned = hasTaskset() && pinSelf('1');
  const group = new BenchProcessGroup();
  const dataDir = await mkdtemp(join(tmpdir(), 'switchyard-gc-'));
  const tracePath = join(dataDir, 'gc-trace.txt');
  const trace = await open(tracePath, 'w');
  const port = await findFreePort();
  let gateway: ReturnType<typeof spawn> | undefined;
  try {
    const simulator = group.spawn({ name: 'simulator', args: ['--import', 'tsx', 'sim/openai/main.ts', '--port', '0', '--host', '127.0.0.1'], cwd: ROOT, cpus: pinned ? '1' : undefined });
    const simUrl = (await simulator.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/, 60_000))[1] as string;
    const configPath = join(dataDir, 'bench.yaml');
    await writeFile(configPath, renderGatewayConfig(dataDir, simUrl));
    const program = floor ? ['--import', 'tsx', 'bench/bare-proxy.ts', '--upstream', new URL(simUrl).origin, '--port', String(port)] : ['dist/src/main.js', '--config', configPath];
    const node = [process.execPath, '--trace-gc-nvp', ...values['node-flags'].split(' ').filter(Boolean), ...program];
    const [command, ...args] = pinned ? ['taskset', '-c', '0', ...node] : node;
    gateway = spawn(command as string, args, {
      cwd: ROOT,
      // Warnings only, so the trace is not drowned in request lines.
      env: { ...process.env, LOG_LEVEL: 'warn', SWITCHYARD_ADMIN_KEY: ADMIN_KEY, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
      stdio: ['ignore', trace.fd, trace.fd],
    });
    const origin = `http://127.0.0.1:${port}`;
    const target: BenchTarget = floor
      ? { name: 'floor', origin, path: `${new URL(simUrl).pathname}/chat/completions`, headers: { 'content-type': 'application/json', authorization: 'Bearer sk-sim' }, model: 'echo-1', pid: gateway.pid ?? 0 }
      : await (async () => {
          await waitForHttp(`${origin}/healthz`);
          const apiKey = await createInferenceKey(origin, 'gc trace (capped)');
          return { name: 'switchyard', origin, path: '/api/v1/chat/completions', headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` }, model: 'bench/echo', pid: gateway?.pid ?? 0 };
        })();
    // The bare proxy has no health route: it is up once a port it was given accepts a connection.
    if (floor) await waitForPort(port);
    const body = JSON.stringify({
      model: kind === 'unknown-model' ? 'nobody/no-such-model' : target.model,
      ...(mode === 'stream' ? { stream: true } : {}),
      messages: [{ role: 'user', content: kind === 'upstream-error' ? 'Refuse this. [[sim:status=400]]' : `Say something back. [[sim:words=${mode === 'stream' ? 64 : 16}]]` }],
    });
    if (kind === 'cache-hit') target.headers['x-openrouter-cache'] = 'true';
    const load = (durationS: number) =>
      rate !== undefined
        ? measureLatency(target, { rate, durationS, connections: 50, body }).then((result) => ({ units: result.count - result.non2xx, perS: rate }))
        : mode === 'plain'
        ? measureThroughput(target, { connections: 50, durationS, body }).then((result) => {
            // Refusals are the work when they are what was asked for; otherwise only answers count.
            const units = kind === 'unknown-model' || kind === 'upstream-error' ? result.non2xx : result.ok;
            return { units, perS: units / result.durationS };
          })
        : measureStreaming(target, { ttftRate: 10, ttftDurationS: 0.2, concurrency: 50, durationS, body }).then((result) => ({ units: result.streamsPerS * durationS, perS: result.streamsPerS }));
    await load(WARMUP_S);
    const cpuBefore = readProcessCpuMs(target.pid);
    const { units, perS } = await load(seconds);
    const cpuAfter = readProcessCpuMs(target.pid);
    const memory = readProcessMemory(target.pid);
    const cpuUsPerUnit = cpuBefore !== undefined && cpuAfter !== undefined && units > 0 ? ((cpuAfter - cpuBefore) * 1000) / units : undefined;
    // A graceful stop flushes the trace; one that hangs is killed in `finally` after STOP_TIMEOUT_MS.
    gateway.kill('SIGTERM');
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, STOP_TIMEOUT_MS);
      gateway?.once('exit', () => resolve(clearTimeout(timer)));
    });
    const traceText = await readFile(tracePath, 'utf8');
    if (values['keep-trace']) await writeFile(values['keep-trace'], traceText);
    const summary = summarizeGcTrace(traceText, { windowMs: seconds * 1000, units });
    const unit = mode === 'plain' ? 'request' : 'stream';
    return [
      `mode ${mode}${kind === 'answer' ? '' : ` (${kind})`}: ${perS.toFixed(0)} ${unit}s/s over ${seconds} s${pinned ? ` (${target.name} on CPU 0, load on CPU 1)` : ''}, CPU ${cpuUsPerUnit?.toFixed(0) ?? '?'} µs per ${unit} (all threads), RSS ${memory?.rssMb.toFixed(0) ?? '?'} MB, peak ${memory?.peakRssMb.toFixed(0) ?? '?'} MB`,
      `scavenges ${summary.scavenges} (${(summary.scavenges / seconds).toFixed(1)}/s), pause avg ${summary.scavengePauseMs.average.toFixed(2)} ms, max ${summary.scavengePauseMs.max.toFixed(2)} ms`,
      `mark-compacts ${summary.markCompacts} (${(summary.markCompacts / seconds).toFixed(2)}/s), pause avg ${summary.markCompactPauseMs.average.toFixed(2)} ms, max ${summary.markCompactPauseMs.max.toFixed(2)} ms`,
      `promoted ${(summary.promotedBytes / 1e6).toFixed(1)} MB: ${(summary.promotedBytesPerUnit / 1024).toFixed(1)} KB per ${unit}; of what a scavenge copied, ${(summary.secondSurvivalRate * 100).toFixed(0)} % lived through the next one too and was promoted`,
    ].join('\n');
  } finally {
    if (gateway && gateway.exitCode === null) gateway.kill('SIGKILL');
    await group.stopAll();
    await trace.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

printReportAndExit(main(process.argv.slice(2)));
