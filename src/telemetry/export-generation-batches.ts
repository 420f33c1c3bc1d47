import { randomUUID } from 'node:crypto';
import Denque from 'denque';
import { signWebhook } from '../core/sign-webhook.js';
import { encodeExportedGeneration, type PendingGeneration } from './encode-exported-generation.js';

/** The configured export as the pipeline uses it: which generations, with or without content, go where. */
export interface GenerationExport {
  exporter: Pick<GenerationBatchExporter, 'offer'>;
  sampleRate: number;
  includeContent: boolean;
}

/** Why exported generations left the queue without being delivered. */
export type ExportDropReason = 'queue_full' | 'delivery_failed' | 'rejected';

export interface GenerationExportOptions {
  url: string;
  /** HMAC key of the `X-Switchyard-Signature` header. */
  secret: string;
  batchSize: number;
  /** Longest a queued generation waits for a batch to fill. */
  flushIntervalMs: number;
  /** Most generations held; past it the oldest are dropped. */
  maxQueue: number;
  timeoutMs: number;
  /** Delays before each retry of a batch; attempts = length + 1. */
  retryDelaysMs: readonly number[];
  onDelivered: (count: number) => void;
  onDropped: (reason: ExportDropReason, count: number) => void;
  /** A failed delivery attempt (the caller rate-limits its log line). */
  onError: (message: string) => void;
}

/**
 * Generation records to a webhook in batches of JSON, signed like the alert webhooks. `offer` is
 * O(1) and never waits: the queue is bounded (the oldest are dropped and counted when it is full)
 * and batches are built, signed and sent later, one at a time, retried with backoff on a network
 * error, a timeout, a 5xx, 408 or 429 (another 4xx is final: the receiver refused the batch). A
 * retried batch keeps its `X-Switchyard-Batch-Id`, so a receiver can drop a duplicate.
 */
export class GenerationBatchExporter {
  readonly #options: GenerationExportOptions;
  readonly #queue = new Denque<PendingGeneration>();
  readonly #stopping = new AbortController();
  readonly #timer: NodeJS.Timeout;
  #running: Promise<void> | undefined;
  /** The flush interval passed: send what is queued even if no batch is full. */
  #due = false;

  constructor(options: GenerationExportOptions) {
    this.#options = options;
    this.#timer = setInterval(() => {
      this.#due = true;
      this.#kick();
    }, options.flushIntervalMs);
    this.#timer.unref();
  }

  /** Queues a generation for export; never blocks, never throws. */
  offer(pending: PendingGeneration): void {
    if (this.#stopping.signal.aborted) return;
    if (this.#queue.length >= this.#options.maxQueue) {
      this.#queue.shift();
      this.#options.onDropped('queue_full', 1);
    }
    this.#queue.push(pending);
    if (this.#queue.length >= this.#options.batchSize) this.#kick();
  }

  /** Generations waiting to be sent (the batch being sent excluded). */
  get queued(): number {
    return this.#queue.length;
  }

  /**
   * Stops retrying (a batch in flight is abandoned and queued again), then sends what is queued
   * once, all within one timeout; the rest is dropped and counted.
   */
  async shutdown(): Promise<void> {
    clearInterval(this.#timer);
    this.#stopping.abort();
    await this.#running;
    const deadline = Date.now() + this.#options.timeoutMs;
    while (this.#queue.length > 0 && Date.now() < deadline) await this.#deliver(this.#take(), 1, AbortSignal.timeout(Math.max(1, deadline - Date.now())));
    if (this.#queue.length > 0) this.#options.onDropped('delivery_failed', this.#queue.length);
    this.#queue.clear();
  }

  /** Starts draining on a later turn of the event loop, so the request that queued never pays for a batch. */
  #kick(): void {
    if (this.#running || this.#stopping.signal.aborted) return;
    this.#running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.#drain())
      .finally(() => {
        this.#running = undefined;
      });
  }

  async #drain(): Promise<void> {
    for (;;) {
      const ready = this.#queue.length >= this.#options.batchSize || (this.#due && this.#queue.length > 0);
      if (!ready || this.#stopping.signal.aborted) {
        if (this.#queue.length === 0) this.#due = false;
        return;
      }
      await this.#deliver(this.#take(), this.#options.retryDelaysMs.length + 1, this.#stopping.signal);
    }
  }

  #take(): PendingGeneration[] {
    const count = Math.min(this.#options.batchSize, this.#queue.length);
    const batch: PendingGeneration[] = [];
    for (let index = 0; index < count; index += 1) batch.push(this.#queue.shift() as PendingGeneration);
    return batch;
  }

  /**
   * Sends one batch, retrying; counts it as delivered or dropped. `cancel` ends it early: while
   * draining, the stop (the batch goes back to the front of the queue, for shutdown's last try).
   * Never throws.
   */
  async #deliver(batch: PendingGeneration[], attempts: number, cancel: AbortSignal): Promise<void> {
    const id = randomUUID();
    const body = JSON.stringify({ id, type: 'generation.batch', created_at: new Date().toISOString(), data: batch.map(encodeExportedGeneration) });
    const requeue = () => {
      for (let index = batch.length - 1; index >= 0; index -= 1) this.#queue.unshift(batch[index] as PendingGeneration);
    };
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      const status = await this.#post(id, body, cancel);
      if (status === undefined && cancel === this.#stopping.signal && cancel.aborted) return requeue();
      if (status !== undefined && status >= 200 && status < 300) {
        this.#options.onDelivered(batch.length);
        return;
      }
      if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) {
        this.#options.onError(`the generation export webhook refused a batch with ${status}`);
        this.#options.onDropped('rejected', batch.length);
        return;
      }
      if (attempt < attempts && !(await this.#sleep(this.#options.retryDelaysMs[attempt - 1] ?? 0))) return requeue();
    }
    this.#options.onDropped('delivery_failed', batch.length);
  }

  /** The receiver's status, or undefined when it did not answer in time (or at all). */
  async #post(batchId: string, body: string, cancel: AbortSignal): Promise<number | undefined> {
    try {
      const response = await fetch(this.#options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Switchyard-Export/1',
          'x-switchyard-batch-id': batchId,
          'x-switchyard-signature': signWebhook(this.#options.secret, body, Math.floor(Date.now() / 1000)),
        },
        body,
        signal: AbortSignal.any([AbortSignal.timeout(this.#options.timeoutMs), cancel]),
        redirect: 'manual',
      });
      await response.body?.cancel();
      if (response.status < 200 || response.status >= 300) this.#options.onError(`the generation export webhook answered ${response.status}`);
      return response.status;
    } catch (error) {
      this.#options.onError(
        error instanceof Error && error.name === 'TimeoutError' ? `the generation export webhook did not answer within ${this.#options.timeoutMs} ms` : `the generation export webhook is unreachable: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    }
  }

  /** Waits before a retry; false when the exporter is stopping (no more retries). */
  #sleep(ms: number): Promise<boolean> {
    const stopping = this.#stopping.signal;
    if (stopping.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        stopping.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      timer.unref();
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      stopping.addEventListener('abort', onAbort, { once: true });
    });
  }
}
