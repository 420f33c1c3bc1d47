import { createHash } from "node:crypto";
class StickySessions {
  #entries = /* @__PURE__ */ new Map();
  #options;
  constructor(options = {}) {
    this.#options = { idleMs: 10 * 6e4, maxEntries: 5e4, ...options };
  }
  /** The provider id that last served this conversation, if it was within the idle window. */
  get(key, now) {
    const entry = this.#entries.get(key);
    if (!entry) return void 0;
    if (now - entry.at > this.#options.idleMs) {
      this.#entries.delete(key);
      return void 0;
    }
    return entry.provider;
  }
  set(key, provider, now) {
    this.#entries.delete(key);
    this.#entries.set(key, { provider, at: now });
    if (this.#entries.size > this.#options.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }
  recall(conversation, now) {
    return (modelId) => this.get(`${conversation}|${modelId}`, now);
  }
  remember(conversation, modelId, provider, now) {
    this.set(`${conversation}|${modelId}`, provider, now);
  }
  get size() {
    return this.#entries.size;
  }
}
function conversationKey(request, sessionHeader) {
  const explicit = request.session_id ?? sessionHeader ?? (typeof request.prompt_cache_key === "string" ? request.prompt_cache_key : void 0);
  if (explicit) return `s:${explicit}`;
  const messages = request.messages ?? [];
  const system = messages.find((message) => message.role === "system" || message.role === "developer");
  const first = messages.find((message) => message.role !== "system" && message.role !== "developer");
  return `h:${createHash("sha256").update(textOf(system)).update("\0").update(textOf(first)).digest("base64url").slice(0, 22)}`;
}
function textOf(message) {
  if (!message) return "";
  const { content } = message;
  if (typeof content === "string") return content;
  return Array.isArray(content) ? JSON.stringify(content) : "";
}
export {
  StickySessions,
  conversationKey
};
//# sourceMappingURL=sticky-sessions.js.map
