import type { ServerResponse } from 'node:http';
import type { SseSink } from '../pipeline/sse-sink.js';

const KEEPALIVE = ': OPENROUTER PROCESSING\n\n';

/**
 * SSE over a Node response. Headers (200, text/event-stream) go out with the first write,
 * so an error before anything was written can still be a plain JSON error with its real
 * status. While the upstream is silent for `keepaliveMs`, OpenRouter's keep-alive comment
 * is written, which also commits the 200.
 */
export class SocketSseSink implements SseSink {
  readonly #raw: ServerResponse;
  readonly #headers: Record<string, string>;
  readonly #timer: NodeJS.Timeout;
  #lastWrite = Date.now();
  #ended = false;

  constructor(raw: ServerResponse, options: { keepaliveMs: number; headers: Record<string, string> }) {
    this.#raw = raw;
    this.#headers = options.headers;
    const tick = Math.max(10, Math.floor(options.keepaliveMs / 2));
    this.#timer = setInterval(() => {
      if (Date.now() - this.#lastWrite >= options.keepaliveMs) void this.#write(KEEPALIVE);
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
    return this.#write(`data: ${payload}\n\n`);
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
    this.#raw.writeHead(200, {
      ...this.#headers,
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
  }
}
