import type { ServerResponse } from 'node:http';
import type { SseSink } from '../core/sse-sink.js';

/** How one dialect frames SSE: OpenRouter's `data:` lines, or Anthropic's named events. */
export interface SseFraming {
  /** Turns one encoder payload into the bytes of one SSE event. */
  frame(payload: string): string;
  /** Written while the upstream is silent. */
  keepalive: string;
}

/** OpenRouter's framing: `data: <payload>` and the `: OPENROUTER PROCESSING` comment. */
export const OPENROUTER_SSE_FRAMING: SseFraming = {
  frame: (payload) => `data: ${payload}\n\n`,
  keepalive: ': OPENROUTER PROCESSING\n\n',
};

/**
 * SSE over a Node response. Headers (200, text/event-stream) go out with the first write,
 * so an error before anything was written can still be a plain JSON error with its real
 * status. Once the upstream is asked (`keepAliveFromNow`), while it is silent for `keepaliveMs`
 * the dialect's keep-alive (OpenRouter's comment, Anthropic's `ping` event) is written, which also
 * commits the 200. Before that (routing, middle-out, the budget hold, a first tokenizer load) no
 * keep-alive goes out, so a refusal there (a 402, a 429) is answered with its own status.
 */
export class SocketSseSink implements SseSink {
  readonly #raw: ServerResponse;
  readonly #headers: Record<string, string>;
  readonly #framing: SseFraming;
  readonly #keepaliveMs: number;
  #timer: NodeJS.Timeout | undefined;
  #lastWrite = Date.now();
  #ended = false;

  constructor(raw: ServerResponse, options: { keepaliveMs: number; headers: Record<string, string>; framing?: SseFraming }) {
    this.#raw = raw;
    this.#headers = options.headers;
    this.#framing = options.framing ?? OPENROUTER_SSE_FRAMING;
    this.#keepaliveMs = options.keepaliveMs;
  }

  keepAliveFromNow(): void {
    if (this.#timer !== undefined || this.#ended) return;
    this.#lastWrite = Date.now();
    const keepaliveMs = this.#keepaliveMs;
    const tick = Math.max(10, Math.floor(keepaliveMs / 2));
    this.#timer = setInterval(() => {
      // A client that is not reading (its socket is backed up) gains nothing from keep-alives;
      // writing them anyway would pile bytes and drain listeners up for as long as it stalls.
      if (Date.now() - this.#lastWrite >= keepaliveMs && !this.#raw.writableNeedDrain) void this.#write(this.#framing.keepalive);
    }, tick);
    this.#timer.unref();
  }

  /** True once the status line went out; errors must then be sent in-band. */
  get started(): boolean {
    return this.#raw.headersSent;
  }

  get closed(): boolean {
    return this.#ended || this.#raw.destroyed || this.#raw.writableEnded;
  }

  send(payload: string): Promise<void> {
    return this.#write(this.#framing.frame(payload));
  }

  sendMany(payloads: readonly string[]): Promise<void> {
    // One string, one write: a chunked-encoding frame and a socket write per event cost more
    // than the events themselves.
    if (payloads.length === 0) return Promise.resolve();
    let text = '';
    for (const payload of payloads) text += this.#framing.frame(payload);
    return this.#write(text);
  }

  end(): void {
    clearInterval(this.#timer);
    if (this.#ended) return;
    this.#ended = true;
    if (!this.#raw.destroyed && !this.#raw.writableEnded) {
      if (!this.#raw.headersSent) this.#writeHead();
      this.#raw.end();
    }
  }

  /** Stops the keep-alive without ending (the caller will send a JSON error instead). */
  abandon(): void {
    clearInterval(this.#timer);
    this.#ended = true;
  }

  async #write(text: string): Promise<void> {
    if (this.closed) return;
    if (!this.#raw.headersSent) this.#writeHead();
    this.#lastWrite = Date.now();
    if (!this.#raw.write(text)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.#raw.off('drain', done);
          this.#raw.off('close', done);
          resolve();
        };
        this.#raw.on('drain', done);
        this.#raw.on('close', done);
      });
    }
  }

  #writeHead(): void {
    // Object.assign, not `{ ...headers, … }`: V8 11 (Node 20) adds each member after a spread copy
    // through a slow path (about 2 µs each); the same object, in the same key order.
    const headers = Object.assign({}, this.#headers);
    headers['content-type'] = 'text/event-stream';
    headers['cache-control'] = 'no-cache';
    headers.connection = 'keep-alive';
    headers['x-accel-buffering'] = 'no';
    this.#raw.writeHead(200, headers);
  }
}
