import type { BenchSummary } from './summarize-bench-rounds.js';

/** The end-of-run report: one row per target (medians across rounds), then ratios and the goals. */
export function formatBenchTable(summary: BenchSummary, rounds: number, rates: { moderate: number; high: number }): string {
  const header = [
    'target',
    'req/s',
    'CPU µs/req',
    `p50 @${rates.moderate}`,
    `+p50 @${rates.moderate}`,
    `+p99 @${rates.moderate}`,
    `p50 @${rates.high}`,
    `p99 @${rates.high}`,
    'streams/s',
    'TTFT p50',
    '+TTFT p50',
    'RSS idle/peak MB',
    'bad samples',
  ];
  const rows = summary.names.map((name) => {
    const t = summary.targets[name];
    if (!t) return [name];
    const isDirect = name === 'direct';
    return [
      name,
      fixed(t.rps, 0),
      fixed(t.cpuUsPerRequest, 0),
      fixed(t.p50Ms, 3),
      isDirect ? '—' : signed(t.addedP50Ms),
      isDirect ? '—' : signed(t.addedP99Ms),
      fixed(t.highP50Ms, 3),
      `${fixed(t.highP99Ms, 3)}${t.highKeptUp ? '' : ' (behind)'}`,
      fixed(t.streamsPerS, 0),
      fixed(t.ttftP50Ms, 3),
      isDirect ? '—' : signed(t.addedTtftP50Ms),
      `${fixed(t.rssIdleMb, 0)} / ${fixed(t.rssPeakMb, 0)}`,
      String(t.invalidSamples),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    `| ${header.map((_, i) => (i === 0 ? (cells[i] ?? '').padEnd(widths[i] as number) : (cells[i] ?? '').padStart(widths[i] as number))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  const { vsFloor, vsPortkey } = summary.ratios;
  return [
    `Medians of ${rounds} rounds. Latency in ms (microsecond timing), open loop at ${rates.moderate} and ${rates.high} req/s; +x = target minus direct in the same round.`,
    line(header),
    rule,
    ...rows.map(line),
    '',
    `switchyard / floor  : throughput ×${fixed(vsFloor.rps, 2)}, CPU per request ×${fixed(vsFloor.cpu, 2)}, streams/s ×${fixed(vsFloor.streamsPerS, 2)}`,
    `switchyard / portkey: throughput ×${fixed(vsPortkey.rps, 2)}, CPU per request ×${fixed(vsPortkey.cpu, 2)}, streams/s ×${fixed(vsPortkey.streamsPerS, 2)}, added p50 ×${fixed(vsPortkey.addedP50, 2)}`,
    ...summary.goals.map((goal) => `goal: ${goal.name.padEnd(44, '.')} ${goal.met ? 'MET   ' : 'MISSED'} ${goal.detail}`),
  ].join('\n');
}

function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
}

function signed(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
}
