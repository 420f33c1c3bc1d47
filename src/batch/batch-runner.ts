import { randomUUID } from 'node:crypto';
import { ACTIVE_BATCH_STATUSES, type BatchRecord } from '../stores/batch-store.js';
import { driveBatch, type BatchDriverDeps } from './drive-batch.js';

export interface BatchRunnerOptions extends BatchDriverDeps {
  /** How long a claim lasts unless renewed (renewed every third of it). */
  leaseMs: number;
  pollIntervalMs: number;
  /** Ended batches and their files, and unused uploads, older than this are deleted. */
  retentionMs: number;
  /** This node's name in lease rows; random by default. */
  nodeId?: string;
}

const RETENTION_EVERY_MS = 60_000;

/**
 * This node's share of the Batch API: it looks for batches with work left, claims each one's lease
 * (exactly one node drives a batch; a lapsed lease is taken over), drives the ones it holds, renews
 * their leases while it does, and deletes what retention says is old. `stop` stops starting
 * requests and gives the leases up, so another node or the next start resumes at once.
 */
export class BatchRunner {
  readonly nodeId: string;
  readonly #options: BatchRunnerOptions;
  readonly #driving = new Map<string, { controller: AbortController; done: Promise<void> }>();
  #timer: NodeJS.Timeout | undefined;
  #ticking: Promise<void> | undefined;
  #lastRetention = 0;
  #stopped = false;

  constructor(options: BatchRunnerOptions) {
    this.#options = options;
    this.nodeId = options.nodeId ?? `node-${randomUUID()}`;
  }

  start(): void {
    this.#timer = setInterval(() => this.kick(), this.#options.pollIntervalMs);
    this.#timer.unref();
    this.kick();
  }

  /** Looks for work now (a batch was just created or cancelled). */
  kick(): void {
    if (this.#stopped || this.#ticking) return;
    this.#ticking = this.#tick()
      .catch((error: unknown) => this.#options.log.error({ err: error }, 'looking for batches to drive failed'))
      .finally(() => {
        this.#ticking = undefined;
      });
  }

  async #tick(): Promise<void> {
    const { store, now } = this.#options;
    for (const batch of await store.listByStatus(ACTIVE_BATCH_STATUSES)) {
      if (this.#stopped || this.#driving.has(batch.id)) continue;
      if (await store.claim(batch.id, this.nodeId, now(), this.#options.leaseMs)) this.#drive(batch);
    }
    if (now() - this.#lastRetention >= RETENTION_EVERY_MS) {
      this.#lastRetention = now();
      await this.#applyRetention();
    }
  }

  #drive(batch: BatchRecord): void {
    const { store, now, leaseMs, log } = this.#options;
    const controller = new AbortController();
    const renew = setInterval(() => {
      store.claim(batch.id, this.nodeId, now(), leaseMs).then(
        (held) => {
          if (!held) {
            log.warn({ batch: batch.id }, 'lost the lease of a batch to another node; stopping driving it');
            controller.abort();
          }
        },
        (error: unknown) => log.warn({ err: error, batch: batch.id }, 'renewing a batch lease failed'),
      );
    }, Math.max(50, Math.floor(leaseMs / 3)));
    renew.unref();
    const done = driveBatch(batch, this.#options, controller.signal)
      .catch((error: unknown) => log.error({ err: error, batch: batch.id }, 'driving a batch failed; it resumes on the next pass'))
      .finally(async () => {
        clearInterval(renew);
        this.#driving.delete(batch.id);
        await store.release(batch.id, this.nodeId).catch(() => {});
        // A cancel that arrived while the last lines ran, or more work: look again.
        if (!controller.signal.aborted) this.kick();
      });
    this.#driving.set(batch.id, { controller, done });
  }

  async #applyRetention(): Promise<void> {
    const { store, files, storage, now, retentionMs } = this.#options;
    const cutoff = now() - retentionMs;
    for (const batch of await store.listEndedBefore(cutoff)) {
      for (const file of await files.listForBatch(batch.id)) {
        await storage.remove(file.id);
        await files.delete(file.id);
      }
      await store.delete(batch.id);
    }
    for (const file of await files.listUnusedBefore(cutoff)) {
      await storage.remove(file.id);
      await files.delete(file.id);
    }
  }

  /** Stops starting batch requests and waits for the ones in flight; leases are released. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    for (const { controller } of this.#driving.values()) controller.abort();
    await this.#ticking;
    await Promise.all([...this.#driving.values()].map(({ done }) => done));
  }
}
