import type { LatencySample } from './measure-latency.js';
import type { StreamingSample } from './measure-streaming.js';
import type { ThroughputSample } from './measure-throughput.js';
import type { TargetName } from './start-bench-targets.js';

export interface TargetRound {
  throughput: ThroughputSample;
  latency: LatencySample;
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
  /** Median over rounds of (this p50 − direct p50 in the same round). */
  addedP50Ms: number;
  addedP99Ms: number;
  ttftP50Ms: number;
  ttftP99Ms: number;
  addedTtftP50Ms: number;
  chunksPerS: number;
  streamsPerS: number;
  /** Samples thrown out because they saw a non-2xx answer or a socket error. */
  invalidSamples: number;
  non2xx: number;
  errors: number;
}

export interface BenchSummary {
  targets: Record<TargetName, TargetSummary>;
  ratios: {
    switchyardVsDirect: { rps: number; chunksPerS: number };
    switchyardVsPortkey: { rps: number; chunksPerS: number; addedP50: number; ttftP50: number };
  };
  goals: { addedP50UnderHalfMs: boolean; throughputAbovePortkey: boolean };
}

const NAMES: TargetName[] = ['direct', 'switchyard', 'portkey'];

/** Reduce the rounds to medians per target, added latency versus direct, ratios and the two goals. */
export function summarizeBenchRounds(rounds: BenchRound[]): BenchSummary {
  const targets = {} as Record<TargetName, TargetSummary>;
  for (const name of NAMES) targets[name] = summarizeTarget(rounds, name);
  const sy = targets.switchyard;
  const pk = targets.portkey;
  const direct = targets.direct;
  return {
    targets,
    ratios: {
      switchyardVsDirect: { rps: sy.rps / direct.rps, chunksPerS: sy.chunksPerS / direct.chunksPerS },
      switchyardVsPortkey: {
        rps: sy.rps / pk.rps,
        chunksPerS: sy.chunksPerS / pk.chunksPerS,
        addedP50: sy.addedP50Ms / pk.addedP50Ms,
        ttftP50: sy.ttftP50Ms / pk.ttftP50Ms,
      },
    },
    goals: { addedP50UnderHalfMs: sy.addedP50Ms < 0.5, throughputAbovePortkey: sy.rps > pk.rps },
  };
}

function summarizeTarget(rounds: BenchRound[], name: TargetName): TargetSummary {
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
  const okThroughput = (s: ThroughputSample): boolean => s.errors === 0 && s.non2xx === 0;
  const okLatency = (s: LatencySample): boolean => s.errors === 0 && s.non2xx === 0;
  const okStreaming = (s: StreamingSample): boolean => s.errors === 0 && s.non2xx === 0;

  let invalidSamples = 0;
  let non2xx = 0;
  let errors = 0;
  for (const round of rounds) {
    const own = round.results[name];
    if (!own) continue;
    invalidSamples += [okThroughput(own.throughput), okLatency(own.latency), okStreaming(own.streaming)].filter((ok) => !ok).length;
    non2xx += own.throughput.non2xx + own.latency.non2xx + own.streaming.non2xx;
    errors += own.throughput.errors + own.latency.errors + own.streaming.errors;
  }

  return {
    rps: collect((own) => (okThroughput(own.throughput) ? own.throughput.rps : undefined)),
    cpuUsPerRequest: collect((own) => (okThroughput(own.throughput) ? own.throughput.cpuUsPerRequest : undefined)),
    p50Ms: collect((own) => (okLatency(own.latency) ? own.latency.p50Ms : undefined)),
    p99Ms: collect((own) => (okLatency(own.latency) ? own.latency.p99Ms : undefined)),
    addedP50Ms: collect((own, direct) =>
      direct && okLatency(own.latency) && okLatency(direct.latency) ? own.latency.p50Ms - direct.latency.p50Ms : undefined,
    ),
    addedP99Ms: collect((own, direct) =>
      direct && okLatency(own.latency) && okLatency(direct.latency) ? own.latency.p99Ms - direct.latency.p99Ms : undefined,
    ),
    ttftP50Ms: collect((own) => (okStreaming(own.streaming) ? own.streaming.ttft.p50Ms : undefined)),
    ttftP99Ms: collect((own) => (okStreaming(own.streaming) ? own.streaming.ttft.p99Ms : undefined)),
    addedTtftP50Ms: collect((own, direct) =>
      direct && okStreaming(own.streaming) && okStreaming(direct.streaming)
        ? own.streaming.ttft.p50Ms - direct.streaming.ttft.p50Ms
        : undefined,
    ),
    chunksPerS: collect((own) => (okStreaming(own.streaming) ? own.streaming.chunksPerS : undefined)),
    streamsPerS: collect((own) => (okStreaming(own.streaming) ? own.streaming.streamsPerS : undefined)),
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
