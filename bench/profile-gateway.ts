/**
 * `tsx bench/profile-gateway.ts [plain|stream] [--seconds N] [--words N]`
 *
 * Where does the gateway's time go? Starts the simulator, Switchyard (under
 * `node --cpu-prof`) and Portkey as in the benchmark, loads ONLY Switchyard for
 * N seconds (32 connections; non-streaming or 64-chunk streams), stops it
 * gracefully so the profile is written, and prints a summary of the main
 * thread's profile. The .cpuprofile files stay in bench/results/profiles/
 * (open them in Chrome DevTools → Performance for flame graphs).
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BenchProcessGroup } from './manage-bench-processes.js';
import { measureStreaming } from './measure-streaming.js';
import { measureThroughput } from './measure-throughput.js';
import { startBenchTargets } from './start-bench-targets.js';
import { summarizeCpuProfile, type CpuProfile } from './summarize-cpu-profile.js';
import { printReportAndExit } from './print-report-and-exit.js';

const WARMUP_S = 2;

/** Profile one load shape against the gateway and return the printed summary. */
export async function profileGateway(argv: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    // --words: the simulator's answer length (one streamed chunk per word); 64 streamed, 16 whole by default.
    options: { seconds: { type: 'string', default: '10' }, words: { type: 'string' } },
  });
  const mode = positionals[0] === 'stream' ? 'stream' : 'plain';
  const seconds = Number(values.seconds);
  const words = values.words !== undefined ? Number(values.words) : undefined;
  const dir = fileURLToPath(new URL(`./results/profiles/${mode}/`, import.meta.url));
  await rm(dir, { recursive: true, force: true });

  const group = new BenchProcessGroup();
  // The profile's clock starts when the gateway process starts, a little after this.
  const spawnedAt = Date.now();
  const started = await startBenchTargets(group, {
    gatewayNodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200'],
  });
  let report: string;
  try {
    const gateway = started.targets.find((target) => target.name === 'switchyard');
    if (!gateway) throw new Error('no switchyard target');
    const body = (stream: boolean, words: number): string =>
      JSON.stringify({
        model: gateway.model,
        ...(stream ? { stream: true } : {}),
        messages: [{ role: 'user', content: `Say something back. [[sim:words=${words}]]` }],
      });
    await measureThroughput(gateway, { connections: 32, durationS: WARMUP_S, body: body(false, 16) });
    const loadStartS = (Date.now() - spawnedAt) / 1000;
    const result =
      mode === 'plain'
        ? await measureThroughput(gateway, { connections: 32, durationS: seconds, body: body(false, 16) })
        : await measureStreaming(gateway, { ttftRate: 10, ttftDurationS: 0.2, concurrency: 32, durationS: seconds, body: body(true, words ?? 64) });
    await group.stopAll();
    // The main thread's profile is the first one written (thread 0); skip start-up and warm-up.
    const file = (await readdir(dir)).filter((name) => name.endsWith('.cpuprofile')).sort()[0];
    if (!file) throw new Error(`no profile written in ${dir}`);
    const profile = JSON.parse(await readFile(`${dir}${file}`, 'utf8')) as CpuProfile;
    report = [
      `mode ${mode}: ${JSON.stringify(result)}`,
      `profile ${dir}${file}`,
      summarizeCpuProfile(profile, { skipSeconds: loadStartS, top: 30 }),
    ].join('\n');
  } finally {
    await group.stopAll();
    await started.cleanup();
  }
  return report;
}

printReportAndExit(profileGateway(process.argv.slice(2)));
