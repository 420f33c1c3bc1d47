import type { Counter } from 'prom-client';

/** One label set of a counter and what it counted since the registry was last read. */
interface Series {
  readonly labels: Record<string, string>;
  pending: number;
}

/**
 * Counter increments held per label set and added to the prom-client counter when the registry is
 * read (the counter's `collect` hook calls flushInto). prom-client hashes the labels object on every
 * `inc`, even through a bound child; here a request finds its series through nested maps of the raw
 * label values (no key string is built), and the hashing happens once per series per scrape.
 * Series are added in the order first seen, as direct increments would.
 */
export class PendingCounts {
  readonly #names: readonly [string, string, string?];
  readonly #series = new Map<string, Map<string | number, Series | Map<string, Series>>>();
  readonly #all: Series[] = [];

  /** `names`: the counter's label names, in the order add() takes their values. */
  constructor(names: readonly [string, string, string?]) {
    this.#names = names;
  }

  /** Adds `value` to the series (first, second[, third]); `third` only for three-label counters. */
  add(first: string, second: string | number, third: string | undefined, value: number): void {
    let byFirst = this.#series.get(first);
    if (!byFirst) {
      byFirst = new Map();
      this.#series.set(first, byFirst);
    }
    let entry = byFirst.get(second);
    if (third === undefined) {
      if (!entry) {
        entry = this.#newSeries(first, second, undefined);
        byFirst.set(second, entry);
      }
      (entry as Series).pending += value;
      return;
    }
    if (!entry) {
      entry = new Map<string, Series>();
      byFirst.set(second, entry);
    }
    const byThird = entry as Map<string, Series>;
    let series = byThird.get(third);
    if (!series) {
      series = this.#newSeries(first, second, third);
      byThird.set(third, series);
    }
    series.pending += value;
  }

  /** Adds every pending count to `counter` (from its `collect` hook, before it is read). */
  flushInto(counter: Counter<string>): void {
    for (const series of this.#all) {
      if (series.pending === 0) continue;
      counter.inc(series.labels, series.pending);
      series.pending = 0;
    }
  }

  #newSeries(first: string, second: string | number, third: string | undefined): Series {
    const [firstName, secondName, thirdName] = this.#names;
    const labels: Record<string, string> = { [firstName]: first, [secondName]: String(second) };
    if (thirdName !== undefined && third !== undefined) labels[thirdName] = third;
    const series = { labels, pending: 0 };
    this.#all.push(series);
    return series;
  }
}
