import type { BatchCounts, BatchStore } from '../stores/batch-store.js';
import type { LineOutcome } from './run-batch-line.js';

/**
 * Stores each finished line of one batch once (a second result for a line is ignored) and keeps the
 * batch's request counts in step, so `GET /batches/:id` shows progress and a restart resumes from
 * the stored lines.
 */
export class LineRecorder {
  readonly #store: BatchStore;
  readonly #batchId: string;
  readonly #counts: BatchCounts;
  readonly #finished: Set<number>;
  /** Count writes in order, each with the counts as they are when it runs, so they never go backwards. */
  #writes: Promise<void> = Promise.resolve();

  private constructor(store: BatchStore, batchId: string, counts: BatchCounts, finished: Set<number>) {
    this.#store = store;
    this.#batchId = batchId;
    this.#counts = counts;
    this.#finished = finished;
  }

  /** The recorder of a batch of `total` lines, from what is already stored. */
  static async open(store: BatchStore, batchId: string, total: number): Promise<LineRecorder> {
    const done = await store.lines(batchId);
    const counts = { total, completed: done.filter((line) => line.ok).length, failed: done.filter((line) => !line.ok).length };
    return new LineRecorder(store, batchId, counts, new Set(done.map((line) => line.index)));
  }

  has(index: number): boolean {
    return this.#finished.has(index);
  }

  async record(index: number, outcome: LineOutcome): Promise<void> {
    this.#finished.add(index);
    if (!(await this.#store.recordLine({ batchId: this.#batchId, index, ...outcome }))) return;
    if (outcome.ok) this.#counts.completed += 1;
    else this.#counts.failed += 1;
    const write = this.#writes.then(() => this.#store.update(this.#batchId, { counts: { ...this.#counts } }));
    this.#writes = write.catch(() => {});
    await write;
  }
}
