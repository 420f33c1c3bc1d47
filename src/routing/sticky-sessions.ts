import { hash } from 'node:crypto';
import type { ChatMessage, ChatRequest } from '../core/canonical/chat-request.js';

/** Options of StickySessions. */
export interface StickyOptions {
  /** A conversation forgets its endpoint after this long without a request (OpenRouter: 10 minutes). */
  idleMs: number;
  /** Most conversations remembered; the least recently used is dropped first. */
  maxEntries: number;
}

/**
 * Where sticky routes live: this process (StickySessions) or Redis for several nodes
 * (redis-sticky-routes.ts). Read once per request before planning, written after a success.
 */
export interface StickyRoutes {
  /** The providers that last served this conversation within the idle window, by model id. */
  recall(conversation: string, now: number): Promise<(modelId: string) => string | undefined> | ((modelId: string) => string | undefined);
  remember(conversation: string, modelId: string, provider: string, now: number): void;
}

/**
 * Sticky routing for prompt caching: remembers which provider served a conversation of a
 * key and model, so the next turn lands where the prompt is cached. A Map in insertion
 * order doubles as the LRU list (touching re-inserts), so memory is bounded by maxEntries.
 */
export class StickySessions implements StickyRoutes {
  readonly #entries = new Map<string, { provider: string; at: number }>();
  readonly #options: StickyOptions;

  constructor(options: Partial<StickyOptions> = {}) {
    this.#options = { idleMs: 10 * 60_000, maxEntries: 50_000, ...options };
  }

  /** The provider id that last served this conversation, if it was within the idle window. */
  get(key: string, now: number): string | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (now - entry.at > this.#options.idleMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.provider;
  }

  set(key: string, provider: string, now: number): void {
    this.#entries.delete(key);
    this.#entries.set(key, { provider, at: now });
    if (this.#entries.size > this.#options.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }

  recall(conversation: string, now: number): (modelId: string) => string | undefined {
    return (modelId) => this.get(`${conversation}|${modelId}`, now);
  }

  remember(conversation: string, modelId: string, provider: string, now: number): void {
    this.set(`${conversation}|${modelId}`, provider, now);
  }

  get size(): number {
    return this.#entries.size;
  }
}

/**
 * The conversation a request belongs to: `session_id`, else the `x-session-id` header, else
 * `prompt_cache_key`, else a hash of the first system/developer message and the first other
 * message (stable across turns of one conversation).
 */
export function conversationKey(request: ChatRequest, sessionHeader: string | undefined): string {
  const explicit = request.session_id ?? sessionHeader ?? (typeof request.prompt_cache_key === 'string' ? request.prompt_cache_key : undefined);
  if (explicit) return `s:${explicit}`;
  const messages = request.messages ?? [];
  const system = messages.find((message) => message.role === 'system' || message.role === 'developer');
  const first = messages.find((message) => message.role !== 'system' && message.role !== 'developer');
  // One-shot `hash` (a quarter of createHash's cost): it runs on every request.
  return `h:${hash('sha256', `${textOf(system)}\u0000${textOf(first)}`, 'base64url').slice(0, 22)}`;
}

function textOf(message: ChatMessage | undefined): string {
  if (!message) return '';
  const { content } = message;
  if (typeof content === 'string') return content;
  return Array.isArray(content) ? JSON.stringify(content) : '';
}
