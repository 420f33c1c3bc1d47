import type { BenchSummary } from './summarize-bench-rounds.js';
import type { TargetName } from './start-bench-targets.js';

const NAMES: TargetName[] = ['direct', 'switchyard', 'portkey'];

/** The end-of-run report: one row per target (medians across rounds), then ratios and the two goals. */
export function formatBenchTable(summary: BenchSummary, rounds: number): string {
  const header = [
    'target',
    'req/s',
    'CPU µs/req',
    'p50 ms',
    'p99 ms',
    '+p50 ms',
    '+p99 ms',
    'TTFT p50',
    'TTFT p99',
    '+TTFT p50',
    'chunks/s',
    'bad samples',
  ];
  const rows = NAMES.map((name) => {
    const t = summary.targets[name];
    const isDirect = name === 'direct';
    return [
      name,
      fixed(t.rps, 0),
      fixed(t.cpuUsPerRequest, 0),
      fixed(t.p50Ms, 3),
      fixed(t.p99Ms, 3),
      isDirect ? '—' : signed(t.addedP50Ms),
      isDirect ? '—' : signed(t.addedP99Ms),
      fixed(t.ttftP50Ms, 3),
      fixed(t.ttftP99Ms, 3),
      isDirect ? '—' : signed(t.addedTtftP50Ms),
      fixed(t.chunksPerS, 0),
      String(t.invalidSamples),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  const { switchyardVsDirect: vsDirect, switchyardVsPortkey: vsPortkey } = summary.ratios;
  const yes = (ok: boolean): string => (ok ? 'MET' : 'MISSED');
  return [
    `Medians of ${rounds} rounds. Latency and TTFT in ms (microsecond timing); +x = target minus direct in the same round.`,
    line(header),
    rule,
    ...rows.map(line),
    '',
    `switchyard / direct : throughput ×${fixed(vsDirect.rps, 2)}, stream chunks/s ×${fixed(vsDirect.chunksPerS, 2)}`,
    `switchyard / portkey: throughput ×${fixed(vsPortkey.rps, 2)}, stream chunks/s ×${fixed(vsPortkey.chunksPerS, 2)}, added p50 ×${fixed(vsPortkey.addedP50, 2)}, TTFT p50 ×${fixed(vsPortkey.ttftP50, 2)}`,
    `goal: switchyard added p50 < 0.5 ms ........ ${yes(summary.goals.addedP50UnderHalfMs)} (${signed(summary.targets.switchyard.addedP50Ms)} ms)`,
    `goal: switchyard throughput > portkey ...... ${yes(summary.goals.throughputAbovePortkey)} (${fixed(summary.targets.switchyard.rps, 0)} vs ${fixed(summary.targets.portkey.rps, 0)} req/s)`,
  ].join('\n');
}

function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
}

function signed(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
}
