import type { SlowStreamsOptions, SlowStreamsSample } from './measure-slow-streams.js';

/** Issue #14's memory goal: the gateway holding 1,000 slow streams stays within this. */
export const SLOW_STREAMS_PEAK_GOAL_MB = 200;

/** The slow-streams scenario's report: one row per target, then the goal for switchyard. */
export function formatSlowStreamsTable(samples: Map<string, SlowStreamsSample>, options: SlowStreamsOptions): string {
  const rows = [...samples].map(([name, s]) =>
    `| ${name} | ${s.completed} / ${s.streams} | ${s.non2xx + s.errors} | ${s.rssBeforeMb.toFixed(0)} | ${s.rssPeakMb.toFixed(0)} | ${(s.rssPeakMb - s.rssBeforeMb).toFixed(0)} | ${s.durationS.toFixed(1)} |`,
  );
  const switchyard = samples.get('switchyard');
  const met = switchyard !== undefined && switchyard.completed === switchyard.streams && switchyard.rssPeakMb <= SLOW_STREAMS_PEAK_GOAL_MB;
  const detail = switchyard ? `${switchyard.rssPeakMb.toFixed(0)} MB, ${switchyard.completed} of ${switchyard.streams} streams complete` : 'not measured';
  return [
    `${options.streams} concurrent slow streams: a chunk every ${options.chunkDelayMs} ms, ${options.chunks} chunks each (about ${((options.chunks * options.chunkDelayMs) / 1000).toFixed(0)} s); resident memory of the target's process sampled every 100 ms.`,
    '| target | complete | bad | RSS before MB | RSS peak MB | added MB | seconds |',
    '|:--|--:|--:|--:|--:|--:|--:|',
    ...rows,
    '',
    `goal: ${`peak RSS ≤ ${SLOW_STREAMS_PEAK_GOAL_MB} MB with ${options.streams} slow streams`.padEnd(44, '.')} ${met ? 'MET   ' : 'MISSED'} ${detail}`,
  ].join('\n');
}
