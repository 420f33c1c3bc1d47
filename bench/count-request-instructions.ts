/**
 * `tsx bench/count-request-instructions.ts [plain|stream] [--requests N] [--warmup N] [--concurrency C] [--chunk-delay MS] [--words N] [--node-flags "--flag …"]`
 *
 * A per-request cost that load on the machine cannot disturb: runs the compiled gateway (as the
 * benchmark does: default log level, SQLite, a key with a spend limit) under
 * `valgrind --tool=callgrind` with instrumentation off, warms it up, switches instrumentation on
 * for exactly N requests and prints the instructions executed divided by N: the main thread's (the
 * request path) and all threads' (the WAL checkpoint and tokenizer threads do work that depends on
 * wall time, so their share varies between runs; compare main-thread figures).
 * Wall-clock benchmarks on a shared 2-core VM are noise; instruction counts are not (what varies
 * is GC timing and JIT tiering, so use N ≥ 1000 and compare runs with the same N).
 * Hardware counters (`perf stat -e instructions`) are not exposed on this VM; callgrind is.
 * Callgrind counts user-space instructions only, so `--counter strace` runs the gateway without
 * valgrind and counts the system calls of the N requests instead (`strace -f -c`): what a
 * write(2) per log line or a commit per request costs shows up there.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { BenchProcessGroup } from './manage-bench-processes.js';
import { ADMIN_KEY, createInferenceKey, renderGatewayConfig, waitForHttp } from './start-bench-targets.js';
import { printReportAndExit } from './print-report-and-exit.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Node under valgrind starts slowly even with instrumentation off.
const START_TIMEOUT_MS = 300_000;

async function sendRequests(pool: Pool, options: { count: number; concurrency: number; body: string; apiKey: string }): Promise<string[]> {
  let next = 0;
  const failed: string[] = [];
  const worker = async (): Promise<void> => {
    while (next < options.count) {
      next += 1;
      const res = await pool.request({
        method: 'POST',
        path: '/api/v1/chat/completions',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}` },
        body: options.body,
      });
      const text = await res.body.text();
      if (res.statusCode !== 200 || (options.body.includes('"stream":true') && !text.includes('[DONE]'))) failed.push(`${res.statusCode} ${text.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return failed;
}

function callgrindControl(pid: number, flag: string): void {
  // vgdb names its pipes after $HOST, which the gateway's environment sets to its listen address.
  execFileSync('callgrind_control', [flag, String(pid)], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, HOST: '127.0.0.1' } });
}

async function main(argv: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      requests: { type: 'string', default: '2000' },
      warmup: { type: 'string', default: '3000' },
      'chunk-delay': { type: 'string', default: '0' },
      // Words the simulator answers with (one content chunk each when streamed): 64 streamed, 16 whole by default.
      words: { type: 'string' },
      concurrency: { type: 'string', default: '8' },
      counter: { type: 'string', default: 'callgrind' },
      // V8/Node flags for the gateway process, to compare settings (e.g. GC flags) by the same count.
      'node-flags': { type: 'string', default: '' },
    },
  });
  const mode = positionals[0] === 'stream' ? 'stream' : 'plain';
  const useStrace = values.counter === 'strace';
  const requests = Number(values.requests);
  const concurrency = Number(values.concurrency);
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  const group = new BenchProcessGroup();
  const dataDir = await mkdtemp(join(tmpdir(), 'switchyard-count-'));
  try {
    const simulator = group.spawn({ name: 'simulator', args: ['--import', 'tsx', 'sim/openai/main.ts', '--port', '0', '--host', '127.0.0.1'], cwd: ROOT });
    const simUrl = (await simulator.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/, 60_000))[1] as string;
    const configPath = join(dataDir, 'bench.yaml');
    await writeFile(configPath, renderGatewayConfig(dataDir, simUrl));
    const gateway = group.spawn({
      name: 'switchyard',
      ...(useStrace ? {} : { wrapper: ['valgrind', '--tool=callgrind', '--instr-atstart=no', '--separate-threads=yes', `--callgrind-out-file=${join(dataDir, 'callgrind.out')}`] }),
      args: [...values['node-flags'].split(' ').filter(Boolean), 'dist/src/main.js', '--config', configPath],
      cwd: ROOT,
      env: { LOG_LEVEL: undefined, SWITCHYARD_ADMIN_KEY: ADMIN_KEY, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production' },
    });
    const origin = (await gateway.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/, START_TIMEOUT_MS))[1] as string;
    await waitForHttp(`${origin}/healthz`);
    const apiKey = await createInferenceKey(origin, 'count (capped)');
    const words = values.words !== undefined ? Number(values.words) : mode === 'stream' ? 64 : 16;
    // A pause between chunks (ms) makes each chunk its own read, as from a real model.
    const chunkDelay = Number(values['chunk-delay']);
    const body = JSON.stringify({
      model: 'bench/echo',
      ...(mode === 'stream' ? { stream: true } : {}),
      messages: [{ role: 'user', content: `Say something back. [[sim:words=${words}${chunkDelay > 0 ? ` chunk_delay=${chunkDelay}` : ''}]]` }],
    });
    const pool = new Pool(origin, { connections: concurrency });
    const warmFailed = await sendRequests(pool, { count: Number(values.warmup), concurrency, body, apiKey });
    if (useStrace) {
      const strace = spawn('strace', ['-f', '-c', '-p', String(gateway.pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
      let report = '';
      strace.stderr.on('data', (chunk: Buffer) => (report += chunk.toString('utf8')));
      await new Promise((resolve) => setTimeout(resolve, 1000)); // strace attaches to every thread
      const failed = await sendRequests(pool, { count: requests, concurrency, body, apiKey });
      strace.kill('SIGINT');
      await new Promise((resolve) => strace.once('exit', resolve));
      await pool.close();
      // `% time, seconds, usecs/call, calls, [errors,] total`
      const totalLine = report.split('\n').find((line) => /\stotal\s*$/.test(line));
      const calls = totalLine ? Number(totalLine.trim().split(/\s+/)[3]) : NaN;
      const lines = report.split('\n').filter((line) => /^\s*\d/.test(line)).slice(0, 12).join('\n');
      return `mode ${mode}: ${requests} requests: ${(calls / requests).toFixed(1)} system calls per request (${calls}); ${failed.length} failed\n${lines}`;
    }
    callgrindControl(gateway.pid, '--instr=on');
    const failed = await sendRequests(pool, { count: requests, concurrency, body, apiKey });
    callgrindControl(gateway.pid, '--instr=off');
    callgrindControl(gateway.pid, '--dump');
    await pool.close();
    await group.stopAll(60_000);
    const dumps = (await readdir(dataDir)).filter((name) => name.startsWith('callgrind.out'));
    // One dump per thread (`callgrind.out.1-01`, `-02`, …); thread 1 is the main thread.
    let total = 0;
    let main = 0;
    for (const name of dumps) {
      const text = await readFile(join(dataDir, name), 'utf8');
      const match = /^totals: (\d+)/m.exec(text);
      if (!match) continue;
      total += Number(match[1]);
      if (/-01$/.test(name)) main += Number(match[1]);
    }
    // Under valgrind a request can time out upstream; a few failures barely move the mean, but say so.
    const failures = failed.length > 0 ? `; ${failed.length} of the counted requests failed, e.g. ${failed[0]}` : '';
    const warmFailures = warmFailed.length > 0 ? `; ${warmFailed.length} warm-up requests failed, e.g. ${warmFailed[0]}` : '';
    return `mode ${mode}: ${requests} requests (concurrency ${concurrency}, after ${values.warmup} warm-up): main thread ${(main / requests / 1000).toFixed(0)} k instructions per request, all threads ${(total / requests / 1000).toFixed(0)} k (totals ${main} / ${total})${failures}${warmFailures}`;
  } finally {
    await group.stopAll();
    if (!process.env.KEEP_COUNT_DIR) await rm(dataDir, { recursive: true, force: true });
    else console.error(dataDir);
  }
}

printReportAndExit(main(process.argv.slice(2)));
