import type { SseSink } from '../core/sse-sink.js';

/**
 * Passes payloads through to the client's sink and keeps a copy (up to a byte budget) so a
 * successful stream can be cached and replayed. `[DONE]` is not kept: replays add their own.
 */
export class RecordingSseSink implements SseSink {
  readonly #inner: SseSink;
  readonly #maxBytes: number;
  #bytes = 0;
  #payloads: string[] | undefined = [];

  constructor(inner: SseSink, options: { maxBytes: number }) {
    this.#inner = inner;
    this.#maxBytes = options.maxBytes;
  }

  /** Everything sent, or undefined when it outgrew the budget. */
  get payloads(): string[] | undefined {
    return this.#payloads;
  }

  get closed(): boolean {
    return this.#inner.closed;
  }

  send(payload: string): Promise<void> {
    this.#keep(payload);
    return this.#inner.send(payload);
  }

  sendMany(payloads: readonly string[]): Promise<void> {
    for (const payload of payloads) this.#keep(payload);
    return this.#inner.sendMany(payloads);
  }

  keepAliveFromNow(): void {
    this.#inner.keepAliveFromNow();
  }

  end(): void {
    this.#inner.end();
  }

  #keep(payload: string): void {
    if (this.#payloads && payload !== '[DONE]') {
      this.#bytes += payload.length;
      if (this.#bytes > this.#maxBytes) this.#payloads = undefined;
      else this.#payloads.push(payload);
    }
  }
}
