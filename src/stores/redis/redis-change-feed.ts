import { randomBytes } from 'node:crypto';
import type { ChangeFeed, ChangeNotice, ChangeTopic } from '../change-feed.js';
import type { RedisConnection } from './open-redis.js';

const TOPICS = new Set<ChangeTopic>(['key', 'key-rate-limits', 'guardrails', 'privacy', 'workspaces', 'credits']);
/** Notices kept while this node cannot publish; past it, the others are told to re-read everything. */
const MAX_PENDING = 1000;

/**
 * ChangeFeed over Redis pub/sub (one channel, `<prefix>changes`). Publishing never waits: a
 * notice that cannot be sent now (connection lost) is kept and sent when the connection is back.
 * A node whose subscription was interrupted re-reads everything when it is back, and every
 * `pollMs` while Redis stays unreachable, so it never serves stale keys for long.
 *
 * It also keeps the settings epoch: a random token replaced on every guardrail or privacy change
 * and stored in Redis (`<prefix>settings-epoch`), the same on every node, so the shared response
 * cache never replays an entry made under other settings (a node's own change counters differ
 * between nodes and restart at zero).
 */
export class RedisChangeFeed implements ChangeFeed {
  readonly #connection: RedisConnection;
  readonly #channel: string;
  readonly #origin = randomBytes(8).toString('hex');
  readonly #pollMs: number;
  #pending: string[] = [];
  #overflowed = false;
  #epoch: string;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  #flushing = false;
  readonly #subscriber;

  private constructor(connection: RedisConnection, epoch: string, pollMs: number) {
    this.#connection = connection;
    this.#channel = connection.channel('changes');
    this.#epoch = epoch;
    this.#pollMs = pollMs;
    this.#subscriber = connection.subscriber();
    connection.client.on('ready', () => void this.#flush());
  }

  static async open(connection: RedisConnection, options: { pollMs?: number } = {}): Promise<RedisChangeFeed> {
    const fresh = newEpoch();
    // Keeps the epoch other nodes agreed on; the first node of a deployment sets it.
    await connection.client.set('settings-epoch', fresh, 'NX');
    const epoch = (await connection.client.get('settings-epoch')) ?? fresh;
    return new RedisChangeFeed(connection, epoch, options.pollMs ?? 5000);
  }

  /** Same on every node; changes on every guardrail or privacy change anywhere. */
  get settingsEpoch(): string {
    return this.#epoch;
  }

  publish(notice: ChangeNotice): void {
    const message: Record<string, string> = { topic: notice.topic, origin: this.#origin };
    if (notice.id !== undefined) message.id = notice.id;
    if (notice.topic === 'guardrails' || notice.topic === 'privacy') {
      // This node serves the new settings from now on: it uses the new epoch at once.
      this.#epoch = newEpoch();
      message.epoch = this.#epoch;
    }
    if (this.#pending.length >= MAX_PENDING) {
      this.#overflowed = true;
      return;
    }
    this.#pending.push(JSON.stringify(message));
    void this.#flush();
  }

  subscribe(handlers: { onNotice(notice: ChangeNotice): Promise<void>; onResync(): Promise<void> }): void {
    let connectedOnce = false;
    this.#subscriber.on('ready', () => {
      // After the first connection, a reconnect means notices may have been missed meanwhile.
      if (connectedOnce) void this.#adoptAfter(handlers.onResync(), undefined, true);
      connectedOnce = true;
    });
    this.#subscriber.on('message', (channel: string, text: string) => {
      if (channel !== this.#channel) return;
      const notice = parseNotice(text);
      if (!notice || notice.origin === this.#origin) return;
      // The new epoch only once this node serves the new settings: never old settings under a new epoch.
      const reread = notice.topic === '*' ? handlers.onResync() : handlers.onNotice(notice.id === undefined ? { topic: notice.topic } : { topic: notice.topic, id: notice.id });
      void this.#adoptAfter(reread, notice.epoch, false);
    });
    void this.#subscriber.subscribe(this.#channel).catch(() => {});
    this.#timer = setInterval(() => {
      if (this.#subscriber.status !== 'ready') void handlers.onResync();
    }, this.#pollMs);
    this.#timer.unref();
  }

  /** After a re-read: takes the notice's epoch, or after a resync the one stored in Redis. */
  async #adoptAfter(reread: Promise<void>, epoch: string | undefined, fromRedis: boolean): Promise<void> {
    await reread;
    if (epoch) this.#epoch = epoch;
    else if (fromRedis) {
      const stored = await this.#connection.client.get('settings-epoch').catch(() => null);
      if (stored) this.#epoch = stored;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    this.#subscriber.disconnect();
  }

  async #flush(): Promise<void> {
    if (this.#flushing) return;
    this.#flushing = true;
    let sent = false;
    try {
      sent = await this.#send();
    } finally {
      this.#flushing = false;
    }
    // A notice published while the last one was on its way.
    if (sent && this.#pending.length > 0) void this.#flush();
  }

  /** Sends what is pending; false when the connection failed (the next 'ready' sends the rest). */
  async #send(): Promise<boolean> {
    const client = this.#connection.client;
    while (!this.#closed && this.#pending.length > 0 && this.#connection.isReady()) {
      const text = this.#pending[0] as string;
      try {
        const { epoch } = JSON.parse(text) as { epoch?: string };
        if (epoch) await client.set('settings-epoch', epoch);
        await client.publish(this.#channel, text);
      } catch {
        return false;
      }
      this.#pending.shift();
    }
    if (this.#overflowed && this.#pending.length === 0 && this.#connection.isReady()) {
      this.#overflowed = false;
      const epoch = newEpoch();
      this.#epoch = epoch;
      await client.set('settings-epoch', epoch).catch(() => {});
      await client.publish(this.#channel, JSON.stringify({ topic: '*', origin: this.#origin, epoch })).catch(() => {
        this.#overflowed = true;
      });
    }
    return this.#connection.isReady();
  }
}

function newEpoch(): string {
  return randomBytes(6).toString('base64url');
}

function parseNotice(text: string): { topic: ChangeTopic | '*'; id?: string; origin?: string; epoch?: string } | undefined {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const topic = value.topic;
    if (topic !== '*' && !TOPICS.has(topic as ChangeTopic)) return undefined;
    return {
      topic: topic as ChangeTopic | '*',
      id: typeof value.id === 'string' ? value.id : undefined,
      origin: typeof value.origin === 'string' ? value.origin : undefined,
      epoch: typeof value.epoch === 'string' ? value.epoch : undefined,
    };
  } catch {
    return undefined;
  }
}
