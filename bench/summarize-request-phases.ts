import { pickPercentile } from './pick-percentile.js';

/** One request as bench/record-request-phases.mjs keeps it: `[name, ms since arrival, name, ms, …]`. */
export interface PhaseSample {
  marks: Array<string | number>;
}

/** One phase boundary, over every sample that reached it. */
export interface PhaseRow {
  name: string;
  /** How many samples have this mark. */
  samples: number;
  /** Median time of the mark since the request's arrival, in ms. */
  atMs: number;
  /** Median time from the previous row's mark to this one, over the samples that have both; undefined on the first row. */
  sincePreviousMs: number | undefined;
}

/**
 * The median timeline of a request: every mark, in the order of its median time since arrival,
 * with the median gap from the mark before it. Gaps are medians of per-request differences, not
 * differences of medians, so each is a duration some request actually had. A mark repeated within
 * a request (a second upstream attempt) counts at its first occurrence.
 */
export function summarizeRequestPhases(samples: readonly PhaseSample[]): PhaseRow[] {
  const perSample = samples.map((sample) => {
    const at = new Map<string, number>();
    for (let index = 0; index + 1 < sample.marks.length; index += 2) {
      const name = sample.marks[index] as string;
      if (!at.has(name)) at.set(name, sample.marks[index + 1] as number);
    }
    return at;
  });
  const names = new Set(perSample.flatMap((at) => [...at.keys()]));
  const median = (values: number[]) => pickPercentile(Float64Array.from(values).sort(), 50);
  const rows = [...names].map((name) => {
    const times = perSample.flatMap((at) => (at.has(name) ? [at.get(name) as number] : []));
    return { name, samples: times.length, atMs: median(times) };
  });
  rows.sort((a, b) => a.atMs - b.atMs);
  return rows.map((row, index) => {
    const previous = rows[index - 1];
    if (!previous) return { ...row, sincePreviousMs: undefined };
    const gaps = perSample.flatMap((at) => (at.has(row.name) && at.has(previous.name) ? [(at.get(row.name) as number) - (at.get(previous.name) as number)] : []));
    return { ...row, sincePreviousMs: gaps.length > 0 ? median(gaps) : undefined };
  });
}
