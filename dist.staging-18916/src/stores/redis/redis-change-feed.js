import { randomBytes } from "node:crypto";
const TOPICS = /* @__PURE__ */ new Set(["key", "key-rate-limits", "guardrails", "privacy", "workspaces", "credits"]);
const MAX_PENDING = 1e3;
class RedisChangeFeed {
  #connection;
  #channel;
  #origin = randomBytes(8).toString("hex");
  #pollMs;
  #pending = [];
  #overflowed = false;
  #epoch;
  #timer;
  #closed = false;
  #flushing = false;
  #subscriber;
  constructor(connection, epoch, pollMs) {
    this.#connection = connection;
    this.#channel = connection.channel("changes");
    this.#epoch = epoch;
    this.#pollMs = pollMs;
    this.#subscriber = connection.subscriber();
    connection.client.on("ready", () => void this.#flush());
  }
  static async open(connection, options = {}) {
    const fresh = newEpoch();
    await connection.client.set("settings-epoch", fresh, "NX");
    const epoch = await connection.client.get("settings-epoch") ?? fresh;
    return new RedisChangeFeed(connection, epoch, options.pollMs ?? 5e3);
  }
  /** Same on every node; changes on every guardrail or privacy change anywhere. */
  get settingsEpoch() {
    return this.#epoch;
  }
  publish(notice) {
    const message = { topic: notice.topic, origin: this.#origin };
    if (notice.id !== void 0) message.id = notice.id;
    if (notice.topic === "guardrails" || notice.topic === "privacy") {
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
  subscribe(handlers) {
    let connectedOnce = false;
    this.#subscriber.on("ready", () => {
      if (connectedOnce) void this.#adoptAfter(handlers.onResync(), void 0, true);
      connectedOnce = true;
    });
    this.#subscriber.on("message", (channel, text) => {
      if (channel !== this.#channel) return;
      const notice = parseNotice(text);
      if (!notice || notice.origin === this.#origin) return;
      const reread = notice.topic === "*" ? handlers.onResync() : handlers.onNotice(notice.id === void 0 ? { topic: notice.topic } : { topic: notice.topic, id: notice.id });
      void this.#adoptAfter(reread, notice.epoch, false);
    });
    void this.#subscriber.subscribe(this.#channel).catch(() => {
    });
    this.#timer = setInterval(() => {
      if (this.#subscriber.status !== "ready") void handlers.onResync();
    }, this.#pollMs);
    this.#timer.unref();
  }
  /** After a re-read: takes the notice's epoch, or after a resync the one stored in Redis. */
  async #adoptAfter(reread, epoch, fromRedis) {
    await reread;
    if (epoch) this.#epoch = epoch;
    else if (fromRedis) {
      const stored = await this.#connection.client.get("settings-epoch").catch(() => null);
      if (stored) this.#epoch = stored;
    }
  }
  async close() {
    this.#closed = true;
    clearInterval(this.#timer);
    this.#subscriber.disconnect();
  }
  async #flush() {
    if (this.#flushing) return;
    this.#flushing = true;
    let sent = false;
    try {
      sent = await this.#send();
    } finally {
      this.#flushing = false;
    }
    if (sent && this.#pending.length > 0) void this.#flush();
  }
  /** Sends what is pending; false when the connection failed (the next 'ready' sends the rest). */
  async #send() {
    const client = this.#connection.client;
    while (!this.#closed && this.#pending.length > 0 && this.#connection.isReady()) {
      const text = this.#pending[0];
      try {
        const { epoch } = JSON.parse(text);
        if (epoch) await client.set("settings-epoch", epoch);
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
      await client.set("settings-epoch", epoch).catch(() => {
      });
      await client.publish(this.#channel, JSON.stringify({ topic: "*", origin: this.#origin, epoch })).catch(() => {
        this.#overflowed = true;
      });
    }
    return this.#connection.isReady();
  }
}
function newEpoch() {
  return randomBytes(6).toString("base64url");
}
function parseNotice(text) {
  try {
    const value = JSON.parse(text);
    const topic = value.topic;
    if (topic !== "*" && !TOPICS.has(topic)) return void 0;
    return {
      topic,
      id: typeof value.id === "string" ? value.id : void 0,
      origin: typeof value.origin === "string" ? value.origin : void 0,
      epoch: typeof value.epoch === "string" ? value.epoch : void 0
    };
  } catch {
    return void 0;
  }
}
export {
  RedisChangeFeed
};
//# sourceMappingURL=redis-change-feed.js.map
