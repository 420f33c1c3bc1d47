import type { LatencySample } from './measure-latency.js';
import type { StreamingSample } from './measure-streaming.js';
import type { ThroughputSample } from './measure-throughput.js';
import type { ProcessMemory } from './read-process-memory.js';
import { TARGET_NAMES, type TargetName } from './start-bench-targets.js';

export interface TargetRound {
  throughput: ThroughputSample;
  /** Open loop at the moderate rate (500 req/s). */
  latency: LatencySample;
  /** Open loop at the high rate (2,000 req/s). */
  latencyHigh: LatencySample;
  streaming: StreamingSample;
}

export interface BenchRound {
  round: number;
  order: TargetName[];
  results: Partial<Record<TargetName, TargetRound>>;
}

/** Medians across rounds for one target; NaN where no valid sample exists. */
export interface TargetSummary {
  rps: number;
  cpuUsPerRequest: number;
  p50Ms: number;
  p99Ms: number;
  /** Median over rounds of (this p50 − direct p50 in the same round), at the moderate rate. */
  addedP50Ms: number;
  addedP99Ms: number;
  /** At the high rate: own percentiles, and whether every round kept up (all answered, none failed). */
  highP50Ms: number;
  highP99Ms: number;
  highKeptUp: boolean;
  ttftP50Ms: number;
  ttftP99Ms: number;
  addedTtftP50Ms: number;
  chunksPerS: number;
  streamsPerS: number;
  /** Resident memory of the target's process after start (before load) and its peak over the run, MB. */
  rssIdleMb: number;
  rssPeakMb: number;
  /** Samples thrown out because they saw a non-2xx answer or a socket error. */
  invalidSamples: number;
  non2xx: number;
  errors: number;
}

export interface Goal {
  name: string;
  met: boolean;
  detail: string;
}

export interface BenchSummary {
  names: TargetName[];
  targets: Partial<Record<TargetName, TargetSummary>>;
  /** switchyard ÷ floor and switchyard ÷ portkey, per figure. */
  ratios: {
    vsFloor: { rps: number; cpu: number; streamsPerS: number };
    vsPortkey: { rps: number; cpu: number; streamsPerS: number; addedP50: number };
  };
  /** The goals of issue #14, for the shipped configuration (capped key, default logging). */
  goals: Goal[];
}

/** Reduce the rounds to medians per target, added latency versus direct, ratios and the goals. */
export function summarizeBenchRounds(rounds: BenchRound[], memory: { idle: Map<TargetName, ProcessMemory>; peak: Map<TargetName, ProcessMemory> }): BenchSummary {
  const names = TARGET_NAMES.filter((name) => rounds.some((round) => round.results[name]));
  const targets: Partial<Record<TargetName, TargetSummary>> = {};
  for (const name of names) {
    targets[name] = {
      ...summarizeTarget(rounds, name),
      rssIdleMb: memory.idle.get(name)?.rssMb ?? Number.NaN,
      rssPeakMb: memory.peak.get(name)?.peakRssMb ?? Number.NaN,
    };
  }
  const nan = summarizeTarget([], 'direct');
  const sy = targets.switchyard ?? { ...nan, rssIdleMb: Number.NaN, rssPeakMb: Number.NaN };
  const floor = targets.floor ?? sy;
  const pk = targets.portkey ?? sy;
  const ms = (value: number): string => `${value >= 0 ? '+' : ''}${value.toFixed(3)} ms`;
  return {
    names,
    targets,
    ratios: {
      vsFloor: { rps: sy.rps / floor.rps, cpu: sy.cpuUsPerRequest / floor.cpuUsPerRequest, streamsPerS: sy.streamsPerS / floor.streamsPerS },
      vsPortkey: { rps: sy.rps / pk.rps, cpu: sy.cpuUsPerRequest / pk.cpuUsPerRequest, streamsPerS: sy.streamsPerS / pk.streamsPerS, addedP50: sy.addedP50Ms / pk.addedP50Ms },
    },
    goals: [
      { name: 'throughput ≥ 0.5× floor', met: sy.rps >= 0.5 * floor.rps, detail: `${sy.rps.toFixed(0)} vs ${floor.rps.toFixed(0)} req/s (×${(sy.rps / floor.rps).toFixed(2)})` },
      { name: 'CPU per request ≤ 2× floor', met: sy.cpuUsPerRequest <= 2 * floor.cpuUsPerRequest, detail: `${sy.cpuUsPerRequest.toFixed(0)} vs ${floor.cpuUsPerRequest.toFixed(0)} µs` },
      // The latency goals are absolute; the floor's own figure beside them shows what Node alone adds on this machine.
      { name: 'added p50 ≤ +0.3 ms at the moderate rate', met: sy.addedP50Ms <= 0.3, detail: `${ms(sy.addedP50Ms)} (floor ${ms(floor.addedP50Ms)})` },
      { name: 'added p99 ≤ +1 ms at the moderate rate', met: sy.addedP99Ms <= 1, detail: `${ms(sy.addedP99Ms)} (floor ${ms(floor.addedP99Ms)})` },
      {
        name: 'keeps up at the high rate with p99 < 5 ms',
        met: sy.highKeptUp && sy.highP99Ms < 5,
        detail: `${sy.highKeptUp ? 'kept up' : 'fell behind or failed'}, p99 ${sy.highP99Ms.toFixed(3)} ms (floor ${floor.highP99Ms.toFixed(3)} ms)`,
      },
      { name: 'streams/s ≥ 0.5× floor', met: sy.streamsPerS >= 0.5 * floor.streamsPerS, detail: `${sy.streamsPerS.toFixed(0)} vs ${floor.streamsPerS.toFixed(0)}` },
      { name: 'added TTFT p50 ≤ +0.5 ms', met: sy.addedTtftP50Ms <= 0.5, detail: `${ms(sy.addedTtftP50Ms)} (floor ${ms(floor.addedTtftP50Ms)})` },
      { name: 'peak RSS ≤ 200 MB', met: sy.rssPeakMb <= 200, detail: `${sy.rssPeakMb.toFixed(0)} MB (idle ${sy.rssIdleMb.toFixed(0)} MB)` },
    ],
  };
}

