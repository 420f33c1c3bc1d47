/**
 * Takes generation records off the response path: the request handler enqueues synchronously and
 * returns; records are written in batches on a timer or when enough are queued, and close() writes
 * whatever is left before a graceful stop.
 */
import type { GenerationRecord, GenerationStore } from './generation-store.js';

/** Options of BatchGenerationWriter. */
export interface BatchGenerationWriterOptions {
  store: Pick<GenerationStore, 'recordMany'>;
  /** Reports a failed background write; the records stay queued and are retried. */
  onError: (err: unknown) => void;
  /** Time between background flushes; default 200 ms. */
  intervalMs?: number;
  /** Queue length that triggers a flush before the timer, and the largest recordMany call; default 256. */
  maxBatch?: number;
}

/**
 * Batches generation records into GenerationStore.recordMany calls.
 *
 * A failed write puts its records back at the head of the queue, so nothing is dropped; retrying
 * is safe because recordMany ignores ids it already has. While writes fail, retries wait for the
 * timer instead of hammering the store on every enqueue.
 */
export class BatchGenerationWriter {
  private readonly store: Pick<GenerationStore, 'recordMany'>;
  private readonly onError: (err: unknown) => void;
  private readonly maxBatch: number;
  private queue: GenerationRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Settles when the last started or scheduled drain does; never rejects. */
  private tail: Promise<void> = Promise.resolve();
  /** A drain that is scheduled but has not started yet: later flush() calls can join it. */
  private scheduled: Promise<void> | undefined;
  /** Records handed to recordMany and not yet settled. */
  private inFlight = 0;
  private failing = false;
  private closed = false;

  constructor(options: BatchGenerationWriterOptions) {
    this.store = options.store;
    this.onError = options.onError;
    this.maxBatch = Math.max(1, options.maxBatch ?? 256);
    const intervalMs = options.intervalMs ?? 200;
    this.timer = setInterval(() => {
      if (this.queue.length > 0) this.flushInBackground();
    }, intervalMs);
    // Usage writes alone must not keep the process alive; shutdown calls close() to drain.
    this.timer.unref();
  }

  /** Records queued and not yet written (including any being written right now). */
  get pending(): number {
    return this.queue.length + this.inFlight;
  }

  /** Queues a record; never blocks and never throws for store trouble. */
  enqueue(record: GenerationRecord): void {
    this.queue.push(record);
    // After close() there is no timer left, so a straggler (a stream that outlived the drain)
    // is written at once rather than forgotten.
    const full = this.queue.length >= this.maxBatch && !this.failing;
    if ((full || this.closed) && !this.scheduled) this.flushInBackground();
  }

  /**
   * Writes every record queued before this call. Rejects if a write fails; the records then stay
   * queued for the next flush.
   */
  flush(): Promise<void> {
    // A drain that has not started yet will see everything queued up to now: share it.
    if (this.scheduled) return this.scheduled;
    const run = this.tail.then(() => {
      this.scheduled = undefined;
      return this.drain();
    });
    this.scheduled = run;
    this.tail = run.catch(() => {});
    return run;
  }

  /** Stops the timer and writes everything queued; rejects, keeping the records, if that fails. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private flushInBackground(): void {
    this.flush().catch(this.onError);
  }

  /** Writes the records queued when it starts, in maxBatch slices; later arrivals wait their turn. */
  private async drain(): Promise<void> {
    let remaining = this.queue.length;
    while (remaining > 0) {
      const batch = this.queue.splice(0, Math.min(remaining, this.maxBatch));
      remaining -= batch.length;
      this.inFlight += batch.length;
      try {
        await this.store.recordMany(batch);
        this.failing = false;
      } catch (err) {
        this.failing = true;
        this.queue.unshift(...batch);
        throw err;
      } finally {
        this.inFlight -= batch.length;
      }
    }
  }
}
