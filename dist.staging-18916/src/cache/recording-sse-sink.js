class RecordingSseSink {
  #inner;
  #maxBytes;
  #bytes = 0;
  #payloads = [];
  constructor(inner, options) {
    this.#inner = inner;
    this.#maxBytes = options.maxBytes;
  }
  /** Everything sent, or undefined when it outgrew the budget. */
  get payloads() {
    return this.#payloads;
  }
  get closed() {
    return this.#inner.closed;
  }
  send(payload) {
    if (this.#payloads && payload !== "[DONE]") {
      this.#bytes += payload.length;
      if (this.#bytes > this.#maxBytes) this.#payloads = void 0;
      else this.#payloads.push(payload);
    }
    return this.#inner.send(payload);
  }
  end() {
    this.#inner.end();
  }
}
export {
  RecordingSseSink
};
//# sourceMappingURL=recording-sse-sink.js.map
