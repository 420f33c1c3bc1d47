import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { AttemptOutcome, AttemptRecord, EndpointAvailability, EndpointHealth, EndpointStats, Percentile } from './endpoint-health.js';

/** One observation as it travels between nodes (short field names: thousands per second at load). */
type HealthEvent =
  | { k: 'a'; e: string; o: AttemptOutcome; at: number; f?: number }
  | { k: 't'; e: string; v: number; at: number };

const OUTCOMES = new Set<AttemptOutcome>(['success', 'failure', 'rate_limited', 'rejected']);
/** Events waiting to be sent; past it, the oldest are dropped (health is then this node's own). */
const MAX_OUTBOX = 10_000;
/**
 * How long events gather before one XADD sends them: at load every request records an attempt and
 * a throughput sample, each in a tick of its own, so a flush per tick was about one XADD (and, on
 * every node, one XREAD wake-up) per request; every 10 ms is at most 100 of each per second.
 */
const FLUSH_INTERVAL_MS = 10;

/**
 * Endpoint health shared by every node: each node records its attempts in its own in-memory
 * view (so routing reads stay synchronous and cheap) and appends them, batched every 10 ms, to one
 * Redis stream (`<prefix>health`, capped at about `maxEvents` batches); every node folds the
 * other nodes' batches into its view as they arrive (a blocking read) and replays the stream at
 * start. So an endpoint failing for node A is unstable, or its circuit open, on node B within
 * milliseconds, and uptime, latency and throughput stats cover the whole fleet.
 *
 * The half-open probe of an open circuit is per node (each node lets one probe through).
 * Redis lost: each node keeps its own view from its own attempts and sends again when Redis is
 * back.
 */
export class SharedEndpointHealth implements EndpointHealth {
  readonly #local: EndpointHealth;
  readonly #writer: Redis;
  readonly #reader: Redis;
  readonly #streamKey: string;
  readonly #maxEvents: number;
  readonly #origin = randomBytes(6).toString('base64url');
  #outbox: HealthEvent[] = [];
  #flushScheduled = false;
  #lastId = '0-0';
  #closed = false;
  #reading: Promise<void> | undefined;

  /**
   * `writer` runs XADD (with the connection's key prefix); `reader` is a connection of its own for
   * blocking reads, without a key prefix, so `streamKey` is the full name.
   */
  constructor(options: { local: EndpointHealth; writer: Redis; reader: Redis; keyPrefix: string; maxEvents?: number }) {
    this.#local = options.local;
    this.#writer = options.writer;
    this.#reader = options.reader;
    this.#streamKey = `${options.keyPrefix}health`;
    this.#maxEvents = options.maxEvents ?? 20_000;
  }

  /** Replays what the fleet recorded so far, then follows the stream. */
  async start(): Promise<void> {
    await this.#readOnce(0).catch(() => {});
    this.#reading = this.#follow();
  }

  record(attempt: AttemptRecord): void {
    this.#local.record(attempt);
    const event: HealthEvent = { k: 'a', e: attempt.endpoint, o: attempt.outcome, at: attempt.at };
    if (attempt.ttftMs !== undefined) event.f = attempt.ttftMs;
    this.#send(event);
  }

  recordThroughput(sample: { endpoint: string; tokensPerSecond: number; at: number }): void {
    this.#local.recordThroughput(sample);
    if (Number.isFinite(sample.tokensPerSecond) && sample.tokensPerSecond > 0) this.#send({ k: 't', e: sample.endpoint, v: sample.tokensPerSecond, at: sample.at });
  }

  availability(endpoint: string, now: number): EndpointAvailability {
    return this.#local.availability(endpoint, now);
  }

  stats(endpoint: string, now: number): EndpointStats {
    return this.#local.stats(endpoint, now);
  }

  percentile(options: { endpoint: string; metric: 'ttft' | 'throughput'; percentile: Percentile; windowMs: number; now: number }): number | undefined {
    return this.#local.percentile(options);
  }

  endpoints(): string[] {
    return this.#local.endpoints();
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#flush();
    this.#reader.disconnect();
    await this.#reading?.catch(() => {});
  }

  #send(event: HealthEvent): void {
    if (this.#outbox.length >= MAX_OUTBOX) this.#outbox.shift();
    this.#outbox.push(event);
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setTimeout(() => void this.#flush(), FLUSH_INTERVAL_MS);
  }

  async #flush(): Promise<void> {
    this.#flushScheduled = false;
    if (this.#outbox.length === 0 || this.#writer.status !== 'ready') return;
    const batch = this.#outbox;
    this.#outbox = [];
    await this.#writer
      .xadd('health', 'MAXLEN', '~', this.#maxEvents, '*', 'o', this.#origin, 'd', JSON.stringify(batch))
      .catch(() => {
        // Lost with the connection: this node's own view has them; the others do without.
      });
  }

  async #follow(): Promise<void> {
    while (!this.#closed) {
      try {
        await this.#readOnce(1000);
      } catch {
        if (this.#closed) return;
        await new Promise((resolve) => setTimeout(resolve, 500).unref());
      }
    }
  }

  /** Reads and folds the batches after the last one seen; `blockMs` 0 = do not wait. */
  async #readOnce(blockMs: number): Promise<void> {
    const reply = (
      blockMs > 0
        ? await this.#reader.xread('COUNT', 500, 'BLOCK', blockMs, 'STREAMS', this.#streamKey, this.#lastId)
        : await this.#reader.xread('COUNT', 100_000, 'STREAMS', this.#streamKey, this.#lastId)
    ) as Array<[string, Array<[string, string[]]>]> | null;
    for (const [, entries] of reply ?? []) {
      for (const [id, fields] of entries) {
        this.#lastId = id;
        const origin = fields[fields.indexOf('o') + 1];
        if (origin === this.#origin) continue;
        this.#fold(fields[fields.indexOf('d') + 1]);
      }
    }
  }

  #fold(data: string | undefined): void {
    let events: unknown;
    try {
      events = JSON.parse(data ?? '[]');
    } catch {
      return;
    }
    if (!Array.isArray(events)) return;
    for (const event of events as HealthEvent[]) {
      if (typeof event?.e !== 'string' || typeof event.at !== 'number') continue;
      if (event.k === 'a' && OUTCOMES.has(event.o)) {
        this.#local.record({ endpoint: event.e, outcome: event.o, at: event.at, ...(typeof event.f === 'number' ? { ttftMs: event.f } : {}) });
      } else if (event.k === 't' && typeof event.v === 'number') {
        this.#local.recordThroughput({ endpoint: event.e, tokensPerSecond: event.v, at: event.at });
      }
    }
  }
}
