import { createHash } from "node:crypto";
const NONE = () => void 0;
class RedisStickyRoutes {
  #redis;
  #idleMs;
  #onUnavailable;
  #down = false;
  constructor(options) {
    this.#redis = options.client;
    this.#idleMs = options.idleMs;
    this.#onUnavailable = options.onUnavailable ?? (() => {
    });
  }
  async recall(conversation, now) {
    let fields;
    try {
      fields = await this.#redis.hgetall(keyOf(conversation));
      this.#down = false;
    } catch (error) {
      this.#fail(error);
      return NONE;
    }
    return (modelId) => {
      const value = fields[modelId];
      if (!value) return void 0;
      const split = value.lastIndexOf("|");
      const at = Number(value.slice(split + 1));
      return now - at > this.#idleMs ? void 0 : value.slice(0, split);
    };
  }
  remember(conversation, modelId, provider, now) {
    const key = keyOf(conversation);
    this.#redis.multi().hset(key, modelId, `${provider}|${now}`).pexpire(key, this.#idleMs).exec().catch((error) => this.#fail(error));
  }
  #fail(error) {
    if (this.#down) return;
    this.#down = true;
    this.#onUnavailable(error);
  }
}
function keyOf(conversation) {
  return `sticky:${createHash("sha256").update(conversation).digest("base64url")}`;
}
export {
  RedisStickyRoutes
};
//# sourceMappingURL=redis-sticky-routes.js.map