function summarizeTarget(rounds: BenchRound[], name: TargetName): Omit<TargetSummary, 'rssIdleMb' | 'rssPeakMb'> {
  const collect = (pick: (own: TargetRound, direct: TargetRound | undefined) => number | undefined): number => {
    const values: number[] = [];
    for (const round of rounds) {
      const own = round.results[name];
      if (!own) continue;
      const value = pick(own, round.results.direct);
      if (value !== undefined && Number.isFinite(value)) values.push(value);
    }
    return median(values);
  };
  const ok = (s: { errors: number; non2xx: number }): boolean => s.errors === 0 && s.non2xx === 0;
  const keptUp = (s: LatencySample): boolean => ok(s) && s.count === Math.round(s.rate * s.durationS);

  let invalidSamples = 0;
  let non2xx = 0;
  let errors = 0;
  let highKeptUp = rounds.some((round) => round.results[name]);
  for (const round of rounds) {
    const own = round.results[name];
    if (!own) continue;
    const samples = [own.throughput, own.latency, own.latencyHigh, own.streaming];
    invalidSamples += samples.filter((sample) => !ok(sample)).length;
    non2xx += samples.reduce((sum, sample) => sum + sample.non2xx, 0);
    errors += samples.reduce((sum, sample) => sum + sample.errors, 0);
    highKeptUp &&= keptUp(own.latencyHigh);
  }

  return {
    rps: collect((own) => (ok(own.throughput) ? own.throughput.rps : undefined)),
    cpuUsPerRequest: collect((own) => (ok(own.throughput) ? own.throughput.cpuUsPerRequest : undefined)),
    p50Ms: collect((own) => (ok(own.latency) ? own.latency.p50Ms : undefined)),
    p99Ms: collect((own) => (ok(own.latency) ? own.latency.p99Ms : undefined)),
    addedP50Ms: collect((own, direct) => (direct && ok(own.latency) && ok(direct.latency) ? own.latency.p50Ms - direct.latency.p50Ms : undefined)),
    addedP99Ms: collect((own, direct) => (direct && ok(own.latency) && ok(direct.latency) ? own.latency.p99Ms - direct.latency.p99Ms : undefined)),
    highP50Ms: collect((own) => own.latencyHigh.p50Ms),
    highP99Ms: collect((own) => own.latencyHigh.p99Ms),
    highKeptUp,
    ttftP50Ms: collect((own) => (ok(own.streaming) ? own.streaming.ttft.p50Ms : undefined)),
    ttftP99Ms: collect((own) => (ok(own.streaming) ? own.streaming.ttft.p99Ms : undefined)),
    addedTtftP50Ms: collect((own, direct) =>
      direct && ok(own.streaming) && ok(direct.streaming) ? own.streaming.ttft.p50Ms - direct.streaming.ttft.p50Ms : undefined,
    ),
    chunksPerS: collect((own) => (ok(own.streaming) ? own.streaming.chunksPerS : undefined)),
    streamsPerS: collect((own) => (ok(own.streaming) ? own.streaming.streamsPerS : undefined)),
    invalidSamples,
    non2xx,
    errors,
  };
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
