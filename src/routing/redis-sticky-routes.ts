import { hash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { StickyRoutes } from './sticky-sessions.js';

const NONE = (): undefined => undefined;

/**
 * Sticky routes in Redis, so the next turn of a conversation lands on the provider that has its
 * prompt cached whichever node serves it. One hash per conversation (model id → `provider|at`),
 * expiring after the idle window; one HGETALL per request before planning.
 *
 * Redis lost: no stickiness (routing proceeds as for a new conversation); `onUnavailable` is told
 * once per outage.
 */
export class RedisStickyRoutes implements StickyRoutes {
  readonly #redis: Redis;
  readonly #idleMs: number;
  readonly #onUnavailable: (error: unknown) => void;
  #down = false;

  constructor(options: { client: Redis; idleMs: number; onUnavailable?: (error: unknown) => void }) {
    this.#redis = options.client;
    this.#idleMs = options.idleMs;
    this.#onUnavailable = options.onUnavailable ?? (() => {});
  }

  async recall(conversation: string, now: number): Promise<(modelId: string) => string | undefined> {
    let fields: Record<string, string>;
    try {
      fields = await this.#redis.hgetall(keyOf(conversation));
      this.#down = false;
    } catch (error) {
      this.#fail(error);
      return NONE;
    }
    return (modelId) => {
      const value = fields[modelId];
      if (!value) return undefined;
      const split = value.lastIndexOf('|');
      const at = Number(value.slice(split + 1));
      return now - at > this.#idleMs ? undefined : value.slice(0, split);
    };
  }

  remember(conversation: string, modelId: string, provider: string, now: number): void {
    const key = keyOf(conversation);
    this.#redis
      .multi()
      .hset(key, modelId, `${provider}|${now}`)
      .pexpire(key, this.#idleMs)
      .exec()
      .catch((error: unknown) => this.#fail(error));
  }

  #fail(error: unknown): void {
    if (this.#down) return;
    this.#down = true;
    this.#onUnavailable(error);
  }
}

/** The conversation id holds client text (session ids): hashed to a bounded key. */
function keyOf(conversation: string): string {
  return `sticky:${hash('sha256', conversation, 'base64url')}`;
}
