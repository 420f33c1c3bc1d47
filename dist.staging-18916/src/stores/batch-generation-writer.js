class BatchGenerationWriter {
  store;
  onError;
  maxBatch;
  queue = [];
  timer;
  /** Settles when the last started or scheduled drain does; never rejects. */
  tail = Promise.resolve();
  /** A drain that is scheduled but has not started yet: later flush() calls can join it. */
  scheduled;
  /** Records handed to recordMany and not yet settled. */
  inFlight = 0;
  failing = false;
  closed = false;
  constructor(options) {
    this.store = options.store;
    this.onError = options.onError;
    this.maxBatch = Math.max(1, options.maxBatch ?? 256);
    const intervalMs = options.intervalMs ?? 200;
    this.timer = setInterval(() => {
      if (this.queue.length > 0) this.flushInBackground();
    }, intervalMs);
    this.timer.unref();
  }
  /** Records queued and not yet written (including any being written right now). */
  get pending() {
    return this.queue.length + this.inFlight;
  }
  /** Queues a record; never blocks and never throws for store trouble. */
  enqueue(record) {
    this.queue.push(record);
    const full = this.queue.length >= this.maxBatch && !this.failing;
    if ((full || this.closed) && !this.scheduled) this.flushInBackground();
  }
  /**
   * Writes every record queued before this call. Rejects if a write fails; the records then stay
   * queued for the next flush.
   */
  flush() {
    if (this.scheduled) return this.scheduled;
    const run = this.tail.then(() => {
      this.scheduled = void 0;
      return this.drain();
    });
    this.scheduled = run;
    this.tail = run.catch(() => {
    });
    return run;
  }
  /** Stops the timer and writes everything queued; rejects, keeping the records, if that fails. */
  async close() {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = void 0;
    await this.flush();
  }
  flushInBackground() {
    this.flush().catch(this.onError);
  }
  /** Writes the records queued when it starts, in maxBatch slices; later arrivals wait their turn. */
  async drain() {
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
export {
  BatchGenerationWriter
};
//# sourceMappingURL=batch-generation-writer.js.map
