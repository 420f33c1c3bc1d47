class SseParser {
  #buffer = "";
  #data = [];
  #event = void 0;
  /** Appends text and returns the events it completed. */
  push(text) {
    this.#buffer += text;
    const events = [];
    let start = 0;
    for (; ; ) {
      const newline = this.#buffer.indexOf("\n", start);
      if (newline < 0) break;
      let line = this.#buffer.slice(start, newline);
      if (line.endsWith("\r")) line = line.slice(0, -1);
      start = newline + 1;
      this.#consumeLine(line, events);
    }
    this.#buffer = start === 0 ? this.#buffer : this.#buffer.slice(start);
    return events;
  }
  /** Ends the stream: a final event without its blank line still counts. */
  end() {
    const events = [];
    if (this.#buffer.length > 0) this.#consumeLine(this.#buffer.replace(/\r$/, ""), events);
    this.#buffer = "";
    this.#consumeLine("", events);
    return events;
  }
  #consumeLine(line, events) {
    if (line === "") {
      if (this.#data.length > 0) events.push({ event: this.#event, data: this.#data.join("\n") });
      this.#data = [];
      this.#event = void 0;
      return;
    }
    if (line.charCodeAt(0) === 58) return;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === "data") this.#data.push(value);
    else if (field === "event") this.#event = value;
  }
}
export {
  SseParser
};
//# sourceMappingURL=parse-sse.js.map
