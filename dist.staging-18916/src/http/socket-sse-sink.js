const OPENROUTER_SSE_FRAMING = {
  frame: (payload) => `data: ${payload}

`,
  keepalive: ": OPENROUTER PROCESSING\n\n"
};
class SocketSseSink {
  #raw;
  #headers;
  #framing;
  #timer;
  #lastWrite = Date.now();
  #ended = false;
  constructor(raw, options) {
    this.#raw = raw;
    this.#headers = options.headers;
    const framing = options.framing ?? OPENROUTER_SSE_FRAMING;
    this.#framing = framing;
    const tick = Math.max(10, Math.floor(options.keepaliveMs / 2));
    this.#timer = setInterval(() => {
      if (Date.now() - this.#lastWrite >= options.keepaliveMs) void this.#write(framing.keepalive);
    }, tick);
    this.#timer.unref();
  }
  /** True once the status line went out; errors must then be sent in-band. */
  get started() {
    return this.#raw.headersSent;
  }
  get closed() {
    return this.#ended || this.#raw.destroyed || this.#raw.writableEnded;
  }
  send(payload) {
    return this.#write(this.#framing.frame(payload));
  }
  end() {
    clearInterval(this.#timer);
    if (this.#ended) return;
    this.#ended = true;
    if (!this.#raw.destroyed && !this.#raw.writableEnded) {
      if (!this.#raw.headersSent) this.#writeHead();
      this.#raw.end();
    }
  }
  /** Stops the keep-alive without ending (the caller will send a JSON error instead). */
  abandon() {
    clearInterval(this.#timer);
    this.#ended = true;
  }
  async #write(text) {
    if (this.closed) return;
    if (!this.#raw.headersSent) this.#writeHead();
    this.#lastWrite = Date.now();
    if (!this.#raw.write(text)) {
      await new Promise((resolve) => {
        const done = () => {
          this.#raw.off("drain", done);
          this.#raw.off("close", done);
          resolve();
        };
        this.#raw.on("drain", done);
        this.#raw.on("close", done);
      });
    }
  }
  #writeHead() {
    this.#raw.writeHead(200, {
      ...this.#headers,
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
      "x-accel-buffering": "no"
    });
  }
}
export {
  OPENROUTER_SSE_FRAMING,
  SocketSseSink
};
//# sourceMappingURL=socket-sse-sink.js.map
