import type { BatchGenerationWriter } from '../stores/batch-generation-writer.js';
import type { GenerationStore, KeySpend } from '../stores/generation-store.js';
import { utcSpendWindows, type UtcSpendWindows } from '../stores/utc-spend-windows.js';

interface Entry {
  windows: UtcSpendWindows;
  spend: KeySpend;
  loading: Promise<void> | undefined;
}

/**
 * Each limited key's spend (total, day, Monday-week, month), held in memory so the limit
 * check does no database I/O per request: loaded from the store the first time a key is
 * checked, then advanced by every settled generation, and rolled over at UTC boundaries.
 * One process's view; sharing it across nodes is the budget ledger's job (billing issue).
 * A record that settles while its key loads may be counted twice, which only errs towards
 * refusing early, never towards overspending.
 */
export class KeySpendTracker {
  readonly #entries = new Map<string, Entry>();
  readonly #generations: GenerationStore;
  readonly #writer: BatchGenerationWriter;

  constructor(options: { generations: GenerationStore; writer: BatchGenerationWriter }) {
    this.#generations = options.generations;
    this.#writer = options.writer;
  }

  /** The key's spend in the windows containing `now`. */
  async get(keyHash: string, now = new Date()): Promise<KeySpend> {
    let entry = this.#entries.get(keyHash);
    if (!entry) {
      entry = { windows: utcSpendWindows(now), spend: { total: 0n, daily: 0n, weekly: 0n, monthly: 0n }, loading: undefined };
      this.#entries.set(keyHash, entry);
      entry.loading = this.#load(keyHash, entry, now);
    }
    await entry.loading;
    rollOver(entry, now);
    return entry.spend;
  }

  /** Adds a settled generation's cost (picodollars); keys never checked are not tracked. */
  add(keyHash: string, amount: bigint, now = new Date()): void {
    const entry = this.#entries.get(keyHash);
    if (!entry || amount === 0n) return;
    rollOver(entry, now);
    entry.spend.total += amount;
    entry.spend.daily += amount;
    entry.spend.weekly += amount;
    entry.spend.monthly += amount;
  }

  async #load(keyHash: string, entry: Entry, now: Date): Promise<void> {
    if (this.#writer.pending > 0) await this.#writer.flush();
    const stored = await this.#generations.spendByKey(keyHash, now);
    entry.spend.total += stored.total;
    entry.spend.daily += stored.daily;
    entry.spend.weekly += stored.weekly;
    entry.spend.monthly += stored.monthly;
  }
}

function rollOver(entry: Entry, now: Date): void {
  const windows = utcSpendWindows(now);
  if (windows.monthStart !== entry.windows.monthStart) entry.spend.monthly = 0n;
  if (windows.weekStart !== entry.windows.weekStart) entry.spend.weekly = 0n;
  if (windows.dayStart !== entry.windows.dayStart) entry.spend.daily = 0n;
  entry.windows = windows;
}
